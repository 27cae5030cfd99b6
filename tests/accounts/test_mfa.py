"""The second factor: staff must enrol, every way in asks for it, codes work once, no second door."""

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.test import Client
from django.urls import reverse

from accounts import activation
from tests.factories import TEST_PASSWORD, CadreFactory
from units.roles import ADMINISTRATOR, EDITOR, LEARNER

ADMIN = "/admin/"
ENROL = "/tai-khoan/xac-thuc-2-buoc/totp/activate/"
SECOND_STEP = "/tai-khoan/xac-thuc-2-buoc/authenticate/"


@pytest.fixture(autouse=True)
def mfa_required(settings):
    settings.MFA_REQUIRED_FOR_STAFF = True


@pytest.fixture
def editor(tree):
    cadre = CadreFactory(staff_code="HP000801", full_name="Đỗ Minh Biên", unit=tree["department"])
    cadre.user.groups.add(*_groups(EDITOR))
    return cadre.user


@pytest.fixture
def learner(tree):
    cadre = CadreFactory(staff_code="HP000802", full_name="Vũ Thị Học", unit=tree["department"])
    cadre.user.groups.add(*_groups(LEARNER))
    return cadre.user


def _groups(*names):
    from django.contrib.auth.models import Group

    return [Group.objects.get(name=name) for name in names]


def log_in(client, user, password=TEST_PASSWORD, url=None):
    return client.post(url or reverse("accounts:login"), {"username": user.cadre.staff_code, "password": password})


def code_now(secret, offset=0):
    counter = next(iter(yield_hotp_counters_from_time())) + offset
    return format_hotp_value(hotp_value(secret, counter))


def enrol(client):
    """Open the enrolment page, read the secret the page shows, confirm it with a code; return the secret."""
    page = client.get(ENROL)
    assert page.status_code == 200
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page.content.decode()).group(1)
    done = client.post(ENROL, {"code": code_now(secret)})
    assert done.status_code == 302, done.content.decode()[:2000]
    return secret


def test_an_editor_without_a_second_factor_must_enrol_before_anything_else(client, editor):
    assert log_in(client, editor).status_code == 302
    for url in (ADMIN, "/", reverse("accounts:mine")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == ENROL
    page = client.get(ENROL)
    text = page.content.decode()
    assert "Bật xác thực hai bước" in text and "data:image/svg+xml;base64," in text
    assert "phải bật xác thực hai bước" in text  # why they are here

    secret = enrol(client)
    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.TOTP).exists()
    codes = client.get(reverse("mfa_view_recovery_codes"))
    assert codes.status_code == 200 and "Còn 10/10 mã chưa dùng" in codes.content.decode()
    assert client.get(ADMIN).status_code == 200
    assert secret


def test_after_enrolling_every_login_asks_for_a_code_and_a_code_works_once(editor):
    first = Client()
    log_in(first, editor)
    secret = enrol(first)

    second = Client()
    response = log_in(second, editor)
    assert response.status_code == 302 and response["Location"] == SECOND_STEP
    assert second.get(ADMIN).status_code == 302  # not logged in yet
    assert "_auth_user_id" not in second.session

    wrong = second.post(SECOND_STEP, {"code": "000000" if code_now(secret) != "000000" else "111111"})
    assert wrong.status_code == 200 and "Mã xác thực không đúng" in wrong.content.decode()
    assert second.get(ADMIN).status_code == 302

    code = code_now(secret)
    assert second.post(SECOND_STEP, {"code": code}).status_code == 302
    assert second.get(ADMIN).status_code == 200

    third = Client()
    log_in(third, editor)
    replayed = third.post(SECOND_STEP, {"code": code})
    assert replayed.status_code == 200 and "đã được dùng" in replayed.content.decode()
    assert third.get(ADMIN).status_code == 302


def test_a_recovery_code_replaces_the_phone_once(editor):
    first = Client()
    log_in(first, editor)
    enrol(first)
    recovery = Authenticator.objects.get(user=editor, type=Authenticator.Type.RECOVERY_CODES)
    code = recovery.wrap().get_unused_codes()[0]

    for attempt in ("ok", "again"):
        client = Client()
        log_in(client, editor)
        response = client.post(SECOND_STEP, {"code": code})
        if attempt == "ok":
            assert response.status_code == 302 and client.get(ADMIN).status_code == 200
        else:
            assert response.status_code == 200 and "Mã xác thực không đúng" in response.content.decode()
            assert client.get(ADMIN).status_code == 302
    recovery.refresh_from_db()
    assert len(recovery.wrap().get_unused_codes()) == 9


def test_the_admin_login_page_is_no_second_door(editor):
    first = Client()
    log_in(first, editor)
    enrol(first)

    client = Client()
    response = log_in(client, editor, url="/admin/login/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert client.get(ADMIN).status_code == 302
    assert (
        client.get("/admin/login/?next=/admin/pages/")["Location"] == "/tai-khoan/dang-nhap/?next=%2Fadmin%2Fpages%2F"
    )
    # Wagtail's own password reset, with its own limits, is closed too.
    assert client.get("/admin/password_reset/").status_code == 404


def test_staff_cannot_switch_their_second_factor_off(client, editor):
    log_in(client, editor)
    enrol(client)
    page = client.get(reverse("accounts:mine"))
    assert "Tắt xác thực hai bước" not in page.content.decode()
    client.post(reverse("mfa_deactivate_totp"))
    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.TOTP).exists()


def test_for_a_learner_the_second_factor_is_optional_and_then_asked(client, learner):
    assert log_in(client, learner)["Location"] == "/"
    assert client.get(reverse("learning:dashboard")).status_code == 200
    secret = enrol(client)
    other = Client()
    assert log_in(other, learner)["Location"] == SECOND_STEP
    assert other.post(SECOND_STEP, {"code": code_now(secret)}).status_code == 302
    assert other.get(reverse("learning:dashboard")).status_code == 200


def test_resetting_access_forgets_the_second_factor(client, editor, tree):
    log_in(client, editor)
    enrol(client)
    admin = CadreFactory(staff_code="HP000803", unit=tree["province"]).user
    admin.groups.add(*_groups(ADMINISTRATOR))
    code = activation.reset_access(editor, by=admin)
    assert not Authenticator.objects.filter(user=editor).exists()
    assert client.get(ADMIN).status_code == 302  # the password changed: the session ended
    assert code


def test_guessing_codes_is_stopped_after_five_wrong_ones(editor):
    first = Client()
    log_in(first, editor)
    secret = enrol(first)
    client = Client()
    log_in(client, editor)
    wrong = "000000" if code_now(secret) != "000000" else "111111"
    for _attempt in range(5):
        assert "Mã xác thực không đúng" in client.post(SECOND_STEP, {"code": wrong}).content.decode()
    stopped = client.post(SECOND_STEP, {"code": code_now(secret)})
    assert "nhập sai quá nhiều lần" in stopped.content.decode()
    assert client.get(ADMIN).status_code == 302
