"""The administrator's start page tells the truth about the background: the worker, the queue, beat, the jobs."""

import re
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from elearn.celery import app
from elearn.tasks import health_check
from home import system_status
from home.models import PeriodicRun
from tests.factories import UserFactory
from units.models import CadreImport


@pytest.mark.django_db
def test_in_process_tasks_need_no_worker_and_a_silent_schedule_means_beat_is_down():
    assert system_status.worker().ok is True  # the embedded default: tasks run in the web process
    assert system_status.queue_length() is None
    assert system_status.beat().ok is False  # nothing ever ran
    PeriodicRun.objects.create(task="home.publish_scheduled_pages", finished_at=timezone.now() - timedelta(minutes=10))
    assert system_status.beat().ok is False and "đã ngừng" in system_status.beat().text
    system_status.record_periodic_run("home.publish_scheduled_pages", True)
    assert system_status.beat().ok is True
    system_status.record_periodic_run("elearn.tasks.health_check", True)  # not a periodic task: not recorded
    assert PeriodicRun.objects.count() == 1


@pytest.mark.django_db
def test_failed_and_running_jobs_of_the_last_week_are_listed():
    user = UserFactory()
    CadreImport.objects.create(file_name="can-bo-thang-12.xlsx", uploaded_by=user, status="failed")
    CadreImport.objects.create(file_name="dang-nhap.xlsx", uploaded_by=user, status="running")
    CadreImport.objects.create(file_name="xong.xlsx", uploaded_by=user, status="finished")
    jobs = {job.label: job.failed for job in system_status.jobs()}
    assert jobs == {"can-bo-thang-12.xlsx": True, "dang-nhap.xlsx": False}


@pytest.mark.worker
def test_with_a_real_worker_the_start_page_sees_it_and_the_periodic_runs_it_records(celery_worker):
    health_check.delay().get(timeout=60)  # the worker is up
    status = system_status.worker()
    # Every worker on the broker answers: this test's, and another test process's if one runs at the same time.
    answered = re.search(r"(\d+) tiến trình xử lý nền", status.text)
    assert status.ok is True and answered and int(answered.group(1)) >= 1
    assert isinstance(system_status.queue_length(), int)
    app.send_task("home.publish_scheduled_pages").get(timeout=60)  # as beat sends it
    # The worker records the run when the task has ended, just after it stored the result the test waited for.
    deadline = time.monotonic() + 10
    while not PeriodicRun.objects.filter(task="home.publish_scheduled_pages").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    run = PeriodicRun.objects.get(task="home.publish_scheduled_pages")
    assert run.succeeded and system_status.beat().ok is True


def test_the_disk_figure_counts_the_uploaded_media_and_h5p_content(settings):
    for root, size in ((settings.MEDIA_ROOT, 1200), (settings.H5P_ROOT, 34)):
        (root / "sub").mkdir(parents=True, exist_ok=True)
        (root / "sub" / "file.bin").write_bytes(b"x" * size)
    disk = system_status.disk()
    assert disk.media_bytes == 1234 and disk.free_bytes > 0
