"""A new learner plays H5P activities in a lesson, in a real browser, with no request leaving this machine."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from courses.models import CourseIndexPage, CoursePage, LessonPage, LessonProgress, LessonRule, ProgressStatus
from h5p.models import H5PAttempt, H5PLibrary, H5PState
from h5p.registry import install_package
from h5p.validation import validate_package
from tests.e2e.helpers import log_in, overflow
from tests.factories import CadreFactory, publish
from tests.h5p_packages import DEFAULT_CONTENT, build_package

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SECOND_CONTENT = {
    "question": "Khi nhận thư lạ đòi mật khẩu, bạn nên làm gì?",
    "options": [
        {"text": "Trả lời ngay", "correct": False},
        {"text": "Báo bộ phận CNTT", "correct": True},
    ],
}


def install(tmp_path, name, title, content):
    """Upload the project's own test package, as an editor with the upload permission would."""
    path = build_package(tmp_path, content=content, title=title, name=name)
    return install_package(validate_package(path), title=title).activity


@pytest.fixture
def lesson_with_two_activities(home_page, tmp_path):
    first = install(tmp_path, "mat-khau.h5p", "Chọn mật khẩu an toàn", DEFAULT_CONTENT)
    second = install(tmp_path, "thu-la.h5p", "Xử lý thư lạ", SECOND_CONTENT)
    catalogue = publish(home_page, CourseIndexPage(title="Khóa học", slug="khoa-hoc"))
    course = publish(
        catalogue,
        CoursePage(title="An toàn thông tin", slug="an-toan", topic="security", summary="Thói quen an toàn hằng ngày."),
    )
    lesson = publish(
        course,
        LessonPage(
            title="Luyện tập: mật khẩu và thư lạ",
            slug="luyen-tap",
            completion_rule=LessonRule.ACTIVITY,
            body=[
                {"type": "h5p", "value": {"activity": first.pk, "intro": "Chọn phương án đúng rồi bấm Kiểm tra."}},
                {"type": "paragraph", "value": "<p>Thư lạ thường giục giã, đòi mật khẩu.</p>"},
                {"type": "h5p", "value": {"activity": second.pk, "intro": ""}},
            ],
        ),
    )
    return lesson, first, second


def outside_requests(urls, server):
    """The requests that went anywhere but the test server on this machine (127.0.0.1, named localhost)."""
    return [
        url
        for url in urls
        if not url.startswith(("data:", "about:", "blob:")) and urlsplit(url).netloc != urlsplit(server).netloc
    ]


def test_a_new_learner_answers_an_activity_and_the_attempt_and_progress_follow(
    live_server, desktop, lesson_with_two_activities, settings
):
    settings.H5P_SAVE_STATE_SECONDS = 2  # H5P saves the learner's state soon, to see it resume
    lesson, first, second = lesson_with_two_activities
    assert H5PLibrary.objects.count() == 1  # the second upload reused the installed library version
    cadre = CadreFactory(staff_code="HP000070", full_name="Đỗ Thị Hạnh")
    requests, all_requests = [], []
    desktop.on("request", lambda request: (requests.append(request.url), all_requests.append(request.url)))
    desktop.on("pageerror", lambda error: print("Page error:", error))  # shown when the test fails
    assert urlsplit(live_server.url).hostname in {"localhost", "127.0.0.1"}
    log_in(desktop, live_server.url, "HP000070")

    lesson_page = desktop.goto(live_server.url + lesson.url)
    # The site denies all framing; the H5P player's iframes are its own about:blank documents and still play.
    assert lesson_page.headers["x-frame-options"] == "DENY"
    players = desktop.locator("[data-h5p-activity]")
    # Let the players finish loading before enrolling: the live server on in-memory SQLite refuses
    # a write made while another request writes ("database table is locked").
    expect(players.nth(1)).to_have_attribute("data-h5p-ready", "true", timeout=20_000)
    requests.clear()
    with desktop.expect_navigation():
        desktop.get_by_role("button", name="Ghi danh khóa học").click()
    expect(desktop.get_by_text("Hoạt động luyện tập — điểm không tính vào chứng nhận")).to_have_count(2)

    # Both activities load, each in its own H5P iframe, the second only once the first has started.
    expect(players).to_have_count(2)
    expect(players.nth(0)).to_have_attribute("data-h5p-ready", "true", timeout=20_000)
    expect(players.nth(1)).to_have_attribute("data-h5p-ready", "true", timeout=20_000)
    first_frame = desktop.frame_locator(f"#h5p-iframe-{first.folder}")
    second_frame = desktop.frame_locator(f"#h5p-iframe-{second.folder}")
    expect(first_frame.get_by_text("Mật khẩu nào an toàn nhất?")).to_be_visible()
    expect(second_frame.get_by_text("Khi nhận thư lạ đòi mật khẩu, bạn nên làm gì?")).to_be_visible()
    paths = [urlsplit(url).path for url in requests]
    assert paths.index(f"/h5p/noi-dung/{second.folder}/h5p.json") > paths.index(
        f"/h5p/noi-dung/{first.folder}/content/content.json"
    )

    # Choose inside the first iframe: H5P saves the choice through the state endpoint (with the
    # CSRF token), then "Kiểm tra" sends the scored statement.
    is_state_save = lambda response: "/trang-thai/" in response.url and response.request.method == "POST"  # noqa: E731
    with desktop.expect_response(is_state_save, timeout=15_000) as saved:
        first_frame.get_by_label("Mùa@Thu2026!dài").check()
    assert saved.value.ok
    first_frame.get_by_role("button", name="Kiểm tra").click()
    expect(first_frame.get_by_text("Chính xác!")).to_be_visible()
    status = players.nth(0).locator("[data-h5p-status]")
    expect(status).to_contain_text("Đã ghi nhận lượt làm: 1/1 điểm.")
    expect(status).to_contain_text("Bài học đã được ghi nhận hoàn thành.")

    # After a reload the attempt is listed with its score, the lesson shows as completed, and the
    # activity resumes with the saved choice.
    desktop.reload()
    attempts = desktop.locator("[data-h5p-attempts]")
    expect(attempts).to_have_count(1)
    expect(attempts).to_contain_text("Điểm: 1/1")
    expect(attempts).to_contain_text("Đạt")
    expect(desktop.locator("#tien-do-bai-hoc")).to_contain_text("Bạn đã hoàn thành bài học này")
    expect(players.nth(0)).to_have_attribute("data-h5p-ready", "true", timeout=20_000)
    expect(first_frame.get_by_label("Mùa@Thu2026!dài")).to_be_checked()
    expect(second_frame.get_by_label("Báo bộ phận CNTT")).not_to_be_checked()
    desktop.goto("about:blank")  # nothing runs in the browser while the database is read below

    attempt = H5PAttempt.objects.get(user=cadre.user, activity=first)
    assert (attempt.raw_score, attempt.max_score, attempt.success) == (1, 1, True)
    assert attempt.lesson_id == lesson.pk
    assert not H5PAttempt.objects.filter(activity=second).exists()
    assert H5PState.objects.filter(user=cadre.user, activity=first).exists()
    assert LessonProgress.objects.get(user=cadre.user, lesson=lesson).status == ProgressStatus.COMPLETED

    assert outside_requests(all_requests, live_server.url) == []
    assert any(re.search(r"/static/h5p-standalone/main\.bundle(\.\w+)?\.js$", url) for url in all_requests)


def test_a_visitor_who_is_not_logged_in_is_asked_to_log_in_on_a_phone(live_server, phone, lesson_with_two_activities):
    lesson, _first, _second = lesson_with_two_activities
    phone.goto(live_server.url + lesson.url)
    links = phone.get_by_role("link", name="Đăng nhập để làm hoạt động")
    expect(links).to_have_count(2)
    expect(phone.locator("[data-h5p-activity]")).to_have_count(0)
    expect(phone.locator("iframe")).to_have_count(0)
    assert overflow(phone) <= 0
    with phone.expect_navigation():
        links.first.click()
    assert "/tai-khoan/dang-nhap/" in phone.url
