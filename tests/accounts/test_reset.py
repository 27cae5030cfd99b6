"""Password reset by email: one answer for any address, a link that expires and works once, limits, sessions."""

import datetime
import re
import socket
import time

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import TEST_PASSWORD, CadreFactory

RESET = "/tai-khoan/quen-mat-khau/"
NEW = "Mùa@Thu2026!dài"


@pytest.fixture
def lan(tree):
    cadre = CadreFactory(staff_code="HP000701", full_name="Phạm Thị Lan", unit=tree["department"])
    cadre.user.email = "lan.pham@haiphong.gov.vn"
    cadre.user.save()
    return cadre.user


def ask(client, email, address="10.0.0.1"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def link_in(message):
    return re.search(r"https?://[^/\s]+(/tai-khoan/dat-lai-mat-khau/\S+/)", message).group(1)


def log_in(client, password):
    return client.post(reverse("accounts:login"), {"username": "HP000701", "password": password})


def test_a_known_and_an_unknown_address_get_the_same_answer(client, lan):
    known, unknown = ask(client, "LAN.PHAM@haiphong.gov.vn"), ask(client, "khongco@haiphong.gov.vn")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lan.pham@haiphong.gov.vn"]
    assert message.subject == "Đặt lại mật khẩu tài khoản học tập CNTT"
    assert "Chào Phạm Thị Lan" in message.body and "trong 60 phút" in message.body


def test_the_link_sets_a_new_password_once_and_ends_the_other_sessions(client, lan):
    other_device = Client()
    assert log_in(other_device, TEST_PASSWORD).status_code == 302
    ask(client, lan.email)
    form_url = client.get(link_in(mail.outbox[0].body)).url  # Django moves the token into the session
    done = client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302 and done["Location"] == reverse("accounts:password_reset_complete")

    assert other_device.get("/tai-khoan/doi-mat-khau/").status_code == 302  # logged out there
    assert log_in(Client(), TEST_PASSWORD).status_code == 200  # the old password no longer works
    assert log_in(Client(), NEW).status_code == 302
    again = Client().get(link_in(mail.outbox[0].body), follow=True)
    assert "Liên kết đặt lại mật khẩu không dùng được" in again.content.decode()


def test_the_link_expires(client, lan, time_machine):
    ask(client, lan.email)
    # In the site's zone: with a UTC destination time-machine switches the local zone, and tokens use local time.
    time_machine.move_to(timezone.localtime() + datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60))
    page = client.get(link_in(mail.outbox[0].body), follow=True)
    assert "Liên kết đặt lại mật khẩu không dùng được" in page.content.decode()
    lan.refresh_from_db()
    assert lan.check_password(TEST_PASSWORD)


def test_one_account_gets_a_few_mails_an_hour_and_an_office_address_is_not_locked_out(client, lan):
    for number in range(settings.PASSWORD_RESET_PER_ACCOUNT_PER_HOUR + 2):
        assert ask(client, lan.email, address=f"10.0.1.{number}").status_code == 302
    assert len(mail.outbox) == settings.PASSWORD_RESET_PER_ACCOUNT_PER_HOUR
    # Colleagues behind one address: each of them may still ask, up to the address's looser limit.
    for number in range(settings.PASSWORD_RESET_PER_ADDRESS_PER_HOUR):
        assert ask(client, f"dongnghiep{number}@haiphong.gov.vn", address="10.9.9.9").status_code == 302
    refused = ask(client, "mot-nguoi-nua@haiphong.gov.vn", address="10.9.9.9")
    assert refused.status_code == 429
    assert "quá nhiều yêu cầu đặt lại mật khẩu" in refused.content.decode().lower()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox(Message):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server on loopback (aiosmtpd) that the product's SMTP backend talks to."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = False
    try:
        yield inbox
    finally:
        controller.stop()


def test_the_reset_mail_goes_through_a_real_smtp_server(client, lan, smtp_sink):
    ask(client, lan.email)
    deadline = time.monotonic() + 10
    while not smtp_sink.messages and time.monotonic() < deadline:
        time.sleep(0.05)
    [message] = smtp_sink.messages
    assert message["To"] == "lan.pham@haiphong.gov.vn"
    body = message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")
    assert "Phạm Thị Lan" in body
    page = client.get(link_in(body))
    assert page.status_code == 302  # a valid link, read from the delivered mail
