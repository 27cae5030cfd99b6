"""Contest rankings as an Excel workbook (xuất Excel): one sheet for individuals, one for units."""

from datetime import timedelta
from io import BytesIO

from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from elearn.formatting import EXCEL_DATETIME_FORMAT, EXCEL_DURATION_FORMAT, EXCEL_PERCENT_FORMAT, local_naive

from . import ranking

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
        [line.rank, line.unit.name, line.cadres, line.participants, line.participation, line.average] for line in lines
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
