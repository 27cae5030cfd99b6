"""A learner downloads a copy of their own data in a real browser, and sees the privacy notice first."""

import io
import json
import zipfile

import pytest
from playwright.sync_api import expect

from accounts.models import PrivacyNotice
from courses.models import Enrolment
from tests.e2e.helpers import log_in, overflow
from tests.factories import CadreFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_learner_accepts_the_notice_then_downloads_their_data(live_server, phone, tree, course):
    notice = PrivacyNotice(title="Thông báo xử lý dữ liệu cá nhân", body="<p>Họ tên và kết quả học tập.</p>")
    notice.live = False
    notice.save()
    notice.save_revision().publish()
    user = CadreFactory(staff_code="HP005001", full_name="Châu Thị Dữ", unit=tree["department"]).user
    Enrolment.objects.create(user=user, course=course, course_title=course.title, source="self")

    log_in(phone, live_server.url, "HP005001")
    expect(phone.get_by_role("heading", name="Thông báo xử lý dữ liệu cá nhân")).to_be_visible()
    with phone.expect_navigation():
        phone.get_by_role("button", name="Tôi đã đọc và đồng ý").click()

    phone.goto(live_server.url + "/tai-khoan/cua-toi/")
    expect(phone.get_by_text("Bạn đã đồng ý thông báo xử lý dữ liệu cá nhân lúc")).to_be_visible()
    with phone.expect_navigation():
        phone.get_by_role("link", name="Tải bản sao dữ liệu cá nhân của tôi").click()
    assert overflow(phone) <= 0
    with phone.expect_navigation():
        phone.get_by_role("button", name="Tạo bản sao dữ liệu của tôi").click()
    link = phone.get_by_role("link", name="Tải bản sao (ZIP)")
    expect(link).to_be_visible(timeout=15000)
    with phone.expect_download() as download:
        link.click()
    with open(download.value.path(), "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    data = json.loads(archive.read("data.json"))["sections"]
    assert [row["Khóa học"] for row in data["enrolments"]["rows"]] == [course.title]
    assert len(data["consents"]["rows"]) == 1
