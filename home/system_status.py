"""The administrator's start page: background jobs in progress or failed, the worker, beat, the queue, the disk.

Each piece answers quickly or says it could not tell: the start page must open even when the broker is down.
"""

import logging
import os
import shutil
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import ActivationSheet
from certificates.models import BulkDownload
from privacy.models import DataExport
from reports.models import ReportExport
from units.models import CadreImport

from .models import PeriodicRun

logger = logging.getLogger(__name__)

RECENT = timedelta(days=7)
BEAT_LATE = timedelta(minutes=3)  # the schedule has one-minute entries: nothing for 3 minutes means no beat
DISK_CACHE_SECONDS = 600

RUNNING = ("pending", "running")
FAILED = "failed"
# (kind, model, status field, what the job is about)
JOB_KINDS = [
    (_("Nhập danh sách cán bộ"), CadreImport, "status", lambda job: job.file_name),
    (_("Xuất báo cáo"), ReportExport, "state", lambda job: job.title or job.kind),
    (_("Tệp chứng nhận hàng loạt"), BulkDownload, "status", lambda job: job.unit.name),
    (_("Phiếu kích hoạt tài khoản"), ActivationSheet, "status", lambda job: job.unit.name),
    (_("Bản sao dữ liệu cá nhân"), DataExport, "status", lambda job: str(_("theo yêu cầu của người dùng"))),
]


@dataclass
class Job:
    kind: str
    started: object
    failed: bool
    label: str


def jobs(now=None):
    """The background jobs of the last week that are still running or that failed, newest first."""
    since = (now or timezone.now()) - RECENT
    found = []
    for kind, model, status, about in JOB_KINDS:
        rows = model.objects.filter(created_at__gte=since, **{f"{status}__in": (*RUNNING, FAILED)})
        for row in rows.order_by("-created_at")[:20]:
            found.append(Job(str(kind), row.created_at, getattr(row, status) == FAILED, about(row)))
    return sorted(found, key=lambda job: job.started, reverse=True)


@dataclass
class Check:
    ok: bool | None  # None: cannot tell
    text: str


def worker():
    from elearn.celery import app

    if app.conf.task_always_eager:
        return Check(True, str(_("Chạy ngay trong tiến trình web (cấu hình một máy, không cần worker riêng).")))
    try:
        replies = app.control.ping(timeout=1.0)
    except Exception as error:  # broker down: say so, the page still opens
        logger.warning("worker ping failed: %s", error)
        return Check(False, str(_("Không liên lạc được với hàng đợi (broker).")))
    if not replies:
        return Check(False, str(_("Không có worker nào trả lời.")))
    return Check(True, str(_("%(count)d tiến trình xử lý nền (worker) đang chạy.") % {"count": len(replies)}))


def queue_length():
    from elearn.celery import app

    if app.conf.task_always_eager:
        return None
    from kombu.exceptions import ChannelError

    try:
        with app.connection_for_read() as connection:
            declared = connection.default_channel.queue_declare(queue=app.conf.task_default_queue, passive=True)
            return declared.message_count
    except ChannelError:  # the broker has no such queue yet (Redis keeps none while it is empty): nothing waits
        return 0
    except Exception as error:
        logger.warning("queue length unknown: %s", error)
        return None


def last_periodic_run():
    return PeriodicRun.objects.order_by("-finished_at").first()


def beat(now=None):
    last = last_periodic_run()
    if last is None:
        return Check(False, str(_("Chưa có tác vụ định kỳ nào chạy.")))
    late = (now or timezone.now()) - last.finished_at > BEAT_LATE
    if late:
        return Check(False, str(_("Lịch chạy định kỳ (beat) đã ngừng: tác vụ gần nhất chạy quá 3 phút trước.")))
    return Check(True, str(_("Lịch chạy định kỳ (beat) đang chạy.")))


def failed_periodic_runs():
    return list(PeriodicRun.objects.filter(succeeded=False).order_by("-finished_at")[:10])


def _folder_size(root):
    total = 0
    for folder, _folders, files in os.walk(root):
        for name in files:
            try:
                total += os.path.getsize(os.path.join(folder, name))
            except OSError:
                pass
    return total


@dataclass
class Disk:
    media_bytes: int
    free_bytes: int | None


def disk():
    """Bytes used by uploaded media and H5P content (counted at most every 10 minutes) and free on the volume."""
    cached = cache.get("home:media-disk")
    if cached is not None:
        return cached
    roots = {str(settings.MEDIA_ROOT), str(settings.H5P_ROOT)}
    used = sum(_folder_size(root) for root in roots if os.path.isdir(root))
    try:
        free = shutil.disk_usage(settings.MEDIA_ROOT).free if os.path.isdir(settings.MEDIA_ROOT) else None
    except OSError:
        free = None
    result = Disk(used, free)
    cache.set("home:media-disk", result, DISK_CACHE_SECONDS)
    return result


def periodic_task_names():
    return {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}


def record_periodic_run(task_name, succeeded, message=""):
    """Called when a task ends (Celery's task_success / task_failure): remember the periodic ones."""
    if task_name not in periodic_task_names():
        return
    PeriodicRun.objects.update_or_create(
        task=task_name,
        defaults={"finished_at": timezone.now(), "succeeded": succeeded, "message": message[:2000]},
    )
