"""A learner takes a timed quiz in a real browser: autosave, reload, pages, submit, review, time running out."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from courses.models import CourseIndexPage, CoursePage, LessonPage, LessonProgress, LessonRule, ProgressStatus
from quizzes.models import (
    Attempt,
    AttemptState,
    CloseReason,
    ContestPage,
    ContestRound,
    QuestionCategory,
    QuestionType,
    Quiz,
)
from tests.e2e.helpers import log_in, overflow
from tests.factories import CadreFactory, make_question, make_quiz, publish

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def timed_quiz(db):
    category = QuestionCategory.objects.create(name="An ninh mạng cơ bản", topic="security")
    questions = [
        make_question(
            category,
            "Mật khẩu nào mạnh nhất?",
            [("123456", False), ("Mùa@Thu2026!dài", True), ("matkhau", False)],
            explanation="<p>Cụm mật khẩu dài, có ký tự đặc biệt khó đoán hơn.</p>",
        ),
        make_question(
            category,
            "Nên mở tệp đính kèm lạ.",
            [("Đúng", False), ("Sai", True)],
            QuestionType.TRUE_FALSE,
            explanation="<p>Tệp đính kèm lạ có thể chứa mã độc.</p>",
        ),
        make_question(
            category,
            "Dấu hiệu thư giả mạo?",
            [("Người gửi lạ", True), ("Đòi mật khẩu gấp", True), ("Có chữ ký số hợp lệ", False)],
            QuestionType.MULTIPLE,
            explanation="<p>Thư giả mạo thường giục giã và đến từ người lạ.</p>",
        ),
        make_question(
            category,
            "Cập nhật phần mềm để làm gì?",
            [("Vá lỗ hổng bảo mật", True), ("Làm máy chậm đi", False)],
            explanation="<p>Bản cập nhật vá các lỗ hổng đã biết.</p>",
        ),
    ]
    return make_quiz(
        questions,
        title="Kiểm tra an toàn thông tin",
        time_limit_minutes=15,
        questions_per_page=2,
        shuffle_questions=False,
        pass_mark=75,
    )


def test_learner_takes_a_timed_quiz_in_a_lesson_and_sees_the_review(live_server, desktop, home_page, timed_quiz):
    catalogue = publish(home_page, CourseIndexPage(title="Khóa học", slug="khoa-hoc"))
    course = publish(
        catalogue,
        CoursePage(title="An toàn thông tin", slug="an-toan", topic="security", summary="Thói quen an toàn hằng ngày."),
    )
    lesson = publish(
        course,
        LessonPage(
            title="Kiểm tra cuối khóa",
            slug="kiem-tra",
            completion_rule=LessonRule.ACTIVITY,
            body=[{"type": "quiz", "value": {"quiz": timed_quiz.pk, "intro": "Đạt 75% để hoàn thành bài học."}}],
        ),
    )
    cadre = CadreFactory(staff_code="HP000060", full_name="Phạm Thu Hà")
    log_in(desktop, live_server.url, "HP000060")

    desktop.goto(live_server.url + lesson.url)
    with desktop.expect_navigation():
        desktop.get_by_role("button", name="Ghi danh khóa học").click()
    expect(desktop.get_by_role("heading", name="Kiểm tra an toàn thông tin")).to_be_visible()
    with desktop.expect_navigation():
        desktop.get_by_role("button", name="Bắt đầu làm bài").click()

    # Page 1 of 2: a countdown, two questions; an answer is saved as soon as it is chosen.
    expect(desktop.get_by_role("timer")).to_have_text(re.compile(r"^1[45]:\d\d$"))
    expect(desktop.get_by_text("Trang 1/2")).to_be_visible()
    desktop.get_by_label("Mùa@Thu2026!dài").check()
    status = desktop.locator("[data-quiz-status]")
    expect(status).to_contain_text("Đã lưu lúc")
    expect(desktop.get_by_role("button", name="Câu 1, đã trả lời")).to_be_visible()

    desktop.reload()
    expect(desktop.get_by_label("Mùa@Thu2026!dài")).to_be_checked()
    expect(desktop.get_by_role("button", name="Câu 2, chưa trả lời, trên trang này")).to_be_visible()

    with desktop.expect_navigation():
        desktop.get_by_role("button", name="Trang sau").click()
    expect(desktop.get_by_text("Trang 2/2")).to_be_visible()
    desktop.get_by_label("Người gửi lạ").check()
    desktop.get_by_label("Đòi mật khẩu gấp").check()
    desktop.get_by_label("Vá lỗ hổng bảo mật").check()
    expect(desktop.locator("[data-quiz-remaining]")).to_have_text("Bạn còn 1 câu chưa trả lời.")

    # Submitting with a question unanswered asks first.
    asked = []
    desktop.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    with desktop.expect_navigation():
        desktop.get_by_role("button", name="Nộp bài").click()
    assert asked == ["Bạn còn 1 câu chưa trả lời. Bạn vẫn muốn nộp bài?"]

    # The result, as the review options allow (all, right after the attempt).
    expect(desktop.locator(".result-score__percent")).to_have_text("75%")
    expect(desktop.get_by_text("Đạt", exact=True).first).to_be_visible()
    expect(desktop.get_by_text("Học viên nộp bài")).to_be_visible()
    expect(desktop.get_by_text("Đáp án đúng").first).to_be_visible()
    expect(desktop.get_by_text("Tệp đính kèm lạ có thể chứa mã độc.")).to_be_visible()
    expect(desktop.get_by_text("Bạn chưa trả lời câu này.")).to_be_visible()

    with desktop.expect_navigation():
        desktop.get_by_role("link", name="Quay lại bài học “Kiểm tra cuối khóa”").click()
    expect(desktop.get_by_text("Bạn đã đạt bài kiểm tra này.")).to_be_visible()
    assert LessonProgress.objects.get(user=cadre.user, lesson=lesson).status == ProgressStatus.COMPLETED


def test_the_contest_page_submits_itself_when_the_time_runs_out_on_a_phone(live_server, phone, home_page, timed_quiz):
    Quiz.objects.filter(pk=timed_quiz.pk).update(is_contest=True)
    contest = publish(
        home_page,
        ContestPage(
            title="Cuộc thi tìm hiểu an toàn thông tin",
            slug="cuoc-thi",
            intro="Thi trực tuyến.",
            rules="<p>Mỗi người thi tối đa hai lượt.</p>",
            rounds=[ContestRound(name="Đợt 1", quiz=timed_quiz)],
        ),
    )
    cadre = CadreFactory(staff_code="HP000061", full_name="Ngô Văn Bình")
    log_in(phone, live_server.url, "HP000061")
    phone.goto(live_server.url + contest.url)
    assert overflow(phone) <= 0
    with phone.expect_navigation():
        phone.get_by_role("button", name="Vào thi").click()
    phone.get_by_label("Mùa@Thu2026!dài").check()
    expect(phone.locator("[data-quiz-status]")).to_contain_text("Đã lưu lúc")

    # Only a few seconds are left; the page shows it after a reload and submits at zero.
    attempt = Attempt.objects.get(user=cadre.user, state=AttemptState.IN_PROGRESS)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() + timedelta(seconds=6))
    phone.reload()
    expect(phone.get_by_role("timer")).to_have_text(re.compile(r"^00:0[0-6]$"))
    assert overflow(phone) <= 0
    phone.get_by_label("Sai", exact=True).check()
    phone.wait_for_url(re.compile(r"/ket-qua/$"), timeout=20_000)

    expect(phone.get_by_text("Hết giờ, hệ thống tự nộp")).to_be_visible()
    assert overflow(phone) <= 0
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.FINISHED
    assert attempt.close_reason == CloseReason.TIMEOUT
    assert attempt.score == 2  # both answers count: the one saved before and the one the page sent at zero
