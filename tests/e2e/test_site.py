"""A learner and an editor use the site in a real browser, on a phone and on a desktop."""

import pytest

from tests.factories import TEST_PASSWORD, CadreFactory, UserFactory
from units.roles import EDITOR

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def page_width_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_learner_signs_in_with_staff_code_on_a_phone_using_the_keyboard(live_server, phone):
    CadreFactory(staff_code="HP000042", full_name="Đỗ Thị Hương")
    phone.goto(live_server.url + "/")
    assert page_width_overflow(phone) <= 0

    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.getAttribute('href')") == "#main"  # skip link comes first

    phone.goto(live_server.url + "/tai-khoan/dang-nhap/")
    assert page_width_overflow(phone) <= 0
    phone.get_by_label("Mã cán bộ hoặc email").fill("hp000042")
    phone.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    assert "Đỗ Thị Hương" in phone.content()
    assert page_width_overflow(phone) <= 0


def test_wrong_password_is_announced_as_an_alert(live_server, phone):
    CadreFactory(staff_code="HP000043")
    phone.goto(live_server.url + "/tai-khoan/dang-nhap/")
    phone.get_by_label("Mã cán bộ hoặc email").fill("HP000043")
    phone.get_by_label("Mật khẩu").fill("sai-mat-khau")
    phone.get_by_role("button", name="Đăng nhập").click()
    assert "không đúng" in phone.get_by_role("alert").inner_text()


def test_editor_reaches_the_vietnamese_admin_from_the_site_login(live_server, desktop):
    UserFactory(username="bientap", groups=[EDITOR])
    desktop.goto(live_server.url + "/admin/")
    assert "/tai-khoan/dang-nhap/" in desktop.url  # the admin asks the site's login page
    desktop.get_by_label("Mã cán bộ hoặc email").fill("bientap")
    desktop.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    desktop.get_by_role("button", name="Đăng nhập").click()
    desktop.wait_for_url("**/admin/")
    assert "Trang tổng quan" in desktop.content()
