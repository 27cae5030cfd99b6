"""Report files: the course report and a cadre's transcript as .xlsx or .csv, and large exports in the background.

Small files are written straight into the response (`render`). A course report of more cadres than
REPORT_EXPORT_SYNC_ROWS becomes a ReportExport built by the Celery task `reports.build_export`
(`build`): it checks the requester's scope again, writes REPORT_EXPORT_CHUNK_ROWS cadres at a time
(a fixed number of queries per chunk), reports its progress on the record after every chunk and
stores the file in the private storage under "report-exports/". A failed export keeps no file and
says why in Vietnamese. Files and records older than REPORT_EXPORT_KEEP_DAYS days are deleted by
the daily task `reports.delete_old_exports`.

Both formats have Vietnamese headers; .csv is UTF-8 with a BOM (Excel then shows Vietnamese
correctly) with dates as dd/mm/yyyy text; .xlsx has real dates shown as dd/mm/yyyy. Text that a
spreadsheet program would run as a formula stays text.
"""

import csv
import io
import logging
import tempfile
import uuid
from datetime import timedelta
from pathlib import PurePath

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elearn.formatting import EXCEL_DATE_FORMAT, format_date, local_day
from elearn.spreadsheets import CSV, CSV_CONTENT_TYPE, XLSX, XLSX_CONTENT_TYPE, formula_safe, formula_safe_cell
from units.models import Cadre, Unit
from units.scope import OutOfScope

from . import queries
from .models import ExportState, ReportExport

logger = logging.getLogger(__name__)

PRIVATE_STORAGE = "private"
FOLDER = "report-exports"
COURSE = "course"
FORMATS = (XLSX, CSV)
CONTENT_TYPES = {XLSX: XLSX_CONTENT_TYPE, CSV: CSV_CONTENT_TYPE}


class ExportError(Exception):
    """The export cannot be built; the message says why, in Vietnamese."""


# Rows -------------------------------------------------------------------------------------------

COURSE_HEADINGS = [
    gettext_lazy("Họ và tên"),
    gettext_lazy("Mã cán bộ"),
    gettext_lazy("Đơn vị"),
    gettext_lazy("Chức vụ"),
    gettext_lazy("Đối tượng"),
    gettext_lazy("Trạng thái"),
    gettext_lazy("Ngày ghi danh"),
    gettext_lazy("Hoạt động gần nhất"),
    gettext_lazy("Ngày hoàn thành"),
    gettext_lazy("Điểm (%)"),
    gettext_lazy("Số lượt làm bài"),
]
FIGURE_HEADINGS = [
    gettext_lazy("Số cán bộ"),
    gettext_lazy("Số lượt phải hoàn thành"),
    gettext_lazy("Đã ghi danh"),
    gettext_lazy("Đang học"),
    gettext_lazy("Đã hoàn thành"),
    gettext_lazy("Quá hạn"),
    gettext_lazy("Tỷ lệ hoàn thành (%)"),
]
ROLLUP_HEADINGS = [gettext_lazy("Đơn vị"), *FIGURE_HEADINGS]
TRANSCRIPT_HEADINGS = [
    gettext_lazy("Khóa học"),
    gettext_lazy("Lượt học"),
    gettext_lazy("Trạng thái"),
    gettext_lazy("Ngày ghi danh"),
    gettext_lazy("Ngày hoàn thành"),
    gettext_lazy("Điểm (%)"),
    gettext_lazy("Số lượt làm bài"),
]


def score_value(score):
    """A score as a number a spreadsheet can sum: 80 for 80.00, 85.5 for 85.50; None stays empty."""
    if score is None:
        return None
    number = float(score)
    return int(number) if number.is_integer() else number


def rollup_row(row):
    """One RollupRow (a unit, a group, the totals) as the cells of the roll-up and groups reports."""
    return [row.label, row.cadres, row.required, row.enrolled, row.in_progress, row.completed, row.overdue, row.rate]


def course_row(line):
    """One CadreLine as the cells of the course report."""
    return [
        line.full_name,
        line.staff_code,
        line.unit_name,
        line.position,
        str(line.category_label),
        str(line.status_label),
        local_day(line.enrolled_at),
        local_day(line.last_activity_at),
        local_day(line.completed_at),
        score_value(line.score),
        line.attempts,
    ]


def transcript_row(line):
    """One TranscriptLine as the cells of the transcript."""
    return [
        line.course_title,
        line.cycle,
        str(line.status_label),
        local_day(line.enrolled_at),
        local_day(line.completed_at),
        score_value(line.score),
        line.attempts,
    ]


# Writing ----------------------------------------------------------------------------------------


class SheetWriter:
    """Writes a table to a binary file, a few rows at a time: .xlsx (write-only, streamed) or .csv."""

    def __init__(self, fileobj, fmt, headings, title="", notes=()):
        if fmt not in FORMATS:
            raise ValueError(fmt)
        self.fileobj, self.fmt = fileobj, fmt
        headings = [str(heading) for heading in headings]
        if fmt == XLSX:
            from openpyxl import Workbook
            from openpyxl.styles import Font

            self.workbook = Workbook(write_only=True)
            self.sheet = self.workbook.create_sheet(title=_("Báo cáo"))
            widths = [max(12, min(40, len(heading) + 4)) for heading in headings]
            for index, width in enumerate(widths):
                self.sheet.column_dimensions[_column_letter(index)].width = width
            first_data_row = 3 if title else 2
            self.sheet.freeze_panes = f"A{first_data_row}"
            if title:
                self.sheet.append([formula_safe_cell(self.sheet, title, font=Font(bold=True))])
            self.sheet.append([formula_safe_cell(self.sheet, heading, font=Font(bold=True)) for heading in headings])
            self.notes = notes
        else:
            self.text = io.TextIOWrapper(fileobj, encoding="utf-8-sig", newline="")
            self.writer = csv.writer(self.text)
            self.writer.writerow([formula_safe(heading) for heading in headings])

    def write(self, rows):
        if self.fmt == XLSX:
            for row in rows:
                self.sheet.append([self._xlsx_cell(value) for value in row])
        else:
            self.writer.writerows([self._csv_cell(value) for value in row] for row in rows)

    def close(self):
        if self.fmt == XLSX:
            if self.notes:  # what the table is about (filters...), beside it so that the table stays plain
                from openpyxl.styles import Font

                about = self.workbook.create_sheet(_("Điều kiện lọc"))
                about.column_dimensions["A"].width = 28
                about.column_dimensions["B"].width = 60
                for label, value in self.notes:
                    about.append(
                        [
                            formula_safe_cell(about, str(label), font=Font(bold=True)),
                            formula_safe_cell(about, str(value)),
                        ]
                    )
            self.workbook.save(self.fileobj)
        else:
            self.text.flush()
            self.text.detach()  # leave the caller's file open

    def _xlsx_cell(self, value):
        from openpyxl.cell import WriteOnlyCell

        if hasattr(value, "isoformat"):  # a date
            cell = WriteOnlyCell(self.sheet, value)
            cell.number_format = EXCEL_DATE_FORMAT
            return cell
        return formula_safe_cell(self.sheet, value) if isinstance(value, str) else value

    @staticmethod
    def _csv_cell(value):
        if value is None:
            return ""
        if hasattr(value, "strftime"):
            return format_date(value)
        return formula_safe(value) if isinstance(value, str) else value


def _column_letter(index):
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def render(fmt, headings, rows, title="", notes=()):
    """The whole file as bytes (for the small exports answered directly); `notes` go on a second .xlsx sheet."""
    buffer = io.BytesIO()
    writer = SheetWriter(buffer, fmt, headings, title, notes)
    writer.write(rows)
    writer.close()
    return buffer.getvalue()


def file_name(prefix, code, fmt, day=None):
    """ "bao-cao-khoa-hoc-31-20260301.xlsx": a safe ASCII download name."""
    day = day or timezone.localdate()
    return f"{prefix}-{slugify(code) or 'x'}-{day:%Y%m%d}.{fmt}"


def course_file_name(unit, fmt, day=None):
    return file_name("bao-cao-khoa-hoc", unit.code, fmt, day)


def transcript_file_name(cadre, fmt, day=None):
    return file_name("qua-trinh-hoc-tap", cadre.staff_code, fmt, day)


def course_title(unit, filters, day=None):
    """The title line of a course report file: course – unit (date)."""
    day = day or timezone.localdate()
    return f"{filters.course.title} – {unit.name} ({format_date(day)})"


# Background exports -----------------------------------------------------------------------------


def create_course_export(user, unit, params, fmt, title):
    """A pending ReportExport of the course report; `params` are the report's query (unit and filters)."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    return ReportExport.objects.create(
        requested_by=user, kind=COURSE, params={**params, "unit": unit.pk}, fmt=fmt, title=title[:255]
    )


def course_subject(params):
    """(unit, filters, status) of a course export's params; ExportError when they no longer make a report."""
    from .forms import ReportFilterForm

    unit = Unit.objects.filter(pk=params.get("unit")).first()
    if unit is None:
        raise ExportError(_("Đơn vị của báo cáo không còn tồn tại."))
    form = ReportFilterForm(params)
    filters = form.filters() if form.is_valid() else None
    if filters is None or filters.course is None:
        raise ExportError(_("Khóa học của báo cáo không còn được xuất bản: hãy chọn lại khóa học rồi xuất lại."))
    status = params.get("status") or ""
    if status not in ("", *queries.CadreStatus.ALL):
        raise ExportError(_("Bộ lọc trạng thái không hợp lệ."))
    return unit, filters, status


def build(export_id, chunk_rows=None):
    """Build the ReportExport `export_id`, reporting progress on it; return it (None if it is gone).

    An export already done or failed is left alone (a redelivered task does nothing); one
    interrupted while running starts again from the beginning.
    """
    export = ReportExport.objects.select_related("requested_by").filter(pk=export_id).first()
    if export is None or export.state in (ExportState.DONE, ExportState.FAILED):
        return export
    chunk_rows = chunk_rows or settings.REPORT_EXPORT_CHUNK_ROWS
    storage = storages[PRIVATE_STORAGE]
    stored = ""
    _update(export, state=ExportState.RUNNING, done=0, total=0, error="")
    try:
        if export.kind != COURSE:
            raise ExportError(_("Loại báo cáo này không xuất được."))
        unit, filters, status = course_subject(export.params)
        cadre_ids = list(
            queries.course_report_cadres(export.requested_by, unit, filters, status=status).values_list("pk", flat=True)
        )
        _update(export, total=len(cadre_ids))
        name = f"{FOLDER}/{uuid.uuid4().hex}_{course_file_name(unit, export.fmt, local_day(export.created_at))}"
        with tempfile.TemporaryFile() as temporary:
            writer = SheetWriter(
                temporary, export.fmt, COURSE_HEADINGS, course_title(unit, filters, local_day(export.created_at))
            )
            for start in range(0, len(cadre_ids), chunk_rows):
                chunk = cadre_ids[start : start + chunk_rows]
                cadres = Cadre.objects.select_related("unit").in_bulk(chunk)
                lines = queries.course_report_lines([cadres[pk] for pk in chunk if pk in cadres], filters.course)
                writer.write(course_row(line) for line in lines)
                _update(export, done=start + len(chunk))
            writer.close()
            temporary.seek(0)
            stored = storage.save(name, File(temporary, name=PurePath(name).name))
        _update(export, state=ExportState.DONE, file_name=stored, finished_at=timezone.now())
    except ExportError as error:
        _fail(export, storage, stored, str(error))
    except OutOfScope:
        _fail(export, storage, stored, _("Bạn không còn quyền xem báo cáo của đơn vị này nên tệp không được tạo."))
    except Exception:
        logger.exception("Report export %s failed", export_id)
        _fail(export, storage, stored, _("Lỗi hệ thống khi tạo tệp báo cáo: hãy xuất lại sau ít phút."))
    export.refresh_from_db()
    return export


def _update(export, **fields):
    ReportExport.objects.filter(pk=export.pk).update(**fields)


def _fail(export, storage, stored, message):
    if stored:
        storage.delete(stored)
    _update(export, state=ExportState.FAILED, file_name="", error=message, finished_at=timezone.now())


def fail_to_queue(export):
    """The task could not be sent (the broker is unreachable): say so on the export."""
    _update(
        export,
        state=ExportState.FAILED,
        finished_at=timezone.now(),
        error=_("Không gửi được yêu cầu tới hàng đợi xử lý: hãy xuất lại sau ít phút."),
    )


def download_name(export):
    """The name the user's browser saves the file as (the stored name without its random prefix)."""
    return PurePath(export.file_name).name.split("_", 1)[-1]


def open_file(export):
    """The done export's file, opened for reading; None when it is not (or no longer) there."""
    storage = storages[PRIVATE_STORAGE]
    if export.state != ExportState.DONE or not export.file_name or not storage.exists(export.file_name):
        return None
    return storage.open(export.file_name, "rb")


def delete_old_exports(now=None, days=None):
    """Delete the exports (file and record) requested more than `days` (REPORT_EXPORT_KEEP_DAYS) ago."""
    days = settings.REPORT_EXPORT_KEEP_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    storage = storages[PRIVATE_STORAGE]
    old = list(ReportExport.objects.filter(created_at__lt=cutoff).values_list("pk", "file_name"))
    for _pk, name in old:
        if name:
            storage.delete(name)
    ReportExport.objects.filter(pk__in=[pk for pk, _name in old]).delete()
    return len(old)
