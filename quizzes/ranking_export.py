"""Contest rankings as an Excel workbook (xuất Excel): one sheet for individuals, one for units.

Also the small helpers the admin result pages share with it: a participant's name and staff code,
durations and local times as the product writes them.
"""

from datetime import timedelta
from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from . import ranking

EXCEL_DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
EXCEL_DURATION_FORMAT = "[h]:mm:ss"
EXCEL_PERCENT_FORMAT = "0.00"
DATETIME_FORMAT = "%d/%m/%Y %H:%M"

INDIVIDUAL_SHEET = _("Xếp hạng cá nhân")
UNIT_SHEET = _("Xếp hạng đơn vị")

# (heading, column width in characters, number format or None)
INDIVIDUAL_COLUMNS = [
    (_("Hạng"), 7, None),
    (_("Họ và tên"), 28, None),
    (_("Mã cán bộ"), 14, None),
    (_("Đơn vị"), 40, None),
    (_("Điểm (%)"), 10, EXCEL_PERCENT_FORMAT),
    (_("Dự đoán"), 10, None),
    (_("Độ lệch dự đoán"), 16, None),
    (_("Thời gian làm bài"), 17, EXCEL_DURATION_FORMAT),
    (_("Thời điểm nộp"), 18, EXCEL_DATETIME_FORMAT),
]
UNIT_COLUMNS = [
    (_("Hạng"), 7, None),
    (_("Đơn vị"), 48, None),
    (_("Số cán bộ"), 11, None),
    (_("Số người dự thi"), 16, None),
    (_("Tỉ lệ tham gia (%)"), 18, "0.0"),
    (_("Điểm trung bình (%)"), 20, EXCEL_PERCENT_FORMAT),
]


# Shared helpers


def learner_name(user):
    """The participant's full name from their cadre profile, else their account's name."""
    cadre = getattr(user, "cadre", None)
    if cadre is not None:
        return cadre.full_name
    return user.get_full_name() or user.get_username()


def learner_staff_code(user):
    cadre = getattr(user, "cadre", None)
    return cadre.staff_code if cadre is not None else ""


def format_duration(seconds):
    """A duration as H:MM:SS (or M:SS under an hour); "" when unknown."""
    if seconds is None:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def local_naive(moment):
    """An aware datetime in the site's time zone (Asia/Ho_Chi_Minh), without tzinfo, for a spreadsheet."""
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def format_local(moment):
    """dd/mm/yyyy HH:MM in the site's time zone; "" when unknown."""
    return timezone.localtime(moment).strftime(DATETIME_FORMAT) if moment else ""


# Rows


def individual_rows(ranked):
    """Sheet rows from `ranking.individual_ranking` (RankedParticipant lines)."""
    return [
        [
            attempt.rank,
            attempt.full_name,
            attempt.staff_code,
            attempt.unit.name if attempt.unit_id else "",
            attempt.percent,
            attempt.prediction,
            attempt.distance,
            timedelta(seconds=attempt.duration_seconds) if attempt.duration_seconds is not None else None,
            local_naive(attempt.finished_at),
        ]
        for attempt in ranked
    ]


def unit_rows(lines):
    """Sheet rows from `ranking.unit_ranking`."""
    return [
        [line.rank, line.unit.name, line.cadres, line.participants, line.participation, line.average]
        for line in lines
    ]


# Workbook


def _fill_sheet(sheet, columns, rows):
    sheet.append([str(heading) for heading, _width, _format in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in rows:
        sheet.append(row)
    for index, (_heading, width, number_format) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        if number_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = number_format
    sheet.freeze_panes = "A2"


def ranking_workbook(quiz):
    """The contest's individual and unit rankings as an openpyxl Workbook."""
    workbook = Workbook()
    individuals = workbook.active
    individuals.title = str(INDIVIDUAL_SHEET)
    _fill_sheet(individuals, INDIVIDUAL_COLUMNS, individual_rows(ranking.individual_ranking(quiz)))
    units = workbook.create_sheet(str(UNIT_SHEET))
    _fill_sheet(units, UNIT_COLUMNS, unit_rows(ranking.unit_ranking(quiz)))
    return workbook


def ranking_xlsx(quiz):
    """The ranking workbook as bytes of an .xlsx file."""
    output = BytesIO()
    ranking_workbook(quiz).save(output)
    return output.getvalue()
