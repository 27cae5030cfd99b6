"""The completion rules of courses/progress.py, called directly (no HTTP)."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from courses import progress
from courses.models import (
    CourseCompletion,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    LessonRule,
    ProgressStatus,
)
from tests.factories import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolled(learner, course):
    progress.enrol(learner, course)
    return learner


def new_course(**fields):
    return CoursePage(topic="digital_skills", summary="Tóm tắt.", **fields)


def watch(user, lesson, clock, seconds):
    """Keep the lesson open for `seconds`, the page beating every 30 s."""
    progress.record_visit(user, lesson, lesson.course())
    for _step in range(seconds // 30):
        clock.shift(timedelta(seconds=30))
        progress.record_time(user, lesson)


def finish_required(user, lessons, clock):
    """Complete the three required lessons the way each rule wants."""
    progress.mark_complete(user, lessons["mat-khau"])
    watch(user, lessons["thu-gia-mao"], clock, 120)
    progress.record_activity_result(user, lessons["kiem-tra"], score=90, passed=True)


def status(user, lesson):
    row = LessonProgress.objects.filter(user=user, lesson=lesson).first()
    return row.status if row else ProgressStatus.NOT_STARTED


# Enrolment


def test_enrol_is_idempotent_and_records_the_unit(learner, course):
    first = progress.enrol(learner, course)
    second = progress.enrol(learner, course)
    assert first.pk == second.pk
    assert Enrolment.objects.filter(user=learner).count() == 1
    assert first.unit == learner.cadre.unit
    assert first.course_title == "An ninh mạng cho cán bộ"


def test_enrolling_in_an_unpublished_course_is_refused(learner, course):
    course.unpublish()
    course.refresh_from_db()
    with pytest.raises(progress.ProgressError):
        progress.enrol(learner, course)
    assert not Enrolment.objects.exists()


def test_nothing_is_tracked_before_enrolment(learner, course, lessons):
    assert progress.record_visit(learner, lessons["mat-khau"], course) is None
    with pytest.raises(progress.ProgressError):
        progress.mark_complete(learner, lessons["mat-khau"])
    assert progress.record_activity_result(learner, lessons["kiem-tra"], 100, True) is None
    assert not LessonProgress.objects.exists()


# Lesson rules


def test_visiting_a_lesson_starts_it(enrolled, course, lessons):
    progress.record_visit(enrolled, lessons["mat-khau"], course)
    assert status(enrolled, lessons["mat-khau"]) == ProgressStatus.IN_PROGRESS


def test_manual_rule_completes_on_the_learners_click(enrolled, lessons):
    row = progress.mark_complete(enrolled, lessons["mat-khau"])
    assert row.status == ProgressStatus.COMPLETED
    assert row.completed_at is not None


def test_min_time_rule_counts_only_time_that_really_passed(enrolled, course, lessons):
    lesson = lessons["thu-gia-mao"]
    with time_machine.travel(timezone.now(), tick=False) as clock:
        progress.record_visit(enrolled, lesson, course)
        clock.shift(timedelta(seconds=30))
        assert progress.record_time(enrolled, lesson).seconds_viewed == 30
        for _spam in range(10):  # heartbeats sent at once credit nothing
            assert progress.record_time(enrolled, lesson).seconds_viewed == 30
        clock.shift(timedelta(hours=2))  # a tab left open credits one heartbeat at most
        assert progress.record_time(enrolled, lesson).seconds_viewed == 30 + progress.HEARTBEAT_MAX_SECONDS
        assert status(enrolled, lesson) == ProgressStatus.IN_PROGRESS
        with pytest.raises(progress.ProgressError, match="ít nhất 2 phút"):
            progress.mark_complete(enrolled, lesson)
        clock.shift(timedelta(seconds=30))
        assert progress.record_time(enrolled, lesson).status == ProgressStatus.IN_PROGRESS
        clock.shift(timedelta(seconds=30))
        row = progress.record_time(enrolled, lesson)
    assert row.seconds_viewed == 120
    assert row.status == ProgressStatus.COMPLETED


def test_activity_rule_completes_only_when_the_activity_is_passed(enrolled, lessons):
    lesson = lessons["kiem-tra"]
    with pytest.raises(progress.ProgressError):
        progress.mark_complete(enrolled, lesson)
    row = progress.record_activity_result(enrolled, lesson, score=40, passed=False)
    assert row.status == ProgressStatus.IN_PROGRESS
    assert row.score == Decimal("40.00")
    row = progress.record_activity_result(enrolled, lesson, score=85, passed=True)
    assert row.status == ProgressStatus.COMPLETED
    row = progress.record_activity_result(enrolled, lesson, score=60, passed=True)
    assert row.score == Decimal("85.00")  # the best score is kept


def test_practice_scores_advance_progress_but_never_count(enrolled, lessons):
    row = progress.record_activity_result(enrolled, lessons["kiem-tra"], score=100, passed=True, counts_for_score=False)
    assert row.status == ProgressStatus.COMPLETED
    assert row.score is None


# Course completion


def test_course_completes_when_every_required_lesson_is_done(enrolled, course, lessons):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        progress.mark_complete(enrolled, lessons["mat-khau"])
        progress.record_activity_result(enrolled, lessons["kiem-tra"], score=90, passed=True)
        assert progress.evaluate_course(enrolled, course) is None  # the timed lesson is still open
        finish_required(enrolled, lessons, clock)
    completion = CourseCompletion.objects.get(user=enrolled, course=course)
    assert completion.score == Decimal("90.00")
    assert completion.lessons_required == 3  # the optional lesson is not needed
    assert completion.unit == enrolled.cadre.unit
    assert status(enrolled, lessons["doc-them"]) == ProgressStatus.NOT_STARTED


def test_pass_score_not_met_leaves_the_course_open(enrolled, course, lessons):
    course.pass_score = 80
    course.save_revision().publish()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        progress.mark_complete(enrolled, lessons["mat-khau"])
        watch(enrolled, lessons["thu-gia-mao"], clock, 120)
        progress.record_activity_result(enrolled, lessons["kiem-tra"], score=70, passed=True)
    assert all(
        status(enrolled, lessons[slug]) == ProgressStatus.COMPLETED for slug in ["mat-khau", "thu-gia-mao", "kiem-tra"]
    )
    assert not CourseCompletion.objects.exists()
    progress.record_activity_result(enrolled, lessons["kiem-tra"], score=95, passed=True)
    assert CourseCompletion.objects.get(user=enrolled).score == Decimal("95.00")


def test_when_no_lesson_is_marked_required_all_lessons_count(enrolled, catalogue):
    course = publish(catalogue, new_course(title="Kỹ năng số", slug="ky-nang-so"))
    first = publish(course, LessonPage(title="Một", slug="mot", required=False))
    second = publish(course, LessonPage(title="Hai", slug="hai", required=False))
    progress.enrol(enrolled, course)
    progress.mark_complete(enrolled, first)
    assert progress.evaluate_course(enrolled, course) is None
    progress.mark_complete(enrolled, second)
    assert progress.evaluate_course(enrolled, course) is not None


def test_completing_twice_keeps_one_record_and_the_first_date(enrolled, course, lessons):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        finish_required(enrolled, lessons, clock)
        first = CourseCompletion.objects.get(user=enrolled)
        clock.shift(timedelta(days=3))
        progress.mark_complete(enrolled, lessons["mat-khau"])
        progress.record_activity_result(enrolled, lessons["kiem-tra"], score=100, passed=True)
        progress.evaluate_course(enrolled, course)
    assert CourseCompletion.objects.filter(user=enrolled).count() == 1
    again = CourseCompletion.objects.get(user=enrolled)
    assert again.completed_at == first.completed_at
    assert again.score == first.score == Decimal("90.00")


def test_editing_the_course_after_completion_leaves_history_unchanged(enrolled, course, lessons):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        finish_required(enrolled, lessons, clock)
    before = CourseCompletion.objects.values().get(user=enrolled)

    course.title = "An ninh mạng (cập nhật 2027)"
    course.pass_score = 100
    course.save_revision().publish()
    publish(course, LessonPage(title="Bài mới", slug="bai-moi", completion_rule=LessonRule.MANUAL))
    lessons["mat-khau"].delete()
    progress.evaluate_course(enrolled, course)

    assert CourseCompletion.objects.values().get(user=enrolled) == before
    assert progress.transcript(enrolled)[0].course_title == "An ninh mạng cho cán bộ"


def test_deleting_the_course_keeps_the_completion(enrolled, course, lessons):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        finish_required(enrolled, lessons, clock)
    course.delete()
    completion = CourseCompletion.objects.get(user=enrolled)
    assert completion.course is None
    assert completion.course_title == "An ninh mạng cho cán bộ"
    assert progress.dashboard(enrolled)["completed"] == [completion]


# What a learner sees


def test_course_state_shows_percent_and_where_to_resume(enrolled, course, lessons):
    state = progress.course_state(enrolled, course)
    assert state.enrolled and state.percent == 0
    assert state.next_lesson.pk == lessons["mat-khau"].pk
    progress.mark_complete(enrolled, lessons["mat-khau"])
    state = progress.course_state(enrolled, course)
    assert state.percent == 33
    assert state.next_lesson.pk == lessons["thu-gia-mao"].pk
    assert [line.status for line in state.lines] == [
        ProgressStatus.COMPLETED,
        ProgressStatus.NOT_STARTED,
        ProgressStatus.NOT_STARTED,
        ProgressStatus.NOT_STARTED,
    ]


def test_one_learner_never_sees_anothers_progress(enrolled, other_learner, course, lessons):
    progress.mark_complete(enrolled, lessons["mat-khau"])
    state = progress.course_state(other_learner, course)
    assert not state.enrolled
    assert all(line.progress is None for line in state.lines)
    progress.enrol(other_learner, course)
    assert progress.course_state(other_learner, course).percent == 0
    assert progress.dashboard(other_learner)["in_progress"][0].percent == 0
    assert progress.lesson_state(other_learner, lessons["mat-khau"], course).progress is None


def test_dashboard_lists_courses_in_progress_and_completed(enrolled, course, lessons, catalogue):
    other = publish(catalogue, new_course(title="Chữ ký số", slug="chu-ky-so"))
    publish(other, LessonPage(title="Chữ ký số là gì", slug="la-gi"))
    progress.enrol(enrolled, other)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        finish_required(enrolled, lessons, clock)
    board = progress.dashboard(enrolled)
    assert [state.course.pk for state in board["in_progress"]] == [other.pk]
    assert [completion.course_id for completion in board["completed"]] == [course.pk]
