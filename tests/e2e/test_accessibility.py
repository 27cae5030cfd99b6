"""Accessibility in a real browser: axe-core finds no serious or critical violation on the pages learners and managers
use, at 375 px and at 1280 px; and a learner takes a quiz with the keyboard alone.

axe-core comes from npm (package.json, `npm ci --ignore-scripts`) and is injected into each page as served. The data is
set up once per test, and each test walks through all its pages, so the module stays fast.
"""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from certificates.issuing import Achievement, issue
from certificates.models import CertificateKind, CertificateTemplate
from courses import progress
from courses.models import CourseCompletion, LessonPage, LessonRule
from quizzes.models import Attempt, AttemptState, ContestPage, ContestRound, Question, QuestionCategory, QuestionType
from tests.e2e.helpers import log_in
from tests.factories import CadreFactory, UserFactory, make_question, make_quiz, publish
from units.roles import MANAGER

pytestmark = [pytest.mark.e2e, pytest.mark.markup, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
WIDTHS = {"375 px": (375, 800), "1280 px": (1280, 900)}

RUN_AXE = """
async rules => {
    const options = {resultTypes: ["violations"]};
    if (rules) options.runOnly = {type: "rule", values: rules};
    const results = await axe.run(document, options);
    return results.violations.map(violation => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes.map(node => ({target: node.target.join(" "), summary: node.failureSummary})),
    }));
}
"""


def violations(page, rules=None):
    """axe-core's violations on the page as it is now; `rules` limits the run to those rules."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci --ignore-scripts`")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, list(rules) if rules else None)


def blocking(found):
    return [violation for violation in found if violation["impact"] in BLOCKING]


def report(failures):
    """Each page's serious or critical violations: rule, impact, help and the failing nodes' targets."""
    lines = []
    for where, found in failures:
        lines.append(f"{where}:")
        for violation in found:
            lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
            for node in violation["nodes"]:
                lines.append(f"      {node['target']}")
    return "\n".join(lines)


FIELDS_WITHOUT_LABEL = r"""
() => Array.from(document.querySelectorAll("input, select, textarea"))
    .filter(field => !["hidden", "submit", "button", "reset", "image"].includes(field.type))
    .filter(field => {
        const byLabel = Array.from(field.labels || []).some(label => label.textContent.trim());
        const byAria = (field.getAttribute("aria-label") || "").trim();
        const byIds = (field.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean)
            .some(id => (document.getElementById(id)?.textContent || "").trim());
        return !(byLabel || byAria || byIds || (field.getAttribute("title") || "").trim());
    })
    .map(field => field.outerHTML)
"""

FOCUS_IS_VISIBLE = """
element => {
    if (element !== document.activeElement || !element.matches(":focus-visible")) return false;
    const ringed = node => {
        const style = getComputedStyle(node);
        return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
    };
    return ringed(element) || Boolean(element.closest("label") && ringed(element.closest("label")));
}
"""


def let_autosave_finish(page):
    """Wait for the answers' autosave requests to end before submitting.

    On the embedded in-memory SQLite every live-server thread shares one connection; a submit posted while an
    autosave is still being answered can then fail with "database table is locked" (never on PostgreSQL).
    """
    page.wait_for_load_state("networkidle")


@pytest.fixture
def quiz_lesson(course):
    """A lesson of `course` holding a timed quiz of three questions on one page: single, true/false, multiple."""
    category = QuestionCategory.objects.create(name="An toàn thông tin", topic="security")
    questions = [
        make_question(category, "Mật khẩu nào mạnh nhất?", [("123456", False), ("Mùa@Thu2026!dài", True)]),
        make_question(category, "Nên mở tệp đính kèm lạ.", [("Đúng", False), ("Sai", True)], QuestionType.TRUE_FALSE),
        make_question(
            category,
            "Dấu hiệu thư giả mạo?",
            [("Người gửi lạ", True), ("Đòi mật khẩu gấp", True), ("Có chữ ký số hợp lệ", False)],
            QuestionType.MULTIPLE,
        ),
    ]
    quiz = make_quiz(
        questions,
        title="Kiểm tra an toàn thông tin",
        time_limit_minutes=15,
        questions_per_page=5,
        shuffle_questions=False,
        shuffle_options=False,
        pass_mark=60,
    )
    return publish(
        course,
        LessonPage(
            title="Kiểm tra nhanh",
            slug="kiem-tra-nhanh",
            completion_rule=LessonRule.ACTIVITY,
            body=[{"type": "quiz", "value": {"quiz": quiz.pk, "intro": "Đạt 60% để hoàn thành bài học."}}],
        ),
    )


@pytest.fixture
def site(home_page, course, ward, quiz_lesson):
    """What the pages show: a lesson with a quiz, a contest, one learner a width with a certificate, a unit manager."""
    contest_quiz = make_quiz(
        list(Question.objects.order_by("pk")[:2]), title="Thi tìm hiểu an toàn thông tin", is_contest=True
    )
    contest = publish(
        home_page,
        ContestPage(
            title="Cuộc thi tìm hiểu an toàn thông tin",
            slug="cuoc-thi",
            intro="Thi trực tuyến cho cán bộ và người dân.",
            rules="<p>Mỗi người thi tối đa hai lượt.</p>",
            rounds=[ContestRound(name="Đợt 1", quiz=contest_quiz)],
        ),
    )
    template = CertificateTemplate.objects.create(
        name="Mẫu hoàn thành",
        issuer="Ban Tuyên giáo và Dân vận Thành ủy Hải Phòng",
        signatory_position="Phó Trưởng ban",
        signatory_name="Trần Thị Hương",
    )
    learners = {}
    for number, width in enumerate(WIDTHS, start=1):
        cadre = CadreFactory(staff_code=f"HP0009{number:02d}", full_name=f"Lê Thị Hoa {number}", unit=ward)
        progress.enrol(cadre.user, course)
        completion = CourseCompletion.objects.create(
            user=cadre.user,
            course=course,
            course_title=course.title,
            score=90,
            completed_at="2026-10-01T09:00:00+07:00",
            lessons_completed=3,
            lessons_required=3,
        )
        achievement = Achievement(
            kind=CertificateKind.COURSE,
            source_key=f"course:{course.pk}:{completion.cycle}",
            source_id=course.pk,
            title=course.title,
            result="Hoàn thành",
            achieved_on=date(2026, 10, 1),
            score=90,
        )
        issue(cadre.user, template, achievement, cadre.full_name, ward)
        learners[width] = cadre
    manager = UserFactory(username="truongphong.a11y", groups=[MANAGER])
    ward.managers.add(manager)
    return {"lesson": quiz_lesson, "contest": contest, "learners": learners, "manager": manager}


def test_no_serious_or_critical_violations_on_learner_and_manager_pages(live_server, browser, course, site):
    failures = []

    def check(page, where):
        found = blocking(violations(page))
        if found:
            failures.append((where, found))

    # Each width has its learner: one fails the quiz (two wrong answers), the other passes it (one wrong).
    wrong_answers = {"375 px": ("123456", "Đúng"), "1280 px": ("Đúng",)}
    for width, (x, y) in WIDTHS.items():
        context = browser.new_context(viewport={"width": x, "height": y}, locale="vi-VN")
        page = context.new_page()
        cadre = site["learners"][width]

        page.goto(live_server.url + "/")
        check(page, f"Trang chủ (chưa đăng nhập), {width}")
        page.goto(live_server.url + "/tai-khoan/dang-nhap/")
        check(page, f"Đăng nhập, {width}")
        log_in(page, live_server.url, cadre.staff_code)
        check(page, f"Sau khi đăng nhập, {width}")

        pages = [
            ("Trang chủ", "/"),
            ("Danh mục khóa học", course.get_parent().url),
            ("Khóa học", course.url),
            ("Bài học có bài kiểm tra", site["lesson"].url),
        ]
        for name, url in pages:
            page.goto(live_server.url + url)
            check(page, f"{name}, {width}")
        if x < 640:  # the phone's menu, opened
            page.get_by_role("button", name="Danh mục").click()
            expect(page.get_by_role("search").get_by_role("searchbox")).to_be_visible()
            check(page, f"Bài học, trình đơn đang mở, {width}")

        with page.expect_navigation():
            page.get_by_role("button", name="Bắt đầu làm bài").click()
        expect(page.get_by_role("timer")).to_be_visible()
        check(page, f"Lượt làm bài (chưa trả lời), {width}")
        wrong = wrong_answers[width]
        page.get_by_label("123456" if "123456" in wrong else "Mùa@Thu2026!dài").check()
        expect(page.locator("[data-quiz-status]")).to_contain_text("Đã lưu lúc")
        check(page, f"Lượt làm bài (đang làm, đã lưu), {width}")
        page.get_by_label("Đúng" if "Đúng" in wrong else "Sai", exact=True).check()
        page.get_by_label("Người gửi lạ").check()
        page.get_by_label("Đòi mật khẩu gấp").check()
        let_autosave_finish(page)
        with page.expect_navigation():
            page.get_by_role("button", name="Nộp bài").click()
        expect(page.locator(".result-score__percent")).to_be_visible()
        check(page, f"Kết quả bài kiểm tra ({3 - len(wrong)}/3 câu đúng), {width}")

        page.goto(live_server.url + site["contest"].url)
        expect(page.get_by_role("heading", name="Cuộc thi tìm hiểu an toàn thông tin")).to_be_visible()
        check(page, f"Cuộc thi, {width}")
        page.goto(live_server.url + "/chung-nhan/")
        expect(page.locator("main")).to_contain_text(course.title)
        check(page, f"Chứng nhận của tôi, {width}")

        context.clear_cookies()
        log_in(page, live_server.url, site["manager"].username)
        subject = f"subject=course-{course.pk}"
        reports = [
            ("Báo cáo theo đơn vị", "/admin/bao-cao/"),
            ("Báo cáo theo đơn vị, một khóa học", f"/admin/bao-cao/?{subject}"),
            ("Báo cáo theo đối tượng", f"/admin/bao-cao/theo-doi-tuong/?{subject}"),
            ("Báo cáo theo cán bộ", f"/admin/bao-cao/khoa-hoc/?{subject}"),
            ("Quá trình học của cán bộ", f"/admin/bao-cao/can-bo/{cadre.pk}/"),
        ]
        for name, url in reports:
            response = page.goto(live_server.url + url)
            assert response.ok, f"{name}: HTTP {response.status}"
            expect(page.locator("main")).to_contain_text(cadre.unit.name)
            check(page, f"{name}, {width}")
        context.close()

    assert not failures, "axe-core found serious or critical violations:\n" + report(failures)


def press_until_focused(page, target, key="Tab", limit=60):
    """Press `key` until `target` has the focus, as a keyboard user moves through the page; the focus must show."""
    for _ in range(limit):
        page.keyboard.press(key)
        if target.evaluate("element => element === document.activeElement"):
            assert target.evaluate(FOCUS_IS_VISIBLE), f"no visible focus on {target}"
            return
    pytest.fail(f"{key} never reached {target} in {limit} presses")


def test_a_learner_takes_a_quiz_with_the_keyboard_only(live_server, desktop, course, quiz_lesson, ward):
    cadre = CadreFactory(staff_code="HP000950", full_name="Đỗ Minh Khoa", unit=ward)
    progress.enrol(cadre.user, course)
    log_in(desktop, live_server.url, "HP000950")
    desktop.goto(live_server.url + quiz_lesson.url)

    # From here on only the keyboard: Tab, Shift+Tab, Space, Enter and the arrow keys.
    start = desktop.get_by_role("button", name="Bắt đầu làm bài")
    press_until_focused(desktop, start)
    with desktop.expect_navigation():
        desktop.keyboard.press("Enter")
    expect(desktop.get_by_role("timer")).to_be_visible()

    # Every field of the attempt page has an accessible name, and axe's label rule agrees.
    assert desktop.evaluate(FIELDS_WITHOUT_LABEL) == []
    assert violations(desktop, rules=["label"]) == []

    # Question 1 (one answer): Tab reaches the first option of the radio group; the arrow key moves to the right one.
    first, strong = desktop.get_by_label("123456"), desktop.get_by_label("Mùa@Thu2026!dài")
    press_until_focused(desktop, first)
    desktop.keyboard.press("ArrowDown")
    expect(strong).to_be_focused()
    expect(strong).to_be_checked()
    expect(first).not_to_be_checked()
    expect(desktop.locator("[data-quiz-status]")).to_contain_text("Đã lưu lúc")

    # Question 2 (true/false): Tab goes past the group to question 3, Shift+Tab comes back; ArrowDown picks "Sai".
    sender = desktop.get_by_label("Người gửi lạ")
    press_until_focused(desktop, sender)
    desktop.keyboard.press("Shift+Tab")
    true = desktop.get_by_label("Đúng", exact=True)
    expect(true).to_be_focused()
    desktop.keyboard.press("ArrowDown")
    expect(desktop.get_by_label("Sai", exact=True)).to_be_checked()

    # Question 3 (several answers): Space ticks each checkbox.
    press_until_focused(desktop, sender)
    desktop.keyboard.press("Space")
    urgent = desktop.get_by_label("Đòi mật khẩu gấp")
    press_until_focused(desktop, urgent)
    desktop.keyboard.press("Space")
    expect(sender).to_be_checked()
    expect(urgent).to_be_checked()
    expect(desktop.get_by_label("Có chữ ký số hợp lệ")).not_to_be_checked()
    expect(desktop.locator("[data-quiz-remaining]")).to_have_text("Bạn đã trả lời tất cả các câu hỏi.")

    # Submit with Enter; a question left unanswered would ask first, and the learner would confirm.
    asked = []
    desktop.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    submit = desktop.get_by_role("button", name="Nộp bài")
    press_until_focused(desktop, submit)
    let_autosave_finish(desktop)
    with desktop.expect_navigation():
        desktop.keyboard.press("Enter")
    assert asked == []

    expect(desktop.locator(".result-score__percent")).to_have_text("100%")
    expect(desktop.get_by_text("Đạt", exact=True).first).to_be_visible()
    assert Attempt.objects.get(user=cadre.user).state == AttemptState.FINISHED
