"""A new unit manager reads the completion roll-up in a real browser, drills down and exports it to Excel."""

import random

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from courses import progress
from courses.models import CourseCompletion
from tests.e2e.helpers import log_in, overflow
from tests.factories import CadreFactory, UserFactory, make_unit
from units.models import UnitKind
from units.roles import MANAGER

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TABLE_JS = """
() => Array.from(document.querySelectorAll("table.unit-report__table tbody tr")).map(
    row => Array.from(row.children).map(cell => cell.textContent.trim()))
"""


def page_rows(page):
    """The roll-up table as the manager reads it: [label, numbers...] per row."""
    return [[cells[0], *[float(value.replace(",", ".")) for value in cells[1:]]] for cells in page.evaluate(TABLE_JS)]


@pytest.fixture
def organisation(course):
    """Sở Thông tin → two divisions → teams below one of them, with people who learned (real commits)."""
    province = make_unit("31", "Thành phố Hải Phòng", kind=UnitKind.PROVINCE)
    department = make_unit("SOTT", "Sở Thông tin và Truyền thông", province, UnitKind.DEPARTMENT)
    press = make_unit("SOTT-BC", "Phòng Báo chí", department, UnitKind.DIVISION)
    digital = make_unit("SOTT-CDS", "Phòng Chuyển đổi số", department, UnitKind.DIVISION)
    teams = [make_unit(f"SOTT-CDS-{n}", f"Tổ công tác số {n}", digital) for n in (1, 2)]
    elsewhere = make_unit("SONV", "Sở Nội vụ", province, UnitKind.DEPARTMENT)
    rng = random.Random(5)
    places = [department, press, digital, *teams, elsewhere]
    for number in range(30):
        cadre = CadreFactory(staff_code=f"TT{number:03d}", unit=places[number % len(places)])
        draw = rng.random()
        if draw < 0.7:
            progress.enrol(cadre.user, course)  # the signal refreshes the counters after the commit
        if draw < 0.4:
            CourseCompletion.objects.create(
                user=cadre.user,
                course=course,
                course_title=course.title,
                score=90,
                completed_at="2026-10-01T09:00:00+07:00",
                lessons_completed=3,
                lessons_required=3,
            )
    manager = UserFactory(username="truongphong.moi", groups=[MANAGER])
    department.managers.add(manager)
    return {"department": department, "digital": digital, "team": teams[0]}


def test_a_new_manager_drills_down_two_levels_and_the_workbook_matches_the_page(
    live_server, desktop, phone, organisation, course, tmp_path
):
    log_in(desktop, live_server.url, "truongphong.moi")
    desktop.goto(live_server.url + "/admin/")
    desktop.get_by_role("link", name="Báo cáo").first.click()
    expect(desktop.get_by_role("heading", name="Báo cáo hoàn thành theo đơn vị")).to_be_visible()
    trail = desktop.get_by_role("navigation", name="Đường dẫn đơn vị")
    expect(trail).to_contain_text("Sở Thông tin và Truyền thông")
    expect(desktop.locator("table.unit-report__table")).not_to_contain_text("Sở Nội vụ")

    # One course as the subject, then down two levels: a division, then a team.
    desktop.get_by_label("Báo cáo về").select_option(label=course.title)
    with desktop.expect_navigation():
        desktop.get_by_role("button", name="Xem báo cáo").click()
    top_rows = page_rows(desktop)
    assert top_rows[-1][0] == "Tổng cộng" and top_rows[-1][1] == 25  # 30 cadres, 5 in Sở Nội vụ
    with desktop.expect_navigation():
        desktop.locator("table.unit-report__table").get_by_role("link", name="Phòng Chuyển đổi số").click()
    expect(trail.get_by_text("Phòng Chuyển đổi số")).to_have_attribute("aria-current", "page")
    division_rows = page_rows(desktop)
    assert [row[0] for row in division_rows[:2]] == ["Tổ công tác số 1", "Tổ công tác số 2"]
    digital_in_top = next(row for row in top_rows if row[0] == "Phòng Chuyển đổi số")
    assert division_rows[-1][1:] == digital_in_top[1:]  # the division's total is its row one level up
    with desktop.expect_navigation():
        desktop.locator("table.unit-report__table").get_by_role("link", name="Tổ công tác số 1").click()
    expect(trail.get_by_text("Tổ công tác số 1")).to_have_attribute("aria-current", "page")
    expect(desktop.get_by_label("Báo cáo về")).to_have_value(f"course-{course.pk}")  # the filter was kept
    team_rows = page_rows(desktop)
    assert team_rows[-1][1:] == division_rows[0][1:]

    # Export to Excel: the workbook has the page's rows and numbers.
    with desktop.expect_download() as download:
        desktop.get_by_role("link", name="Xuất Excel").first.click()
    saved = tmp_path / "bao-cao.xlsx"
    download.value.save_as(saved)
    sheet = load_workbook(saved).active
    lines = list(sheet.iter_rows(min_row=3, values_only=True))
    assert [[line[0], *[float(value) for value in line[1:]]] for line in lines] == team_rows
    assert team_rows[-1][1] > 0

    # The same report on a phone: nothing wider than the screen.
    log_in(phone, live_server.url, "truongphong.moi")
    phone.goto(desktop.url)
    expect(phone.get_by_role("heading", name="Báo cáo hoàn thành theo đơn vị")).to_be_visible()
    assert overflow(phone) <= 0
