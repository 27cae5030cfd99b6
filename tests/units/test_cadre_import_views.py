"""The cadre import in the admin: upload → progress → report, who may see what, no upload left behind."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from openpyxl import load_workbook

from tests.cadre_files import cadre_file, row
from tests.factories import UserFactory
from units.models import Cadre, CadreImport, ImportStatus
from units.roles import ADMINISTRATOR, EDITOR, MANAGER

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(db):
    return UserFactory(groups=[ADMINISTRATOR])


def private_files(tmp_path):
    folder = tmp_path / "private"
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def upload(client, path, capture):
    with open(path, "rb") as handle, capture(execute=True):
        return client.post(reverse("cadre_import:index"), {"file": handle})


def test_upload_runs_the_import_then_shows_progress_and_the_error_report(
    client, admin, ward, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(admin)
    page = client.get(reverse("cadre_import:index")).content.decode()
    assert "Quy tắc nhập:" in page and "dòng có lỗi bị bỏ qua toàn bộ" in page
    assert reverse("cadre_import:template") in page
    template = client.get(reverse("cadre_import:template"))
    assert load_workbook(io.BytesIO(template.content)).sheetnames == ["Cán bộ", "Hướng dẫn"]

    path = cadre_file(tmp_path, [row("HP000901", "Trần Văn Bảo"), row("HP000902", "Lê Thị Cúc", unit="X99")])
    response = upload(client, path, django_capture_on_commit_callbacks)
    job = CadreImport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("cadre_import:progress", args=[job.pk])
    assert (job.status, job.uploaded_by, job.file_name, job.stored_file) == (
        ImportStatus.FINISHED,
        admin,
        "can-bo.xlsx",
        "",
    )
    assert private_files(tmp_path) == []  # the upload is deleted once the task has run

    status = client.get(reverse("cadre_import:status", args=[job.pk])).json()
    assert status["finished"] and status["percent"] == 100
    assert (status["created"], status["error_count"], status["total_rows"]) == (1, 1, 2)

    report = client.get(reverse("cadre_import:progress", args=[job.pk])).content.decode()
    assert 'role="progressbar"' in report and 'aria-valuenow="100"' in report
    assert "Dòng 3: Mã đơn vị &quot;X99&quot; không tồn tại." in report
    assert "Tải lại trang" not in report
    assert Cadre.objects.filter(staff_code="HP000901").exists()
    assert not Cadre.objects.filter(staff_code="HP000902").exists()

    errors = client.get(reverse("cadre_import:errors", args=[job.pk]))
    assert errors["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(errors.content))["Cán bộ"].iter_rows(values_only=True))
    assert rows[0][-1] == "Lỗi" and rows[1][:3] == ("HP000902", "Lê Thị Cúc", "X99")
    assert len(rows) == 2

    listing = client.get(reverse("cadre_import:index")).content.decode()
    assert "can-bo.xlsx" in listing and "1 tạo mới, 0 cập nhật, 1 dòng lỗi" in listing


def test_a_running_import_shows_its_progress_and_a_reload_link(client, admin):
    job = CadreImport.objects.create(
        file_name="lon.csv",
        uploaded_by=admin,
        status=ImportStatus.RUNNING,
        total_rows=100_000,
        processed_rows=24_000,
        created=24_000,
    )
    client.force_login(admin)
    page = client.get(reverse("cadre_import:progress", args=[job.pk])).content.decode()
    assert 'aria-valuenow="24"' in page and "Đã xử lý 24.000/100.000 dòng" in page
    assert "Tải lại trang" in page
    status = client.get(reverse("cadre_import:status", args=[job.pk])).json()
    assert (status["percent"], status["finished"], status["status_label"]) == (24, False, "Đang nhập")


def test_an_unreadable_upload_is_refused_on_the_form_and_nothing_is_kept(
    client, admin, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(admin)
    path = tmp_path / "hong.xlsx"
    path.write_bytes(b"PK\x03\x04 broken")
    response = upload(client, path, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "Tệp Excel bị hỏng" in response.content.decode()
    assert not CadreImport.objects.exists() and private_files(tmp_path) == []


def test_a_file_without_rows_fails_with_a_message_and_is_deleted(
    client, admin, ward, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(admin)
    path = cadre_file(tmp_path, [], fmt="csv")
    upload(client, path, django_capture_on_commit_callbacks)
    job = CadreImport.objects.get()
    assert job.status == ImportStatus.FAILED and "chưa có cán bộ nào" in job.message
    assert private_files(tmp_path) == []
    page = client.get(reverse("cadre_import:progress", args=[job.pk])).content.decode()
    assert "chưa có cán bộ nào" in page and "Không nhập được tệp." in page


@pytest.mark.parametrize("role", [EDITOR, MANAGER])
def test_only_administrators_reach_the_import(client, role):
    client.force_login(UserFactory(groups=[role]))
    assert client.get(reverse("cadre_import:index")).status_code in (302, 403)
    assert client.get(reverse("cadre_import:template")).status_code in (302, 403)
    assert reverse("cadre_import:index") not in client.get("/admin/").content.decode()


def test_the_menu_shows_the_import_to_administrators(client, admin):
    client.force_login(admin)
    assert reverse("cadre_import:index") in client.get("/admin/").content.decode()


def test_an_import_is_seen_by_its_uploader_and_administrators_only(client, admin):
    hr = Group.objects.create(name="Phòng Tổ chức cán bộ")
    hr.permissions.add(*Permission.objects.filter(codename__in=["access_admin", "add_cadre", "view_cadre"]))
    officer, other_officer = UserFactory(groups=[hr.name]), UserFactory(groups=[hr.name])
    job = CadreImport.objects.create(
        file_name="a.xlsx",
        uploaded_by=officer,
        status=ImportStatus.FINISHED,
        errors=[{"line": 2, "message": "Dòng 2: Thiếu họ và tên.", "values": {}}],
        error_count=1,
    )
    urls = [
        reverse(name, args=[job.pk]) for name in ("cadre_import:progress", "cadre_import:status", "cadre_import:errors")
    ]
    for user, expected in (
        (officer, 200),
        (admin, 200),
        (UserFactory(groups=[ADMINISTRATOR]), 200),
        (other_officer, 403),
    ):
        client.force_login(user)
        assert [client.get(url).status_code for url in urls] == [expected] * 3, user
    client.force_login(other_officer)
    assert client.get(reverse("cadre_import:index")).status_code == 200
    assert "a.xlsx" not in client.get(reverse("cadre_import:index")).content.decode()


def test_when_the_queue_is_unreachable_the_import_says_so_and_keeps_no_file(client, admin, ward, tmp_path, monkeypatch):
    from units import import_views

    def unreachable(*args, **kwargs):
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(import_views.import_cadres, "delay_on_commit", unreachable)
    client.force_login(admin)
    with open(cadre_file(tmp_path, [row("HP000950")]), "rb") as handle:
        response = client.post(reverse("cadre_import:index"), {"file": handle})
    job = CadreImport.objects.get()
    assert response.status_code == 302
    assert job.status == ImportStatus.FAILED and "hàng đợi" in job.message
    assert private_files(tmp_path) == [] and not Cadre.objects.exists()


def test_a_redelivered_task_leaves_a_finished_import_alone_and_a_lost_file_fails_clearly(admin):
    from units.tasks import import_cadres

    done = CadreImport.objects.create(
        file_name="a.csv", uploaded_by=admin, status=ImportStatus.FINISHED, total_rows=3, processed_rows=3, created=3
    )
    import_cadres.delay(done.pk)
    done.refresh_from_db()
    assert (done.status, done.created) == (ImportStatus.FINISHED, 3)

    lost = CadreImport.objects.create(file_name="b.csv", uploaded_by=admin, stored_file="cadre-imports/missing.csv")
    import_cadres.delay(lost.pk)
    lost.refresh_from_db()
    assert lost.status == ImportStatus.FAILED and "không còn trên máy chủ" in lost.message
