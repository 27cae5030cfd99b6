"""Assignment rules (courses.assignments), without HTTP: scope, due dates, statuses, recertification."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses import progress
from courses.assignments import Status, joined_scope_on, learner_assignments, statuses, summary
from courses.models import Assignment, CourseCompletion
from tests.factories import CadreFactory, make_unit
from units.membership import record_units
from units.models import CadreCategory

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def cadre(unit, code, joined=date(2026, 1, 1), **fields):
    person = CadreFactory(staff_code=code, unit=unit, **fields)
    record_units([person.pk], joined)
    return person


def assign(course, unit=None, **fields):
    fields.setdefault("starts_on", date(2026, 1, 1))
    if "due_days" not in fields:
        fields.setdefault("due_on", date(2026, 3, 31))
    assignment = Assignment.objects.create(title="An ninh mạng 2026", unit=unit, **fields)
    assignment.courses.add(course)
    return assignment


def rows_by_cadre(assignment, now):
    return {row.cadre_id: row for row in statuses(assignment, now)}


def complete(user, course, on):
    return CourseCompletion.objects.create(
        user=user,
        course=course,
        course_title=course.title,
        lessons_completed=3,
        lessons_required=3,
        completed_at=datetime(on.year, on.month, on.day, 9, 0, tzinfo=HCM),
    )


def test_a_subtree_assignment_reaches_every_unit_below_and_no_other(tree, course):
    head = cadre(tree["department"], "TT01")
    clerk = cadre(tree["division"], "TT02")
    outsider = cadre(tree["other"], "NV01")
    with_subunits = assign(course, tree["department"])
    assert set(rows_by_cadre(with_subunits, date(2026, 2, 1))) == {head.pk, clerk.pk}
    only_unit = assign(course, tree["department"], include_subunits=False)
    assert set(rows_by_cadre(only_unit, date(2026, 2, 1))) == {head.pk}
    everyone = assign(course)
    assert set(rows_by_cadre(everyone, date(2026, 2, 1))) == {head.pk, clerk.pk, outsider.pk}


def test_categories_and_positions_narrow_the_scope_positions_without_case_or_diacritics(tree, course):
    expert = cadre(tree["department"], "TT01", position="Chuyên viên", category=CadreCategory.CIVIL_SERVANT)
    decomposed = cadre(
        tree["division"], "TT02", position="chuye\u0302n vie\u0302n chính", category=CadreCategory.CIVIL_SERVANT
    )
    leader = cadre(tree["division"], "TT03", position="Trưởng phòng", category=CadreCategory.LEADER)
    by_category = assign(course, tree["department"], categories=[CadreCategory.LEADER])
    assert set(rows_by_cadre(by_category, date(2026, 2, 1))) == {leader.pk}
    by_position = assign(course, tree["department"], positions=["CHUYEN VIEN", "Chuyên viên chính"])
    assert set(rows_by_cadre(by_position, date(2026, 2, 1))) == {expert.pk, decomposed.pk}
    assert [line.assignment for line in learner_assignments(decomposed.user, date(2026, 2, 1))] == [by_position]
    assert [line.assignment for line in learner_assignments(leader.user, date(2026, 2, 1))] == [by_category]


def test_people_who_left_inactive_accounts_and_inactive_units_are_out_of_scope(tree, course):
    stays = cadre(tree["department"], "TT01")
    left = cadre(tree["department"], "TT02", left_on=date(2026, 1, 15))
    locked = cadre(tree["department"], "TT03")
    locked.user.is_active = False
    locked.user.save()
    closed_unit = make_unit("SOTT-P2", "Phòng đã giải thể", tree["department"], is_active=False)
    cadre(closed_unit, "TT04")
    assignment = assign(course, tree["department"])
    assert set(rows_by_cadre(assignment, date(2026, 2, 1))) == {stays.pk}
    assert learner_assignments(left.user, date(2026, 2, 1)) == []


def test_a_cadre_added_later_to_the_subtree_gets_the_assignment_due_n_days_after_joining(tree, course):
    assignment = assign(course, tree["department"], due_days=30)
    early = cadre(tree["department"], "TT01", joined=date(2025, 6, 1))
    assert rows_by_cadre(assignment, date(2026, 3, 1))[early.pk].due_on == date(2026, 1, 31)  # from starts_on

    newcomer = cadre(tree["division"], "TT09", joined=date(2026, 3, 10))
    row = rows_by_cadre(assignment, date(2026, 3, 12))[newcomer.pk]
    assert (row.due_on, row.status) == (date(2026, 4, 9), Status.ASSIGNED)
    [line] = learner_assignments(newcomer.user, date(2026, 3, 12))
    assert (line.course, line.due_on, line.status) == (course, date(2026, 4, 9), Status.ASSIGNED)


def test_moving_inside_the_scope_keeps_the_due_date_moving_in_from_outside_starts_it(tree, course):
    assignment = assign(course, tree["department"], due_days=30)
    mover = cadre(tree["department"], "TT01", joined=date(2026, 2, 1))
    mover.unit = tree["division"]
    mover.save()
    record_units([mover.pk], date(2026, 2, 20))
    arrival = cadre(tree["other"], "NV01", joined=date(2025, 1, 1))
    arrival.unit = tree["division"]
    arrival.save()
    record_units([arrival.pk], date(2026, 2, 20))
    rows = rows_by_cadre(assignment, date(2026, 2, 25))
    assert rows[mover.pk].due_on == date(2026, 3, 3)
    assert rows[arrival.pk].due_on == date(2026, 3, 22)


def test_overdue_starts_the_day_after_the_due_date_in_vietnam_time(tree, course, time_machine):
    person = cadre(tree["department"], "TT01")
    assignment = assign(course, tree["department"], due_on=date(2026, 3, 31))
    time_machine.move_to(datetime(2026, 3, 31, 23, 59, tzinfo=HCM), tick=False)
    assert [row.status for row in statuses(assignment)] == [Status.ASSIGNED]
    assert learner_assignments(person.user)[0].status == Status.ASSIGNED
    time_machine.move_to(datetime(2026, 4, 1, 0, 0, tzinfo=HCM), tick=False)  # still 31/03 in UTC
    assert datetime.now(UTC).date() == date(2026, 3, 31)
    assert [row.status for row in statuses(assignment)] == [Status.OVERDUE]
    assert learner_assignments(person.user)[0].status == Status.OVERDUE


def test_enrolled_is_in_progress_and_a_completion_before_or_after_the_due_date_completes(tree, course):
    enrolled = cadre(tree["department"], "TT01")
    before = cadre(tree["department"], "TT02")
    late = cadre(tree["department"], "TT03")
    progress.enrol(enrolled.user, course)
    complete(before.user, course, date(2025, 11, 20))  # before the assignment existed
    complete(late.user, course, date(2026, 4, 10))  # after the due date
    assignment = assign(course, tree["department"], due_on=date(2026, 3, 31))
    march = rows_by_cadre(assignment, date(2026, 3, 15))
    assert march[enrolled.pk].status == Status.IN_PROGRESS
    assert march[before.pk].status == Status.COMPLETED
    assert march[before.pk].completed_at.astimezone(HCM).date() == date(2025, 11, 20)
    april = rows_by_cadre(assignment, date(2026, 4, 20))
    assert april[enrolled.pk].status == Status.OVERDUE
    assert april[late.pk].status == Status.COMPLETED


def test_recertification_expires_a_completion_then_it_is_due_again_then_overdue(tree, course):
    person = cadre(tree["department"], "TT01")
    complete(person.user, course, date(2025, 2, 10))
    assignment = assign(course, tree["department"], due_days=30, recert_months=12)
    assert rows_by_cadre(assignment, date(2026, 2, 9))[person.pk].status == Status.COMPLETED
    row = rows_by_cadre(assignment, date(2026, 2, 10))[person.pk]
    assert (row.status, row.due_on) == (Status.RECERT_DUE, date(2026, 3, 12))
    [line] = learner_assignments(person.user, date(2026, 2, 10))
    assert str(line.status_label) == "Cần học lại"
    assert rows_by_cadre(assignment, date(2026, 3, 13))[person.pk].status == Status.OVERDUE


def test_nobody_is_in_scope_before_the_start_date_or_while_inactive(tree, course):
    cadre(tree["department"], "TT01")
    assignment = assign(course, tree["department"], starts_on=date(2026, 3, 1), due_on=date(2026, 3, 31))
    assert list(statuses(assignment, date(2026, 2, 28))) == []
    assert len(list(statuses(assignment, date(2026, 3, 1)))) == 1
    assignment.is_active = False
    assignment.save()
    assert list(statuses(assignment, date(2026, 3, 1))) == []


def test_statuses_for_a_whole_scope_take_the_same_few_queries_for_any_number_of_people(tree, course):
    assignment = assign(course, tree["department"], due_days=30)
    for number in range(5):
        cadre(tree["division"], f"A{number}")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            rows = list(statuses(assignment, date(2026, 2, 1)))
        return len(captured), len(rows)

    small, small_rows = queries()
    for number in range(25):
        person = cadre(tree["department"], f"B{number}")
        progress.enrol(person.user, course)
    large, large_rows = queries()
    assert (small_rows, large_rows) == (5, 30)
    assert small == large <= 6


def test_summary_counts_each_status_and_lists_the_overdue(tree, course):
    late = cadre(tree["department"], "TT01")
    done = cadre(tree["department"], "TT02")
    complete(done.user, course, date(2026, 2, 1))
    counts, overdue = summary(assign(course, tree["department"]), date(2026, 4, 1))
    assert {status: count for status, _label, count in counts}[Status.OVERDUE] == 1
    assert {status: count for status, _label, count in counts}[Status.COMPLETED] == 1
    assert [row.cadre_id for row in overdue] == [late.pk]


def test_joined_scope_on_follows_the_unbroken_run_of_periods_in_scope():
    in_scope = {1, 2}.__contains__
    periods = [
        (2, date(2026, 3, 1), None),
        (1, date(2026, 1, 1), date(2026, 2, 28)),
        (1, date(2025, 1, 1), date(2025, 6, 1)),
    ]
    assert joined_scope_on(periods, in_scope) == date(2026, 1, 1)  # a gap before 2026 ends the run
    assert joined_scope_on([(3, date(2026, 3, 1), None), (1, date(2026, 1, 1), date(2026, 2, 28))], in_scope) is None
    assert joined_scope_on([(2, date(2026, 3, 1), None), (3, date(2026, 1, 1), date(2026, 2, 28))], in_scope) == date(
        2026, 3, 1
    )
    assert joined_scope_on([], in_scope) is None


def test_a_cadre_without_history_counts_from_the_account_creation(tree, course, time_machine):
    time_machine.move_to(datetime(2026, 2, 10, 3, 0, tzinfo=UTC))
    person = CadreFactory(staff_code="TT01", unit=tree["department"])  # no record_units: no membership
    assignment = assign(course, tree["department"], due_days=10)
    assert rows_by_cadre(assignment, date(2026, 2, 11))[person.pk].due_on == date(2026, 2, 10) + timedelta(days=10)
