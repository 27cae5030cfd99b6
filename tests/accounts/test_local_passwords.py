"""LOCAL_PASSWORDS=false: no password door is left open (single sign-on is the only way in)."""

import pytest
from django.urls import reverse

from tests.factories import TEST_PASSWORD, CadreFactory


@pytest.mark.parametrize(
    "url", ["/tai-khoan/dang-nhap/", "/tai-khoan/kich-hoat/", "/tai-khoan/quen-mat-khau/", "/admin/login/"]
)
def test_with_local_passwords_off_a_correct_password_logs_nobody_in(client, tree, settings, url):
    settings.LOCAL_PASSWORDS = False
    CadreFactory(staff_code="HP000980", unit=tree["department"])
    response = client.post(url, {"username": "HP000980", "password": TEST_PASSWORD, "identifier": "HP000980"})
    assert response.status_code in (302, 404)
    assert "_auth_user_id" not in client.session
    if response.status_code == 404:
        assert "chỉ đăng nhập bằng tài khoản định danh" in response.content.decode()
    assert client.get(reverse("accounts:mine")).status_code == 302
