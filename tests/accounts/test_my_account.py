"""'Tài khoản của tôi': the cadre record with whom to ask, and ending the other sessions."""

from django.test import Client
from django.urls import reverse

from tests.factories import TEST_PASSWORD, CadreFactory, UserFactory
from units.roles import MANAGER

MINE = "/tai-khoan/cua-toi/"


def log_in(client, staff_code):
    return client.post(reverse("accounts:login"), {"username": staff_code, "password": TEST_PASSWORD})


def test_the_page_shows_the_cadre_record_and_who_corrects_it(client, tree):
    CadreFactory(staff_code="HP000970", full_name="Hà Văn Sơn", unit=tree["division"], position="Phó phòng")
    manager = UserFactory(username="quanly-so", groups=[MANAGER], email="quanly@sott.gov.vn")
    CadreFactory(user=manager, staff_code="HP000971", full_name="Tạ Thị Quản", unit=tree["department"])
    tree["department"].managers.add(manager)  # the division has no manager: the department's answers
    log_in(client, "HP000970")
    page = client.get(MINE).content.decode()
    for text in (
        "Hà Văn Sơn",
        "HP000970",
        "Phòng Bưu chính",
        "Phó phòng",
        "bạn không tự sửa được",
        "Tạ Thị Quản",
        "quanly@sott.gov.vn",
    ):
        assert text in page


def test_ending_the_other_sessions_logs_out_the_other_devices_only(client, tree):
    CadreFactory(staff_code="HP000972", full_name="Kim Thị Phiên", unit=tree["department"])
    other = Client()
    log_in(other, "HP000972")
    log_in(client, "HP000972")
    page = client.get(MINE).content.decode()
    assert page.count("<tr>") == 3 and "Đăng xuất các phiên khác" in page  # heading row and two sessions

    response = client.post(reverse("usersessions_list"))
    assert response.status_code == 302
    assert client.get(MINE).status_code == 200
    assert other.get(MINE).status_code == 302  # back to the login page
    assert client.get(MINE).content.decode().count("<tr>") == 2


def test_allauths_english_account_pages_are_not_offered(client, tree):
    CadreFactory(staff_code="HP000973", unit=tree["department"])
    log_in(client, "HP000973")
    assert client.get(reverse("socialaccount_connections"))["Location"] == MINE
    for url in ("/tai-khoan/sso/", "/tai-khoan/dang-ky/"):
        assert client.get(url).status_code in (302, 404)
    assert "Tải bản sao dữ liệu cá nhân của tôi" in client.get(MINE).content.decode()  # privacy's link, by hook
