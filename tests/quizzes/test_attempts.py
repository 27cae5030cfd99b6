"""Attempts through the domain module: start, answer, finish, limits, deadlines, idempotence, lessons."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from courses import progress
from courses.models import LessonProgress, LessonRule, ProgressStatus
from quizzes import attempts
from quizzes.models import Attempt, AttemptState, CloseReason, GradingMethod, QuestionOption, QuizDrawRule
from tests.factories import CadreFactory, correct_answers, make_question, make_quiz


def wrong_answers(attempt):
    """For every question, one option that is not correct."""
    return {
        row.position: [next(option for option in row.option_order if option not in row.correct_option_ids)]
        for row in attempt.questions.all()
    }


def test_an_attempt_asks_every_question_once_with_each_question_s_own_options(quiz, questions, learner):
    attempt = attempts.start_attempt(learner, quiz)
    rows = list(attempt.questions.all())
    assert sorted(row.question_id for row in rows) == sorted(question.pk for question in questions)
    for row in rows:
        assert sorted(row.option_order) == sorted(row.question.options.values_list("pk", flat=True))
    assert attempt.unit == learner.cadre.unit
    assert attempt.max_score == Decimal("5.00")


def test_all_correct_scores_full_marks_whatever_the_shuffle(quiz, learner):
    quiz.max_attempts = 0
    quiz.save()
    orders = set()
    for _ in range(6):
        attempt = attempts.start_attempt(learner, quiz)
        orders.add(tuple(row.question_id for row in attempt.questions.all()))
        done = attempts.finish(attempt.pk, learner, answers=correct_answers(attempt))
        assert (done.percent, done.passed, done.all_correct) == (Decimal("100.00"), True, True)
    assert len(orders) > 1, "six attempts should not all get the same question order"


def test_mixed_answers_score_by_type(quiz, questions, learner):
    attempt = attempts.start_attempt(learner, quiz)
    by_question = {row.question_id: row for row in attempt.questions.all()}
    single, true_false, multiple, partial = (by_question[q.pk] for q in questions)
    options = {option.text: option.pk for option in QuestionOption.objects.all()}
    answers = {
        single.position: single.correct_option_ids,  # 1 of 1
        true_false.position: [options["Đúng"]],  # 0 of 1
        multiple.position: [options["Người gửi lạ"]],  # all or nothing: 0 of 1
        partial.position: [options["Sức khỏe"], options["Sinh trắc học"]],  # 2 × 2/3 = 1.33 of 2
    }
    done = attempts.finish(attempt.pk, learner, answers=answers)
    assert done.score == Decimal("2.33")
    assert done.percent == Decimal("46.60")
    assert done.passed is False and done.all_correct is False
    points = {row.question_id: row.points for row in done.questions.all()}
    assert points == {
        single.question_id: Decimal("1.00"),
        true_false.question_id: Decimal("0.00"),
        multiple.question_id: Decimal("0.00"),
        partial.question_id: Decimal("1.33"),
    }


def test_saved_answers_are_kept_and_can_be_changed(quiz, learner):
    attempt = attempts.start_attempt(learner, quiz)
    attempts.save_answers(learner, attempt.pk, wrong_answers(attempt))
    attempts.save_answers(learner, attempt.pk, correct_answers(attempt))
    assert attempts.start_attempt(learner, quiz) == attempt  # resuming, not a new attempt
    done = attempts.finish(attempt.pk, learner)
    assert done.percent == Decimal("100.00")


def test_answers_outside_the_attempt_are_refused_and_nothing_is_saved(quiz, learner, category):
    attempt = attempts.start_attempt(learner, quiz)
    stranger = make_question(category, "Câu khác", [("X", True), ("Y", False)])
    first = attempt.questions.get(position=1)
    bad = {1: list(first.correct_option_ids), 2: [stranger.options.first().pk]}
    with pytest.raises(attempts.AttemptError, match="không thuộc câu hỏi 2"):
        attempts.save_answers(learner, attempt.pk, bad)
    assert not attempt.questions.get(position=1).selected_option_ids
    with pytest.raises(attempts.AttemptError):
        attempts.save_answers(learner, attempt.pk, {99: [1]})


def test_single_choice_takes_one_option(quiz, learner):
    attempt = attempts.start_attempt(learner, quiz)
    row = next(row for row in attempt.questions.all() if row.question_type == "single")
    with pytest.raises(attempts.AttemptError, match="chỉ được chọn một"):
        attempts.save_answers(learner, attempt.pk, {row.position: row.option_order[:2]})


def test_another_learner_cannot_touch_the_attempt(quiz, learner, ward):
    attempt = attempts.start_attempt(learner, quiz)
    intruder = CadreFactory(unit=ward).user
    with pytest.raises(attempts.AttemptError):
        attempts.save_answers(intruder, attempt.pk, correct_answers(attempt))
    with pytest.raises(attempts.AttemptError):
        attempts.finish(attempt.pk, intruder)
    attempt.refresh_from_db()
    assert attempt.is_open


def test_the_attempt_after_the_last_allowed_is_refused(quiz, learner):
    quiz.max_attempts = 2
    quiz.save()
    for _ in range(2):
        attempts.finish(attempts.start_attempt(learner, quiz).pk, learner)
    with pytest.raises(attempts.AttemptError, match="hết 2 lượt"):
        attempts.start_attempt(learner, quiz)
    assert Attempt.objects.filter(user=learner).count() == 2


def test_a_quiz_is_taken_only_between_its_dates(quiz, learner):
    now = timezone.now()
    quiz.opens_at = now + timedelta(hours=1)
    quiz.save()
    with pytest.raises(attempts.AttemptError, match="chưa mở"):
        attempts.start_attempt(learner, quiz)
    quiz.opens_at, quiz.closes_at = now - timedelta(days=2), now - timedelta(days=1)
    quiz.save()
    with pytest.raises(attempts.AttemptError, match="đã đóng"):
        attempts.start_attempt(learner, quiz)


@pytest.fixture
def timed_quiz(quiz):
    quiz.time_limit_minutes = 10
    quiz.save()
    return quiz


def test_a_submit_within_the_grace_is_accepted_with_its_answers(timed_quiz, learner, settings):
    settings.QUIZ_DEADLINE_GRACE_SECONDS = 30
    attempt = attempts.start_attempt(learner, timed_quiz)
    late = attempt.deadline + timedelta(seconds=20)
    done = attempts.finish(attempt.pk, learner, answers=correct_answers(attempt), now=late)
    assert done.percent == Decimal("100.00")  # the answers sent with the submit count
    assert (done.close_reason, done.finished_at) == (CloseReason.TIMEOUT, attempt.deadline)


def test_a_late_submit_closes_the_attempt_at_the_deadline_with_what_was_saved(timed_quiz, learner, settings):
    settings.QUIZ_DEADLINE_GRACE_SECONDS = 30
    attempt = attempts.start_attempt(learner, timed_quiz)
    key = correct_answers(attempt)
    attempts.save_answers(learner, attempt.pk, {1: key[1]}, now=attempt.started_at + timedelta(minutes=5))
    late = attempt.deadline + timedelta(minutes=3)
    done = attempts.finish(attempt.pk, learner, answers=key, now=late)
    assert done.state == AttemptState.FINISHED
    assert done.close_reason == CloseReason.TIMEOUT
    assert done.finished_at == attempt.deadline
    assert done.duration_seconds == 600
    first = done.questions.get(position=1)
    assert done.score == first.max_points  # only the answer saved in time counts
    assert [row.selected_option_ids for row in done.questions.exclude(position=1)] == [[]] * 3


def test_a_late_autosave_closes_the_attempt(timed_quiz, learner):
    attempt = attempts.start_attempt(learner, timed_quiz)
    with pytest.raises(attempts.AttemptClosed, match="hết giờ"):
        attempts.save_answers(learner, attempt.pk, correct_answers(attempt), now=attempt.deadline + timedelta(hours=1))
    attempt.refresh_from_db()
    assert (attempt.state, attempt.close_reason, attempt.score) == (AttemptState.FINISHED, CloseReason.TIMEOUT, 0)


def test_the_periodic_task_closes_abandoned_attempts(timed_quiz, learner):
    attempt = attempts.start_attempt(learner, timed_quiz)
    assert attempts.close_overdue_attempts(now=attempt.deadline) == 0
    assert attempts.close_overdue_attempts(now=attempt.deadline + timedelta(minutes=2)) == 1
    attempt.refresh_from_db()
    assert attempt.close_reason == CloseReason.TIMEOUT


def test_a_quiz_closing_ends_a_running_attempt(quiz, learner):
    quiz.closes_at = timezone.now() + timedelta(minutes=3)
    quiz.save()
    attempt = attempts.start_attempt(learner, quiz)
    assert attempt.deadline == quiz.closes_at
    done = attempts.finish(attempt.pk, learner, now=quiz.closes_at + timedelta(minutes=5))
    assert done.close_reason == CloseReason.QUIZ_CLOSED


def test_a_second_submit_changes_nothing(quiz, learner):
    attempt = attempts.start_attempt(learner, quiz)
    first = attempts.finish(attempt.pk, learner, answers=correct_answers(attempt))
    second = attempts.finish(
        attempt.pk, learner, answers=wrong_answers(attempt), now=timezone.now() + timedelta(seconds=5)
    )
    assert (
        (second.percent, second.finished_at)
        == (first.percent, first.finished_at)
        == (Decimal("100.00"), first.finished_at)
    )
    assert Attempt.objects.filter(user=learner, state=AttemptState.FINISHED).count() == 1
    with pytest.raises(attempts.AttemptClosed):
        attempts.save_answers(learner, attempt.pk, wrong_answers(attempt))


def test_the_bank_edited_mid_attempt_does_not_change_its_scoring(quiz, questions, learner):
    attempt = attempts.start_attempt(learner, quiz)
    key = correct_answers(attempt)
    QuestionOption.objects.filter(question__in=questions).update(is_correct=False)
    assert attempts.finish(attempt.pk, learner, answers=key).percent == Decimal("100.00")


def test_random_draw_takes_n_distinct_questions_per_category(category, learner):
    questions = [make_question(category, f"Câu {i}", [("A", True), ("B", False)]) for i in range(8)]
    quiz = make_quiz([], selection_mode="random")
    QuizDrawRule.objects.create(quiz=quiz, category=category, count=5)
    attempt = attempts.start_attempt(learner, quiz)
    drawn = list(attempt.questions.values_list("question_id", flat=True))
    assert len(drawn) == len(set(drawn)) == 5
    assert set(drawn) <= {question.pk for question in questions}
    QuizDrawRule.objects.filter(quiz=quiz).update(count=9)
    attempts.finish(attempt.pk, learner)
    with pytest.raises(attempts.AttemptError, match="chưa đủ câu"):
        attempts.start_attempt(learner, quiz)


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        (GradingMethod.HIGHEST, Decimal("100.00")),
        (GradingMethod.LAST, Decimal("0.00")),
        (GradingMethod.FIRST, Decimal("100.00")),
        (GradingMethod.AVERAGE, Decimal("50.00")),
    ],
)
def test_the_learner_s_grade_follows_the_grading_method(quiz, learner, method, expected):
    quiz.grading_method = method
    quiz.save()
    first = attempts.start_attempt(learner, quiz)
    attempts.finish(first.pk, learner, answers=correct_answers(first))
    second = attempts.start_attempt(learner, quiz)
    attempts.finish(second.pk, learner, answers=wrong_answers(second))
    assert attempts.learner_grade(learner, quiz) == expected


# Quizzes in lessons


@pytest.fixture
def quiz_lesson(lessons, quiz):
    lesson = lessons["kiem-tra"]
    lesson.body = [{"type": "quiz", "value": {"quiz": quiz.pk, "intro": "Làm bài để hoàn thành."}}]
    lesson.save_revision().publish()
    return lesson


def test_passing_the_lesson_quiz_completes_the_lesson_and_records_the_grade(quiz_lesson, quiz, course, learner):
    progress.enrol(learner, course)
    assert quiz_lesson.completion_rule == LessonRule.ACTIVITY
    failed = attempts.start_attempt(learner, quiz, lesson=quiz_lesson)
    attempts.finish(failed.pk, learner, answers=wrong_answers(failed))
    row = LessonProgress.objects.get(user=learner, lesson=quiz_lesson)
    assert (row.status, row.score) == (ProgressStatus.IN_PROGRESS, Decimal("0.00"))
    passed = attempts.start_attempt(learner, quiz, lesson=quiz_lesson)
    attempts.finish(passed.pk, learner, answers=correct_answers(passed))
    row.refresh_from_db()
    assert (row.status, row.score) == (ProgressStatus.COMPLETED, Decimal("100.00"))


def test_taking_the_quiz_of_a_lesson_enrols_the_learner_in_its_course(quiz_lesson, quiz, course, learner):
    attempt = attempts.start_attempt(learner, quiz, lesson=quiz_lesson)
    attempts.finish(attempt.pk, learner, answers=correct_answers(attempt))
    assert progress.course_state(learner, course).enrolled
    assert LessonProgress.objects.get(user=learner, lesson=quiz_lesson).status == ProgressStatus.COMPLETED


def test_the_lesson_score_follows_the_quiz_grading_method(quiz_lesson, quiz, course, learner):
    quiz.grading_method = GradingMethod.LAST
    quiz.save()
    progress.enrol(learner, course)
    for answers in (correct_answers, wrong_answers):
        attempt = attempts.start_attempt(learner, quiz, lesson=quiz_lesson)
        attempts.finish(attempt.pk, learner, answers=answers(attempt))
    assert LessonProgress.objects.get(user=learner, lesson=quiz_lesson).score == Decimal("0.00")


# Concurrency, on PostgreSQL (SQLite serialises writers, so these would prove nothing there)

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="DATABASE_URL (PostgreSQL) is not set: row locks are tested there"
)


def _at_once(count, action):
    """Run `action` in `count` threads released together; return their results (or exceptions)."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(index):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            results[index] = action()
        except Exception as error:  # noqa: BLE001 - reported to the test
            results[index] = error
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_submits_record_one_result(quiz, learner, quiz_lesson, course):
    progress.enrol(learner, course)
    attempt = attempts.start_attempt(learner, quiz, lesson=quiz_lesson)
    key = correct_answers(attempt)
    results = _at_once(6, lambda: attempts.finish(attempt.pk, learner, answers=key))
    assert all(isinstance(result, Attempt) for result in results), results
    assert {(result.finished_at, result.percent) for result in results} == {(results[0].finished_at, Decimal("100.00"))}
    assert Attempt.objects.filter(user=learner, state=AttemptState.FINISHED).count() == 1


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_starts_make_one_attempt(quiz, learner):
    quiz.max_attempts = 1
    quiz.save()
    results = _at_once(6, lambda: attempts.start_attempt(learner, quiz).pk)
    assert all(isinstance(result, int) for result in results), results
    assert len(set(results)) == 1
    assert Attempt.objects.filter(user=learner).count() == 1


@pytest.mark.worker
def test_a_real_worker_closes_attempts_whose_time_ran_out(celery_worker, timed_quiz, learner):
    from quizzes.tasks import close_overdue_attempts

    attempt = attempts.start_attempt(learner, timed_quiz)
    attempts.save_answers(learner, attempt.pk, correct_answers(attempt))
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - timedelta(minutes=5), started_at=timezone.now() - timedelta(minutes=15)
    )
    assert close_overdue_attempts.delay().get(timeout=60) == 1
    attempt.refresh_from_db()
    assert (attempt.state, attempt.close_reason, attempt.percent) == (
        AttemptState.FINISHED,
        CloseReason.TIMEOUT,
        Decimal("100.00"),
    )
