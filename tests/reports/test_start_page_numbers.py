"""The manager's start page numbers (reports.dashboard): the subtree's required courses, summed over the active
assignments, equal the roll-up report's; the weakest sub-units come first; a manager sees only their subtree."""

import random
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from courses.models import Assignment, CourseCompletion
from reports import counters, dashboard, queries
from tests.factories import CadreFactory, UserFactory
from units.roles import MANAGER

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def assignments(tree, course, catalogue):
    rng = random.Random(3)
    for number in range(30):
        person = CadreFactory(staff_code=f"HP{number:04d}", unit=rng.choice(list(tree.values())))
        if rng.random() < 0.4:
            CourseCompletion.objects.create(
                user=person.user,
                course=course,
                course_title=course.title,
                completed_at=datetime(2026, 2, 1, 9, tzinfo=HCM),
                lessons_completed=3,
                lessons_required=3,
            )
    counters.rebuild()
    made = []
    for title in ("An ninh mạng 2026", "Nhắc lại 2026"):
        assignment = Assignment.objects.create(
            title=title, unit=tree["province"], starts_on=date(2026, 1, 1), due_on=date(2026, 3, 31)
        )
        assignment.courses.add(course)
        made.append(assignment)
    Assignment.objects.create(
        title="Đã ngừng", unit=tree["province"], starts_on=date(2026, 1, 1), due_on=date(2026, 3, 31), is_active=False
    ).courses.add(course)
    return made


def manager_of(unit):
    user = UserFactory(groups=[MANAGER])
    user.managed_units.add(unit)
    return user


def test_the_numbers_are_the_roll_ups_summed_over_the_active_assignments(tree, assignments):
    manager = manager_of(tree["province"])
    [summary] = dashboard.subtree_summaries(manager)
    rows = [queries.unit_rollup(manager, tree["province"], queries.Filters(assignment=a)) for a in assignments]
    totals = [row[-1] for row in rows]
    assert summary.total.required == sum(t.required for t in totals) > 0
    assert summary.total.completed == sum(t.completed for t in totals) > 0
    assert summary.total.overdue == sum(t.overdue for t in totals)
    assert [title for title, _url in summary.assignments] == ["An ninh mạng 2026", "Nhắc lại 2026"]  # not "Đã ngừng"
    rates = [row.rate for row, _url in summary.lowest]
    assert rates == sorted(rates) and len(summary.lowest) == 2  # the two departments that have cadres
    assert all(url.startswith("/admin/bao-cao/?unit=") for _row, url in summary.lowest)


def test_a_manager_of_a_department_sees_only_that_subtree(tree, assignments):
    [summary] = dashboard.subtree_summaries(manager_of(tree["department"]))
    assert summary.total.unit == tree["department"]
    assert [row.unit for row, _url in summary.lowest] == [tree["division"]]  # its one sub-unit, not Sở Nội vụ
