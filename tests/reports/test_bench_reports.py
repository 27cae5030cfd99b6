"""manage.py bench_reports at a tiny size: it prints the figures, and its naive baseline is a correct count."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from courses.models import CourseCompletion, CourseIndexPage, CoursePage, Enrolment
from reports import benchmark, queries
from reports.models import UnitCourseCount
from tests.factories import CadreFactory
from units.models import Cadre, Membership, Unit

pytestmark = pytest.mark.django_db
SIZES = {"cadres": 150, "units": 14, "courses": 3, "depth": 4, "repeat": 1}
ROW = re.compile(r"^(?P<case>.+?) \| +(?P<fast>[\d.]+) \| +(?P<naive>[\d.]+) \| +(?P<ratio>\d+)x$")


def run(**options):
    out = io.StringIO()
    call_command("bench_reports", stdout=out, **{**SIZES, **options})
    return out.getvalue()


def bench_left():
    """What the benchmark wrote that is still in the database."""
    users = get_user_model().objects.filter(username__startswith=benchmark.USER_PREFIX)
    return {
        "units": Unit.objects.filter(code__startswith=benchmark.UNIT_PREFIX).count(),
        "users": users.count(),
        "cadres": Cadre.objects.filter(staff_code__startswith=benchmark.STAFF_PREFIX).count(),
        "enrolments": Enrolment.objects.filter(user__in=users).count(),
        "completions": CourseCompletion.objects.filter(user__in=users).count(),
        "pages": CourseIndexPage.objects.filter(slug=benchmark.INDEX_SLUG).count(),
        "counters": UnitCourseCount.objects.count(),
    }


NOTHING = {"units": 0, "users": 0, "cadres": 0, "enrolments": 0, "completions": 0, "pages": 0, "counters": 0}


def recount(unit, course_ids, today):
    """The roll-up rows counted person by person in Python from every raw record (no ORM filtering)."""
    members = [
        cadre
        for cadre in Cadre.objects.select_related("user", "unit")
        if cadre.user.is_active and (cadre.left_on is None or cadre.left_on > today)
    ]
    enrolled = {(row.user_id, row.course_id) for row in Enrolment.objects.all() if row.course_id in course_ids}
    completed = {(row.user_id, row.course_id) for row in CourseCompletion.objects.all() if row.course_id in course_ids}

    def counts(inside):
        users = {cadre.user_id for cadre in members if inside(cadre)}
        mine = {pair for pair in enrolled if pair[0] in users}
        done = {pair for pair in completed if pair[0] in users}
        return len(users), len(users) * len(course_ids), len(mine), len(mine - done), len(done)

    rows = [
        ("child", child.pk, *counts(lambda cadre, child=child: cadre.unit.path.startswith(child.path)))
        for child in unit.get_children()
    ]
    rows.append(("own", unit.pk, *counts(lambda cadre: cadre.unit_id == unit.pk)))
    rows.append(("total", unit.pk, *(sum(row[index] for row in rows) for index in range(2, 7))))
    return rows


def test_a_small_run_prints_both_timings_and_their_ratio_then_removes_its_data(home_page):
    output = run()

    assert "people and learning: 150 accounts and cadres, 150 memberships" in output
    assert re.search(
        r"Rebuilt the counters from the raw records \(counters\.rebuild\) in [\d.]+ s: \d+ cadre counts", output
    )
    table = [ROW.match(line) for line in output.splitlines()]
    table = [match for match in table if match]
    assert [match["case"].split(",")[0:2] for match in table] == [
        ["province roll-up", " all courses"],
        ["province roll-up", " one course (Khóa học thử nghiệm 01)"],
        ["drill-down", " deepest unit with children (level 3)"],
        ["drill-down", " department holding the deep branch (level 2)"],
    ]
    for match in table:
        fast, naive = float(match["fast"]), float(match["naive"])
        assert fast > 0 and naive > 0
        assert abs(int(match["ratio"]) - naive / fast) <= 1
    assert "Fast roll-up rows equal the naive count over the raw rows: OK (4 cases)." in output
    assert re.search(r"completions of the last 90 days .*: [\d.]+ ms", output)
    assert re.search(r"counters\.refresh of that unit and course alone: [\d.]+ ms", output)
    assert re.search(r"province-wide assignment of 3 courses \(\d+ person-course rows", output)
    assert "Removed the generated data" in output
    assert bench_left() == NOTHING
    assert CoursePage.objects.count() == 0


def test_the_naive_baseline_and_the_fast_rollup_equal_a_recount_of_the_raw_records(home_page):
    run(keep=True)
    today = timezone.localdate()
    root = Unit.objects.get(code=f"{benchmark.UNIT_PREFIX}0000")
    deep = Unit.objects.filter(path__startswith=root.path, numchild__gt=0).order_by("-depth", "path").first()
    admin = get_user_model().objects.get(username=benchmark.ADMIN_USERNAME)
    course = CoursePage.objects.live().order_by("path").first()
    # The data holds what makes counting non-trivial: people who no longer count, completions of a second cycle,
    # a unit with members of its own and children, and a drill-down three levels deep.
    assert Cadre.objects.filter(left_on__lte=today).exists() and Cadre.objects.filter(left_on__gt=today).exists()
    assert Cadre.objects.filter(user__is_active=False).exists()
    assert CourseCompletion.objects.filter(cycle=2).exists()
    assert Membership.objects.filter(ended_on__isnull=True).count() == 150
    assert deep.depth == 3 and Cadre.objects.filter(unit=root).exists()

    for unit in (root, deep):
        for filters in (queries.Filters(), queries.Filters(course=course)):
            naive = benchmark.naive_rollup(unit, filters.course_ids())
            assert naive == recount(unit, filters.course_ids(), today)
            assert benchmark.fast_rows(queries.unit_rollup(admin, unit, filters)) == naive
            assert naive[-1][2] > 0 and naive[-1][6] > 0  # cadres and completions were counted

    output = run(drop=True)
    assert "Removed the benchmark data" in output
    assert bench_left() == NOTHING


def test_a_difference_between_fast_and_naive_rows_fails_the_command(home_page, monkeypatch):
    honest = benchmark.naive_rollup

    def off_by_one(unit, course_ids, today=None):
        rows = honest(unit, course_ids, today)
        kind, unit_id, cadres, *rest = rows[0]
        return [(kind, unit_id, cadres + 1, *rest), *rows[1:]]

    monkeypatch.setattr(benchmark, "naive_rollup", off_by_one)
    with pytest.raises(CommandError, match="differs from the naive count in 4 case"):
        run()
    assert bench_left() == NOTHING


def test_a_database_with_cadres_is_refused_unless_forced(home_page):
    existing = CadreFactory(staff_code="HP000001")
    with pytest.raises(CommandError, match="already has 1 cadres.*dedicated database"):
        run()
    assert bench_left() == NOTHING

    output = run(force=True)
    assert "OK (4 cases)" in output
    assert list(Cadre.objects.all()) == [existing]


def test_data_left_by_an_earlier_run_must_be_removed_first(home_page):
    run(keep=True)
    with pytest.raises(CommandError, match="bench_reports --drop"):
        run()
    run(drop=True)
    assert bench_left() == NOTHING
