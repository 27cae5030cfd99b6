"""The privacy notice: read and accepted at first login and at each new version, the acceptance kept and shown."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts.models import PrivacyConsent, PrivacyNotice
from tests.factories import TEST_PASSWORD, CadreFactory

NOTICE = "/tai-khoan/du-lieu-ca-nhan/"


def publish(notice, body):
    notice.body = body
    revision = notice.save_revision()
    revision.publish()
    cache.clear()
    return revision


@pytest.fixture
def notice(db):
    notice = PrivacyNotice(title="Thông báo xử lý dữ liệu cá nhân", body="<p>x</p>", live=False)
    notice.save()
    return notice


@pytest.fixture
def hoa(tree):
    return CadreFactory(staff_code="HP003001", full_name="Lý Thị Hoa", unit=tree["department"]).user


def log_in(client, address="10.2.2.2"):
    return client.post(
        reverse("accounts:login"), {"username": "HP003001", "password": TEST_PASSWORD}, REMOTE_ADDR=address
    )


def test_a_learner_reads_and_accepts_the_notice_before_anything_else(client, hoa, notice):
    first = publish(notice, "<p>Chúng tôi xử lý họ tên, mã cán bộ và kết quả học tập.</p>")
    log_in(client)
    dashboard = reverse("learning:dashboard")
    response = client.get(dashboard)
    assert response.status_code == 302 and response["Location"] == f"{NOTICE}?next=%2Fhoc-tap%2F"
    page = client.get(response["Location"]).content.decode()
    assert "kết quả học tập" in page and "Tôi đã đọc và đồng ý" in page

    accepted = client.post(NOTICE, {"next": dashboard}, REMOTE_ADDR="10.2.2.2")
    assert accepted["Location"] == dashboard and client.get(dashboard).status_code == 200
    consent = PrivacyConsent.objects.get(user=hoa)
    assert consent.revision == first and consent.address == "10.2.2.2"
    assert ModelLogEntry.objects.for_instance(hoa).filter(action="accounts.privacy_accepted").exists()

    mine = client.get(reverse("accounts:mine")).content.decode()
    assert "Bạn đã đồng ý thông báo xử lý dữ liệu cá nhân lúc" in mine
    assert reverse("accounts:privacy_version", args=[first.pk]) in mine


def test_a_new_version_is_asked_again_and_the_accepted_one_stays_readable(client, hoa, notice):
    first = publish(notice, "<p>Phiên bản một.</p>")
    log_in(client)
    client.post(NOTICE, {"next": "/"})
    publish(notice, "<p>Phiên bản hai: thêm kết quả cuộc thi.</p>")
    again = Client()
    log_in(again)
    assert again.get(reverse("accounts:mine"))["Location"].startswith(NOTICE)
    old = again.get(reverse("accounts:privacy_version", args=[first.pk])).content.decode()
    assert "Phiên bản một." in old and "Phiên bản hai" not in old


def test_without_a_published_notice_nobody_is_stopped(client, hoa, notice):
    log_in(client)
    assert client.get(reverse("learning:dashboard")).status_code == 200


def test_anyone_can_read_the_notice_and_next_cannot_leave_the_site(client, hoa, notice):
    publish(notice, "<p>Công khai.</p>")
    page = Client().get(NOTICE).content.decode()
    assert "Công khai." in page and "Tôi đã đọc và đồng ý" not in page
    log_in(client)
    assert client.post(NOTICE, {"next": "https://example.com/"})["Location"] == "/"
