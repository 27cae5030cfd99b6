"""The report benchmark's data set and its naive baseline (used by `manage.py bench_reports`).

The data set: a unit tree with a deep branch (province → departments and communes → divisions →
sub-divisions ...), cadres with their login accounts and open memberships spread over it, live
course pages made through Wagtail, and enrolments and completions in the millions at full size.
On PostgreSQL people and progress are written by INSERT ... SELECT over generate_series; on other
databases by batched inserts of rows made in Python by the same rules. Every generated record
carries a prefix (usernames "bench-", staff codes "BENCH", unit codes "BENCH-", the course index
slug) so `drop_dataset` removes exactly what the benchmark made.

The baseline: the completion roll-up counted from the raw rows, one child unit at a time, with the
ORM queries a developer would write without the stored counters (`naive_rollup`).
"""

import itertools
import random
import time
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from wagtail.models import Page

from courses.models import Assignment, CourseCompletion, CourseIndexPage, CoursePage, CourseTopic, Enrolment
from elearn.publishing import sync_child_page
from units.cadre_import.generate import FAMILY, GIVEN, MIDDLE, POSITIONS
from units.models import Cadre, CadreCategory, Membership, Unit, UnitKind

from .models import (
    EmulationCriterion,
    EmulationGroup,
    EmulationPeriod,
    EmulationScheme,
    EmulationSnapshot,
    Measure,
    UnitCadreCount,
    UnitCourseCount,
    UnitCourseMonth,
)

USER_PREFIX = "bench-"
STAFF_PREFIX = "BENCH"
UNIT_PREFIX = "BENCH-"
INDEX_SLUG = "bench-khoa-hoc"
ADMIN_USERNAME = f"{USER_PREFIX}quantri"
ASSIGNMENT_TITLE = "Bench: khóa học bắt buộc toàn tỉnh"

# The shape of the people and their learning.
ENROL_SHARE = 0.6  # of cadre-course pairs enrolled
COMPLETE_SHARE = 0.7  # of enrolments completed
RECERT_SHARE = 0.02  # of enrolments completed twice (a second cycle after recertification)
ASSIGNED_SHARE = 0.3  # of enrolments made through an assignment
INACTIVE_EVERY = 97  # every 97th account is deactivated (does not count)
LEFT_EVERY = 89  # every 89th cadre left a month ago (does not count); the next one leaves in two months (counts)
DAYS = 365  # enrolments and completions spread over the last year
JOINED_DAYS = 1500  # accounts created over the last four years
CATEGORY_SLOTS = (
    [CadreCategory.LEADER] * 2
    + [CadreCategory.CIVIL_SERVANT] * 7
    + [CadreCategory.PUBLIC_EMPLOYEE] * 6
    + [CadreCategory.COMMUNE_CADRE] * 4
    + [CadreCategory.OTHER]
)
UNIT_WEIGHTS = {  # how many cadres a unit of this kind has, relatively
    UnitKind.PROVINCE: 2,
    UnitKind.DEPARTMENT: 3,
    UnitKind.DIVISION: 2,
    UnitKind.COMMUNE: 4,
    UnitKind.OTHER: 2,
}
SEED = 0.42
BATCH = 5000


def deep_branch_size(depth):
    """Units of the deep branch: three at every level from 3 to `depth`."""
    return 3 * (depth - 2)


def minimum_units(depth):
    return 1 + deep_branch_size(depth) + 2  # the province, the deep branch, one more department, one commune


@dataclass
class Dataset:
    root: Unit
    courses: list
    admin: object
    deep: Unit = None  # the deepest unit that has children
    mid: Unit = None  # the department holding the deep branch
    figures: dict = field(default_factory=dict)


# What is already there


def leftovers():
    """Why the benchmark cannot start because an earlier run left its data, or ""."""
    if (
        Unit.objects.filter(code__startswith=UNIT_PREFIX).exists()
        or get_user_model().objects.filter(username__startswith=USER_PREFIX).exists()
    ):
        return (
            "Data from an earlier benchmark run (--keep, or an interrupted run) is still in this database: "
            "run `manage.py bench_reports --drop` to remove it first."
        )
    return ""


def home_page():
    """The site's top page (depth 2, below Wagtail's root), under which the benchmark puts its courses."""
    return Page.objects.filter(depth=2).order_by("path").first()


# The unit tree


def _plan_tree(count, depth):
    """[(parent index or None, kind, name)] in creation order: the province first, parents before children."""
    plan = [(None, UnitKind.PROVINCE, "Tỉnh thử nghiệm hiệu năng")]
    rest = count - 1 - deep_branch_size(depth)
    departments = max(1, rest // 12)
    communes = max(1, rest // 3)
    divisions = rest - departments - communes
    if divisions < 0:
        communes += divisions
        divisions = 0
    department_at = []
    for number in range(1, departments + 1):
        department_at.append(len(plan))
        plan.append((0, UnitKind.DEPARTMENT, f"Sở thử nghiệm {number:02d}"))
    parent = department_at[0]
    for level in range(3, depth + 1):  # the deep branch, below the first department
        first = len(plan)
        for number in range(1, 4):
            plan.append(
                (
                    parent,
                    UnitKind.DIVISION if level == 3 else UnitKind.OTHER,
                    f"{'Phòng' if level == 3 else 'Tổ'} nhánh sâu cấp {level} số {number}",
                )
            )
        parent = first
    for number in range(divisions):
        department = department_at[number % departments]
        plan.append((department, UnitKind.DIVISION, f"Phòng {number // departments + 1:02d} – {plan[department][2]}"))
    for number in range(1, communes + 1):
        plan.append((0, UnitKind.COMMUNE, f"Xã thử nghiệm {number:03d}"))
    return plan


def build_units(count, depth):
    """The province and its tree, `count` units, at least `depth` levels; return the units in tree order.

    Paths are computed here and the units bulk-created (treebeard's add_child costs queries per unit).
    """
    plan = _plan_tree(count, depth)
    root = Unit.add_root(instance=Unit(code=f"{UNIT_PREFIX}0000", name=plan[0][2], kind=plan[0][1]))
    paths, depths, children = [root.path], [1], [0] * len(plan)
    units = []
    for index, (parent, kind, name) in enumerate(plan[1:], start=1):
        children[parent] += 1
        depths.append(depths[parent] + 1)
        paths.append(Unit._get_path(paths[parent], depths[index], children[parent]))
        units.append(
            Unit(
                path=paths[index],
                depth=depths[index],
                numchild=0,
                code=f"{UNIT_PREFIX}{index:04d}",
                name=name,
                kind=kind,
            )
        )
    for unit, index in zip(units, range(1, len(plan)), strict=True):
        unit.numchild = children[index]
    Unit.objects.bulk_create(units, batch_size=1000)
    Unit.objects.filter(pk=root.pk).update(numchild=children[0])
    return list(Unit.objects.filter(path__startswith=root.path).order_by("path"))


def unit_slots(units):
    """Unit ids repeated by weight: cadre number i belongs to slots[(i * 7919) % len(slots)]."""
    slots = []
    for unit in units:
        slots.extend([unit.pk] * UNIT_WEIGHTS.get(unit.kind, 2))
    return slots


# Courses


def build_courses(count):
    """A course index below the home page and `count` published course pages, made as editors would."""
    home = home_page()
    index, _status = sync_child_page(home, CourseIndexPage, INDEX_SLUG, {"title": "Khóa học thử nghiệm hiệu năng"})
    topics = CourseTopic.values
    courses = []
    for number in range(1, count + 1):
        page, _status = sync_child_page(
            index,
            CoursePage,
            f"{INDEX_SLUG}-{number:03d}",
            {
                "title": f"Khóa học thử nghiệm {number:02d}",
                "topic": topics[number % len(topics)],
                "summary": "Khóa học sinh tự động để đo tốc độ báo cáo.",
            },
        )
        courses.append(page)
    return courses


# People and learning: the rules, then the two ways of writing them


def person(i, slots, now, today):
    """The generated facts of person number i (1-based), the same on every database."""
    code = f"{i:07d}"
    return {
        "username": f"{USER_PREFIX}{code}",
        "email": f"{USER_PREFIX}{code}@example.invalid",
        "is_active": i % INACTIVE_EVERY != 0,
        "date_joined": now - timedelta(days=i % JOINED_DAYS),
        "full_name": f"{FAMILY[i % len(FAMILY)]} {MIDDLE[(i // len(FAMILY)) % len(MIDDLE)]} "
        f"{GIVEN[(i // (len(FAMILY) * len(MIDDLE))) % len(GIVEN)]}",
        "staff_code": f"{STAFF_PREFIX}{code}",
        "position": POSITIONS[(i * 7) % len(POSITIONS)],
        "category": CATEGORY_SLOTS[(i * 13) % len(CATEGORY_SLOTS)],
        "unit_id": slots[(i * 7919) % len(slots)],
        "left_on": (
            today - timedelta(days=30)
            if i % LEFT_EVERY == 0
            else today + timedelta(days=60)
            if i % LEFT_EVERY == 1
            else None
        ),
    }


def progress_rows(pair, now):
    """(enrolment row, [completion rows]) of one enrolled pair: user, unit, course, title, lessons, enrolled_at, r."""
    user_id, unit_id, course_id, title, lessons, enrolled_at, r = pair
    span = now - enrolled_at
    recert = r < RECERT_SHARE
    enrolment = (
        title,
        "assignment" if r < ASSIGNED_SHARE else "self",
        enrolled_at,
        enrolled_at + span * r,
        course_id,
        unit_id,
        user_id,
        2 if recert else 1,
        enrolled_at + span / 2 if recert else None,
    )
    completions = []
    if r < COMPLETE_SHARE:
        done = (
            [(enrolled_at + span / 4, 1), (enrolled_at + span * 3 / 4, 2)]
            if recert
            else [(enrolled_at + span * (r / COMPLETE_SHARE), 1)]
        )
        score = round(50 + r * 50, 2)
        completions = [(title, at, score, lessons, lessons, course_id, unit_id, user_id, cycle) for at, cycle in done]
    return enrolment, completions


USER_COLUMNS = (
    "password",
    "last_login",
    "is_superuser",
    "username",
    "first_name",
    "last_name",
    "email",
    "is_staff",
    "is_active",
    "date_joined",
)
CADRE_COLUMNS = ("full_name", "staff_code", "position", "category", "user_id", "unit_id", "left_on")
MEMBERSHIP_COLUMNS = ("started_on", "ended_on", "cadre_id", "unit_id")
ENROLMENT_COLUMNS = (
    "course_title",
    "source",
    "enrolled_at",
    "last_activity_at",
    "course_id",
    "unit_id",
    "user_id",
    "cycle",
    "cycle_started_at",
)
COMPLETION_COLUMNS = (
    "course_title",
    "completed_at",
    "score",
    "lessons_completed",
    "lessons_required",
    "course_id",
    "unit_id",
    "user_id",
    "cycle",
)


def _table(model):
    return connection.ops.quote_name(model._meta.db_table)


def _insert_sql(model, columns):
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    return f"INSERT INTO {_table(model)} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"


def _lessons(number):
    return 3 + number % 5


def generate_people(count, units, courses, now=None):
    """Accounts, cadres, open memberships, enrolments and completions; return the row counts."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    slots = unit_slots(units)
    if connection.vendor == "postgresql":
        _generate_postgresql(count, slots, courses, now, today)
    else:
        _generate_rows(count, slots, courses, now, today)
    return dataset_counts()


def dataset_counts():
    users = get_user_model().objects.filter(username__startswith=USER_PREFIX)
    return {
        "cadres": Cadre.objects.filter(staff_code__startswith=STAFF_PREFIX).count(),
        "memberships": Membership.objects.filter(cadre__staff_code__startswith=STAFF_PREFIX).count(),
        "enrolments": Enrolment.objects.filter(user__in=users).count(),
        "completions": CourseCompletion.objects.filter(user__in=users).count(),
    }


def _insert(model, columns, rows):
    """Write `rows` (an iterable of tuples in `columns` order) in batches of plain INSERTs."""
    rows = iter(rows)
    with connection.cursor() as cursor:
        while batch := list(itertools.islice(rows, BATCH)):
            cursor.executemany(_insert_sql(model, columns), batch)


def _generate_rows(count, slots, courses, now, today):
    """Any database: rows made in Python by `person` and `progress_rows`."""
    stamp, day = connection.ops.adapt_datetimefield_value, connection.ops.adapt_datefield_value
    people = [person(i, slots, now, today) for i in range(1, count + 1)]
    user_model = get_user_model()
    _insert(
        user_model,
        USER_COLUMNS,
        (
            ("!bench", None, False, p["username"], "", "", p["email"], False, p["is_active"], stamp(p["date_joined"]))
            for p in people
        ),
    )
    user_ids = dict(user_model.objects.filter(username__startswith=USER_PREFIX).values_list("username", "pk"))
    _insert(
        Cadre,
        CADRE_COLUMNS,
        (
            (
                p["full_name"],
                p["staff_code"],
                p["position"],
                p["category"],
                user_ids[p["username"]],
                p["unit_id"],
                day(p["left_on"]),
            )
            for p in people
        ),
    )
    cadre_ids = dict(Cadre.objects.filter(staff_code__startswith=STAFF_PREFIX).values_list("staff_code", "pk"))
    _insert(
        Membership,
        MEMBERSHIP_COLUMNS,
        ((day(timezone.localdate(p["date_joined"])), None, cadre_ids[p["staff_code"]], p["unit_id"]) for p in people),
    )
    rng = random.Random(SEED)
    enrolments, completions = [], []
    for p in people:
        for number, course in enumerate(courses, start=1):
            if rng.random() >= ENROL_SHARE:
                continue
            enrolled_at = now - timedelta(days=DAYS) * rng.random()
            pair = (
                user_ids[p["username"]],
                p["unit_id"],
                course.pk,
                course.title,
                _lessons(number),
                enrolled_at,
                rng.random(),
            )
            enrolment, done = progress_rows(pair, now)
            enrolments.append(
                (*enrolment[:2], stamp(enrolment[2]), stamp(enrolment[3]), *enrolment[4:8], stamp(enrolment[8]))
            )
            completions.extend((row[0], stamp(row[1]), *row[2:]) for row in done)
    _insert(Enrolment, ENROLMENT_COLUMNS, enrolments)
    _insert(CourseCompletion, COMPLETION_COLUMNS, completions)


def _generate_postgresql(count, slots, courses, now, today):
    """PostgreSQL: the same rules as `person` and `progress_rows`, as INSERT ... SELECT over generate_series."""
    user_model = get_user_model()
    families, middles = len(FAMILY), len(MIDDLE)
    params = {
        "n": count,
        "now": now,
        "prefix": USER_PREFIX,
        "staff": STAFF_PREFIX,
        "tz": settings.TIME_ZONE,
        "inactive": INACTIVE_EVERY,
        "left": LEFT_EVERY,
        "joined": JOINED_DAYS,
        "left_past": today - timedelta(days=30),
        "left_future": today + timedelta(days=60),
        "families": FAMILY,
        "middles": MIDDLE,
        "given": GIVEN,
        "positions": POSITIONS,
        "categories": [str(category) for category in CATEGORY_SLOTS],
        "slots": slots,
        "fm": families,
        "fmg": families * middles,
        "course_ids": [course.pk for course in courses],
        "titles": [course.title for course in courses],
        "lessons": [_lessons(number) for number in range(1, len(courses) + 1)],
        "seed": SEED,
        "enrol": ENROL_SHARE,
        "complete": COMPLETE_SHARE,
        "recert": RECERT_SHARE,
        "assigned": ASSIGNED_SHARE,
        "days": DAYS,
    }
    number = "lpad(i::text, 7, '0')"
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {_table(user_model)} ({", ".join(USER_COLUMNS)})
            SELECT '!bench', NULL, false, %(prefix)s || {number}, '', '', %(prefix)s || {number} || '@example.invalid',
                   false, i %% %(inactive)s <> 0, %(now)s - (i %% %(joined)s) * interval '1 day'
            FROM generate_series(1, %(n)s) AS i""",
            params,
        )
        cursor.execute(
            f"""
            INSERT INTO {_table(Cadre)} ({", ".join(CADRE_COLUMNS)})
            SELECT (%(families)s::text[])[1 + i %% cardinality(%(families)s::text[])] || ' '
                   || (%(middles)s::text[])[1 + (i / %(fm)s) %% cardinality(%(middles)s::text[])] || ' '
                   || (%(given)s::text[])[1 + (i / %(fmg)s) %% cardinality(%(given)s::text[])],
                   %(staff)s || {number},
                   (%(positions)s::text[])[1 + (i * 7) %% cardinality(%(positions)s::text[])],
                   (%(categories)s::text[])[1 + (i * 13) %% cardinality(%(categories)s::text[])],
                   u.id,
                   (%(slots)s::bigint[])[1 + (i::bigint * 7919) %% cardinality(%(slots)s::bigint[])],
                   CASE i %% %(left)s WHEN 0 THEN %(left_past)s::date WHEN 1 THEN %(left_future)s::date END
            FROM generate_series(1, %(n)s) AS i
            JOIN {_table(user_model)} u ON u.username = %(prefix)s || {number}""",
            params,
        )
        cursor.execute(
            f"""
            INSERT INTO {_table(Membership)} ({", ".join(MEMBERSHIP_COLUMNS)})
            SELECT (u.date_joined AT TIME ZONE %(tz)s)::date, NULL, c.id, c.unit_id
            FROM {_table(Cadre)} c JOIN {_table(user_model)} u ON u.id = c.user_id
            WHERE c.staff_code LIKE %(staff)s || '%%'""",
            params,
        )
        cursor.execute("SELECT setseed(%(seed)s)", params)
        cursor.execute("DROP TABLE IF EXISTS bench_pairs")
        cursor.execute(
            f"""
            CREATE TEMPORARY TABLE bench_pairs AS
            SELECT c.user_id, c.unit_id, k.course_id, k.title, k.lessons,
                   %(now)s - random() * %(days)s * interval '1 day' AS enrolled_at, random() AS r
            FROM {_table(Cadre)} c
            CROSS JOIN unnest(%(course_ids)s::int[], %(titles)s::text[], %(lessons)s::int[]) AS k(course_id, title,
                                                                                                 lessons)
            WHERE c.staff_code LIKE %(staff)s || '%%' AND random() < %(enrol)s""",
            params,
        )
        cursor.execute(
            f"""
            INSERT INTO {_table(Enrolment)} ({", ".join(ENROLMENT_COLUMNS)})
            SELECT title, CASE WHEN r < %(assigned)s THEN 'assignment' ELSE 'self' END, enrolled_at,
                   enrolled_at + (%(now)s - enrolled_at) * r, course_id, unit_id, user_id,
                   CASE WHEN r < %(recert)s THEN 2 ELSE 1 END,
                   CASE WHEN r < %(recert)s THEN enrolled_at + (%(now)s - enrolled_at) / 2 END
            FROM bench_pairs""",
            params,
        )
        cursor.execute(
            f"""
            INSERT INTO {_table(CourseCompletion)} ({", ".join(COMPLETION_COLUMNS)})
            SELECT p.title, p.enrolled_at + (%(now)s - p.enrolled_at) * d.share, round((50 + p.r * 50)::numeric, 2),
                   p.lessons, p.lessons, p.course_id, p.unit_id, p.user_id, d.cycle
            FROM bench_pairs p
            CROSS JOIN LATERAL (
                SELECT * FROM (VALUES (0.25::float8, 1), (0.75::float8, 2)) AS v(share, cycle) WHERE p.r < %(recert)s
                UNION ALL
                SELECT p.r / %(complete)s, 1 WHERE p.r >= %(recert)s
            ) AS d
            WHERE p.r < %(complete)s""",
            params,
        )
        cursor.execute("DROP TABLE bench_pairs")


def analyze():
    """Fresh planner statistics (and, outside a transaction, the visibility map) for the tables written."""
    if connection.vendor != "postgresql":
        return
    models = [
        get_user_model(),
        Unit,
        Cadre,
        Membership,
        Enrolment,
        CourseCompletion,
        UnitCadreCount,
        UnitCourseCount,
        UnitCourseMonth,
    ]
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"{command} {_table(model)}")


def build_assignment(root, courses, admin, today):
    """A required-course assignment for the whole province with the first five courses."""
    assignment = Assignment.objects.create(
        title=ASSIGNMENT_TITLE,
        unit=root,
        include_subunits=True,
        starts_on=today - timedelta(days=180),
        due_days=90,
        created_by=admin,
    )
    assignment.courses.set(courses[:5])
    return assignment


EMULATION_NAME = "Bench: thi đua"


def build_emulation_period(today):
    """A period of the last year comparing the communes and the departments, on every criterion."""
    scheme = EmulationScheme.objects.create(name=EMULATION_NAME)
    for order, measure in enumerate(Measure.values):
        EmulationCriterion.objects.create(scheme=scheme, sort_order=order, measure=measure, weight=20, target=90)
    period = EmulationPeriod.objects.create(
        name=EMULATION_NAME, start_on=today - timedelta(days=364), end_on=today, issuer="Bench", place="Bench"
    )
    for order, (name, kind) in enumerate((("Khối xã", UnitKind.COMMUNE), ("Khối sở", UnitKind.DEPARTMENT))):
        EmulationGroup.objects.create(period=period, sort_order=order, name=name, unit_kinds=[kind], scheme=scheme)
    return period


def build(cadres, units, courses, depth, now=None):
    """The whole data set; `figures` holds the seconds each step took and the row counts."""
    now = now or timezone.now()
    figures = {}

    def timed(name, function, *args):
        started = time.perf_counter()
        result = function(*args)
        figures[f"{name}_s"] = time.perf_counter() - started
        return result

    tree = timed("units", build_units, units, depth)
    pages = timed("courses", build_courses, courses)
    admin = get_user_model().objects.create_superuser(ADMIN_USERNAME, f"{ADMIN_USERNAME}@example.invalid", None)
    figures.update(timed("people", generate_people, cadres, tree, pages, now))
    timed("analyze", analyze)
    root = tree[0]
    deep = Unit.objects.filter(path__startswith=root.path, numchild__gt=0).order_by("-depth", "path").first()
    mid = deep.get_ancestors().filter(depth=2).first() if deep.depth > 2 else None
    return Dataset(root=root, courses=pages, admin=admin, deep=deep, mid=mid, figures=figures)


# Removing it


def drop_dataset():
    """Remove everything the benchmark made (identified by its prefixes); plain DELETEs for the big tables."""
    user_model = get_user_model()
    users = f"SELECT id FROM {_table(user_model)} WHERE username LIKE %s"
    pattern = [f"{USER_PREFIX}%"]
    with transaction.atomic():
        units = Unit.objects.filter(code__startswith=UNIT_PREFIX)
        indexes = list(CourseIndexPage.objects.filter(slug=INDEX_SLUG))
        courses = CoursePage.objects.filter(path__startswith=indexes[0].path) if indexes else CoursePage.objects.none()
        for model in (UnitCadreCount, UnitCourseCount, UnitCourseMonth):
            model.objects.filter(unit__in=units).delete()
        UnitCourseCount.objects.filter(course__in=courses).delete()
        UnitCourseMonth.objects.filter(course__in=courses).delete()
        Assignment.objects.filter(title=ASSIGNMENT_TITLE).delete()
        EmulationSnapshot.objects.filter(period__name=EMULATION_NAME).delete()  # the queryset: no refusal here
        EmulationPeriod.objects.filter(name=EMULATION_NAME).delete()
        EmulationScheme.objects.filter(name=EMULATION_NAME).delete()
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {_table(CourseCompletion)} WHERE user_id IN ({users})", pattern)
            cursor.execute(f"DELETE FROM {_table(Enrolment)} WHERE user_id IN ({users})", pattern)
            cursor.execute(
                f"DELETE FROM {_table(Membership)} WHERE cadre_id IN "
                f"(SELECT id FROM {_table(Cadre)} WHERE user_id IN ({users}))",
                pattern,
            )
            cursor.execute(f"DELETE FROM {_table(Cadre)} WHERE user_id IN ({users})", pattern)
        user_model.objects.filter(username=ADMIN_USERNAME).delete()
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {_table(user_model)} WHERE username LIKE %s", pattern)
        for index in indexes:
            index.delete()
        for root in Unit.objects.filter(code__startswith=UNIT_PREFIX, depth=1):
            root.delete()


# The naive baseline


def naive_rollup(unit, course_ids, today=None):
    """[("child" | "own" | "total", unit id, cadres, required, enrolled, in_progress, completed)] from raw rows.

    What one writes without counters: for each child unit (its whole subtree), then for the unit's
    own members, count the active cadres, and the enrolled, in-progress and completed
    person-course pairs (distinct users per course) over the live courses `course_ids`.
    """
    today = today or timezone.localdate()
    rows = [
        ("child", child.pk, *_naive_counts({"unit__path__startswith": child.path}, course_ids, today))
        for child in unit.get_children()
    ]
    rows.append(("own", unit.pk, *_naive_counts({"unit": unit}, course_ids, today)))
    rows.append(("total", unit.pk, *(sum(row[index] for row in rows) for index in range(2, 7))))
    return rows


def _naive_counts(place, course_ids, today):
    """(cadres, required, enrolled, in_progress, completed) of the active cadres matching `place`."""
    cadres = Cadre.objects.filter(Q(left_on__isnull=True) | Q(left_on__gt=today), user__is_active=True, **place).count()
    learners = Q(user__is_active=True, **{f"user__cadre__{name}": value for name, value in place.items()}) & (
        Q(user__cadre__left_on__isnull=True) | Q(user__cadre__left_on__gt=today)
    )
    enrolments = Enrolment.objects.filter(learners, course_id__in=course_ids)
    completions = CourseCompletion.objects.filter(learners, course_id__in=course_ids)
    unfinished = enrolments.exclude(
        Exists(CourseCompletion.objects.filter(user_id=OuterRef("user_id"), course_id=OuterRef("course_id")))
    )

    def pairs(queryset):
        per_course = queryset.values("course_id").annotate(n=Count("user_id", distinct=True)).order_by()
        return sum(row["n"] for row in per_course)

    return cadres, cadres * len(course_ids), pairs(enrolments), pairs(unfinished), pairs(completions)


def fast_rows(rows):
    """queries.unit_rollup rows in the shape of `naive_rollup`."""
    return [
        (row.kind, row.unit.pk, row.cadres, row.required, row.enrolled, row.in_progress, row.completed) for row in rows
    ]
