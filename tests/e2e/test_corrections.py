"""A learner asks on a phone to correct their record; their unit's manager applies it in the admin on a desktop;
the learner then reads the outcome and sees the corrected record."""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import log_in, overflow
from tests.factories import CadreFactory, UserFactory
from units.roles import MANAGER

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_correction_goes_from_the_learner_to_the_manager_and_back(live_server, phone, desktop, tree, mailoutbox):
    CadreFactory(staff_code="HP010001", full_name="Hoàng Van Thu", position="Chuyên viên", unit=tree["division"])
    manager = UserFactory(username="quanly.sott", groups=[MANAGER])
    tree["department"].managers.add(manager)

    log_in(phone, live_server.url, "HP010001")
    phone.goto(live_server.url + "/tai-khoan/cua-toi/")
    with phone.expect_navigation():
        phone.get_by_role("link", name="Đề nghị sửa thông tin cá nhân").click()
    assert overflow(phone) <= 0
    with phone.expect_navigation():
        phone.get_by_role("button", name="Gửi đề nghị").click()  # nothing changed yet
    expect(phone.get_by_role("alert")).to_contain_text("Bạn chưa sửa mục nào")
    phone.get_by_label("Họ và tên đúng").fill("Hoàng Văn Thu")
    phone.get_by_label("Giải thích, căn cứ").fill("Thiếu dấu ở tên đệm")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Gửi đề nghị").click()
    expect(phone.get_by_role("heading", name="Đề nghị đang chờ")).to_be_visible()
    expect(phone.get_by_text("Trạng thái: Mới")).to_be_visible()

    log_in(desktop, live_server.url, "quanly.sott")
    desktop.goto(live_server.url + "/admin/de-nghi-sua-thong-tin/")
    row = desktop.get_by_role("row").filter(has_text="Hoàng Van Thu")
    expect(row).to_contain_text("Mới")
    with desktop.expect_navigation():
        row.get_by_role("link").first.click()
    expect(desktop.get_by_role("cell", name="Hoàng Văn Thu")).to_be_visible()
    desktop.get_by_label("Đồng ý: sửa hồ sơ cán bộ như đề nghị").check()
    desktop.get_by_role("textbox", name="Trả lời người đề nghị").fill("Đã sửa theo hồ sơ gốc")
    with desktop.expect_navigation():
        desktop.get_by_role("button", name="Lưu").first.click()
    expect(desktop.get_by_text("Đã lưu quyết định")).to_be_visible()

    phone.reload()
    expect(phone.get_by_text("Đã xử lý")).to_be_visible()
    expect(phone.get_by_text("Trả lời: Đã sửa theo hồ sơ gốc")).to_be_visible()
    phone.goto(live_server.url + "/tai-khoan/cua-toi/")
    expect(phone.get_by_role("definition").filter(has_text="Hoàng Văn Thu")).to_be_visible()
