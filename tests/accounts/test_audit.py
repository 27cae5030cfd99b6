"""Security events of accounts in Wagtail's audit log, with actor, client address and a Vietnamese message."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from elearn import audit
from tests.accounts.test_mfa import enrol
from tests.factories import TEST_PASSWORD, CadreFactory
from units.roles import ADMINISTRATOR


@pytest.fixture
def lan(tree):
    cadre = CadreFactory(staff_code="HP000990", full_name="Mạc Thị Lan", unit=tree["department"])
    cadre.user.email = "lan.mac@haiphong.gov.vn"
    cadre.user.save()
    return cadre.user


def entries(user, action):
    return ModelLogEntry.objects.for_instance(user).filter(action=action)


def log_in(client, password, address="10.1.2.3"):
    return client.post(reverse("accounts:login"), {"username": "HP000990", "password": password}, REMOTE_ADDR=address)


def test_logins_failures_and_the_lockout_are_recorded_with_the_address(client, lan, settings):
    log_in(client, "sai-mat-khau")
    [failed] = entries(lan, "accounts.login_failed")
    assert failed.data["ip"] == "10.1.2.3" and failed.user is None
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(Client(), "sai-mat-khau")
    assert entries(lan, "accounts.locked_out").count() == 1

    other = CadreFactory(staff_code="HP000991", unit=lan.cadre.unit).user
    Client().post(
        reverse("accounts:login"), {"username": "HP000991", "password": TEST_PASSWORD}, REMOTE_ADDR="10.9.9.9"
    )
    [login] = entries(other, "accounts.login")
    assert login.user == other and login.data["ip"] == "10.9.9.9" and login.data["methods"] == "mật khẩu"


def test_second_factor_and_reset_events_are_recorded(client, lan, django_capture_on_commit_callbacks):
    log_in(client, TEST_PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):  # allauth signals after its transaction commits
        enrol(client)
    added = entries(lan, "accounts.mfa_added")
    assert {entry.data["kind"] for entry in added} == {"ứng dụng xác thực", "mã khôi phục"}
    assert all(entry.user == lan and entry.data["ip"] == "127.0.0.1" for entry in added)  # the test client's
    client.post(reverse("accounts:logout"))
    Client().post(reverse("accounts:password_reset"), {"email": lan.email}, REMOTE_ADDR="10.4.4.4")
    assert entries(lan, "accounts.password_reset_requested").get().data["ip"] == "10.4.4.4"


def test_the_site_history_report_shows_the_events_in_vietnamese(client, lan, tree):
    log_in(Client(), "sai-mat-khau")
    admin = CadreFactory(staff_code="HP000992", unit=tree["province"]).user
    admin.groups.add(Group.objects.get(name=ADMINISTRATOR))
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    page = client.get(reverse("wagtailadmin_reports:site_history"), {"action": "accounts.login_failed"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Đăng nhập sai với tên “HP000990”" in text and "10.1.2.3" in text


def test_entries_older_than_the_retention_period_are_pruned(lan, settings, time_machine):
    ModelLogEntry.objects.all().delete()
    audit.record(lan, "accounts.login", data={"methods": "mật khẩu"})
    time_machine.move_to(timezone.localtime() + datetime.timedelta(days=30 * settings.AUDIT_RETENTION_MONTHS - 1))
    assert audit.prune() == 0
    time_machine.move_to(timezone.localtime() + datetime.timedelta(days=2))
    assert audit.prune() == 1 and not ModelLogEntry.objects.filter(action="accounts.login").exists()


def test_wagtails_own_entries_get_the_client_address_too(client, tree):
    admin = CadreFactory(staff_code="HP000993", unit=tree["province"]).user
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    form = {"code": "SOTT-P9", "name": "Phòng Thử nghiệm", "kind": "division", "parent": tree["department"].pk}
    response = client.post(reverse("units:add"), form, REMOTE_ADDR="10.7.7.7")
    assert response.status_code == 302
    entry = ModelLogEntry.objects.filter(action="wagtail.create").latest("pk")
    assert entry.user == admin and entry.data["ip"] == "10.7.7.7"
