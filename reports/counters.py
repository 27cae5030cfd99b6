"""Report counters: counted from the raw records, stored per unit, kept fresh, rebuilt on demand.

Who counts: the active cadres (login account active, not left by `today`), each in their current
unit. Per unit and category the store holds the number of cadres; per unit, course and category
the number of them enrolled (any cycle), in progress (enrolled, no completion) and completed (a
completion of any cycle); per unit, course, category and local month the completions made.

`compute` counts from the raw rows (Cadre, Enrolment, CourseCompletion) for any set of units and
courses, grouped by any cadre fields, optionally within a range of completion dates; the
counters are its result for every unit, and the date-ranged and per-position reports use it
directly.

Freshness: writes of enrolments, completions, cadres and memberships `schedule` a refresh of the
units (and courses) they touch. The refreshes of one transaction are merged and run once it has
committed (a failure is logged and never undoes the write), each in its own transaction that
first locks the units' rows, so two refreshes of a unit run one after the other and the later
one counts what the earlier one could not see. What is scheduled is also written down, in the
write's own transaction, as CounterChange rows, which the refresh deletes once it has counted them:
when a process dies between a commit and its refresh, or the refresh fails, `apply_changes` (a task
every minute) counts what is left, so the counters catch up within minutes, not at night.
`rebuild` recounts everything; the nightly task runs it, which also catches time passing
(a `left_on` date that has come).
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from courses.models import CourseCompletion, Enrolment
from units.models import Cadre, Membership, Unit
from units.people import counted_account

from .models import CounterChange, UnitCadreCount, UnitCourseCount, UnitCourseMonth

ALL_COURSES = None
UNIT_KEY = ("unit_id", "category")


@dataclass
class Counts:
    """Counts keyed by the values of compute's grouping fields `by` (then course id, then month)."""

    cadres: dict = field(default_factory=dict)  # key -> cadres
    courses: dict = field(default_factory=dict)  # key + (course_id,) -> [enrolled, in_progress, completed]
    months: dict = field(default_factory=dict)  # key + (course_id, month) -> completions

    def course_cell(self, key):
        return self.courses.setdefault(key, [0, 0, 0])


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def member_filter(prefix, today, unit_ids=None, under_path=None, category=""):
    """Q selecting rows whose cadre (reached through `prefix`) is an active member of the units asked."""
    condition = counted_account(prefix) & (
        Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gt": today})
    )
    if prefix:
        condition &= Q(**{f"{prefix[:-2]}__isnull": False})  # the user has a cadre profile
    if unit_ids is not None:
        condition &= Q(**{f"{prefix}unit_id__in": unit_ids})
    if under_path is not None:
        condition &= Q(**{f"{prefix}unit__path__startswith": under_path})
    if category:
        condition &= Q(**{f"{prefix}category": category})
    return condition


def compute(
    *,
    today=None,
    unit_ids=None,
    under_path=None,
    course_ids=ALL_COURSES,
    category="",
    completed_from=None,
    completed_to=None,
    by=UNIT_KEY,
    months=True,
    completed_only=False,
):
    """Count from the raw records (see the module docstring); a few grouped queries, whatever the size.

    With a date range, "completed" counts completions made within it, "enrolled" enrolments made
    by its end and "in progress" those enrolled by its end without a completion by then.
    `completed_only` counts the completions alone (cadres, enrolled and in progress stay 0).
    """
    today = today or timezone.localdate()
    counts = Counts()
    members = dict(today=today, unit_ids=unit_ids, under_path=under_path, category=category)

    if not completed_only:
        cadres = Cadre.objects.filter(member_filter("", **members))
        for row in cadres.values(*by).annotate(n=Count("pk")).order_by():
            counts.cadres[tuple(row[name] for name in by)] = row["n"]

    through = "user__cadre__"
    keys = {f"k_{name}": F(f"{through}{name}") for name in by}
    enrolments = Enrolment.objects.filter(member_filter(through, **members), course__isnull=False)
    completions = CourseCompletion.objects.filter(member_filter(through, **members), course__isnull=False)
    if course_ids is not ALL_COURSES:
        enrolments = enrolments.filter(course_id__in=course_ids)
        completions = completions.filter(course_id__in=course_ids)
    done_by_end = completions
    if completed_to is not None:
        end = _start_of(completed_to + timedelta(days=1))
        enrolments = enrolments.filter(enrolled_at__lt=end)
        done_by_end = completions.filter(completed_at__lt=end)
        completions = done_by_end
    if completed_from is not None:
        completions = completions.filter(completed_at__gte=_start_of(completed_from))
    unfinished = enrolments.filter(
        ~Exists(done_by_end.filter(user_id=OuterRef("user_id"), course_id=OuterRef("course_id")))
    )

    def grouped(queryset, position, distinct=False):
        # One enrolment per person and course; a person may have completed several cycles.
        rows = queryset.values(**keys, k_course=F("course_id")).annotate(n=Count("user_id", distinct=distinct))
        for row in rows.order_by():
            key = tuple(row[f"k_{name}"] for name in by) + (row["k_course"],)
            counts.course_cell(key)[position] = row["n"]

    if not completed_only:
        grouped(enrolments, 0)
        grouped(unfinished, 1)
    grouped(completions, 2, distinct=True)
    if months:
        per_month = completions.annotate(k_month=TruncMonth("completed_at", tzinfo=timezone.get_current_timezone()))
        rows = per_month.values(**keys, k_course=F("course_id"), k_month_=F("k_month")).annotate(n=Count("pk"))
        for row in rows.order_by():
            month = row["k_month_"]
            month = month.date() if isinstance(month, datetime) else month
            counts.months[tuple(row[f"k_{name}"] for name in by) + (row["k_course"], month)] = row["n"]
    return counts


def _member_on(prefix, day, unit_ids, category):
    """Q: the cadre reached through `prefix` ("" from Membership, "user__cadre__memberships__" from a learning
    record) had, on `day`, a membership in `unit_ids` and counted (active login or anonymised, not left).

    One Q for one filter() call: the grouping by the membership's unit then uses the same join."""
    cadre = f"{prefix[: -len('memberships__')]}" if prefix else "cadre__"
    condition = (
        Q(**{f"{prefix}started_on__lte": day, f"{prefix}unit_id__in": unit_ids})
        & (Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gte": day}))
        & (Q(**{f"{cadre}user__is_active": True}) | Q(**{f"{cadre}anonymised_at__isnull": False}))
        & (Q(**{f"{cadre}left_on__isnull": True}) | Q(**{f"{cadre}left_on__gt": day}))
    )
    if category:
        condition &= Q(**{f"{cadre}category": category})
    return condition


def compute_on(day, unit_ids, course_ids, category="", by=("unit_id",)):
    """Counts as the counters held them at the end of `day`, for the units `unit_ids` of that day's tree.

    Each cadre counts in the unit they belonged to on `day` (units.history), if they were active then (not
    left by `day`); enrolled: enrolments made by the end of `day`; completed: a completion by then; in
    progress: enrolled by then without one. `by` groups by "unit_id" (that day's unit) and cadre fields.
    A few grouped queries, whatever the size.
    """
    end = _start_of(day + timedelta(days=1))
    counts = Counts()
    through = "user__cadre__memberships__"

    def keys(prefix):
        cadre = prefix[: -len("memberships__")] if prefix else "cadre__"
        return {f"k_{name}": F(f"{prefix}unit_id" if name == "unit_id" else f"{cadre}{name}") for name in by}

    def key_of(row):
        return tuple(row[f"k_{name}"] for name in by)

    members = Membership.objects.filter(_member_on("", day, unit_ids, category))
    for row in members.values(**keys("")).annotate(n=Count("cadre_id", distinct=True)).order_by():
        counts.cadres[key_of(row)] = row["n"]
    learning = {"course_id__in": course_ids}
    done = CourseCompletion.objects.filter(
        _member_on(through, day, unit_ids, category), completed_at__lt=end, **learning
    )
    enrolled = Enrolment.objects.filter(_member_on(through, day, unit_ids, category), enrolled_at__lt=end, **learning)
    unfinished = enrolled.filter(
        ~Exists(
            CourseCompletion.objects.filter(
                user_id=OuterRef("user_id"), course_id=OuterRef("course_id"), completed_at__lt=end
            )
        )
    )
    for queryset, position, distinct in ((enrolled, 0, False), (unfinished, 1, False), (done, 2, True)):
        rows = queryset.values(**keys(through), k_course=F("course_id")).annotate(n=Count("user_id", distinct=distinct))
        for row in rows.order_by():
            counts.course_cell(key_of(row) + (row["k_course"],))[position] = row["n"]
    return counts


# The store


def _store(counts, unit_ids, course_ids):
    """Replace the stored counters of `unit_ids` (None: all) and `course_ids` (ALL_COURSES: all) by `counts`."""

    def scoped(model, with_course=True):
        rows = model.objects.all()
        if unit_ids is not None:
            rows = rows.filter(unit_id__in=unit_ids)
        if with_course and course_ids is not ALL_COURSES:
            rows = rows.filter(course_id__in=course_ids)
        return rows

    scoped(UnitCadreCount, with_course=False).delete()
    UnitCadreCount.objects.bulk_create(
        (
            UnitCadreCount(unit_id=unit_id, category=category, cadres=n)
            for (unit_id, category), n in counts.cadres.items()
        ),
        batch_size=5000,
    )
    scoped(UnitCourseCount).delete()
    UnitCourseCount.objects.bulk_create(
        (
            UnitCourseCount(
                unit_id=unit_id,
                category=category,
                course_id=course_id,
                enrolled=enrolled,
                in_progress=in_progress,
                completed=completed,
            )
            for (unit_id, category, course_id), (enrolled, in_progress, completed) in counts.courses.items()
        ),
        batch_size=5000,
    )
    scoped(UnitCourseMonth).delete()
    UnitCourseMonth.objects.bulk_create(
        (
            UnitCourseMonth(unit_id=unit_id, category=category, course_id=course_id, month=month, completed=n)
            for (unit_id, category, course_id, month), n in counts.months.items()
        ),
        batch_size=5000,
    )


def refresh(cells):
    """Recount and store the counters of `cells`: {unit_id: set of course ids, or ALL_COURSES}."""
    if not cells:
        return
    with transaction.atomic():
        # Lock the units: refreshes of the same unit queue here, and each counts after the previous committed.
        locked = Unit.objects.select_for_update().filter(pk__in=cells).order_by("pk")
        unit_ids = list(locked.values_list("pk", flat=True))
        whole = [unit_id for unit_id in unit_ids if cells[unit_id] is ALL_COURSES]
        if whole:
            _store(compute(unit_ids=whole), whole, ALL_COURSES)
        by_courses = {}
        for unit_id in unit_ids:
            if cells[unit_id] is not ALL_COURSES:
                by_courses.setdefault(frozenset(cells[unit_id]), []).append(unit_id)
        for course_ids, units in by_courses.items():
            _store(compute(unit_ids=units, course_ids=course_ids), units, course_ids)


def rebuild():
    """Recount every counter from the raw records, in one transaction. Returns the number of rows stored."""
    with transaction.atomic():
        list(Unit.objects.select_for_update().order_by("pk").values_list("pk", flat=True))
        started = timezone.now()
        _store(compute(), None, ALL_COURSES)
        CounterChange.objects.filter(created_at__lte=started).delete()  # all counted now
    return UnitCadreCount.objects.count() + UnitCourseCount.objects.count() + UnitCourseMonth.objects.count()


def differences():
    """The stored counters that differ from a recount of the raw records: [(kind, key, stored, recounted)]."""
    counts = compute()
    stored = Counts()
    for row in UnitCadreCount.objects.all():
        stored.cadres[(row.unit_id, row.category)] = row.cadres
    for row in UnitCourseCount.objects.all():
        stored.courses[(row.unit_id, row.category, row.course_id)] = [row.enrolled, row.in_progress, row.completed]
    for row in UnitCourseMonth.objects.all():
        stored.months[(row.unit_id, row.category, row.course_id, row.month)] = row.completed
    found = []
    for kind in ("cadres", "courses", "months"):
        mine, theirs = getattr(stored, kind), getattr(counts, kind)
        empty = [0, 0, 0] if kind == "courses" else 0
        for key in sorted(set(mine) | set(theirs), key=str):
            if mine.get(key, empty) != theirs.get(key, empty):
                found.append((kind, key, mine.get(key), theirs.get(key)))
    return found


def _add_cells(cells, unit_ids, course_ids):
    for unit_id in unit_ids:
        if course_ids is ALL_COURSES or cells.get(unit_id, set()) is ALL_COURSES:
            cells[unit_id] = ALL_COURSES
        else:
            cells.setdefault(unit_id, set()).update(course_ids)


def schedule(unit_ids, course_ids=ALL_COURSES):
    """Refresh the counters of these units (and courses) once the current transaction commits (now, outside one).

    The cells a transaction touches are written down with it (CounterChange) and gathered into one
    refresh. It runs as a "robust" commit hook: if it fails, the error is logged and the write that
    scheduled it stands; `apply_changes` counts the cells that are still written down.
    """
    unit_ids = {unit_id for unit_id in unit_ids if unit_id is not None}
    if not unit_ids:
        return
    courses = [None] if course_ids is ALL_COURSES else sorted(course_ids)
    changes = CounterChange.objects.bulk_create(
        [CounterChange(unit_id=unit_id, course_id=course_id) for unit_id in unit_ids for course_id in courses]
    )
    change_ids = [change.pk for change in changes]
    if connection.in_atomic_block:
        for _savepoints, callback, _robust in connection.run_on_commit:
            cells = getattr(callback, "report_cells", None)
            if cells is not None:
                _add_cells(cells, unit_ids, course_ids)
                callback.change_ids.extend(change_ids)
                return
    cells = {}
    _add_cells(cells, unit_ids, course_ids)

    def refresh_report_counters():
        refresh(cells)
        CounterChange.objects.filter(pk__in=refresh_report_counters.change_ids).delete()

    refresh_report_counters.report_cells = cells
    refresh_report_counters.change_ids = change_ids
    transaction.on_commit(refresh_report_counters, robust=True)


def apply_changes(older_than=timedelta(seconds=30)):
    """Count the cells still written down (their refresh never ran or failed); return how many were counted.

    Only changes older than `older_than` are taken: younger ones are still being refreshed by their commit.
    """
    pending = CounterChange.objects.filter(created_at__lt=timezone.now() - older_than)
    rows = list(pending.values_list("pk", "unit_id", "course_id"))
    if not rows:
        return 0
    cells = {}
    for _pk, unit_id, course_id in rows:
        _add_cells(cells, {unit_id}, ALL_COURSES if course_id is None else {course_id})
    refresh(cells)
    CounterChange.objects.filter(pk__in=[pk for pk, _unit, _course in rows]).delete()
    return len(rows)


def count_if_never_counted(**kwargs):
    """post_migrate: count everything once when there are cadres but no counters yet (an upgraded database)."""
    if not UnitCadreCount.objects.exists() and Cadre.objects.exists():
        rebuild()
