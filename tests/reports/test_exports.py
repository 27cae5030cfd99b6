"""Large course report exports: built by a Celery task with progress, downloadable by the requester only."""

import csv
import io
import json
import time
from datetime import datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from courses.models import CourseCompletion, Enrolment
from reports import counters, exports, queries
from reports.models import ExportState, ReportExport
from tests.factories import CadreFactory, UserFactory
from tests.reports.helpers import course_report
from units.models import Cadre, CadreCategory
from units.roles import ADMINISTRATOR, MANAGER

HEADINGS = [
    "Họ và tên",
    "Mã cán bộ",
    "Đơn vị",
    "Chức vụ",
    "Đối tượng",
    "Trạng thái",
    "Ngày ghi danh",
    "Hoạt động gần nhất",
    "Ngày hoàn thành",
    "Điểm (%)",
    "Số lượt làm bài",
]


@pytest.fixture
def people(tree, course):
    """Seven cadres of the department and its division: completed, enrolled or not started."""
    cadres = []
    for number in range(7):
        cadre = CadreFactory(
            staff_code=f"SOTT{number:03d}",
            full_name=f"Nguyễn Văn {chr(65 + number)}",
            unit=tree["department"] if number % 2 else tree["division"],
        )
        if number % 3 == 0:
            Enrolment.objects.create(user=cadre.user, course=course, course_title=course.title, source="self")
        if number % 3 == 1:
            CourseCompletion.objects.create(
                user=cadre.user,
                course=course,
                course_title=course.title,
                completed_at=timezone.now(),
                score=75 + number,
                lessons_completed=3,
                lessons_required=3,
            )
        cadres.append(cadre)
    CadreFactory(staff_code="SONV001", unit=tree["other"])
    counters.rebuild()
    return cadres


@pytest.fixture
def other_manager(tree):
    """A manager of the same department who did not ask for the export."""
    user = UserFactory(username="quanly2", groups=[MANAGER])
    tree["department"].managers.add(user)
    return user


@pytest.fixture
def administrator():
    return UserFactory(username="quantri", groups=[ADMINISTRATOR], is_superuser=True)


def as_cell(moment):
    """What openpyxl reads back for a datetime written as a local date."""
    return datetime.combine(timezone.localtime(moment).date(), datetime.min.time()) if moment else None


def export_url(unit, course, fmt, **extra):
    query = "".join(f"&{key}={value}" for key, value in extra.items())
    return f"{reverse('unit_reports:course_export', args=[fmt])}?unit={unit.pk}&subject=course-{course.pk}{query}"


def request_export(client, unit, course, fmt, capture, **extra):
    """Ask for a large export as the user logged in; the task runs (eagerly) when the request's work commits."""
    with capture(execute=True):
        response = client.get(export_url(unit, course, fmt, **extra))
    assert response.status_code == 302
    export = ReportExport.objects.latest("pk")
    assert response["Location"] == reverse("unit_reports:export_status", args=[export.pk])
    return export


@pytest.mark.django_db
def test_a_large_export_is_built_in_the_background_with_progress_and_the_same_rows(
    client, tree, course, people, manager, settings, django_capture_on_commit_callbacks, monkeypatch
):
    settings.REPORT_EXPORT_SYNC_ROWS = 5
    settings.REPORT_EXPORT_CHUNK_ROWS = 3
    progress_seen = []
    report_lines = queries.course_report_lines

    def spying_lines(cadres, course):
        export = ReportExport.objects.get()
        progress_seen.append((export.state, export.done, export.total))
        return report_lines(cadres, course)

    monkeypatch.setattr(queries, "course_report_lines", spying_lines)
    client.force_login(manager)
    export = request_export(client, tree["department"], course, "xlsx", django_capture_on_commit_callbacks)
    monkeypatch.undo()

    export.refresh_from_db()
    assert (export.state, export.done, export.total, export.percent, export.error) == ("done", 7, 7, 100, "")
    assert export.requested_by == manager and export.kind == "course" and export.fmt == "xlsx"
    assert export.params == {"unit": tree["department"].pk, "subject": f"course-{course.pk}"}
    assert progress_seen == [("running", 0, 7), ("running", 3, 7), ("running", 6, 7)]  # after every chunk
    assert export.file_name.startswith("report-exports/")

    page = client.get(reverse("unit_reports:export_status", args=[export.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'role="progressbar"' in html and 'aria-valuenow="100"' in html and "Đã xong" in html
    download_url = reverse("unit_reports:export_download", args=[export.pk])
    assert download_url in html and 'http-equiv="refresh"' not in html
    status = client.get(reverse("unit_reports:export_status", args=[export.pk]) + "?format=json").json()
    assert {key: status[key] for key in ("state", "percent", "done", "total", "download_url")} == {
        "state": "done",
        "percent": 100,
        "done": 7,
        "total": 7,
        "download_url": download_url,
    }

    response = client.get(download_url)
    assert response.status_code == 200
    assert response["Content-Type"] == exports.XLSX_CONTENT_TYPE
    today = timezone.localdate()
    assert response["Content-Disposition"] == f'attachment; filename="bao-cao-khoa-hoc-sott-{today:%Y%m%d}.xlsx"'
    values = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True))
    assert list(values[1]) == HEADINGS
    lines = course_report(manager, tree["department"], course)
    assert [list(row) for row in values[2:]] == [
        [
            line.full_name,
            line.staff_code,
            line.unit_name,
            line.position,
            str(line.category_label),
            str(line.status_label),
            *[as_cell(value) for value in (line.enrolled_at, line.last_activity_at, line.completed_at)],
            float(line.score) if line.score is not None else None,
            line.attempts,
        ]
        for line in lines
    ]
    assert len(lines) == 7


@pytest.mark.django_db
def test_a_large_csv_export_keeps_the_filters_and_starts_with_a_bom(
    client, tree, course, people, manager, settings, django_capture_on_commit_callbacks
):
    settings.REPORT_EXPORT_SYNC_ROWS = 0
    client.force_login(manager)
    export = request_export(
        client, tree["department"], course, "csv", django_capture_on_commit_callbacks, status="completed", subunits="0"
    )
    export.refresh_from_db()
    assert export.state == "done" and export.params["status"] == "completed"
    response = client.get(reverse("unit_reports:export_download", args=[export.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    completed_here = [
        cadre
        for cadre in people
        if cadre.unit == tree["department"] and CourseCompletion.objects.filter(user=cadre.user).exists()
    ]
    assert rows[0] == HEADINGS
    assert [row[1] for row in rows[1:]] == [cadre.staff_code for cadre in completed_here]
    assert {row[5] for row in rows[1:]} == {"Đã hoàn thành"}


@pytest.mark.django_db
def test_only_the_requester_sees_and_downloads_an_export(
    client, tree, course, people, manager, other_manager, administrator, settings, django_capture_on_commit_callbacks
):
    settings.REPORT_EXPORT_SYNC_ROWS = 5
    client.force_login(manager)
    export = request_export(client, tree["department"], course, "xlsx", django_capture_on_commit_callbacks)
    urls = [
        reverse("unit_reports:export_status", args=[export.pk]),
        reverse("unit_reports:export_status", args=[export.pk]) + "?format=json",
        reverse("unit_reports:export_download", args=[export.pk]),
    ]
    for user in (other_manager, administrator):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403, (user, url)
    client.force_login(manager)
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("unit_reports:export_status", args=[export.pk + 1])).status_code == 404


@pytest.mark.django_db
def test_a_pending_export_refreshes_without_javascript_and_cannot_be_downloaded_yet(
    client, tree, course, people, manager, settings, django_capture_on_commit_callbacks
):
    settings.REPORT_EXPORT_SYNC_ROWS = 5
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:  # the task is not sent yet
        client.get(export_url(tree["department"], course, "xlsx"))
    assert len(callbacks) == 1
    export = ReportExport.objects.get()
    html = client.get(reverse("unit_reports:export_status", args=[export.pk])).content.decode()
    assert '<meta http-equiv="refresh"' in html and 'aria-valuenow="0"' in html and "Đang chờ xử lý" in html
    assert reverse("unit_reports:export_download", args=[export.pk]) not in html
    assert client.get(reverse("unit_reports:export_download", args=[export.pk])).status_code == 404
    assert client.get(reverse("unit_reports:export_status", args=[export.pk]) + "?format=json").json() == {
        "state": "pending",
        "state_label": "Đang chờ",
        "finished": False,
        "percent": 0,
        "done": 0,
        "total": 0,
        "download_url": None,
        "error": "",
        "text": "Đang chờ xử lý…",
    }


@pytest.mark.django_db
def test_an_export_fails_in_vietnamese_when_the_requester_lost_the_scope_and_keeps_no_file(
    client, tree, course, people, manager, settings
):
    export = exports.create_course_export(
        manager, tree["department"], {"subject": f"course-{course.pk}"}, "xlsx", "An ninh mạng"
    )
    tree["department"].managers.remove(manager)
    export = exports.build(export.pk)
    assert export.state == "failed" and export.file_name == ""
    assert export.error == "Bạn không còn quyền xem báo cáo của đơn vị này nên tệp không được tạo."
    assert not storages["private"].exists("report-exports") or not storages["private"].listdir("report-exports")[1]

    client.force_login(manager)
    html = client.get(reverse("unit_reports:export_status", args=[export.pk])).content.decode()
    assert export.error in html and 'http-equiv="refresh"' not in html
    assert client.get(reverse("unit_reports:export_download", args=[export.pk])).status_code == 404


@pytest.mark.django_db
def test_a_failure_while_writing_deletes_the_partial_file(tree, course, people, manager, monkeypatch):
    export = exports.create_course_export(
        manager, tree["department"], {"subject": f"course-{course.pk}"}, "csv", "An ninh mạng"
    )
    saved = []
    real_update = exports._update

    def update_then_break(target, **fields):
        if fields.get("state") == ExportState.DONE:
            saved.append(fields["file_name"])
            raise RuntimeError("database gone")
        real_update(target, **fields)

    monkeypatch.setattr(exports, "_update", update_then_break)
    export = exports.build(export.pk)
    assert export.state == "failed" and export.error.startswith("Lỗi hệ thống khi tạo tệp báo cáo")
    assert saved and not storages["private"].exists(saved[0])


@pytest.mark.django_db
def test_an_unpublished_course_fails_the_export_with_a_message(tree, course, people, manager):
    export = exports.create_course_export(
        manager, tree["department"], {"subject": f"course-{course.pk}"}, "xlsx", "An ninh mạng"
    )
    course.unpublish()
    export = exports.build(export.pk)
    assert export.state == "failed" and "không còn được xuất bản" in export.error
    assert exports.build(export.pk).state == "failed"  # a redelivered task leaves it alone


@pytest.mark.django_db
def test_exports_older_than_seven_days_are_deleted_with_their_files(tree, manager, settings):
    from elearn.celery import app
    from reports.tasks import delete_old_exports

    storage = storages["private"]
    old = ReportExport.objects.create(
        requested_by=manager,
        kind="course",
        fmt="csv",
        state="done",
        file_name=storage.save("report-exports/old_a.csv", ContentFile(b"a")),
    )
    recent = ReportExport.objects.create(
        requested_by=manager,
        kind="course",
        fmt="csv",
        state="done",
        file_name=storage.save("report-exports/new_b.csv", ContentFile(b"b")),
    )
    ReportExport.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=7, minutes=1))
    ReportExport.objects.filter(pk=recent.pk).update(created_at=timezone.now() - timedelta(days=6, hours=23))
    assert delete_old_exports() == 1
    assert list(ReportExport.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not storage.exists(old.file_name) and storage.exists(recent.file_name)
    assert settings.CELERY_BEAT_SCHEDULE["delete-old-report-exports"]["task"] in app.tasks


# A real worker (PostgreSQL and a broker)

WORKER_CADRES = 6000
WORKER_CHUNK = 500
TIMEOUT_SECONDS = 180


@pytest.fixture
def worker_env(tmp_path, monkeypatch):
    """The worker process writes to the folder this test's private storage reads, in small chunks."""
    monkeypatch.setenv("ELEARN_PRIVATE_ROOT", str(tmp_path / "private"))
    monkeypatch.setenv("REPORT_EXPORT_CHUNK_ROWS", str(WORKER_CHUNK))


def bulk_cadres(unit, course, count):
    """`count` active cadres of `unit`, a third enrolled and a fifth completed, in a few bulk queries."""
    User = get_user_model()
    User.objects.bulk_create([User(username=f"w{number:05d}", password="!") for number in range(count)])
    users = dict(User.objects.filter(username__startswith="w").values_list("username", "pk"))
    Cadre.objects.bulk_create(
        [
            Cadre(
                user_id=users[f"w{number:05d}"],
                full_name=f"Cán bộ {number:05d}",
                staff_code=f"W{number:05d}",
                unit=unit,
                position="Chuyên viên",
                category=CadreCategory.CIVIL_SERVANT,
            )
            for number in range(count)
        ]
    )
    Enrolment.objects.bulk_create(
        [
            Enrolment(user_id=users[f"w{number:05d}"], course=course, course_title=course.title, source="self")
            for number in range(0, count, 3)
        ]
    )
    CourseCompletion.objects.bulk_create(
        [
            CourseCompletion(
                user_id=users[f"w{number:05d}"],
                course=course,
                course_title=course.title,
                completed_at=timezone.now(),
                score=90,
                lessons_completed=3,
                lessons_required=3,
            )
            for number in range(0, count, 5)
        ]
    )


@pytest.mark.worker
def test_a_large_export_is_built_by_a_real_worker_with_progress(
    worker_env, celery_worker, client, tree, course, settings, capsys
):
    bulk_cadres(tree["division"], course, WORKER_CADRES)
    manager = UserFactory(username="quanly", groups=[MANAGER])
    tree["department"].managers.add(manager)
    settings.REPORT_EXPORT_SYNC_ROWS = 100
    client.force_login(manager)

    started = time.monotonic()
    response = client.get(export_url(tree["department"], course, "xlsx"))
    assert response.status_code == 302
    export = ReportExport.objects.get()
    status_url = reverse("unit_reports:export_status", args=[export.pk]) + "?format=json"
    seen = set()
    while time.monotonic() - started < TIMEOUT_SECONDS:
        status = json.loads(client.get(status_url).content)
        if status["finished"]:
            break
        if status["state"] == "running":
            seen.add(status["percent"])
        time.sleep(0.05)
    elapsed = time.monotonic() - started
    with capsys.disabled():
        print(
            f"\n{WORKER_CADRES}-cadre course export through the worker: {elapsed:.1f} s, progress seen: {sorted(seen)}"
        )

    export.refresh_from_db()
    assert export.state == "done", export.error or f"not done after {TIMEOUT_SECONDS} s"
    assert (export.done, export.total) == (WORKER_CADRES, WORKER_CADRES)
    assert any(0 < percent < 100 for percent in seen), "progress was never reported between chunks"
    download = client.get(status["download_url"])
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content)), read_only=True).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(rows) == WORKER_CADRES
    assert rows[0][1] == "W00000" and rows[0][5] == "Đã hoàn thành" and rows[1][5] == "Chưa bắt đầu"
    assert sum(row[5] == "Đã hoàn thành" for row in rows) == len(range(0, WORKER_CADRES, 5))
