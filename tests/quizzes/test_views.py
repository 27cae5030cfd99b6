"""The learner's quiz pages over HTTP: start, answer, move between pages, submit, the result."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from courses import progress
from courses.models import CourseIndexPage, CoursePage, LessonPage, LessonProgress, LessonRule, ProgressStatus
from quizzes.models import Attempt, AttemptQuestion, AttemptState, CloseReason, ReviewWhen
from tests.factories import CadreFactory, UserFactory, correct_answers, publish
from units.roles import EDITOR

pytestmark = pytest.mark.django_db
AJAX = {"X-Requested-With": "XMLHttpRequest"}  # how static/js/quiz.js asks for JSON


@pytest.fixture
def as_learner(client, learner):
    client.force_login(learner)
    return client


def start(client, quiz, **data):
    response = client.post(reverse("quizzes:start", args=[quiz.pk]), data)
    assert response.status_code == 302
    return response


def started(client, quiz, user, **data):
    start(client, quiz, **data)
    return Attempt.objects.get(quiz=quiz, user=user, state=AttemptState.IN_PROGRESS)


def form(answers, positions=None):
    """The POST of an attempt page for answers given as option ids: the positions shown and, as `cau-<position>`,
    the choices as the page numbers them (the open attempt's option order; an id not in it becomes choice 99)."""
    orders = dict(
        AttemptQuestion.objects.filter(attempt__state=AttemptState.IN_PROGRESS).values_list("position", "option_order")
    )
    data = {"tren-trang": [str(p) for p in (positions if positions is not None else answers)]}
    data.update(
        {
            f"cau-{position}": [
                str(orders[position].index(i) + 1) if i in orders.get(position, []) else str(99) for i in ids
            ]
            for position, ids in answers.items()
        }
    )
    return data


def wrong_answers(attempt):
    return {
        row.position: [next(i for i in row.option_order if i not in row.correct_option_ids)]
        for row in attempt.questions.all()
    }


def url(name, attempt, query=""):
    return reverse(f"quizzes:{name}", args=[attempt.pk]) + query


def selected(attempt):
    return {row.position: row.selected_option_ids for row in attempt.questions.all()}


def test_quiz_page_shows_the_rules_and_the_start_button(as_learner, quiz):
    quiz.time_limit_minutes = 15
    quiz.max_attempts = 2
    quiz.opens_at = timezone.make_aware(timezone.datetime(2026, 3, 1, 7, 30))
    quiz.closes_at = timezone.now() + timedelta(days=30)
    quiz.save()
    content = as_learner.get(reverse("quizzes:detail", args=[quiz.pk])).content.decode()
    assert quiz.title in content
    assert "15 phút" in content
    assert "01/03/2026 07:30" in content
    assert timezone.localtime(quiz.closes_at).strftime("%d/%m/%Y %H:%M") in content
    assert "Tối đa 2 lượt" in content
    assert "60%" in content
    assert "Lượt cao điểm nhất" in content
    assert "Bắt đầu làm bài" in content


def test_anonymous_visitor_is_sent_to_login(client, quiz):
    response = client.get(reverse("quizzes:detail", args=[quiz.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_starting_needs_a_post(as_learner, quiz):
    assert as_learner.get(reverse("quizzes:start", args=[quiz.pk])).status_code == 405
    assert not Attempt.objects.exists()


def test_learner_starts_answers_moves_between_pages_and_submits(as_learner, learner, quiz):
    quiz.questions_per_page = 2
    quiz.save()
    response = start(as_learner, quiz)
    attempt = Attempt.objects.get(user=learner)
    assert response["Location"] == url("attempt", attempt)

    page = as_learner.get(url("attempt", attempt)).content.decode()
    assert page.count('<fieldset class="question"') == 2
    assert "Trang 1/2" in page

    key = correct_answers(attempt)
    response = as_learner.post(url("save", attempt), {**form({1: key[1], 2: key[2]}), "goto": "3", "trang": "1"})
    assert response["Location"] == url("attempt", attempt, "?trang=2")
    page = as_learner.get(response["Location"]).content.decode()
    assert "Trang 2/2" in page
    assert "Bạn còn 2 câu chưa trả lời." in page

    # The navigator's buttons save the page too, and land on the question asked for.
    response = as_learner.post(url("save", attempt), {**form({3: key[3]}, [3, 4]), "goto": "4"})
    assert response["Location"] == url("attempt", attempt, "?trang=2#cau-4")

    response = as_learner.post(url("submit", attempt), form({3: key[3], 4: key[4]}))
    assert response["Location"] == url("result", attempt)
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.FINISHED
    assert attempt.close_reason == CloseReason.SUBMITTED
    assert attempt.percent == 100
    result = as_learner.get(response["Location"]).content.decode()
    assert "100%" in result and "Đạt" in result and "Học viên nộp bài" in result


def test_a_finished_attempt_page_sends_the_learner_to_its_result(as_learner, learner, quiz):
    attempt = started(as_learner, quiz, learner)
    as_learner.post(url("submit", attempt), form({}))
    assert as_learner.get(url("attempt", attempt))["Location"] == url("result", attempt)
    assert as_learner.get(url("result", attempt)).status_code == 200


def test_autosave_answers_json_and_a_reload_keeps_the_answers(as_learner, learner, quiz):
    attempt = started(as_learner, quiz, learner)
    last = attempt.questions.get(position=1).option_order[-1]
    choice = len(attempt.questions.get(position=1).option_order)  # the last option shown
    response = as_learner.post(url("save", attempt), form({1: [last]}), headers=AJAX)
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"saved", "saved_at"}
    assert data["saved"] is True
    assert data["saved_at"] == timezone.localtime(Attempt.objects.get().last_saved_at).strftime("%H:%M:%S")

    page = as_learner.get(url("attempt", attempt)).content.decode()
    assert f'value="{choice}" id="cau-1-{choice}" checked' in page
    assert f"Đã lưu lúc {data['saved_at']}" in page


def test_unticking_every_box_clears_the_answer(as_learner, learner, quiz):
    attempt = started(as_learner, quiz, learner)
    row = next(row for row in attempt.questions.all() if row.question_type == "multiple")
    as_learner.post(url("save", attempt), form({row.position: row.option_order[:2]}))
    assert len(selected(attempt)[row.position]) == 2
    as_learner.post(url("save", attempt), form({}, [row.position]))
    assert selected(attempt)[row.position] == []


@pytest.mark.parametrize("bad", ["other-question", "not-a-number", "two-for-single"])
def test_invalid_answers_are_refused_in_vietnamese_and_nothing_is_saved(as_learner, learner, quiz, bad):
    attempt = started(as_learner, quiz, learner)
    rows = {row.position: row for row in attempt.questions.all()}
    single = next(row for row in rows.values() if row.question_type == "single")
    other = next(row for row in rows.values() if row.pk != single.pk)
    answers = {other.position: other.option_order[:1]}
    if bad == "other-question":
        answers[single.position] = other.option_order[1:2]
    elif bad == "two-for-single":
        answers[single.position] = single.option_order[:2]
    data = form(answers)
    if bad == "not-a-number":
        data[f"cau-{single.position}"] = ["1 OR 1=1"]
    for headers in ({}, AJAX):
        response = as_learner.post(url("save", attempt), data, headers=headers)
        assert response.status_code == 400
        text = response.json()["error"] if headers else response.content.decode()
        assert any(word in text for word in ("không hợp lệ", "không thuộc", "chỉ được chọn"))
    response = as_learner.post(url("submit", attempt), data)
    assert response.status_code == 400
    attempt.refresh_from_db()
    assert attempt.is_open
    assert all(ids == [] for ids in selected(attempt).values())


def test_a_double_submit_gives_one_result(as_learner, learner, quiz):
    attempt = started(as_learner, quiz, learner)
    as_learner.post(url("submit", attempt), form(correct_answers(attempt)))
    first = Attempt.objects.get(pk=attempt.pk)
    response = as_learner.post(url("submit", attempt), form(wrong_answers(attempt)))
    assert response["Location"] == url("result", attempt)
    second = Attempt.objects.get(pk=attempt.pk)
    assert (second.percent, second.finished_at, second.score) == (first.percent, first.finished_at, first.score)
    assert Attempt.objects.filter(user=learner).count() == 1
    assert selected(second) == correct_answers(attempt)
    # A submit button pressed on a stale page (save with "nộp-bài") is the same submit.
    as_learner.post(url("save", attempt), {**form(wrong_answers(attempt)), "nop-bai": "1"})
    assert Attempt.objects.get(pk=attempt.pk).score == first.score


def test_another_learner_gets_404_on_someone_elses_attempt(client, learner, quiz, ward):
    client.force_login(learner)
    attempt = started(client, quiz, learner)
    intruder = CadreFactory(staff_code="HP000099", full_name="Lê Văn Khách", unit=ward).user
    client.force_login(intruder)
    data = form(correct_answers(attempt))
    assert client.get(url("attempt", attempt)).status_code == 404
    assert client.post(url("save", attempt), data).status_code == 404
    assert client.post(url("submit", attempt), data).status_code == 404
    assert client.get(url("result", attempt)).status_code == 404
    attempt.refresh_from_db()
    assert attempt.is_open
    assert all(ids == [] for ids in selected(attempt).values())


def test_the_attempt_page_shows_the_countdown(as_learner, learner, quiz):
    quiz.time_limit_minutes = 10
    quiz.save()
    attempt = started(as_learner, quiz, learner)
    page = as_learner.get(url("attempt", attempt)).content.decode()
    assert 'role="timer"' in page
    assert 'data-seconds-left="59' in page or 'data-seconds-left="60' in page
    assert "10:00" in page or "09:59" in page


def test_a_late_save_closes_the_attempt_with_what_was_saved(as_learner, learner, quiz, settings):
    settings.QUIZ_DEADLINE_GRACE_SECONDS = 30
    quiz.time_limit_minutes = 10
    quiz.save()
    attempt = started(as_learner, quiz, learner)
    key = correct_answers(attempt)
    as_learner.post(url("save", attempt), form({1: key[1]}))
    with time_machine.travel(attempt.deadline + timedelta(seconds=31), tick=False):
        response = as_learner.post(url("save", attempt), form({2: key[2]}), headers=AJAX)
    assert response.status_code == 409
    data = response.json()
    assert data["closed"] is True
    assert data["redirect"] == url("result", attempt)
    assert "hết giờ" in data["message"].lower()
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.FINISHED
    assert attempt.close_reason == CloseReason.TIMEOUT
    assert attempt.finished_at == attempt.deadline
    assert selected(attempt)[1] == key[1] and selected(attempt)[2] == []
    result = as_learner.get(url("result", attempt)).content.decode()
    assert "Hết giờ, hệ thống tự nộp" in result


def test_opening_the_page_after_the_deadline_shows_the_timed_out_result(as_learner, learner, quiz):
    quiz.time_limit_minutes = 5
    quiz.save()
    attempt = started(as_learner, quiz, learner)
    with time_machine.travel(attempt.deadline + timedelta(minutes=5), tick=False):
        response = as_learner.get(url("attempt", attempt))
        assert response["Location"] == url("result", attempt)
        assert "Hết giờ, hệ thống tự nộp" in as_learner.get(response["Location"]).content.decode()


def test_the_countdowns_submit_at_zero_is_a_time_out_that_keeps_the_posted_answers(as_learner, learner, quiz):
    quiz.time_limit_minutes = 5
    quiz.save()
    attempt = started(as_learner, quiz, learner)
    key = correct_answers(attempt)
    with time_machine.travel(attempt.deadline + timedelta(seconds=1), tick=False):
        response = as_learner.post(url("save", attempt), {**form(key), "nop-bai": "1"})
    assert response["Location"] == url("result", attempt)
    attempt.refresh_from_db()
    assert attempt.close_reason == CloseReason.TIMEOUT
    assert attempt.percent == 100


def test_starting_past_max_attempts_shows_the_refusal(as_learner, learner, quiz):
    quiz.max_attempts = 1
    quiz.save()
    attempt = started(as_learner, quiz, learner)
    as_learner.post(url("submit", attempt), form({}))
    response = as_learner.post(reverse("quizzes:start", args=[quiz.pk]), follow=True)
    content = response.content.decode()
    assert "Bạn đã dùng hết 1 lượt làm bài." in content
    assert Attempt.objects.filter(user=learner).count() == 1
    detail = as_learner.get(reverse("quizzes:detail", args=[quiz.pk])).content.decode()
    assert "Bạn đã dùng hết 1 lượt làm bài." in detail
    assert "Bắt đầu làm bài" not in detail
    assert url("result", attempt) in detail


def test_the_prediction_is_kept_between_pages_and_recorded_on_submit(as_learner, learner, quiz):
    quiz.questions_per_page = 2
    quiz.prediction_enabled = True
    quiz.save()
    attempt = started(as_learner, quiz, learner)
    assert "du-doan" not in as_learner.get(url("attempt", attempt, "?trang=1")).content.decode()
    last = as_learner.get(url("attempt", attempt, "?trang=2")).content.decode()
    assert "Dự đoán số người trả lời đúng tất cả các câu hỏi" in last
    as_learner.post(url("save", attempt), {**form({}, [3, 4]), "du-doan": "125", "goto": "1"})
    assert 'value="125"' in as_learner.get(url("attempt", attempt, "?trang=2")).content.decode()
    as_learner.post(url("submit", attempt), form({}, [1, 2]))
    assert Attempt.objects.get(pk=attempt.pk).prediction == 125


def test_the_result_shows_only_what_the_review_options_allow(as_learner, learner, quiz):
    quiz.review_score = ReviewWhen.AFTER_CLOSE
    quiz.review_answers = ReviewWhen.NEVER
    quiz.review_explanations = ReviewWhen.NEVER
    quiz.closes_at = timezone.now() + timedelta(days=1)
    quiz.save()
    attempt = started(as_learner, quiz, learner)
    as_learner.post(url("submit", attempt), form(correct_answers(attempt)))
    result = as_learner.get(url("result", attempt)).content.decode()
    assert "Bài làm của bạn đã được ghi nhận." in result
    assert "100%" not in result
    assert "Đáp án đúng" not in result and "Phản hồi:" not in result
    detail = as_learner.get(reverse("quizzes:detail", args=[quiz.pk])).content.decode()
    assert "100%" not in detail


@pytest.fixture(autouse=True)
def quiz_lesson(home_page, quiz):
    """The quiz offered in a live lesson: learners reach only quizzes a live page offers."""
    catalogue = publish(home_page, CourseIndexPage(title="Khóa học", slug="khoa-hoc-kt"))
    course = publish(
        catalogue, CoursePage(title="An toàn thông tin", slug="an-toan", topic="security", summary="Thói quen an toàn.")
    )
    return publish(
        course,
        LessonPage(
            title="Kiểm tra cuối bài",
            slug="kiem-tra-cuoi",
            completion_rule=LessonRule.ACTIVITY,
            body=[
                {"type": "paragraph", "value": "<p>Làm bài kiểm tra.</p>"},
                {"type": "quiz", "value": {"quiz": quiz.pk, "intro": "Đạt 60% để hoàn thành bài học."}},
            ],
        ),
    )


def test_passing_the_quiz_of_a_lesson_completes_it(as_learner, learner, quiz, quiz_lesson):
    progress.enrol(learner, quiz_lesson.course())
    page = as_learner.get(quiz_lesson.url).content.decode()
    assert "Đạt 60% để hoàn thành bài học." in page
    assert f'name="lesson" value="{quiz_lesson.pk}"' in page
    attempt = started(as_learner, quiz, learner, lesson=str(quiz_lesson.pk))
    assert attempt.lesson_id == quiz_lesson.pk
    response = as_learner.post(url("submit", attempt), form(correct_answers(attempt)))
    row = LessonProgress.objects.get(user=learner, lesson=quiz_lesson)
    assert row.status == ProgressStatus.COMPLETED
    assert row.score == 100
    result = as_learner.get(response["Location"]).content.decode()
    assert quiz_lesson.url in result and "Quay lại bài học" in result
    assert "Bạn đã đạt bài kiểm tra này." in as_learner.get(quiz_lesson.url).content.decode()


def test_the_quiz_page_opened_from_its_lesson_starts_attempts_for_the_lesson(as_learner, learner, quiz, quiz_lesson):
    detail = reverse("quizzes:detail", args=[quiz.pk])
    content = as_learner.get(f"{detail}?bai-hoc={quiz_lesson.pk}").content.decode()
    assert f'name="lesson" value="{quiz_lesson.pk}"' in content and quiz_lesson.url in content
    assert 'name="lesson"' not in as_learner.get(f"{detail}?bai-hoc=999999").content.decode()


def test_a_failed_quiz_leaves_the_lesson_open(as_learner, learner, quiz, quiz_lesson):
    progress.enrol(learner, quiz_lesson.course())
    as_learner.get(quiz_lesson.url)
    attempt = started(as_learner, quiz, learner, lesson=str(quiz_lesson.pk))
    as_learner.post(url("submit", attempt), form(wrong_answers(attempt)))
    assert LessonProgress.objects.get(user=learner, lesson=quiz_lesson).status != ProgressStatus.COMPLETED


def test_a_lesson_without_the_quiz_is_refused(as_learner, learner, quiz, quiz_lesson, home_page):
    other = publish(quiz_lesson.get_parent(), LessonPage(title="Khác", slug="khac", completion_rule=LessonRule.MANUAL))
    response = as_learner.post(reverse("quizzes:start", args=[quiz.pk]), {"lesson": str(other.pk)}, follow=True)
    assert "Bài học này không có bài kiểm tra bạn chọn." in response.content.decode()
    assert not Attempt.objects.exists()
    quiz_lesson.unpublish()
    as_learner.post(reverse("quizzes:start", args=[quiz.pk]), {"lesson": str(quiz_lesson.pk)})
    assert not Attempt.objects.exists()


def test_a_quiz_no_live_page_offers_is_not_found_by_learners(as_learner, learner, quiz, quiz_lesson, client):
    quiz_lesson.unpublish()
    assert as_learner.get(reverse("quizzes:detail", args=[quiz.pk])).status_code == 404
    assert as_learner.post(reverse("quizzes:start", args=[quiz.pk])).status_code == 404
    assert not Attempt.objects.exists()
    client.force_login(UserFactory(groups=[EDITOR]))  # editors may try out a quiz before it is published
    assert client.get(reverse("quizzes:detail", args=[quiz.pk])).status_code == 200
