"""The bulk download: one ZIP of the PDFs of a unit subtree's certificates over a period, built by a Celery task.

PDFs are made one by one and written straight into a ZIP file on disk (a stored PDF is copied from storage, a
missing one is rendered and stored first), so memory holds one PDF at a time whatever the count. The file is
private, for the requester only, kept CERTIFICATE_BULK_KEEP_DAYS days. The viewer's scope is checked again when
the task runs; the register's filters decide nothing here but the unit and the period.
"""

import logging
import os
import tempfile
import zipfile
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.utils import timezone
from django.utils.translation import gettext as _

from units import scope

from . import pdf
from .models import BulkDownload, BulkStatus, Certificate

logger = logging.getLogger(__name__)
PROGRESS_EVERY = 25


def certificates_for(unit, date_from=None, date_to=None):
    """The certificates issued to people in `unit`'s subtree (their unit when issued), within the period."""
    certificates = Certificate.objects.filter(unit__path__startswith=unit.path)
    if date_from:
        certificates = certificates.filter(issued_at__gte=timezone.make_aware(datetime.combine(date_from, time.min)))
    if date_to:
        end = timezone.make_aware(datetime.combine(date_to + timedelta(days=1), time.min))
        certificates = certificates.filter(issued_at__lt=end)
    return certificates.order_by("year", "number")


def start(viewer, unit, date_from=None, date_to=None):
    from .tasks import build_bulk_download

    scope.check_unit(viewer, unit)
    job = BulkDownload.objects.create(
        requested_by=viewer,
        unit=unit,
        date_from=date_from,
        date_to=date_to,
        total=certificates_for(unit, date_from, date_to).count(),
    )
    build_bulk_download.delay_on_commit(job.pk)
    return job


def build(job_id):
    job = BulkDownload.objects.select_related("requested_by", "unit").filter(pk=job_id).first()
    if job is None or job.status != BulkStatus.PENDING:
        return job
    BulkDownload.objects.filter(pk=job.pk).update(status=BulkStatus.RUNNING)
    if not scope.can_view_unit(job.requested_by, job.unit):
        return _finish(job, BulkStatus.FAILED, message=_("Bạn không còn quyền xem đơn vị này nên tệp không được tạo."))
    storage = storages[pdf.STORAGE]
    certificates = certificates_for(job.unit, job.date_from, job.date_to).select_related("template")
    handle, path = tempfile.mkstemp(suffix=".zip")
    os.close(handle)
    try:
        done = 0
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
            for certificate in certificates.iterator(chunk_size=200):
                name = pdf.stored_pdf(certificate)
                with storage.open(name, "rb") as source, archive.open(_entry_name(certificate), "w") as target:
                    while chunk := source.read(1 << 16):
                        target.write(chunk)
                done += 1
                if done % PROGRESS_EVERY == 0:
                    BulkDownload.objects.filter(pk=job.pk).update(done=done)
        with open(path, "rb") as finished:
            stored = storage.save(f"certificate-bulk/{job.pk}/chung-nhan-{job.unit.code}.zip", File(finished))
    except Exception:
        logger.exception("bulk certificate download %s failed", job_id)
        return _finish(job, BulkStatus.FAILED, message=_("Lỗi hệ thống khi tạo tệp: hãy thử lại sau ít phút."))
    finally:
        os.unlink(path)
    return _finish(job, BulkStatus.FINISHED, file=stored, done=done, total=done)


def _entry_name(certificate):
    return f"{certificate.year}-{certificate.number:06d}.pdf"


def _finish(job, status, **fields):
    BulkDownload.objects.filter(pk=job.pk).update(status=status, finished_at=timezone.now(), **fields)
    job.refresh_from_db()
    return job


def available(job, now=None):
    now = now or timezone.now()
    keep = timedelta(days=settings.CERTIFICATE_BULK_KEEP_DAYS)
    return job.status == BulkStatus.FINISHED and bool(job.file) and job.created_at >= now - keep


def delete_old(now=None):
    limit = (now or timezone.now()) - timedelta(days=settings.CERTIFICATE_BULK_KEEP_DAYS)
    storage = storages[pdf.STORAGE]
    old = BulkDownload.objects.filter(created_at__lt=limit)
    for name in old.exclude(file="").values_list("file", flat=True):
        storage.delete(name)
    deleted, _by_model = old.delete()
    return deleted
