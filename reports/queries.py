"""Completion reports by unit (issue 7), without HTTP: every report, its scope check and its rows.

Subjects (`Filters`): one course, one topic's live courses, all live courses, or an assignment
(khóa học bắt buộc). In course mode the cadres are the active cadres of the unit (and, with
`subunits`, of its whole subtree); each of them is required once per course of the subject, so
`required` = cadres × courses; enrolled / in progress / completed count person-course pairs
(reports.counters says how); overdue counts the pairs that an assignment in effect has overdue.
In assignment mode the rows are those of courses.assignments.statuses (one per person in the
assignment's scope and course), with its due dates and "Quá hạn". A category filter keeps the cadres of that category.

Speed: course mode reads the stored counters (reports.models), a few thousand rows for a
province; with a date range it counts the completions within it from the raw rows, and
everything from the raw rows when the range ends before today (reports.counters.compute).
Every function checks the viewer's scope first and raises units.scope.OutOfScope.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils.translation import gettext_lazy as _

from courses.assignments import Status, assignments_in_effect, local_date, statuses
from courses.models import Assignment, CourseCompletion, CoursePage, Enrolment
from courses.models.pages import CourseTopic
from elearn.text import fold
from quizzes.models import Attempt, AttemptState
from units.history import tree_on
from units.models import Cadre, CadreCategory, Unit
from units.scope import check_unit

from . import counters
from .models import UnitCadreCount, UnitCourseCount, UnitCourseMonth


class RowKind:
    CHILD = "child"
    OWN = "own"
    TOTAL = "total"
    GROUP = "group"


FIELDS = ("cadres", "required", "enrolled", "in_progress", "completed", "overdue")


@dataclass
class RollupRow:
    kind: str
    label: str
    unit: Unit | None = None
    cadres: int = 0
    required: int = 0  # the rate's denominator: person-course pairs required
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
        for name in FIELDS:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Filters:
    """What a report is about. Without course, topic or assignment: all live courses."""

    course: CoursePage | None = None
    topic: str = ""
    assignment: Assignment | None = None
    category: str = ""
    date_from: date | None = None
    date_to: date | None = None
    as_of: date | None = None  # the tree, memberships and figures of the end of that day (course mode)
    subunits: bool = True

    @property
    def dated(self):
        return self.date_from is not None or self.date_to is not None

    def subject_text(self):
        """What the report is about, in words."""
        if self.assignment is not None:
            return self.assignment.title
        if self.course is not None:
            return self.course.title
        if self.topic:
            return str(_("Chủ đề: %(topic)s") % {"topic": CourseTopic(self.topic).label})
        return str(_("Tất cả khóa học"))

    def course_ids(self):
        """The live courses of the subject, in tree order."""
        if self.assignment is not None:
            return list(self.assignment.courses.filter(live=True).order_by("path").values_list("pk", flat=True))
        if self.course is not None:
            return [self.course.pk]
        courses = CoursePage.objects.live().order_by("path")
        if self.topic:
            courses = courses.filter(topic=self.topic)
        return list(courses.values_list("pk", flat=True))


def check_scope(viewer, unit):
    check_unit(viewer, unit)


def _unit_filter(unit, filters, prefix="unit__"):
    """Q on rows reached through `prefix` to a Unit: the unit, and its subtree with `subunits`."""
    if filters.subunits:
        return Q(**{f"{prefix}path__startswith": unit.path})
    return Q(**{prefix[:-2]: unit}) if prefix else Q(pk=unit.pk)


# Unit roll-up


def unit_rollup(viewer, unit, filters, now=None):
    """[child rows in tree order..., own members row, totals row] for `unit`.

    Each child row sums that child's whole subtree. Without `filters.subunits` only the own
    members row and the totals row.
    """
    check_scope(viewer, unit)
    if filters.as_of is not None and filters.assignment is None:
        return _rollup_on(unit, filters, filters.as_of)
    children = list(unit.get_children()) if filters.subunits else []
    rows = {child.path: RollupRow(RowKind.CHILD, child.name, child) for child in children}
    own = RollupRow(RowKind.OWN, str(_("Cán bộ trực thuộc %(unit)s") % {"unit": unit.name}), unit)
    prefix_length = len(unit.path) + Unit.steplen
    paths = dict(Unit.objects.filter(_unit_filter(unit, filters, prefix="")).values_list("pk", "path"))

    def row_for(unit_id):
        path = paths[unit_id]
        return own if path == unit.path else rows[path[:prefix_length]]

    if filters.assignment is not None:
        _assignment_counts(unit, filters, row_for, now)
        _count_cadres([*rows.values(), own])
    else:
        course_count = len(filters.course_ids())
        for unit_id, values in _course_counts(unit, filters, now, ("unit_id",)).items():
            target = row_for(unit_id[0])
            target.cadres += values[0]
            target.required += values[0] * course_count
            target.enrolled += values[1]
            target.in_progress += values[2]
            target.completed += values[3]
        for unit_id, count in _course_overdue(unit, filters, now, lambda person: person.unit_id).items():
            row_for(unit_id).overdue += count
    total = RollupRow(RowKind.TOTAL, str(_("Tổng cộng")), unit)
    result = [rows[child.path] for child in children] + [own]
    for row in result:
        total.add(row)
    return [*result, total]


def _rollup_on(unit, filters, day):
    """unit_rollup as of the end of `day`: that day's tree (old names, old places) and memberships."""
    tree = tree_on(day)
    name = tree.name(unit.pk) if unit.pk in tree else unit.name
    own = RollupRow(RowKind.OWN, str(_("Cán bộ trực thuộc %(unit)s") % {"unit": name}), unit)
    children = tree.children_of(unit.pk) if filters.subunits and unit.pk in tree else []
    units = Unit.objects.in_bulk(children)
    rows = [RollupRow(RowKind.CHILD, tree.name(child), units[child]) for child in children]
    row_of = {unit.pk: own}
    for row in rows:
        row_of.update(dict.fromkeys(tree.subtree(row.unit.pk), row))
    course_ids = filters.course_ids()
    counts = counters.compute_on(day, list(row_of), course_ids, filters.category)
    for (unit_id,), cadres in counts.cadres.items():
        row_of[unit_id].cadres += cadres
        row_of[unit_id].required += cadres * len(course_ids)
    for (unit_id, _course), (enrolled, in_progress, completed) in counts.courses.items():
        target = row_of[unit_id]
        target.enrolled += enrolled
        target.in_progress += in_progress
        target.completed += completed
    total = RollupRow(RowKind.TOTAL, str(_("Tổng cộng")), unit)
    for row in [*rows, own]:
        total.add(row)
    return [*rows, own, total]


def _course_counts(unit, filters, now, by):
    """{key by `by`: [cadres, enrolled, in_progress, completed]} for the course subject.

    From the stored counters when they can answer: grouped by unit and/or category, and a date
    range (if any) that ends today or later, so that enrolled and in progress are today's; then
    only the completions within the range are counted from the raw rows. Else from the raw rows.
    """
    today = local_date(now)
    course_ids = filters.course_ids()
    result = {}

    def cell(key):
        return result.setdefault(key, [0, 0, 0, 0])

    if filters.as_of is not None:  # that day's tree and memberships
        unit_ids = tree_on(filters.as_of).subtree(unit.pk) if filters.subunits else [unit.pk]
        counts = counters.compute_on(filters.as_of, unit_ids, course_ids, filters.category, by)
        for key, cadres in counts.cadres.items():
            cell(key)[0] = cadres
        for key, values in counts.courses.items():
            target = cell(key[:-1])
            for index, value in enumerate(values, start=1):
                target[index] += value
        return result

    def raw(**options):
        return counters.compute(
            today=today,
            under_path=unit.path if filters.subunits else None,
            unit_ids=None if filters.subunits else [unit.pk],
            course_ids=course_ids,
            category=filters.category,
            completed_from=filters.date_from,
            completed_to=filters.date_to,
            by=by,
            months=False,
            **options,
        )

    stored = set(by) <= {"unit_id", "category"} and (filters.date_to is None or filters.date_to >= today)
    if not stored:
        counts = raw()
        for key, cadres in counts.cadres.items():
            cell(key)[0] = cadres
        for key, values in counts.courses.items():
            target = cell(key[:-1])
            for index, value in enumerate(values, start=1):
                target[index] += value
        return result

    scope = _unit_filter(unit, filters)
    if filters.category:
        scope &= Q(category=filters.category)
    for row in UnitCadreCount.objects.filter(scope).values(*by).annotate(n=Sum("cadres")).order_by():
        cell(tuple(row[name] for name in by))[0] = row["n"]
    sums = (
        UnitCourseCount.objects.filter(scope, course_id__in=course_ids)
        .values(*by)
        .annotate(enrolled=Sum("enrolled"), in_progress=Sum("in_progress"), completed=Sum("completed"))
        .order_by()
    )
    for row in sums:
        target = cell(tuple(row[name] for name in by))
        target[1:] = [row["enrolled"], row["in_progress"], row["completed"]]
    if filters.dated:
        for target in result.values():
            target[3] = 0
        for key, values in raw(completed_only=True).courses.items():
            cell(key[:-1])[3] += values[2]
    return result


def _course_overdue(unit, filters, now, key):
    """{key(person): overdue pairs} in course mode: the (cadre, course) pairs of the subject's courses that an
    assignment in effect has overdue (a pair overdue in two assignments counts once)."""
    course_ids = set(filters.course_ids())
    if not course_ids or filters.as_of is not None:  # not recounted for a past day
        return {}
    units = Unit.objects.filter(_unit_filter(unit, filters, prefix=""))
    overdue = {}
    for assignment in assignments_in_effect(local_date(now)).filter(courses__in=course_ids).distinct():
        for person in statuses(assignment, now, units=units):
            if person.status != Status.OVERDUE or person.course_id not in course_ids:
                continue
            if not filters.category or person.category == filters.category:
                overdue[(person.cadre_id, person.course_id)] = person
    counts = {}
    for person in overdue.values():
        counts[key(person)] = counts.get(key(person), 0) + 1
    return counts


def _assignment_counts(unit, filters, row_for, now, key=lambda person: person.unit_id):
    """Add the assignment's status rows of the unit (or its subtree) to the row `row_for(key(person))`."""
    units = Unit.objects.filter(_unit_filter(unit, filters, prefix=""))
    for person in statuses(filters.assignment, now, units=units):
        if filters.category and person.category != filters.category:
            continue
        target = row_for(key(person))
        target._cadre_ids.add(person.cadre_id)
        target.required += 1
        target.enrolled += person.enrolled
        target.in_progress += person.status == Status.IN_PROGRESS
        target.completed += person.status == Status.COMPLETED
        target.overdue += person.status == Status.OVERDUE


def _count_cadres(rows):
    for row in rows:
        row.cadres = len(row._cadre_ids)


# By category and by position


def group_report(viewer, unit, filters, group_by, now=None):
    """Rows per cadre category ("category") or position ("position") within the scope, then a totals row.

    Positions are grouped ignoring case and diacritics, under the most frequent spelling (in
    assignment mode the first met).
    """
    check_scope(viewer, unit)
    if group_by not in ("category", "position"):
        raise ValueError(group_by)
    labels = dict(CadreCategory.choices)
    rows = {}

    def row_for(value):
        key = fold(value) if group_by == "position" else value
        if key not in rows:
            if group_by == "position":
                label = value or _("(chưa ghi chức vụ)")
            else:
                label = labels.get(value, value)
            rows[key] = RollupRow(RowKind.GROUP, str(label))
        return rows[key]

    if filters.assignment is not None:
        _assignment_counts(unit, filters, row_for, now, key=lambda person: getattr(person, group_by))
        _count_cadres(rows.values())
    else:
        course_count = len(filters.course_ids())
        # The most frequent spelling names the row; on a tie, the one written with diacritics.
        for key, values in sorted(
            _course_counts(unit, filters, now, (group_by,)).items(),
            key=lambda item: (-item[1][0], -_accents(item[0][0]), item[0][0]),
        ):
            target = row_for(key[0])
            target.cadres += values[0]
            target.required += values[0] * course_count
            target.enrolled += values[1]
            target.in_progress += values[2]
            target.completed += values[3]
        for value, count in _course_overdue(unit, filters, now, lambda person: getattr(person, group_by)).items():
            row_for(value).overdue += count
    ordered = sorted(rows.values(), key=lambda row: (-row.cadres, row.label))
    total = RollupRow(RowKind.TOTAL, str(_("Tổng cộng")), unit)
    for row in ordered:
        total.add(row)
    return [*ordered, total]


def _accents(text):
    return sum(not char.isascii() for char in text or "")


# Completions over time


def completions_by_month(viewer, unit, filters, now=None, months=12):
    """[(first day of month, completions)] of the scope's active cadres, every month shown (zeros too).

    The months of the date range, or the last `months` months. Completions of every cycle count.
    Assignment mode counts the completions of the assignment's courses.
    """
    check_scope(viewer, unit)
    today = local_date(now)
    last = _month(filters.date_to or today)
    first = _month(filters.date_from) if filters.date_from else _add_months(last, 1 - months)
    course_ids = filters.course_ids()
    if filters.dated:
        counts = counters.compute(
            today=today,
            under_path=unit.path if filters.subunits else None,
            unit_ids=None if filters.subunits else [unit.pk],
            course_ids=course_ids,
            category=filters.category,
            completed_from=filters.date_from,
            completed_to=filters.date_to,
            by=(),
        )
        per_month = {}
        for key, n in counts.months.items():
            per_month[key[-1]] = per_month.get(key[-1], 0) + n
    else:
        scope = _unit_filter(unit, filters) & Q(course_id__in=course_ids, month__gte=first, month__lte=last)
        if filters.category:
            scope &= Q(category=filters.category)
        per_month = dict(
            UnitCourseMonth.objects.filter(scope).values_list("month").annotate(n=Sum("completed")).order_by()
        )
    series, month = [], first
    while month <= last:
        series.append((month, per_month.get(month, 0)))
        month = _add_months(month, 1)
    return series


def _month(day):
    return day.replace(day=1)


def _add_months(month, count):
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


# Course report: one line per cadre


class CadreStatus:
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    LABELS = {NOT_STARTED: _("Chưa bắt đầu"), IN_PROGRESS: _("Đang học"), COMPLETED: _("Đã hoàn thành")}
    ALL = (NOT_STARTED, IN_PROGRESS, COMPLETED)

    @classmethod
    def choices(cls):
        return [(status, cls.LABELS[status]) for status in cls.ALL]


@dataclass
class CadreLine:
    cadre_id: int
    full_name: str
    staff_code: str
    unit_name: str
    category: str
    position: str
    status: str
    enrolled_at: object = None
    last_activity_at: object = None
    completed_at: object = None
    score: object = None
    attempts: int = 0

    @property
    def status_label(self):
        return CadreStatus.LABELS[self.status]

    @property
    def category_label(self):
        return dict(CadreCategory.choices).get(self.category, self.category)


def course_report_cadres(viewer, unit, filters, now=None, status=""):
    """The cadres of the course report, in unit then name order (a queryset, to page through).

    `status` keeps those with that status in `filters.course`, by the rule of course_report_lines:
    completed with a completion (any cycle), else in progress with an enrolment, else not started.
    """
    check_scope(viewer, unit)
    scope = _unit_filter(unit, filters)
    cadres = Cadre.objects.filter(scope, counters.member_filter("", local_date(now)))
    if filters.category:
        cadres = cadres.filter(category=filters.category)
    if status:
        if status not in CadreStatus.ALL:
            raise ValueError(status)
        completed = Exists(CourseCompletion.objects.filter(course=filters.course, user_id=OuterRef("user_id")))
        enrolled = Exists(Enrolment.objects.filter(course=filters.course, user_id=OuterRef("user_id")))
        if status == CadreStatus.COMPLETED:
            cadres = cadres.filter(completed)
        elif status == CadreStatus.IN_PROGRESS:
            cadres = cadres.filter(enrolled).exclude(completed)
        else:
            cadres = cadres.exclude(enrolled).exclude(completed)
    return cadres.select_related("unit").order_by("unit__path", "full_name", "staff_code")


def course_report_lines(cadres, course):
    """CadreLine for each of `cadres` (an iterable of Cadre, e.g. one page) in `course`: a fixed number of queries."""
    cadres = list(cadres)
    user_ids = [cadre.user_id for cadre in cadres]
    enrolments = {}
    for user_id, enrolled_at, last_activity_at in (
        Enrolment.objects.filter(course=course, user_id__in=user_ids)
        .order_by("enrolled_at")
        .values_list("user_id", "enrolled_at", "last_activity_at")
    ):
        first = enrolments.setdefault(user_id, [enrolled_at, last_activity_at])
        if last_activity_at and (first[1] is None or last_activity_at > first[1]):
            first[1] = last_activity_at
    completions = {
        user_id: (completed_at, score)
        for user_id, completed_at, score in CourseCompletion.objects.filter(course=course, user_id__in=user_ids)
        .order_by("completed_at")
        .values_list("user_id", "completed_at", "score")  # the latest wins
    }
    attempts = dict(
        Attempt.objects.filter(user_id__in=user_ids, lesson__path__startswith=course.path)
        .exclude(state=AttemptState.IN_PROGRESS)
        .values_list("user_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    lines = []
    for cadre in cadres:
        enrolled_at, last_activity_at = enrolments.get(cadre.user_id, (None, None))
        completed_at, score = completions.get(cadre.user_id, (None, None))
        if completed_at is not None:
            status = CadreStatus.COMPLETED
        elif enrolled_at is not None:
            status = CadreStatus.IN_PROGRESS
        else:
            status = CadreStatus.NOT_STARTED
        lines.append(
            CadreLine(
                cadre.pk,
                cadre.full_name,
                cadre.staff_code,
                cadre.unit.name,
                cadre.category,
                cadre.position,
                status,
                enrolled_at,
                last_activity_at,
                completed_at,
                score,
                attempts.get(cadre.user_id, 0),
            )
        )
    return lines


# Cadre transcript


@dataclass
class TranscriptLine:
    course_title: str
    course: CoursePage | None
    cycle: int
    status: str
    enrolled_at: object = None
    completed_at: object = None
    score: object = None
    attempts: int = 0

    @property
    def status_label(self):
        return CadreStatus.LABELS[self.status]


def cadre_transcript(viewer, cadre):
    """Every course the cadre enrolled in or completed, one line per cycle, newest first."""
    check_scope(viewer, cadre.unit)
    lines = {}
    for enrolment in Enrolment.objects.filter(user_id=cadre.user_id).select_related("course"):
        lines[(enrolment.course_id or enrolment.course_title, enrolment.cycle)] = TranscriptLine(
            enrolment.course.title if enrolment.course else enrolment.course_title,
            enrolment.course,
            enrolment.cycle,
            CadreStatus.IN_PROGRESS,
            enrolled_at=enrolment.enrolled_at,
        )
    for completion in CourseCompletion.objects.filter(user_id=cadre.user_id).select_related("course"):
        line = lines.setdefault(
            (completion.course_id or completion.course_title, completion.cycle),
            TranscriptLine(
                completion.course.title if completion.course else completion.course_title,
                completion.course,
                completion.cycle,
                CadreStatus.COMPLETED,
            ),
        )
        line.status, line.completed_at, line.score = CadreStatus.COMPLETED, completion.completed_at, completion.score
    courses = {line.course.pk: line.course for line in lines.values() if line.course}
    if courses:
        finished = Attempt.objects.filter(user_id=cadre.user_id).exclude(state=AttemptState.IN_PROGRESS)
        for course in courses.values():
            count = finished.filter(lesson__path__startswith=course.path).count()
            for line in lines.values():
                if line.course is course:
                    line.attempts = count
    return sorted(lines.values(), key=lambda line: line.completed_at or line.enrolled_at, reverse=True)
