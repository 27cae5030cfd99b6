"""Completion reports by unit (issue 7), without HTTP: roll-ups over a unit's subtree and per-cadre lists.

A roll-up has one row per direct child unit of the chosen unit (aggregating that child's whole
subtree), one row for the chosen unit's own direct members and a totals row. People are grouped
in one pass by the prefix of their unit's materialised path (Unit.steplen characters per level),
so the number of queries does not depend on the number of units.

Two modes:
- a course: the active cadres of the subtree; enrolled = an enrolment exists, completed = a
  completion exists (any cycle), in progress = enrolled and not completed, overdue = 0; the
  completion rate is completed / cadres;
- an assignment: the rows of courses.assignments.statuses (one per person in the assignment's
  scope and assigned course) whose unit is in the subtree; the rate is completed / rows.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from courses.assignments import Status, local_date, statuses
from courses.models import CourseCompletion, Enrolment
from units.models import Cadre, Unit
from units.scope import can_view_unit


class OutOfScope(Exception):
    """The viewer may not see this unit."""


class RowKind:
    CHILD = "child"
    OWN = "own"
    TOTAL = "total"


@dataclass
class RollupRow:
    kind: str
    label: str
    unit: Unit | None = None
    cadres: int = 0
    required: int = 0  # the rate's denominator: cadres (course mode) or person-course rows (assignment mode)
    enrolled: int = 0
    in_progress: int = 0
    completed: int = 0
    overdue: int = 0
    _cadre_ids: set = field(default_factory=set, repr=False)

    @property
    def rate(self):
        """Completion rate in percent, one decimal (0 when nobody is required)."""
        return round(self.completed * 100 / self.required, 1) if self.required else 0.0

    def add(self, other):
        for name in ("cadres", "required", "enrolled", "in_progress", "completed", "overdue"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def active_cadres(today):
    return Cadre.objects.filter(user__is_active=True).filter(Q(left_on__isnull=True) | Q(left_on__gt=today))


def _check(viewer, unit):
    if not can_view_unit(viewer, unit):
        raise OutOfScope(unit.pk)


def unit_rollup(viewer, unit, assignment=None, course=None, now=None):
    """[child rows in tree order..., own members row, totals row] for `unit` (see the module docstring)."""
    _check(viewer, unit)
    if assignment is None and course is None:
        raise ValueError("unit_rollup needs an assignment or a course")
    today = local_date(now)
    children = list(unit.get_children())
    rows = {child.path: RollupRow(RowKind.CHILD, child.name, child) for child in children}
    own = RollupRow(RowKind.OWN, str(_("Cán bộ trực thuộc %(unit)s") % {"unit": unit.name}), unit)
    prefix_length = len(unit.path) + Unit.steplen

    def row_for(path):
        return own if path == unit.path else rows[path[:prefix_length]]

    if assignment is not None:
        paths = dict(Unit.objects.filter(path__startswith=unit.path).values_list("pk", "path"))
        people = [row for row in statuses(assignment, now) if row.unit_id in paths]
        enrolled = set(
            Enrolment.objects.filter(
                course_id__in={row.course_id for row in people}, user_id__in={row.user_id for row in people}
            ).values_list("user_id", "course_id")
        )
        for person in people:
            target = row_for(paths[person.unit_id])
            target._cadre_ids.add(person.cadre_id)
            target.required += 1
            target.enrolled += (person.user_id, person.course_id) in enrolled
            target.in_progress += person.status == Status.IN_PROGRESS
            target.completed += person.status == Status.COMPLETED
            target.overdue += person.status == Status.OVERDUE
        for target in [*rows.values(), own]:
            target.cadres = len(target._cadre_ids)
    else:
        cadres = active_cadres(today).filter(unit__path__startswith=unit.path)
        user_ids = cadres.values("user_id")
        enrolled = set(Enrolment.objects.filter(course=course, user_id__in=user_ids).values_list("user_id", flat=True))
        completed = set(
            CourseCompletion.objects.filter(course=course, user_id__in=user_ids).values_list("user_id", flat=True)
        )
        for user_id, path in cadres.values_list("user_id", "unit__path"):
            target = row_for(path)
            target.cadres += 1
            target.required += 1
            target.enrolled += user_id in enrolled
            target.completed += user_id in completed
            target.in_progress += user_id in enrolled and user_id not in completed
    total = RollupRow(RowKind.TOTAL, str(_("Tổng cộng")), unit)
    result = [rows[child.path] for child in children] + [own]
    for row in result:
        total.add(row)
    return [*result, total]


class CadreStatus:
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    LABELS = {NOT_STARTED: _("Chưa bắt đầu"), IN_PROGRESS: _("Đang học"), COMPLETED: _("Đã hoàn thành")}


@dataclass
class CadreLine:
    full_name: str
    staff_code: str
    unit_name: str
    status: str
    completed_at: object = None
    score: object = None

    @property
    def status_label(self):
        return CadreStatus.LABELS[self.status]


def course_report(viewer, unit, course, now=None):
    """Every active cadre of `unit`'s subtree with their status in `course`, latest completion date and score."""
    _check(viewer, unit)
    cadres = active_cadres(local_date(now)).filter(unit__path__startswith=unit.path)
    user_ids = cadres.values("user_id")
    enrolled = set(Enrolment.objects.filter(course=course, user_id__in=user_ids).values_list("user_id", flat=True))
    completions = {
        user_id: (completed_at, score)
        for user_id, completed_at, score in CourseCompletion.objects.filter(course=course, user_id__in=user_ids)
        .order_by("completed_at").values_list("user_id", "completed_at", "score")  # the latest wins
    }
    lines = []
    people = cadres.order_by("unit__path", "full_name", "staff_code").values_list(
        "user_id", "full_name", "staff_code", "unit__name"
    )
    for user_id, full_name, staff_code, unit_name in people:
        if user_id in completions:
            completed_at, score = completions[user_id]
            lines.append(CadreLine(full_name, staff_code, unit_name, CadreStatus.COMPLETED, completed_at, score))
        else:
            status = CadreStatus.IN_PROGRESS if user_id in enrolled else CadreStatus.NOT_STARTED
            lines.append(CadreLine(full_name, staff_code, unit_name, status))
    return lines
