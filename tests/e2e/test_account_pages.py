"""The account pages on a phone: the second factor's enrolment and "Tài khoản của tôi", at 375 px."""

import re

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from playwright.sync_api import expect

from tests.e2e.helpers import log_in, overflow
from tests.factories import CadreFactory

pytestmark = pytest.mark.e2e


def test_a_learner_enrols_a_second_factor_and_sees_their_account_on_a_phone(live_server, phone, tree):
    CadreFactory(staff_code="HP000960", full_name="Lương Thị Mai", unit=tree["department"], position="Chuyên viên")
    log_in(phone, live_server.url, "HP000960")
    phone.goto(live_server.url + "/tai-khoan/cua-toi/")
    expect(phone.get_by_role("heading", name="Tài khoản của tôi")).to_be_visible()
    expect(phone.get_by_text("Sở Thông tin")).to_be_visible()
    expect(phone.get_by_text("Phiên này")).to_be_visible()
    assert overflow(phone) <= 0

    with phone.expect_navigation():
        phone.get_by_role("link", name="Bật xác thực hai bước").click()
    expect(phone.get_by_role("img", name="Mã QR để thêm tài khoản vào ứng dụng xác thực")).to_be_visible()
    assert overflow(phone) <= 0
    secret = phone.locator("#totp-secret").inner_text().strip()
    counter = next(iter(yield_hotp_counters_from_time()))
    phone.get_by_label("Mã 6 chữ số hiện trong ứng dụng").fill(format_hotp_value(hotp_value(secret, counter)))
    with phone.expect_navigation():
        phone.get_by_role("button", name="Bật xác thực hai bước").click()
    expect(phone.get_by_role("heading", name="Mã khôi phục")).to_be_visible()
    assert phone.locator(".recovery-codes li").count() == 10
    assert overflow(phone) <= 0

    phone.goto(live_server.url + "/tai-khoan/cua-toi/")
    expect(phone.get_by_text(re.compile("Đang bật ứng dụng xác thực; còn 10 mã khôi phục"))).to_be_visible()
