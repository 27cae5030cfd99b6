"""The copy of a person's data: one ZIP with data.json (machine-readable) and du-lieu.xlsx (one sheet per
section), built by a Celery task that reports its progress, kept DATA_EXPORT_KEEP_DAYS days, audited."""

import json
import logging
import zipfile
from datetime import date, datetime, timedelta
from decimal import Decimal
from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from elearn.audit import record
from elearn.formatting import format_local
from elearn.spreadsheets import formula_safe_cell

from . import collect
from .models import DataExport, ExportStatus

logger = logging.getLogger(__name__)
STORAGE = "private"
REQUESTED = "privacy.export_requested"
DOWNLOADED = "privacy.export_downloaded"
ACTIONS = {
    REQUESTED: (gettext_lazy("Yêu cầu bản sao dữ liệu cá nhân"), gettext_lazy("Yêu cầu bản sao dữ liệu cá nhân")),
    DOWNLOADED: (gettext_lazy("Tải bản sao dữ liệu cá nhân"), gettext_lazy("Tải bản sao dữ liệu cá nhân")),
}


def start(user):
    """Record a new export for `user` and queue it (after the request's transaction commits)."""
    from .tasks import build_data_export

    export = DataExport.objects.create(user=user, total=len(collect.SECTIONS))
    record(user, REQUESTED, user=user, data={"export": export.pk})
    build_data_export.delay_on_commit(export.pk)
    return export


def build(export_id):
    export = DataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.status != ExportStatus.PENDING:
        return export
    DataExport.objects.filter(pk=export.pk).update(status=ExportStatus.RUNNING)
    try:
        sections = []
        for number, collector in enumerate(collect.SECTIONS, start=1):
            sections.append(collector(export.user))
            DataExport.objects.filter(pk=export.pk).update(done=number)
        name = f"personal-data/{export.pk}-{export.user.pk}.zip"
        export.file = storages[STORAGE].save(name, ContentFile(archive(export.user, sections)))
    except Exception:
        logger.exception("personal data export %s failed", export_id)
        DataExport.objects.filter(pk=export.pk).update(status=ExportStatus.FAILED, finished_at=timezone.now())
        return export
    DataExport.objects.filter(pk=export.pk).update(
        status=ExportStatus.FINISHED, file=export.file, done=export.total, finished_at=timezone.now()
    )
    export.refresh_from_db()
    return export


def _json_value(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def _sheet_value(value):
    if isinstance(value, datetime):
        return format_local(value)
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, Decimal):
        return float(value)
    return "" if value is None else value


def archive(user, sections):
    data = {
        "generated_at": timezone.localtime().isoformat(),
        "sections": {
            section.key: {
                "title": str(section.title),
                "rows": [
                    dict(zip(map(str, section.headings), map(_json_value, row), strict=True)) for row in section.rows
                ],
            }
            for section in sections
        },
    }
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for section in sections:
        sheet = book.create_sheet(str(section.title)[:31])
        sheet.append([formula_safe_cell(sheet, str(heading), font=bold) for heading in section.headings])
        for row in section.rows:
            sheet.append([formula_safe_cell(sheet, _sheet_value(value)) for value in row])
    workbook = BytesIO()
    book.save(workbook)
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        zipped.writestr("du-lieu.xlsx", workbook.getvalue())
    return buffer.getvalue()


def available(export, now=None):
    limit = (now or timezone.now()) - timedelta(days=settings.DATA_EXPORT_KEEP_DAYS)
    return export.status == ExportStatus.FINISHED and export.file and export.created_at >= limit


def delete_old(now=None):
    limit = (now or timezone.now()) - timedelta(days=settings.DATA_EXPORT_KEEP_DAYS)
    old = DataExport.objects.filter(created_at__lt=limit).exclude(file="")
    for export in old:
        storages[STORAGE].delete(export.file)
    return old.update(file="")
