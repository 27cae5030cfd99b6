"""Logging in with a staff code or email, lockout per account, password strength, session limits."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import TEST_PASSWORD, CadreFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
PROTECTED = reverse("accounts:password_change")


def login(client, identifier, password=TEST_PASSWORD, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": identifier, "password": password}, REMOTE_ADDR=ip)


def is_logged_in(client):
    return client.get(PROTECTED).status_code == 200


@pytest.fixture
def cadre():
    cadre = CadreFactory(staff_code="HP000123", full_name="Trần Thị Bình")
    cadre.user.email = "binh.tt@haiphong.example.vn"
    cadre.user.save()
    return cadre


@pytest.mark.parametrize("identifier", ["HP000123", "hp000123", " HP000123 ", "Binh.TT@haiphong.example.vn"])
def test_learner_logs_in_with_staff_code_or_email(client, cadre, identifier):
    response = login(client, identifier)
    assert response.status_code == 302
    assert is_logged_in(client)


def test_wrong_password_shows_vietnamese_error(client, cadre):
    response = login(client, "HP000123", "sai-mat-khau")
    assert response.status_code == 200
    assert "không đúng" in response.content.decode()
    assert not is_logged_in(client)


def test_email_shared_by_two_accounts_logs_into_neither(client, cadre):
    other = CadreFactory(staff_code="HP000124")
    other.user.email = cadre.user.email
    other.user.save()
    login(client, cadre.user.email)
    assert not is_logged_in(client)


def test_five_failures_lock_the_account_whatever_identifier_or_address(client, cadre):
    identifiers = ["HP000123", "binh.tt@haiphong.example.vn"]
    for attempt in range(5):
        login(client, identifiers[attempt % 2], "sai-mat-khau", ip=f"10.0.0.{attempt + 1}")
    response = login(client, "HP000123", ip="172.16.0.9")
    assert response.status_code == 429
    assert "tạm khóa" in response.content.decode()
    assert not is_logged_in(client)


def test_four_failures_do_not_lock(client, cadre):
    for _attempt in range(4):
        login(client, "HP000123", "sai-mat-khau")
    login(client, "HP000123")
    assert is_logged_in(client)


def test_lockout_is_not_per_address_colleagues_on_the_same_network_still_log_in(client, cadre):
    colleague = CadreFactory(staff_code="HP000200")
    for _attempt in range(5):
        login(client, "HP000123", "sai-mat-khau", ip="10.1.1.1")
    response = login(client, colleague.staff_code, ip="10.1.1.1")
    assert response.status_code == 302
    assert is_logged_in(client)


def test_lockout_ends_after_cool_off(client, cadre, settings):
    for _attempt in range(5):
        login(client, "HP000123", "sai-mat-khau")
    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(minutes=1)):
        login(client, "HP000123")
        assert is_logged_in(client)


@pytest.mark.parametrize("password", ["matkhau2026", "12345678901", "abcdefghij", "Short1!"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_character_class_rule_speaks_vietnamese():
    with pytest.raises(ValidationError) as error:
        validate_password("hoctapchamchi")
    assert any("chữ hoa" in message for message in error.value.messages)


def test_strong_password_is_accepted():
    validate_password("Cán-bộ-2026-an-toàn")


def test_session_ends_after_30_minutes_idle(client, cadre):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        login(client, "HP000123")
        clock.shift(timedelta(minutes=29))
        assert is_logged_in(client)  # activity renews the idle timer
        clock.shift(timedelta(minutes=29))
        assert is_logged_in(client)
        clock.shift(timedelta(minutes=31))
        assert not is_logged_in(client)


def test_session_ends_after_12_hours_even_when_active(client, cadre):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        login(client, "HP000123")
        for _step in range(35):  # 35 x 20 minutes = 11 h 40 min of steady activity
            clock.shift(timedelta(minutes=20))
            assert is_logged_in(client)
        clock.shift(timedelta(minutes=25))
        response = client.get(PROTECTED)
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)
        assert not is_logged_in(client)


def test_an_active_session_is_written_at_most_once_a_minute(client, cadre):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        login(client, "HP000123")
        clock.shift(timedelta(seconds=61))
        with CaptureQueriesContext(connection) as queries:
            for _request in range(10):
                clock.shift(timedelta(seconds=2))
                assert is_logged_in(client)
        writes = [
            query
            for query in queries.captured_queries
            if query["sql"].startswith("UPDATE") and "session" in query["sql"]
        ]
        assert len(writes) == 1  # the first request wound the idle clock; the nine after it wrote nothing
