"""'Dữ liệu cá nhân của tôi': a person's copy holds everything about them, and nobody else's."""

import datetime
import io
import json
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from courses.models import CourseCompletion, Enrolment
from privacy import exporting
from privacy.models import DataExport, ExportStatus
from tests.factories import TEST_PASSWORD, CadreFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def nga(tree, course):
    user = CadreFactory(staff_code="HP004001", full_name="Tô Thị Nga", unit=tree["department"]).user
    Enrolment.objects.create(user=user, course=course, course_title=course.title, source="self")
    CourseCompletion.objects.create(
        user=user,
        course=course,
        course_title=course.title,
        completed_at="2026-03-02T09:00:00+07:00",
        score=90,
        lessons_completed=3,
        lessons_required=3,
    )
    return user


def ask_for_copy(client, capture):
    with capture(execute=True):
        return client.post(reverse("privacy:request"))


def test_the_copy_holds_the_persons_data_in_json_and_excel(
    client, nga, tree, course, django_capture_on_commit_callbacks
):
    other = CadreFactory(staff_code="HP004002", full_name="Người Khác", unit=tree["department"]).user
    Enrolment.objects.create(user=other, course=course, course_title="Khóa của người khác", source="self")
    client.post(reverse("accounts:login"), {"username": "HP004001", "password": TEST_PASSWORD}, REMOTE_ADDR="10.3.3.3")
    assert ask_for_copy(client, django_capture_on_commit_callbacks).status_code == 302
    export = DataExport.objects.get(user=nga)
    assert export.status == ExportStatus.FINISHED and export.percent == 100

    page = client.get(reverse("privacy:mine")).content.decode()
    assert "Tải bản sao (ZIP)" in page
    progress = client.get(reverse("privacy:status", args=[export.pk])).json()
    assert progress == {"status": "finished", "finished": True, "percent": 100, "text": "Đã xong."}
    response = client.get(reverse("privacy:download", args=[export.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert sorted(archive.namelist()) == ["data.json", "du-lieu.xlsx"]
    data = json.loads(archive.read("data.json"))["sections"]
    assert {"Thông tin": "Họ và tên", "Giá trị": "Tô Thị Nga"} in data["profile"]["rows"]
    assert [row["Khóa học"] for row in data["enrolments"]["rows"]] == [course.title]
    assert data["completions"]["rows"][0]["Điểm"] == 90.0
    assert any(row["Địa chỉ IP"] == "10.3.3.3" for row in data["account_history"]["rows"])
    book = load_workbook(io.BytesIO(archive.read("du-lieu.xlsx")))
    assert "Hồ sơ" in book.sheetnames and "Hoàn thành khóa học" in book.sheetnames
    assert "Khóa của người khác" not in json.dumps(data, ensure_ascii=False)
    actions = set(ModelLogEntry.objects.for_instance(nga).values_list("action", flat=True))
    assert {"privacy.export_requested", "privacy.export_downloaded"} <= actions


def test_nobody_else_downloads_a_persons_copy(client, nga, tree, django_capture_on_commit_callbacks):
    client.force_login(nga)
    ask_for_copy(client, django_capture_on_commit_callbacks)
    export = DataExport.objects.get(user=nga)
    intruder = CadreFactory(staff_code="HP004003", unit=tree["department"]).user
    client.force_login(intruder)
    assert client.get(reverse("privacy:download", args=[export.pk])).status_code == 404
    assert client.get(reverse("privacy:status", args=[export.pk])).status_code == 404


def test_copies_are_deleted_after_the_keeping_period(
    client, nga, settings, time_machine, django_capture_on_commit_callbacks
):
    client.force_login(nga)
    ask_for_copy(client, django_capture_on_commit_callbacks)
    export = DataExport.objects.get(user=nga)
    time_machine.move_to(timezone.localtime() + datetime.timedelta(days=settings.DATA_EXPORT_KEEP_DAYS, hours=1))
    assert exporting.delete_old() == 1
    client.force_login(nga)  # the session itself has long ended
    assert client.get(reverse("privacy:download", args=[export.pk])).status_code == 404
