"""Reports as of a past day (tính đến ngày): the tree and memberships of that day, whatever was reorganised since."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from courses.models import CourseCompletion, Enrolment, EnrolmentSource
from reports import counters, queries
from tests.factories import CadreFactory, UserFactory, make_unit
from units import reorganisation as reorg
from units.membership import record_units
from units.models import CadreCategory, Unit, UnitKind
from units.reorganisation import NewUnit
from units.roles import ADMINISTRATOR

DAY = date(2026, 6, 30)  # the day the numbers were shown
EFFECTIVE = date(2026, 7, 1)  # the reorganisation, decided later


def at(time_machine, day, hour=3):
    time_machine.move_to(datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC), tick=False)


def learning(cadre, course, enrolled_on, completed_on=None):
    Enrolment.objects.create(
        user=cadre.user,
        course=course,
        course_title=course.title,
        unit=cadre.unit,
        source=EnrolmentSource.SELF,
        enrolled_at=datetime(enrolled_on.year, enrolled_on.month, enrolled_on.day, 2, tzinfo=UTC),
    )
    if completed_on:
        CourseCompletion.objects.create(
            user=cadre.user,
            course=course,
            course_title=course.title,
            unit=cadre.unit,
            completed_at=datetime(completed_on.year, completed_on.month, completed_on.day, 2, tzinfo=UTC),
            score=90,
            lessons_completed=3,
            lessons_required=3,
        )


@pytest.fixture
def province(db, course, time_machine):
    at(time_machine, date(2026, 3, 2))
    province = make_unit("31", "Thành phố Hải Phòng", kind=UnitKind.PROVINCE)
    units = {
        "a": make_unit("11311", "Phường An Biên", province, UnitKind.WARD),
        "b": make_unit("11312", "Phường Lê Chân", province, UnitKind.WARD),
        "s": make_unit("31-STTTT", "Sở Thông tin và Truyền thông", province, UnitKind.DEPARTMENT),
    }
    units["p"] = make_unit("31-STTTT-BC", "Phòng Báo chí", units["s"], UnitKind.DIVISION)
    people = {}
    for key, count in (("a", 4), ("b", 3), ("s", 2), ("p", 2)):
        for number in range(count):
            category = CadreCategory.COMMUNE_CADRE if key in "ab" else CadreCategory.CIVIL_SERVANT
            people[f"{key}{number}"] = CadreFactory(
                staff_code=f"{key.upper()}{number}", unit=units[key], category=category
            )
    record_units([cadre.pk for cadre in people.values()])
    for key, enrolled_on, completed_on in (
        ("a0", date(2026, 3, 10), date(2026, 4, 1)),
        ("a1", date(2026, 3, 10), None),
        ("b0", date(2026, 3, 12), date(2026, 5, 2)),
        ("s0", date(2026, 4, 1), date(2026, 6, 1)),
        ("p0", date(2026, 4, 1), None),
    ):
        learning(people[key], course, enrolled_on, completed_on)
    counters.rebuild()
    return {"province": province, **units, "people": people}


def shown(rows):
    return {row.label: (row.cadres, row.required, row.enrolled, row.in_progress, row.completed) for row in rows}


def test_the_numbers_of_a_day_before_a_merge_a_move_and_a_rename_are_those_shown_that_day(
    province, course, time_machine
):
    administrator = UserFactory(username="quantri", groups=[ADMINISTRATOR])
    subject = queries.Filters(course=course)
    units = [province[key] for key in ("province", "a", "b", "s")]

    at(time_machine, DAY, hour=10)  # what the manager saw on 30/06
    seen = {unit.code: shown(queries.unit_rollup(administrator, unit, subject)) for unit in units}
    seen_groups = shown(queries.group_report(administrator, province["province"], subject, "category"))

    # In July: A and B merge into a new ward, the division moves up to the province, the department is renamed,
    # one cadre of A leaves for the department, and people go on learning.
    at(time_machine, date(2026, 7, 20))
    new_ward = NewUnit("11320", "Phường Hồng Bàng", UnitKind.WARD, province["province"])
    reorg.apply(reorg.plan_merge([province["a"], province["b"]], new_ward, EFFECTIVE))
    reorg.apply(reorg.plan_move(province["p"], Unit.objects.get(pk=province["province"].pk), EFFECTIVE))
    reorg.apply(reorg.plan_rename(province["s"], name="Sở Khoa học và Công nghệ", effective_on=EFFECTIVE))
    mover = province["people"]["a2"]
    mover.refresh_from_db()
    mover.unit = province["s"]
    mover.save()
    record_units([mover.pk], on_date=date(2026, 7, 10))
    learning(province["people"]["a3"], course, date(2026, 7, 5), date(2026, 7, 6))
    CourseCompletion.objects.create(
        user=province["people"]["a1"].user,
        course=course,
        course_title=course.title,
        completed_at=datetime(2026, 7, 8, 2, tzinfo=UTC),
        lessons_completed=3,
        lessons_required=3,
    )
    counters.rebuild()

    as_of = queries.Filters(course=course, as_of=DAY)
    for unit in units:
        unit = Unit.objects.get(pk=unit.pk)
        assert shown(queries.unit_rollup(administrator, unit, as_of)) == seen[unit.code], unit.code
    assert "Phường An Biên" in seen["31"] and "Sở Thông tin và Truyền thông" in seen["31"]
    assert shown(queries.group_report(administrator, province["province"], as_of, "category")) == seen_groups

    # Today's numbers add up under the new tree.
    today = queries.unit_rollup(administrator, Unit.objects.get(pk=province["province"].pk), subject)
    rows = shown(today)
    assert rows["Phường Hồng Bàng"][0] == 6  # A's four (one left) and B's three, less the one who moved
    assert rows["Sở Khoa học và Công nghệ"][0] == 3 and rows["Phòng Báo chí"][0] == 2
    children = [row for row in today if row.kind != queries.RowKind.TOTAL]
    assert today[-1].cadres == sum(row.cadres for row in children) == 11
    assert today[-1].completed == sum(row.completed for row in children) == 5  # two more since 30/06
    assert seen["31"]["Tổng cộng"][4] == 3


def test_the_rollup_page_and_its_export_take_the_day_and_keep_it_in_the_drill_down(
    province, course, client, time_machine
):
    at(time_machine, date(2026, 7, 20))
    client.force_login(UserFactory(username="quantri", groups=[ADMINISTRATOR]))
    query = f"unit={province['province'].pk}&subject=course-{course.pk}&as_of=30/06/2026"
    page = client.get(f"{reverse('unit_reports:rollup')}?{query}")
    assert page.status_code == 200
    assert f"?unit={province['s'].pk}&amp;subject=course-{course.pk}&amp;as_of=30%2F06%2F2026" in page.text
    workbook = load_workbook(io_of(client.get(f"{reverse('unit_reports:export', args=['xlsx'])}?{query}").content))
    cells = [cell for row in workbook.active.iter_rows(values_only=True) for cell in row]
    assert "Phường An Biên" in cells
    future = client.get(f"{reverse('unit_reports:rollup')}?unit={province['province'].pk}&as_of=01/01/2099")
    assert "chưa tới" in future.text
    both = client.get(f"{reverse('unit_reports:rollup')}?{query}&date_from=01/01/2026")
    assert "không chọn cả hai" in both.text


def io_of(content):
    import io

    return io.BytesIO(content)
