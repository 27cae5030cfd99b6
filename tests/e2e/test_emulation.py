"""The emulation review and the report emails in a real browser: the administrator freezes a period and takes its
workbook; a manager reads their units' ranking and subscribes to their roll-up on a phone."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from courses.models import Assignment, CourseCompletion
from reports.models import (
    EmulationCriterion,
    EmulationGroup,
    EmulationPeriod,
    EmulationScheme,
    Measure,
    ReportSubscription,
)
from tests.e2e.helpers import log_in, overflow
from tests.factories import CadreFactory, UserFactory, make_unit
from units.models import UnitKind
from units.roles import ADMINISTRATOR, MANAGER, sync_roles

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def review(course):
    sync_roles()  # a transactional test starts from a flushed database
    province = make_unit("31", "Thành phố Hải Phòng", kind=UnitKind.PROVINCE)
    wards = [
        make_unit(f"1131{n}", name, province, UnitKind.WARD)
        for n, name in ((1, "Phường An Biên"), (2, "Phường Lê Chân"))
    ]
    department = make_unit("SOTT", "Sở Thông tin và Truyền thông", province, UnitKind.DEPARTMENT)
    for number, unit in enumerate([*wards, *wards, department, department]):
        cadre = CadreFactory(staff_code=f"HP{number:03d}", unit=unit)
        if number % 2 == 0:
            CourseCompletion.objects.create(
                user=cadre.user,
                course=course,
                course_title=course.title,
                completed_at=datetime(2026, 2, 1, 9, tzinfo=HCM),
                score=80,
                lessons_completed=3,
                lessons_required=3,
            )
    assignment = Assignment.objects.create(
        title="An ninh mạng 2026", unit=province, starts_on=date(2026, 1, 1), due_on=date(2026, 3, 31)
    )
    assignment.courses.add(course)
    scheme = EmulationScheme.objects.create(name="Bộ tiêu chí")
    for order, measure in enumerate((Measure.REQUIRED_COMPLETION, Measure.AVERAGE_SCORE)):
        EmulationCriterion.objects.create(scheme=scheme, sort_order=order, measure=measure, weight=Decimal(50))
    period = EmulationPeriod.objects.create(
        name="Thi đua 6 tháng đầu năm 2026",
        start_on=date(2026, 1, 1),
        end_on=date(2026, 6, 30),
        issuer="Hội đồng Thi đua – Khen thưởng",
        place="Hải Phòng",
    )
    EmulationGroup.objects.create(period=period, sort_order=0, name="Khối phường", unit_kinds=["ward"], scheme=scheme)
    EmulationGroup.objects.create(period=period, sort_order=1, name="Khối sở", unit_kinds=["department"], scheme=scheme)
    UserFactory(username="quantri.thidua", groups=[ADMINISTRATOR])
    manager = UserFactory(username="quanly.phuong", groups=[MANAGER], email="quanly.phuong@haiphong.gov.vn")
    wards[0].managers.add(manager)
    return {"period": period, "ward": wards[0], "manager": manager}


def test_the_administrator_freezes_and_takes_the_workbook_and_a_manager_reads_and_subscribes_on_a_phone(
    live_server, desktop, phone, review, tmp_path
):
    log_in(desktop, live_server.url, "quantri.thidua")
    desktop.goto(live_server.url + "/admin/")
    desktop.get_by_role("link", name="Thi đua").first.click()
    desktop.get_by_role("link", name="Thi đua 6 tháng đầu năm 2026").click()
    expect(desktop.get_by_role("heading", name="I. Khối phường")).to_be_visible()
    with desktop.expect_navigation():
        desktop.get_by_role("button", name="Khóa số liệu").click()
    expect(desktop.get_by_text("Đã khóa số liệu Thi đua 6 tháng đầu năm 2026 (lần 1).")).to_be_visible()
    snapshot = review["period"].current_snapshot()
    expect(desktop.get_by_text(snapshot.checksum).first).to_be_visible()
    page_totals = desktop.evaluate(
        """() => Array.from(document.querySelectorAll("table.emulation-table tbody tr")).map(row => [
            row.querySelector("th").textContent.trim(), row.children[row.children.length - 3].textContent.trim()])"""
    )
    with desktop.expect_download() as download:
        desktop.get_by_role("link", name="Xuất Excel").click()
    saved = tmp_path / "thi-dua.xlsx"
    download.value.save_as(saved)
    totals = {row[1]: row[6] for row in load_workbook(saved).active.iter_rows(values_only=True) if row[1]}
    for name, shown in page_totals:
        assert f"{totals[name]:.2f}".replace(".", ",") == shown

    log_in(phone, live_server.url, "quanly.phuong")
    phone.goto(live_server.url + f"/admin/bao-cao/thi-dua/{review['period'].pk}/")
    table = phone.get_by_role("region", name="Bảng xếp hạng I. Khối phường")
    expect(table).to_contain_text("Phường An Biên")
    expect(table).not_to_contain_text("Phường Lê Chân")
    expect(phone.get_by_role("button", name="Khóa số liệu")).to_have_count(0)
    assert overflow(phone) <= 0
    table.focus()  # the wide table scrolls inside its own region, from the keyboard too
    expect(table).to_be_focused()

    phone.goto(live_server.url + f"/admin/bao-cao/?unit={review['ward'].pk}")
    phone.get_by_role("link", name="Nhận báo cáo này qua email hằng tuần hoặc hằng tháng").click()
    phone.get_by_label("Định kỳ").select_option(label="Hằng tháng (ngày đầu tháng)")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Đăng ký", exact=True).click()
    expect(phone.get_by_text("Đã đăng ký: báo cáo sẽ được gửi tới quanly.phuong@haiphong.gov.vn.")).to_be_visible()
    assert overflow(phone) <= 0
    (subscription,) = ReportSubscription.objects.all()
    assert subscription.unit == review["ward"] and subscription.frequency == "monthly"
