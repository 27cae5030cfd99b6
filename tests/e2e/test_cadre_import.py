"""A new administrator imports cadres in a real browser: upload, progress, error report, fix, upload again."""

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.cadre_files import cadre_file, row
from tests.e2e.helpers import log_in, overflow
from tests.factories import UserFactory, make_unit
from units.models import Cadre, UnitKind
from units.roles import ADMINISTRATOR

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def upload(page, path):
    page.get_by_label("Tệp cán bộ (.xlsx hoặc .csv)").set_input_files(str(path))
    with page.expect_navigation():
        page.get_by_role("button", name="Tải lên và nhập").click()


def test_administrator_uploads_reads_the_error_report_fixes_the_file_and_uploads_again(live_server, desktop, tmp_path):
    province = make_unit("31", "Thành phố Hải Phòng", kind=UnitKind.PROVINCE)
    make_unit("11311", "Phường Hồng Bàng", province, UnitKind.WARD)
    make_unit("31-SKHCN", "Sở Khoa học và Công nghệ", province, UnitKind.DEPARTMENT)
    UserFactory(username="quantri.moi", groups=[ADMINISTRATOR])
    path = cadre_file(
        tmp_path,
        [
            row("HP100001", "Trần Văn Bảo", email="bao.tv@haiphong.gov.vn"),
            row("HP100002", "Lê Thị Cúc", unit="X99"),
            row("HP100003", "Phạm Văn Dũng", unit="31-SKHCN", category="Lãnh đạo, quản lý"),
            row("HP100004", "Đỗ Thị Em", email="sai@"),
            row("HP100005", "Vũ Văn Phúc"),
        ],
    )

    log_in(desktop, live_server.url, "quantri.moi")
    desktop.goto(live_server.url + "/admin/nhap-can-bo/")
    expect(desktop.get_by_role("heading", name="Nhập cán bộ từ Excel")).to_be_visible()
    expect(desktop.get_by_text("Quy tắc nhập:")).to_be_visible()
    upload(desktop, path)

    # The progress page: the bar reaches 100 %, then the summary and the errors by row.
    bar = desktop.get_by_role("progressbar", name="Tiến độ nhập cán bộ")
    expect(bar).to_have_attribute("aria-valuenow", "100")
    expect(desktop.get_by_text("Đã xong: xử lý 5/5 dòng.")).to_be_visible()
    errors = desktop.get_by_role("table", name="Lỗi theo dòng")
    expect(errors.get_by_role("row")).to_have_count(3)  # header + 2 rejected rows
    expect(errors).to_contain_text('Dòng 3: Mã đơn vị "X99" không tồn tại.')
    expect(errors).to_contain_text('Dòng 5: Email "sai@" không hợp lệ.')
    assert set(Cadre.objects.values_list("staff_code", flat=True)) == {"HP100001", "HP100003", "HP100005"}

    # Download the rejected rows, fix them where the "Lỗi" column says, and upload that file.
    with desktop.expect_download() as download:
        desktop.get_by_role("link", name="Tải các dòng lỗi (.xlsx)").click()
    saved = tmp_path / "loi.xlsx"
    download.value.save_as(saved)
    workbook = load_workbook(saved)
    sheet = workbook["Cán bộ"]
    assert [sheet.cell(row=line, column=1).value for line in (2, 3)] == ["HP100002", "HP100004"]
    assert "không tồn tại" in sheet.cell(row=2, column=8).value
    sheet.cell(row=2, column=3).value = "11311"
    sheet.cell(row=3, column=6).value = "em.dt@haiphong.gov.vn"
    workbook.save(tmp_path / "da-sua.xlsx")

    desktop.goto(live_server.url + "/admin/nhap-can-bo/")
    upload(desktop, tmp_path / "da-sua.xlsx")
    expect(desktop.get_by_role("progressbar", name="Tiến độ nhập cán bộ")).to_have_attribute("aria-valuenow", "100")
    expect(desktop.get_by_text("Không có dòng lỗi: mọi dòng đã được nhập.")).to_be_visible()
    expect(desktop.locator("[data-field=created]")).to_have_text("2")
    expect(desktop.locator("[data-field=error_count]")).to_have_text("0")
    fixed = Cadre.objects.select_related("unit", "user").get(staff_code="HP100002")
    assert fixed.unit.code == "11311"
    assert Cadre.objects.get(staff_code="HP100004").user.email == "em.dt@haiphong.gov.vn"

    # Both imports are listed; the report reads at phone width without sideways scrolling.
    desktop.goto(live_server.url + "/admin/nhap-can-bo/")
    expect(desktop.get_by_role("link", name="da-sua.xlsx")).to_be_visible()
    expect(desktop.get_by_role("link", name="can-bo.xlsx")).to_be_visible()
    desktop.set_viewport_size({"width": 375, "height": 800})
    desktop.get_by_role("link", name="can-bo.xlsx").click()
    expect(desktop.get_by_role("table", name="Lỗi theo dòng")).to_be_visible()
    assert overflow(desktop) <= 0


def test_the_progress_page_follows_a_running_import_until_it_finishes(live_server, desktop):
    from units.models import CadreImport, ImportStatus

    admin = UserFactory(username="quantri.theodoi", groups=[ADMINISTRATOR])
    job = CadreImport.objects.create(
        file_name="100k.csv",
        uploaded_by=admin,
        status=ImportStatus.RUNNING,
        total_rows=100_000,
        processed_rows=20_000,
        created=20_000,
    )
    log_in(desktop, live_server.url, "quantri.theodoi")
    desktop.goto(f"{live_server.url}/admin/nhap-can-bo/{job.pk}/")
    bar = desktop.get_by_role("progressbar", name="Tiến độ nhập cán bộ")
    expect(bar).to_have_attribute("aria-valuenow", "20")
    expect(desktop.get_by_role("link", name="Tải lại trang")).to_be_visible()  # for browsers without JavaScript

    CadreImport.objects.filter(pk=job.pk).update(processed_rows=60_000, created=60_000)
    expect(bar).to_have_attribute("aria-valuenow", "60")
    expect(desktop.get_by_text("Đã xử lý 60.000/100.000 dòng…")).to_be_visible()

    CadreImport.objects.filter(pk=job.pk).update(processed_rows=100_000, created=100_000, status=ImportStatus.FINISHED)
    expect(desktop.get_by_text("Không có dòng lỗi: mọi dòng đã được nhập.")).to_be_visible()  # reloaded
    expect(bar).to_have_attribute("aria-valuenow", "100")
    expect(desktop.get_by_role("link", name="Tải lại trang")).to_have_count(0)
