"""An imported cadre activates on a phone with the code from the unit's sheet, then is logged in."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect
from pypdf import PdfReader

from accounts import activation
from courses.models import CourseCompletion, CourseIndexPage, CoursePage, LessonPage, LessonRule
from tests.cadre_files import cadre_file, row, run_import
from tests.e2e.helpers import log_in, overflow
from tests.factories import CadreFactory, publish
from units.roles import MANAGER

pytestmark = pytest.mark.e2e


def test_an_imported_cadre_activates_on_a_phone_and_is_logged_in(live_server, phone, tree):
    cadre = CadreFactory(staff_code="HP000601", full_name="Phạm Thị Lan", unit=tree["department"])
    cadre.user.set_unusable_password()
    cadre.user.save()
    [(_user, code)] = activation.issue([cadre.user])

    phone.goto(live_server.url + "/tai-khoan/dang-nhap/")
    with phone.expect_navigation():
        phone.get_by_role("link", name="Kích hoạt tài khoản").click()
    assert overflow(phone) <= 0
    phone.get_by_label("Mã cán bộ hoặc email").fill("HP000601")
    phone.get_by_label("Mã kích hoạt").fill("AAAA-BBBB-CCCC")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Tiếp tục").click()
    expect(phone.get_by_text("không khớp, hoặc mã đã được dùng")).to_be_visible()

    phone.get_by_label("Mã kích hoạt").fill(activation.display_code(code))
    with phone.expect_navigation():
        phone.get_by_role("button", name="Tiếp tục").click()
    expect(phone.get_by_role("heading", name="Đặt mật khẩu")).to_be_visible()
    expect(phone.get_by_text("Chào Phạm Thị Lan")).to_be_visible()
    phone.get_by_label(re.compile(r"^Mật khẩu mới")).fill("Mùa@Thu2026!dài")
    phone.get_by_label("Xác nhận mật khẩu mới").fill("Mùa@Thu2026!dài")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Đặt mật khẩu và đăng nhập").click()
    assert overflow(phone) <= 0
    expect(phone.locator(".user-nav__name")).to_contain_text("Phạm Thị Lan")  # logged in (menu folded on a phone)


@pytest.mark.django_db(transaction=True)
def test_an_official_imported_from_excel_activates_with_the_code_on_the_units_pdf_sheet_and_studies(
    live_server, desktop, phone, tree, home_page, tmp_path
):
    # HR imports the unit's officials from Excel; the unit's manager prints the activation sheet.
    result = run_import(cadre_file(tmp_path, [row("HP000951", "Đinh Thị Thu", unit="SOTT-P1")]))
    assert result.created == 1
    manager = CadreFactory(staff_code="HP000950", full_name="Quản Lý Sở", unit=tree["department"])
    manager.user.groups.add(Group.objects.get(name=MANAGER))
    tree["department"].managers.add(manager.user)
    catalogue = publish(home_page, CourseIndexPage(title="Khóa học", slug="khoa-hoc"))
    course = publish(catalogue, CoursePage(title="Kỹ năng số", slug="ky-nang-so", topic="security", summary="Cơ bản."))
    body = [{"type": "paragraph", "value": "<p>Bài đầu tiên.</p>"}]
    publish(course, LessonPage(title="Bắt đầu", slug="bat-dau", body=body, completion_rule=LessonRule.MANUAL))

    log_in(desktop, live_server.url, "HP000950")
    desktop.goto(f"{live_server.url}/admin/kich-hoat/{tree['department'].pk}/")
    desktop.get_by_label("In phiếu cho mọi người").check()
    with desktop.expect_navigation():
        desktop.get_by_role("button", name="Cấp mã kích hoạt").click()
    expect(desktop.get_by_text("Đã xong: 1 người được cấp mã.")).to_be_visible(timeout=15000)
    with desktop.expect_download() as download:
        desktop.get_by_role("link", name="Tải phiếu in (PDF)").click()
    text = "\n".join(page.extract_text() for page in PdfReader(download.value.path()).pages)
    assert "Đinh Thị Thu" in text and "HP000951" in text
    [code] = re.findall(r"\b[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}\b", text)

    # The official follows the slip on a phone, sets a password and takes a course.
    phone.goto(f"{live_server.url}/tai-khoan/kich-hoat/?ma=HP000951")  # the slip's QR code
    expect(phone.get_by_label("Mã cán bộ hoặc email")).to_have_value("HP000951")
    phone.get_by_label("Mã kích hoạt").fill(code)
    with phone.expect_navigation():
        phone.get_by_role("button", name="Tiếp tục").click()
    phone.get_by_label(re.compile(r"^Mật khẩu mới")).fill("Mùa@Thu2026!dài")
    phone.get_by_label("Xác nhận mật khẩu mới").fill("Mùa@Thu2026!dài")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Đặt mật khẩu và đăng nhập").click()
    phone.goto(live_server.url + "/khoa-hoc/ky-nang-so/")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Ghi danh khóa học").click()
    with phone.expect_navigation():
        phone.get_by_role("button", name="Đánh dấu hoàn thành").click()
    assert "hoàn thành khóa học" in phone.content()
    assert CourseCompletion.objects.filter(user__username="HP000951").exists()
