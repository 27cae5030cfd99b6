"""Required courses: who is in an assignment's scope, their due dates and statuses. No HTTP.

The rules, at a local date `today` (Asia/Ho_Chi_Minh):

- Scope. A cadre is in an assignment's scope when their current unit is active and is the
  assignment's unit (or below it, with include_subunits; any unit when the assignment has no
  unit), their login account is active, they have not left, and their category and position
  match (an empty list matches all; positions compare without case and diacritics). Nothing is
  stored per person: someone who joins the scope later has the assignment from that day on.
- Due date. A fixed `due_on`, or `due_days` after the person joined the scope: the later of
  `starts_on` and the start of their current, unbroken membership in units of the scope
  (units.Membership; moves between units inside the scope do not restart the clock). Without
  any membership history the account's creation date stands in.
- Status of one person and one course:
  completed ("Đã hoàn thành"): a completion exists, whatever its date (one made before the
  assignment counts too), and, with recertification, it is still valid: today is before
  completed date + recert_months;
  recert due ("Cần học lại"): the completion has expired; the new due date is the expiry date
  plus due_days (30 days for a fixed due date), and never earlier than the first due date;
  overdue ("Quá hạn"): not completed (or recertified) and today is after the due date: a
  person is overdue from the day after the due date, never on the due date itself;
  in progress ("Đang học"): enrolled in the course;
  assigned ("Chưa bắt đầu"): otherwise.
- An assignment that is inactive or whose start date has not come yet has nobody in scope.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

from dateutil.relativedelta import relativedelta
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elearn.text import fold
from units.models import Cadre, Membership, Unit
from units.people import counted_account

from .models import Assignment, CourseCompletion, CoursePage, Enrolment

RECERT_GRACE_DAYS = 30  # time to recertify after an expiry when the assignment has a fixed due date


class Status:
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    OVERDUE = "overdue"
    RECERT_DUE = "recert_due"

    LABELS = {
        ASSIGNED: _("Chưa bắt đầu"),
        IN_PROGRESS: _("Đang học"),
        COMPLETED: _("Đã hoàn thành"),
        OVERDUE: _("Quá hạn"),
        RECERT_DUE: _("Cần học lại"),
    }
    # Most urgent first: the order of the learner's list and of the admin summary.
    ORDER = [OVERDUE, RECERT_DUE, ASSIGNED, IN_PROGRESS, COMPLETED]
    NOT_DONE = {ASSIGNED, IN_PROGRESS, RECERT_DUE}

    @classmethod
    def label(cls, status):
        return cls.LABELS[status]


class StatusRow(NamedTuple):
    """One person and one required course, as reports read it."""

    cadre_id: int
    unit_id: int
    course_id: int
    due_on: date
    status: str
    completed_at: datetime | None
    user_id: int
    enrolled: bool = False
    category: str = ""
    position: str = ""


def local_date(now=None):
    """The local date (Asia/Ho_Chi_Minh) of `now`: a date, an aware datetime, or None for the present."""
    if now is None:
        return timezone.localdate()
    if isinstance(now, datetime):
        return timezone.localdate(now)
    return now


# Pure rules


def in_effect(assignment, today):
    return assignment.is_active and assignment.starts_on <= today


def folded_positions(assignment):
    return {fold(position) for position in assignment.positions or []}


def matches_profile(assignment, category, position, positions=None):
    """Whether a cadre of this category and position is concerned (the unit is checked apart)."""
    if assignment.categories and category not in assignment.categories:
        return False
    positions = folded_positions(assignment) if positions is None else positions
    return not positions or fold(position) in positions


def unit_path_in_scope(assignment, unit_id, unit_path):
    if assignment.unit_id is None:
        return True
    if assignment.include_subunits:
        return unit_path.startswith(assignment.unit.path)
    return unit_id == assignment.unit_id


def joined_scope_on(periods, in_scope):
    """Start of the current unbroken run of membership periods in the scope, or None.

    `periods`: (unit_id, started_on, ended_on) of one cadre, newest first; `in_scope(unit_id)`.
    The newest period must be open and in the scope; older ones extend the run while they are
    in the scope and end at most a day before the next one starts.
    """
    start = None
    for unit_id, started_on, ended_on in periods:
        if start is None:
            if ended_on is not None or not in_scope(unit_id):
                return None
        elif not in_scope(unit_id) or ended_on is None or ended_on < start - timedelta(days=1):
            break
        start = started_on
    return start


def base_due_date(assignment, joined_on):
    if assignment.due_on is not None:
        return assignment.due_on
    start = max(assignment.starts_on, joined_on) if joined_on else assignment.starts_on
    return start + timedelta(days=assignment.due_days or 0)


def certification_expires_on(assignment, completed_on):
    """The first day a completion no longer counts, or None when it counts for ever."""
    if not assignment.recert_months:
        return None
    return completed_on + relativedelta(months=assignment.recert_months)


def course_status(assignment, due_on, completed_on, started, today):
    """(status, due date) of one person and one course; see the module's rules."""
    if completed_on is not None:
        expires_on = certification_expires_on(assignment, completed_on)
        if expires_on is None or today < expires_on:
            return Status.COMPLETED, due_on
        grace = assignment.due_days if assignment.due_days is not None else RECERT_GRACE_DAYS
        due_on = max(due_on, expires_on + timedelta(days=grace))
        return (Status.OVERDUE if today > due_on else Status.RECERT_DUE), due_on
    if today > due_on:
        return Status.OVERDUE, due_on
    return (Status.IN_PROGRESS if started else Status.ASSIGNED), due_on


# Whole scope, for reports and reminders: a fixed number of queries, whatever the number of cadres


def scope_units(assignment):
    """Every unit of the assignment's scope, active or not (history may name inactive ones)."""
    if assignment.unit_id is None:
        return Unit.objects.all()
    if assignment.include_subunits:
        return Unit.objects.filter(path__startswith=assignment.unit.path)
    return Unit.objects.filter(pk=assignment.unit_id)


def scope_cadres(assignment, today):
    """Cadres of active units of the scope, counted (units.people.counted_account), not left, of a matching
    category."""
    cadres = Cadre.objects.filter(counted_account(), unit__in=scope_units(assignment).filter(is_active=True)).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=today)
    )
    if assignment.categories:
        cadres = cadres.filter(category__in=assignment.categories)
    return cadres


def _membership_starts(assignment, cadres):
    """cadre_id -> start of the current run in the scope, from one query over the memberships."""
    if assignment.unit_id is None:

        def in_scope(unit_id):
            return True
    else:
        unit_ids = set(scope_units(assignment).values_list("pk", flat=True))
        in_scope = unit_ids.__contains__
    periods = {}
    rows = Membership.objects.filter(cadre__in=cadres).order_by("cadre_id", "-started_on")
    for cadre_id, unit_id, started_on, ended_on in rows.values_list("cadre_id", "unit_id", "started_on", "ended_on"):
        periods.setdefault(cadre_id, []).append((unit_id, started_on, ended_on))
    return {cadre_id: joined_scope_on(cadre_periods, in_scope) for cadre_id, cadre_periods in periods.items()}


def assigned_course_ids(assignment):
    """The assignment's live courses (an unpublished course cannot be taken, so it is not required)."""
    return list(assignment.courses.filter(live=True).order_by("path").values_list("pk", flat=True))


def statuses(assignment, now=None, units=None):
    """Yield a StatusRow per person in scope and required course, at `now` (date or datetime).

    `units` (a Unit queryset) keeps only the people of those units, e.g. one subtree for a report.
    Six queries for the whole scope; rows come in cadre order, then course order.
    """
    today = local_date(now)
    if not in_effect(assignment, today):
        return
    course_ids = assigned_course_ids(assignment)
    if not course_ids:
        return
    cadres = scope_cadres(assignment, today)
    if units is not None:
        cadres = cadres.filter(unit__in=units)
    user_ids = cadres.values("user_id")
    completed = {
        (user_id, course_id): completed_at
        for user_id, course_id, completed_at in CourseCompletion.objects.filter(
            course_id__in=course_ids, user_id__in=user_ids
        )
        .order_by("completed_at")
        .values_list("user_id", "course_id", "completed_at")  # the latest wins
    }
    started = set(
        Enrolment.objects.filter(course_id__in=course_ids, user_id__in=user_ids).values_list("user_id", "course_id")
    )
    joined = _membership_starts(assignment, cadres) if assignment.due_on is None else {}
    positions = folded_positions(assignment)
    zone = timezone.get_current_timezone()  # looked up once: this loop may run a million times
    people = cadres.order_by("pk").values_list("pk", "unit_id", "user_id", "category", "position", "user__date_joined")
    for cadre_id, unit_id, user_id, category, position, date_joined in people:
        if positions and not matches_profile(assignment, category, position, positions):
            continue
        joined_on = joined.get(cadre_id) or timezone.localdate(date_joined)
        base_due = base_due_date(assignment, joined_on)
        for course_id in course_ids:
            completed_at = completed.get((user_id, course_id))
            completed_on = completed_at.astimezone(zone).date() if completed_at else None
            enrolled = (user_id, course_id) in started
            status, due_on = course_status(assignment, base_due, completed_on, enrolled, today)
            yield StatusRow(
                cadre_id, unit_id, course_id, due_on, status, completed_at, user_id, enrolled, category, position
            )


def summary(assignment, now=None):
    """(counts per status in Status.ORDER, the overdue rows) of one assignment."""
    counts = Counter()
    overdue = []
    for row in statuses(assignment, now):
        counts[row.status] += 1
        if row.status == Status.OVERDUE:
            overdue.append(row)
    return [(status, Status.label(status), counts[status]) for status in Status.ORDER], overdue


def assignments_in_effect(today):
    return Assignment.objects.filter(is_active=True, starts_on__lte=today).select_related("unit")


# One learner, for the dashboard


@dataclass
class LearnerAssignment:
    """A required course as the learner sees it."""

    assignment: Assignment
    course: CoursePage
    due_on: date
    status: str
    completed_at: datetime | None = None

    @property
    def status_label(self):
        return Status.label(self.status)

    @property
    def is_overdue(self):
        return self.status == Status.OVERDUE

    @property
    def badge(self):
        """The status badge's CSS modifier (shared with lesson statuses where the meaning is the same)."""
        return "not_started" if self.status == Status.ASSIGNED else self.status

    def sort_key(self):
        return Status.ORDER.index(self.status), self.due_on, self.course.title


def _cadre_of(user, today):
    if not user.is_authenticated or not user.is_active:
        return None
    cadre = Cadre.objects.select_related("unit").filter(user=user).first()
    if cadre is None or not cadre.unit.is_active or (cadre.left_on is not None and cadre.left_on <= today):
        return None
    return cadre


def learner_assignments(user, now=None):
    """The learner's required courses with due date and status, most urgent first (one line per course)."""
    today = local_date(now)
    cadre = _cadre_of(user, today)
    if cadre is None:
        return []
    live_courses = Prefetch("courses", queryset=CoursePage.objects.live().order_by("path"))
    assignments = [
        assignment
        for assignment in assignments_in_effect(today).prefetch_related(live_courses)
        if unit_path_in_scope(assignment, cadre.unit_id, cadre.unit.path)
        and matches_profile(assignment, cadre.category, cadre.position)
    ]
    if not assignments:
        return []
    periods = list(
        Membership.objects.filter(cadre=cadre)
        .order_by("-started_on")
        .values_list("unit_id", "unit__path", "started_on", "ended_on")
    )
    paths = {unit_id: path for unit_id, path, _started, _ended in periods}
    periods = [(unit_id, started, ended) for unit_id, _path, started, ended in periods]
    completed = dict(
        CourseCompletion.objects.filter(user=user, course__isnull=False)
        .order_by("completed_at")
        .values_list("course_id", "completed_at")
    )  # the latest wins
    started = set(Enrolment.objects.filter(user=user, course__isnull=False).values_list("course_id", flat=True))
    by_course = {}
    for assignment in assignments:
        joined_on = joined_scope_on(
            periods, lambda unit_id, assignment=assignment: unit_path_in_scope(assignment, unit_id, paths[unit_id])
        ) or timezone.localdate(user.date_joined)
        base_due = base_due_date(assignment, joined_on)
        for course in assignment.courses.all():
            completed_at = completed.get(course.pk)
            completed_on = timezone.localdate(completed_at) if completed_at else None
            status, due_on = course_status(assignment, base_due, completed_on, course.pk in started, today)
            line = LearnerAssignment(assignment, course, due_on, status, completed_at)
            if course.pk not in by_course or line.sort_key() < by_course[course.pk].sort_key():
                by_course[course.pk] = line
    return sorted(by_course.values(), key=LearnerAssignment.sort_key)


def recertification_due(user, course, now=None):
    """Whether the learner's latest completion of `course` has expired under an assignment in effect for them.

    True while the required course shows "Cần học lại" or, once its new due date has passed, "Quá hạn"
    with an expired completion; the learner may then take the course again (courses.progress.start_new_cycle).
    """
    line = next((line for line in learner_assignments(user, now) if line.course.pk == course.pk), None)
    return line is not None and line.completed_at is not None and line.status in (Status.RECERT_DUE, Status.OVERDUE)
