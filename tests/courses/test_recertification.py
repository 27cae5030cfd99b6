"""Recertification: after a required course's certification expires, the learner takes it again.

The old completion stays as it was; lesson progress starts over; a new completion is recorded for
the new cycle; a lesson quiz's attempt limit counts again from the new cycle's start.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from courses import progress
from courses.assignments import Status, learner_assignments, recertification_due
from courses.models import Assignment, CourseCompletion, Enrolment, LessonProgress, ProgressStatus
from quizzes import attempts, presentation
from quizzes.models import Question, QuestionCategory, QuestionOption, Quiz, QuizQuestion

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST_DAY = datetime(2026, 2, 2, 9, 0, tzinfo=HCM)
EXPIRED_DAY = datetime(2027, 2, 3, 9, 0, tzinfo=HCM)  # 12 months and a day later


@pytest.fixture
def assignment(course, ward):
    assignment = Assignment.objects.create(
        title="An ninh mạng 2026", unit=ward, starts_on=date(2026, 1, 1), due_on=date(2026, 3, 31), recert_months=12
    )
    assignment.courses.add(course)
    return assignment


def make_quiz(max_attempts, **fields):
    category = QuestionCategory.objects.create(name="An ninh mạng", topic="security")
    quiz = Quiz.objects.create(title="Kiểm tra cuối khóa", pass_mark=60, max_attempts=max_attempts, **fields)
    for number in range(1, 3):
        question = Question.objects.create(category=category, stem=f"<p>Câu hỏi {number}</p>", points=Decimal(1))
        QuestionOption.objects.create(question=question, text="Đúng", is_correct=True, sort_order=0)
        QuestionOption.objects.create(question=question, text="Sai", is_correct=False, sort_order=1)
        QuizQuestion.objects.create(quiz=quiz, question=question, sort_order=number)
    return quiz


def with_quiz(lesson, quiz):
    lesson.body = [{"type": "quiz", "value": {"quiz": quiz.pk, "intro": "Làm bài để hoàn thành."}}]
    lesson.save_revision().publish()
    return lesson


def take_quiz(user, quiz, lesson, right=True):
    attempt = attempts.start_attempt(user, quiz, lesson=lesson)
    answers = {
        row.position: [option for option in row.option_order if (option in row.correct_option_ids) == right][:1]
        for row in attempt.questions.all()
    }
    return attempts.finish(attempt.pk, user, answers=answers)


def finish_course(user, lessons, quiz, clock):
    """Complete the three required lessons the way each rule wants; the last one by passing its quiz."""
    progress.mark_complete(user, lessons["mat-khau"])
    progress.record_visit(user, lessons["thu-gia-mao"], lessons["thu-gia-mao"].course())
    for _beat in range(4):
        clock.shift(timedelta(seconds=30))
        progress.record_time(user, lessons["thu-gia-mao"])
    take_quiz(user, quiz, lessons["kiem-tra"])


def required_line(user, course):
    return next(line for line in learner_assignments(user) if line.course.pk == course.pk)


def test_a_learner_recertifies_after_expiry_and_keeps_the_first_completion(
    assignment, course, lessons, learner, time_machine
):
    quiz = make_quiz(max_attempts=1)
    quiz_lesson = with_quiz(lessons["kiem-tra"], quiz)
    time_machine.move_to(FIRST_DAY, tick=False)
    progress.enrol(learner, course)
    finish_course(learner, lessons, quiz, time_machine)
    first = CourseCompletion.objects.get(user=learner, course=course)
    assert first.cycle == 1
    assert required_line(learner, course).status == Status.COMPLETED
    with pytest.raises(attempts.AttemptError, match="hết 1 lượt"):
        attempts.start_attempt(learner, quiz, lesson=quiz_lesson)

    # Eleven months on the certification is still valid: no new cycle.
    time_machine.move_to(datetime(2027, 1, 2, 9, 0, tzinfo=HCM), tick=False)
    assert not recertification_due(learner, course)
    assert not progress.course_state(learner, course).recertification_due
    with pytest.raises(progress.ProgressError, match="còn hiệu lực"):
        progress.start_new_cycle(learner, course)
    assert Enrolment.objects.get(user=learner, course=course).cycle == 1

    # Twelve months on it has expired: "Cần học lại", and the learner may take the course again.
    time_machine.move_to(EXPIRED_DAY, tick=False)
    line = required_line(learner, course)
    assert (line.status, line.status_label) == (Status.RECERT_DUE, "Cần học lại")
    assert progress.course_state(learner, course).recertification_due
    enrolment = progress.start_new_cycle(learner, course)
    assert (enrolment.cycle, enrolment.cycle_started_at) == (2, EXPIRED_DAY)
    rows = LessonProgress.objects.filter(user=learner, course=course)
    assert {(row.status, row.completed_at, row.score, row.seconds_viewed) for row in rows} == {
        (ProgressStatus.NOT_STARTED, None, None, 0)
    }
    state = progress.course_state(learner, course)
    assert (state.completion, state.previous_completion, state.percent) == (None, first, 0)
    assert [item.course.pk for item in progress.dashboard(learner)["in_progress"]] == [course.pk]
    with pytest.raises(progress.ProgressError):  # already in the new cycle
        progress.start_new_cycle(learner, course)

    # The quiz's single attempt is available again in the new cycle, once.
    time_machine.shift(timedelta(days=1))
    finish_course(learner, lessons, quiz, time_machine)
    with pytest.raises(attempts.AttemptError, match="hết 1 lượt"):
        attempts.start_attempt(learner, quiz, lesson=quiz_lesson)

    second = CourseCompletion.objects.get(user=learner, course=course, cycle=2)
    assert timezone_date(second.completed_at) == date(2027, 2, 4)
    kept = CourseCompletion.objects.get(pk=first.pk)
    assert (kept.cycle, kept.completed_at, kept.score) == (1, first.completed_at, first.score)
    line = required_line(learner, course)
    assert (line.status, line.completed_at) == (Status.COMPLETED, second.completed_at)
    assert progress.transcript(learner) == [second, first]
    assert not progress.course_state(learner, course).recertification_due
    assert progress.dashboard(learner)["in_progress"] == []


def timezone_date(moment):
    return moment.astimezone(HCM).date()


def test_the_lesson_grade_of_a_new_cycle_counts_only_its_own_attempts(
    assignment, course, lessons, learner, time_machine
):
    quiz = make_quiz(max_attempts=0)
    quiz_lesson = with_quiz(lessons["kiem-tra"], quiz)
    time_machine.move_to(FIRST_DAY, tick=False)
    progress.enrol(learner, course)
    finish_course(learner, lessons, quiz, time_machine)  # 100% in the first cycle
    time_machine.move_to(EXPIRED_DAY, tick=False)
    progress.start_new_cycle(learner, course)
    take_quiz(learner, quiz, quiz_lesson, right=False)
    row = LessonProgress.objects.get(user=learner, lesson=quiz_lesson)
    assert (row.status, row.score) == (ProgressStatus.IN_PROGRESS, Decimal("0.00"))  # not the old 100%
    assert presentation.quiz_state(learner, quiz, lesson=quiz_lesson).grade == Decimal("0.00")


def test_the_view_needs_a_post_and_acts_only_on_the_logged_in_learner(
    client, assignment, course, lessons, learner, other_learner, time_machine
):
    quiz = make_quiz(max_attempts=0)
    with_quiz(lessons["kiem-tra"], quiz)
    time_machine.move_to(FIRST_DAY, tick=False)
    for user in (learner, other_learner):
        progress.enrol(user, course)
        finish_course(user, lessons, quiz, time_machine)
    url = reverse("learning:start_new_cycle", args=[course.pk])
    client.force_login(learner)

    response = client.post(url, follow=True)  # not due yet: refused, nothing changes
    assert "còn hiệu lực" in response.content.decode()
    assert Enrolment.objects.get(user=learner, course=course).cycle == 1

    time_machine.move_to(EXPIRED_DAY, tick=False)
    client.force_login(learner)  # a year later the session has expired
    page = client.get(course.url).content.decode()
    assert "Học lại để cấp lại chứng nhận" in page and url in page
    assert "Học lại để cấp lại chứng nhận" in client.get(reverse("learning:dashboard")).content.decode()
    assert client.get(url).status_code == 405
    assert Enrolment.objects.get(user=learner, course=course).cycle == 1

    response = client.post(url, {"user": other_learner.pk})
    assert response.status_code == 302
    assert Enrolment.objects.get(user=learner, course=course).cycle == 2
    assert Enrolment.objects.get(user=other_learner, course=course).cycle == 1
    assert LessonProgress.objects.filter(user=other_learner, status=ProgressStatus.COMPLETED).count() == 3
    assert "Bạn đang học lại khóa học này" in client.get(course.url).content.decode()
