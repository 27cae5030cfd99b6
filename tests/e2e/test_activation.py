"""An imported cadre activates on a phone with the code from the unit's sheet, then is logged in."""

import re

import pytest
from playwright.sync_api import expect

from accounts import activation
from tests.e2e.helpers import overflow
from tests.factories import CadreFactory

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
