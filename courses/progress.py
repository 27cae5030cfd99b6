"""Enrolment, lesson progress and course completion: the rules, and the only writes.

Pages and views call these functions with the request's user; nothing else decides whether
a lesson or a course is complete.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from elearn.formatting import duration_text

from .assignments import learner_assignments, recertification_due
from .models import (
    CourseCompletion,
    CoursePage,
    Enrolment,
    EnrolmentSource,
    LessonPage,
    LessonProgress,
    LessonRule,
    ProgressStatus,
)

# One time-on-page heartbeat credits at most this many seconds, and never more than the
# time that really passed on the server since the learner's previous sign of life.
HEARTBEAT_MAX_SECONDS = 30  # the lesson page beats every 15 s while visible


class ProgressError(Exception):
    """A learner action the rules refuse; the message is for the learner."""


def _unit_of(user):
    cadre = getattr(user, "cadre", None)
    return cadre.unit if cadre is not None else None


def _enrolment(user, course):
    if not user.is_authenticated or course is None:
        return None
    return Enrolment.objects.filter(user=user, course=course).first()


def enrol(user, course, source=EnrolmentSource.SELF):
    """Enrol `user` in `course` (idempotent); return the enrolment."""
    if not course.live:
        raise ProgressError(_("Khóa học này chưa mở."))
    try:
        with transaction.atomic():
            enrolment, _created = Enrolment.objects.get_or_create(
                user=user,
                course=course,
                defaults={"course_title": course.title, "unit": _unit_of(user), "source": source},
            )
    except IntegrityError:  # a concurrent request enrolled first
        enrolment = Enrolment.objects.get(user=user, course=course)
    return enrolment


def required_lessons(course):
    """The lessons that decide completion: those marked required, or all when none is."""
    lessons = list(course.lessons())
    required = [lesson for lesson in lessons if lesson.required]
    return required or lessons


def _touch(enrolment, now):
    Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=now)


def _progress_for(user, lesson, course, now):
    progress, _created = LessonProgress.objects.get_or_create(
        user=user,
        lesson=lesson,
        defaults={"course": course, "lesson_title": lesson.title, "last_seen_at": now},
    )
    return progress


def record_visit(user, lesson, course):
    """A learner opened a lesson: start its progress and its time-on-page clock."""
    enrolment = _enrolment(user, course)
    if enrolment is None:
        return None
    now = timezone.now()
    with transaction.atomic():
        progress = _progress_for(user, lesson, course, now)
        LessonProgress.objects.filter(pk=progress.pk).update(last_seen_at=now)
        LessonProgress.objects.filter(pk=progress.pk, status=ProgressStatus.NOT_STARTED).update(
            status=ProgressStatus.IN_PROGRESS  # opened again in a new cycle
        )
        _touch(enrolment, now)
    return progress


class NotEnrolled(ProgressError):
    """Progress is kept only for enrolled learners."""


@contextmanager
def _updating(user, lesson):
    """Lock the learner's progress row of `lesson` for an update; save it, then re-evaluate the course."""
    course = lesson.course()
    enrolment = _enrolment(user, course)
    if enrolment is None:
        raise NotEnrolled(_("Bạn cần ghi danh khóa học trước khi học."))
    now = timezone.now()
    with transaction.atomic():
        _progress_for(user, lesson, course, now)
        progress = LessonProgress.objects.select_for_update().get(user=user, lesson=lesson)
        if progress.status == ProgressStatus.NOT_STARTED:  # reset by a new cycle
            progress.status = ProgressStatus.IN_PROGRESS
        yield progress, now
        progress.save()
        _touch(enrolment, now)
    evaluate_course(user, course)


def record_time(user, lesson):
    """A heartbeat from an open lesson page: credit the time really spent, complete by time."""
    with _updating(user, lesson) as (progress, now):
        elapsed = (now - progress.last_seen_at).total_seconds()
        progress.seconds_viewed += round(max(0, min(elapsed, HEARTBEAT_MAX_SECONDS)))
        progress.last_seen_at = now
        if lesson.completion_rule == LessonRule.MIN_TIME and progress.seconds_viewed >= lesson.min_view_seconds:
            _complete(progress, now)
    return progress


def mark_complete(user, lesson):
    """The learner's "Đánh dấu hoàn thành" on a lesson whose rule allows it."""
    if lesson.completion_rule == LessonRule.ACTIVITY:
        raise ProgressError(_("Bài học này hoàn thành khi bạn đạt hoạt động của bài."))
    with _updating(user, lesson) as (progress, now):
        if lesson.completion_rule == LessonRule.MIN_TIME and progress.seconds_viewed < lesson.min_view_seconds:
            raise ProgressError(
                _("Bạn cần xem bài ít nhất %(duration)s trước khi hoàn thành.")
                % {"duration": duration_text(lesson.min_view_seconds)}
            )
        _complete(progress, now)
    return progress


def record_activity_result(user, lesson, score, passed, counts_for_score=True, replace_score=False):
    """An activity of the lesson (quiz, H5P) reported a result for this learner.

    `score` is a percentage. A passed activity completes an activity-rule lesson. Scores
    that cannot be trusted (computed in the browser) pass counts_for_score=False: they
    advance progress but never enter the lesson or course score. The lesson keeps the best
    score reported, unless replace_score says the activity already graded all attempts
    (a quiz's grading method). Returns None when the learner is not enrolled (nothing is recorded).
    """
    try:
        with _updating(user, lesson) as (progress, now):
            if counts_for_score and score is not None:
                score = Decimal(score).quantize(Decimal("0.01"))
                keep_best = progress.score is not None and not replace_score
                progress.score = max(progress.score, score) if keep_best else score
            if passed and lesson.completion_rule == LessonRule.ACTIVITY:
                _complete(progress, now)
    except NotEnrolled:
        return None
    return progress


def _complete(progress, now):
    if progress.status != ProgressStatus.COMPLETED:
        progress.status = ProgressStatus.COMPLETED
        progress.completed_at = now


def course_score(progress_rows):
    """Average score of the scored lessons, or None when no lesson has a score."""
    scores = [row.score for row in progress_rows if row.score is not None]
    if not scores:
        return None
    return (sum(scores) / len(scores)).quantize(Decimal("0.01"))


def completion_due(course, progress_by_lesson):
    """Whether the course's rule holds: every required lesson done and the pass score met."""
    required = required_lessons(course)
    if not required:
        return False
    done = [progress_by_lesson.get(lesson.pk) for lesson in required]
    if not all(row is not None and row.status == ProgressStatus.COMPLETED for row in done):
        return False
    if course.pass_score:
        score = course_score(progress_by_lesson.values())
        return score is not None and score >= course.pass_score
    return True


def evaluate_course(user, course):
    """Record the course completion if its rule now holds; return the completion, old or new.

    A completion is a fact: once recorded, it keeps its first date and score whatever
    happens to the course afterwards.
    """
    if course is None:
        return None
    enrolment = _enrolment(user, course)
    cycle = enrolment.cycle if enrolment is not None else 1
    existing = CourseCompletion.objects.filter(user=user, course=course, cycle=cycle).first()
    if existing is not None:
        return existing
    progress_by_lesson = {
        row.lesson_id: row for row in LessonProgress.objects.filter(user=user, course=course, lesson__isnull=False)
    }
    if not completion_due(course, progress_by_lesson):
        return None
    required = required_lessons(course)
    try:
        with transaction.atomic():
            completion, _created = CourseCompletion.objects.get_or_create(
                user=user,
                course=course,
                cycle=cycle,
                defaults={
                    "course_title": course.title,
                    "unit": _unit_of(user),
                    "completed_at": timezone.now(),
                    "score": course_score(progress_by_lesson.values()),
                    "lessons_completed": len(required),
                    "lessons_required": len(required),
                },
            )
    except IntegrityError:
        completion = CourseCompletion.objects.get(user=user, course=course, cycle=cycle)
    return completion


def cycle_started_at(user, course):
    """When the learner's current cycle of `course` started, or None in the first cycle (or not enrolled).

    Activities with a limited number of attempts count only the attempts made since then.
    """
    enrolment = _enrolment(user, course)
    return enrolment.cycle_started_at if enrolment is not None else None


def start_new_cycle(user, course, now=None):
    """Take `course` again after the learner's certification expired; return the enrolment.

    Allowed only when the current cycle is completed and that completion has expired under an
    assignment in effect for the learner (courses.assignments.recertification_due). Past
    completions stay as they were; the lesson progress of the course starts over, and the next
    completion is recorded for the new cycle.
    """
    now = now or timezone.now()
    enrolment = _enrolment(user, course)
    if (
        enrolment is None
        or not CourseCompletion.objects.filter(user=user, course=course, cycle=enrolment.cycle).exists()
    ):
        raise ProgressError(_("Bạn chỉ có thể học lại khóa học đã hoàn thành."))
    if not recertification_due(user, course, now):
        raise ProgressError(_("Chứng nhận khóa học này của bạn vẫn còn hiệu lực, chưa cần học lại."))
    with transaction.atomic():
        locked = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if locked.cycle != enrolment.cycle:  # a concurrent request started the new cycle first
            return locked
        locked.cycle += 1
        locked.cycle_started_at = now
        locked.last_activity_at = now
        locked.save(update_fields=["cycle", "cycle_started_at", "last_activity_at"])
        LessonProgress.objects.filter(user=user, course=course).update(
            status=ProgressStatus.NOT_STARTED, completed_at=None, score=None, seconds_viewed=0, last_seen_at=now
        )
    return locked


# Read models for pages


@dataclass
class LessonLine:
    lesson: LessonPage
    status: str = ProgressStatus.NOT_STARTED
    progress: LessonProgress | None = None

    @property
    def status_label(self):
        return ProgressStatus(self.status).label


@dataclass
class CourseState:
    """What one learner sees of one course."""

    course: CoursePage
    enrolment: Enrolment | None = None
    completion: CourseCompletion | None = None  # of the current cycle
    previous_completion: CourseCompletion | None = None  # the last one, while taking the course again
    recertification_due: bool = False  # the completion expired: the learner may take the course again
    lines: list = field(default_factory=list)

    @property
    def enrolled(self):
        return self.enrolment is not None

    @property
    def percent(self):
        required = [line for line in self.lines if line.lesson.required] or self.lines
        if not required:
            return 0
        done = sum(1 for line in required if line.status == ProgressStatus.COMPLETED)
        return round(100 * done / len(required))

    @property
    def next_lesson(self):
        """Where to resume: the first lesson not completed (the first lesson when all are)."""
        for line in self.lines:
            if line.status != ProgressStatus.COMPLETED:
                return line.lesson
        return self.lines[0].lesson if self.lines else None

    def line_for(self, lesson):
        return next((line for line in self.lines if line.lesson.pk == lesson.pk), None)


def course_state(user, course):
    """The learner's view of a course: enrolment, each lesson's status, completion."""
    state = CourseState(course=course, lines=[LessonLine(lesson) for lesson in course.lessons()])
    if not user.is_authenticated:
        return state
    state.enrolment = _enrolment(user, course)
    if state.enrolment is None:
        return state
    state.completion = CourseCompletion.objects.filter(user=user, course=course, cycle=state.enrolment.cycle).first()
    if state.completion is None and state.enrolment.cycle > 1:
        state.previous_completion = CourseCompletion.objects.filter(user=user, course=course).order_by("-cycle").first()
    rows = {row.lesson_id: row for row in LessonProgress.objects.filter(user=user, course=course)}
    for line in state.lines:
        line.progress = rows.get(line.lesson.pk)
        if line.progress is not None:
            line.status = line.progress.status
    if state.completion is not None:
        state.recertification_due = recertification_due(user, course)
    return state


@dataclass
class LessonState:
    """What one learner sees of one lesson: whether and how they can complete it."""

    lesson: LessonPage
    enrolled: bool = False
    progress: LessonProgress | None = None

    @property
    def completed(self):
        return self.progress is not None and self.progress.status == ProgressStatus.COMPLETED

    @property
    def can_mark_complete(self):
        return self.enrolled and not self.completed and self.lesson.completion_rule != LessonRule.ACTIVITY

    @property
    def seconds_remaining(self):
        if self.lesson.completion_rule != LessonRule.MIN_TIME:
            return 0
        viewed = self.progress.seconds_viewed if self.progress else 0
        return max(0, self.lesson.min_view_seconds - viewed)


def lesson_state(user, lesson, course):
    state = LessonState(lesson=lesson)
    if _enrolment(user, course) is None:
        return state
    state.enrolled = True
    state.progress = LessonProgress.objects.filter(user=user, lesson=lesson).first()
    return state


def dashboard(user):
    """ "Khóa học của tôi": required courses (due date, status), courses in progress (percent, resume), completed."""
    enrolments = Enrolment.objects.filter(user=user, course__isnull=False).order_by("-last_activity_at", "-enrolled_at")
    completed = set(CourseCompletion.objects.filter(user=user).values_list("course_id", "cycle"))
    in_progress = [
        course_state(user, enrolment.course.specific)
        for enrolment in enrolments.select_related("course")
        if (enrolment.course_id, enrolment.cycle) not in completed and enrolment.course.live
    ]
    return {"required": learner_assignments(user), "in_progress": in_progress, "completed": transcript(user)}


def transcript(user):
    """Every course completion of the learner (each cycle of a course taken again too), newest first, as recorded."""
    return list(CourseCompletion.objects.filter(user=user).order_by("-completed_at", "-cycle"))
