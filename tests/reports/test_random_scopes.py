"""For random scopes and filters, the counter-backed roll-up equals a per-cadre computation from the raw records."""

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from courses.models import CourseCompletion, CoursePage, Enrolment
from reports import counters, queries
from tests.factories import CadreFactory, UserFactory, make_unit, publish
from units.models import CadreCategory, UnitKind
from units.roles import ADMINISTRATOR

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
FIELDS = ("cadres", "required", "enrolled", "in_progress", "completed")


@pytest.fixture
def deep_tree(db):
    """A province with two departments, divisions below them and teams below one division."""
    province = make_unit("31", "Thành phố Hải Phòng", kind=UnitKind.PROVINCE)
    units = [province]
    for d in range(2):
        department = make_unit(f"D{d}", f"Sở {d}", province, UnitKind.DEPARTMENT)
        units.append(department)
        for v in range(2):
            division = make_unit(f"D{d}V{v}", f"Phòng {d}.{v}", department, UnitKind.DIVISION)
            units.append(division)
            if d == 0 and v == 0:
                units += [make_unit(f"D0V0T{t}", f"Tổ {t}", division) for t in range(2)]
    return units


@pytest.fixture
def courses(catalogue, course):
    second = publish(
        catalogue,
        CoursePage(title="Kỹ năng số", slug="ky-nang-so", topic="digital_skills", summary="Kỹ năng số cho công chức."),
    )
    third = publish(
        catalogue,
        CoursePage(
            title="Bảo vệ dữ liệu cá nhân", slug="du-lieu-ca-nhan", topic="security", summary="Dữ liệu cá nhân."
        ),
    )
    return [course, second, third]


@pytest.fixture
def records(deep_tree, courses):
    """120 cadres with random categories, some who left or lost their account, and random progress."""
    rng = random.Random(2026)
    categories = [value for value, _label in CadreCategory.choices]
    people = []
    for number in range(120):
        left_on = date(2026, 1, 1) if rng.random() < 0.05 else None
        cadre = CadreFactory(
            staff_code=f"R{number:04d}", unit=rng.choice(deep_tree), category=rng.choice(categories), left_on=left_on
        )
        if rng.random() < 0.05:
            cadre.user.is_active = False
            cadre.user.save()
        for course in courses:
            state = rng.choice(["none", "enrolled", "completed", "completed_only", "two_cycles"])
            if state in ("enrolled", "completed", "two_cycles"):
                Enrolment.objects.create(
                    user=cadre.user,
                    course=course,
                    course_title=course.title,
                    source="self",
                    cycle=2 if state == "two_cycles" else 1,
                )
            cycles = {"completed": [1], "completed_only": [1], "two_cycles": [1, 2]}.get(state, [])
            for cycle in cycles:
                day = date(2026, 1, 1) + timedelta(days=rng.randrange(300))
                CourseCompletion.objects.create(
                    user=cadre.user,
                    course=course,
                    course_title=course.title,
                    score=rng.randrange(50, 101),
                    completed_at=datetime(day.year, day.month, day.day, 10, tzinfo=HCM),
                    lessons_completed=3,
                    lessons_required=3,
                    cycle=cycle,
                )
        people.append(cadre)
    counters.rebuild()
    return people


def expected_rows(unit, filters, course_ids, today):
    """[child rows..., own, total] as tuples of FIELDS, person by person from the raw records."""
    enrolments = {}
    for user_id, course_id, enrolled_at in Enrolment.objects.values_list("user_id", "course_id", "enrolled_at"):
        enrolments.setdefault((user_id, course_id), []).append(enrolled_at)
    completions = {}
    for user_id, course_id, completed_at in CourseCompletion.objects.values_list(
        "user_id", "course_id", "completed_at"
    ):
        completions.setdefault((user_id, course_id), []).append(completed_at.astimezone(HCM).date())
    end = datetime.combine(filters.date_to, datetime.min.time(), HCM) + timedelta(days=1) if filters.date_to else None

    def counts(cadres):
        total = [0] * 5
        for cadre in cadres:
            total[0] += 1
            for course_id in course_ids:
                key = (cadre.user_id, course_id)
                enrolled = [at for at in enrolments.get(key, []) if end is None or at < end]
                done = [day for day in completions.get(key, []) if not filters.date_to or day <= filters.date_to]
                in_range = [day for day in done if not filters.date_from or day >= filters.date_from]
                total[1] += 1
                total[2] += bool(enrolled)
                total[3] += bool(enrolled) and not done
                total[4] += bool(in_range)
        return tuple(total)

    people = [
        cadre
        for cadre in CadreFactory._meta.model.objects.select_related("unit", "user")
        if cadre.user.is_active
        and (cadre.left_on is None or cadre.left_on > today)
        and (not filters.category or cadre.category == filters.category)
    ]
    children = list(unit.get_children()) if filters.subunits else []
    rows = [counts([p for p in people if p.unit.path.startswith(child.path)]) for child in children]
    rows.append(counts([p for p in people if p.unit_id == unit.pk]))
    inside = (
        [p for p in people if p.unit.path.startswith(unit.path)]
        if filters.subunits
        else [p for p in people if p.unit_id == unit.pk]
    )
    rows.append(counts(inside))
    return rows


def test_random_scopes_and_filters_match_the_raw_records(deep_tree, courses, records):
    administrator = UserFactory(username="quantri", groups=[ADMINISTRATOR])
    rng = random.Random(7)
    categories = ["", *[value for value, _label in CadreCategory.choices]]
    today = date.today()
    for _round in range(60):
        unit = rng.choice(deep_tree)
        subject = rng.choice(["all", "topic", "course"])
        filters = queries.Filters(category=rng.choice(categories), subunits=rng.random() < 0.7)
        if subject == "topic":
            filters.topic = "security"
        elif subject == "course":
            filters.course = rng.choice(courses)
        if rng.random() < 0.45:
            # A range that ended (counted from the raw rows), one still running and one open-ended
            # (enrolled and in progress from the counters, completions within the range from the raw rows).
            filters.date_from = date(2026, 1, 1) + timedelta(days=rng.randrange(150))
            filters.date_to = rng.choice(
                [
                    filters.date_from + timedelta(days=rng.randrange(200)),
                    today + timedelta(days=rng.randrange(30)),
                    None,
                ]
            )
        course_ids = filters.course_ids()
        assert len(course_ids) == {"all": 3, "topic": 2, "course": 1}[subject]
        rows = queries.unit_rollup(administrator, unit, filters)
        got = [tuple(getattr(row, name) for name in FIELDS) for row in rows]
        assert got == expected_rows(unit, filters, course_ids, today), (unit.code, filters)


def test_the_stored_counters_equal_a_recount_after_random_writes(deep_tree, courses, records):
    counts = counters.compute()
    from reports.models import UnitCourseCount

    assert {
        (row.unit_id, row.category, row.course_id): [row.enrolled, row.in_progress, row.completed]
        for row in UnitCourseCount.objects.all()
    } == counts.courses
    assert sum(values[2] for values in counts.courses.values()) > 0
