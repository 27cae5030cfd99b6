"""The report counters stay equal to a recount from the raw records as people learn and move (real commits)."""

import threading
from datetime import date, timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from courses import progress
from courses.models import Enrolment, LessonProgress, LessonRule
from reports import counters, queries
from reports.models import UnitCadreCount, UnitCourseCount, UnitCourseMonth
from tests.factories import CadreFactory, UserFactory
from units.membership import record_units
from units.models import Unit
from units.people import CadreRow, sync_cadres
from units.roles import ADMINISTRATOR

pytestmark = pytest.mark.django_db(transaction=True)


def stored():
    """The stored counters in the shape of counters.compute()."""
    cadres = {(row.unit_id, row.category): row.cadres for row in UnitCadreCount.objects.all()}
    courses = {
        (row.unit_id, row.category, row.course_id): [row.enrolled, row.in_progress, row.completed]
        for row in UnitCourseCount.objects.all()
    }
    months = {
        (row.unit_id, row.category, row.course_id, row.month): row.completed for row in UnitCourseMonth.objects.all()
    }
    return cadres, courses, months


def recount():
    counts = counters.compute()
    return counts.cadres, counts.courses, counts.months


def complete_course(user, course):
    for lesson in progress.required_lessons(course):
        if lesson.completion_rule == LessonRule.ACTIVITY:
            progress.record_activity_result(user, lesson, 90, True)
        else:
            progress.record_visit(user, lesson, course)
            # The reading time a learner would have spent on the page.
            LessonProgress.objects.filter(user=user, lesson=lesson).update(seconds_viewed=lesson.min_view_seconds)
            progress.mark_complete(user, lesson)
    return progress.evaluate_course(user, course)


def province_rollup(viewer, course):
    return queries.unit_rollup(viewer, Unit.get_first_root_node(), queries.Filters(course=course))


def row_of(rows, unit):
    return next(row for row in rows if row.unit == unit and row.kind == "child")


def test_learning_moving_and_leaving_update_the_reports_at_once(tree, course):
    administrator = UserFactory(username="quantri", groups=[ADMINISTRATOR])
    division, other = tree["division"], tree["other"]
    an = CadreFactory(staff_code="HP0001", unit=division)
    binh = CadreFactory(staff_code="HP0002", unit=division)
    CadreFactory(staff_code="HP0003", unit=other)
    record_units([an.pk, binh.pk])
    assert stored() == recount()
    rows = province_rollup(administrator, course)
    department = row_of(rows, tree["department"])
    assert (department.cadres, department.enrolled, department.completed) == (2, 0, 0)

    progress.enrol(an.user, course)
    assert stored() == recount()
    department = row_of(province_rollup(administrator, course), tree["department"])
    assert (department.enrolled, department.in_progress, department.completed) == (1, 1, 0)

    completion = complete_course(an.user, course)
    assert completion is not None
    assert stored() == recount()
    rows = province_rollup(administrator, course)
    department = row_of(rows, tree["department"])
    assert (department.enrolled, department.in_progress, department.completed, department.rate) == (1, 0, 1, 50.0)
    month = date(completion.completed_at.year, completion.completed_at.month, 1)
    series = queries.completions_by_month(administrator, tree["province"], queries.Filters(course=course))
    assert series[-1] == (month, 1)

    # The import moves An to Sở Nội vụ: the completion follows the person.
    sync_cadres([CadreRow("HP0001", "Nguyễn Văn An", other.code)])
    assert stored() == recount()
    rows = province_rollup(administrator, course)
    department, moved_to = row_of(rows, tree["department"]), row_of(rows, other)
    assert (department.cadres, department.completed) == (1, 0)
    assert (moved_to.cadres, moved_to.completed, moved_to.rate) == (2, 1, 50.0)

    # Bình leaves: no longer counted.
    sync_cadres([CadreRow("HP0002", "Trần Bình", division.code, active=False)])
    assert stored() == recount()
    department = row_of(province_rollup(administrator, course), tree["department"])
    assert department.cadres == 0

    # A cadre edited on their own (the admin form's path) and an account deactivated by hand.
    an.refresh_from_db()
    an.category = "leader"
    an.save()
    an.user.is_active = False
    an.user.save()
    assert stored() == recount()
    assert row_of(province_rollup(administrator, course), other).cadres == 1


def test_rebuild_repairs_counters_and_the_command_reports_it(tree, course, capsys):
    from django.core.management import call_command

    person = CadreFactory(staff_code="HP0001", unit=tree["division"])
    progress.enrol(person.user, course)
    UnitCourseCount.objects.all().delete()
    assert stored() != recount()
    call_command("rebuild_report_counters")
    assert "Rebuilt the report counters" in capsys.readouterr().out
    assert stored() == recount()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="DATABASE_URL (PostgreSQL) is not set: concurrent refreshes are tested there",
)
def test_concurrent_enrolments_in_one_unit_leave_the_counters_exact(tree, course):
    """Eight learners of one unit enrol at the same moment: each refresh waits for the unit's lock."""
    people = [CadreFactory(staff_code=f"HP{number:04d}", unit=tree["division"]) for number in range(8)]
    barrier = threading.Barrier(len(people))
    errors = []

    def enrol(person):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            progress.enrol(person.user, course)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=enrol, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert stored() == recount()
    cell = UnitCourseCount.objects.get(unit=tree["division"], course=course)
    assert (cell.enrolled, cell.in_progress) == (8, 8)


def test_migrate_counts_a_database_that_had_people_before_the_counters(tree, course):
    from django.core.management import call_command

    person = CadreFactory(staff_code="HP0001", unit=tree["division"])
    progress.enrol(person.user, course)
    for model in (UnitCadreCount, UnitCourseCount, UnitCourseMonth):
        model.objects.all().delete()
    call_command("migrate", verbosity=0)
    assert stored() == recount()
    assert UnitCourseCount.objects.get(unit=tree["division"], course=course).enrolled == 1


def test_a_failing_refresh_is_logged_and_never_fails_the_learners_request(tree, course, monkeypatch, caplog):
    person = CadreFactory(staff_code="HP0001", unit=tree["division"])

    def broken(cells):
        raise RuntimeError("database went away")

    monkeypatch.setattr(counters, "refresh", broken)
    with transaction.atomic():
        progress.enrol(person.user, course)
        CadreFactory(staff_code="HP0002", unit=tree["other"])  # a second write: still one refresh
    assert Enrolment.objects.filter(user=person.user, course=course).exists()
    assert [record.exc_info[1].args for record in caplog.records if record.exc_info] == [("database went away",)]
    monkeypatch.undo()
    counters.rebuild()  # what the nightly recount does
    assert stored() == recount()


def test_what_a_dead_or_failed_refresh_left_is_counted_within_minutes_not_at_night(tree, course, monkeypatch):
    import time_machine

    from reports.models import CounterChange
    from reports.tasks import apply_counter_changes

    person = CadreFactory(staff_code="HP0003", unit=tree["division"])

    def died(cells):  # the refresh fails, or the process dies right after its commit
        raise RuntimeError("worker killed")

    monkeypatch.setattr(counters, "refresh", died)
    progress.enrol(person.user, course)
    complete_course(person.user, course)
    monkeypatch.undo()
    assert stored() != recount()  # the completion is committed, the report does not show it yet
    assert CounterChange.objects.exists()  # but it is written down, in the completion's own transaction

    assert apply_counter_changes() == 0  # a change younger than 30 seconds may still be refreshing
    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        assert apply_counter_changes() > 0  # the task beat runs every minute
    assert stored() == recount()
    assert not CounterChange.objects.exists()


def test_a_refresh_that_ran_leaves_nothing_written_down(tree, course):
    from reports.models import CounterChange

    person = CadreFactory(staff_code="HP0004", unit=tree["division"])
    progress.enrol(person.user, course)
    complete_course(person.user, course)
    assert stored() == recount()
    assert not CounterChange.objects.exists()
