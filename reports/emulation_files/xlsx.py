"""The emulation report and its annex as .xlsx (openpyxl): numbers stay numbers, the layout is the usual one."""

import io
from datetime import date

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from certificates.pdf import date_line
from elearn.formatting import EXCEL_DATE_FORMAT
from elearn.spreadsheets import FORMULA_STARTS

from .common import (
    EVIDENCE_HEADINGS,
    EXPLANATION_HEADINGS,
    MOTTO,
    NATION,
    evidence_status,
    evidence_title,
    explanation_rows,
    grade_text,
    group_heading,
    iso_day,
    issued_on,
    number_text,
    period_line,
    status_line,
    title,
)


def _set(sheet, row, column, value, **style):
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _excel_header(sheet, data, snapshot, width, heading, subheadings):
    period = data["period"]
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left_end = max(2, width // 2 - 1)
    for row, left, right, bold in (
        (1, period["issuer_parent"].upper(), NATION, False),
        (2, period["issuer"].upper(), MOTTO, True),
    ):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=left_end)
        sheet.merge_cells(start_row=row, start_column=left_end + 1, end_row=row, end_column=width)
        _set(sheet, row, 1, left, font=Font(bold=bold), alignment=center)
        _set(sheet, row, left_end + 1, right, font=Font(bold=True), alignment=center)
    sheet.merge_cells(start_row=3, start_column=left_end + 1, end_row=3, end_column=width)
    _set(
        sheet,
        3,
        left_end + 1,
        date_line(period["place"], issued_on(data, snapshot)),
        font=Font(italic=True),
        alignment=center,
    )
    row = 5
    for text, font in [(heading, Font(bold=True, size=13))] + [(line, Font(italic=True)) for line in subheadings]:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        _set(sheet, row, 1, text, font=font, alignment=center)
        sheet.row_dimensions[row].height = 32 if font.b else 18
        row += 1
    return row + 1


def _excel_signatures(sheet, data, row, width):
    period = data["period"]
    center = Alignment(horizontal="center")
    left_end = max(2, width // 2 - 1)
    row += 1
    for column, end, heading, name in (
        (1, left_end, _("NGƯỜI LẬP BIỂU"), period["prepared_by"]),
        (left_end + 1, width, period["signer_title"].upper(), period["signer_name"]),
    ):
        sheet.merge_cells(start_row=row, start_column=column, end_row=row, end_column=end)
        _set(sheet, row, column, heading, font=Font(bold=True), alignment=center)
        sheet.merge_cells(start_row=row + 1, start_column=column, end_row=row + 1, end_column=end)
        _set(sheet, row + 1, column, _("(Ký, ghi rõ họ tên)"), font=Font(italic=True), alignment=center)
        sheet.merge_cells(start_row=row + 5, start_column=column, end_row=row + 5, end_column=end)
        _set(sheet, row + 5, column, name, font=Font(bold=True), alignment=center)


def report_xlsx(data, snapshot):
    """The period report as .xlsx bytes: the ranking sheet, then the criteria explained."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Xếp loại thi đua")
    widest = max((len(group["criteria"]) for group in data["groups"]), default=0)
    width = 2 + 2 * widest + 2
    row = _excel_header(sheet, data, snapshot, width, title(), [period_line(data), status_line(data, snapshot)])
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    bold = Font(bold=True)
    for position, group in enumerate(data["groups"], start=1):
        _set(sheet, row, 1, group_heading(position, group), font=bold)
        row += 1
        criteria = group["criteria"]
        top, sub = row, row + 1
        headings = [(1, "STT"), (2, _("Đơn vị"))]
        for index, criterion in enumerate(criteria):
            column = 3 + 2 * index
            sheet.merge_cells(start_row=top, start_column=column, end_row=top, end_column=column + 1)
            _set(
                sheet,
                top,
                column,
                _("%(label)s (tối đa %(weight)s điểm)")
                % {"label": criterion["label"], "weight": number_text(criterion["weight"], compact=True)},
                font=bold,
                alignment=center,
                border=box,
            )
            _set(sheet, top, column + 1, None, border=box)
            _set(sheet, sub, column, _("Kết quả"), font=bold, alignment=center, border=box)
            _set(sheet, sub, column + 1, _("Điểm"), font=bold, alignment=center, border=box)
        end = 3 + 2 * len(criteria)
        headings += [(end, _("Tổng điểm")), (end + 1, _("Xếp loại"))]
        for column, text in headings:
            sheet.merge_cells(start_row=top, start_column=column, end_row=sub, end_column=column)
            _set(sheet, top, column, text, font=bold, alignment=center, border=box)
            _set(sheet, sub, column, None, border=box)
        sheet.row_dimensions[top].height = 45
        row = sub + 1
        for line in group["rows"]:
            _set(sheet, row, 1, line["rank"], alignment=center, border=box)
            _set(sheet, row, 2, line["name"], border=box, alignment=Alignment(wrap_text=True))
            for index, value in enumerate(line["values"]):
                column = 3 + 2 * index
                _set(sheet, row, column, value["value"], number_format="0.00", border=box)
                _set(sheet, row, column + 1, value["points"], number_format="0.00", border=box)
            _set(sheet, row, end, line["total"], number_format="0.00", font=bold, border=box)
            _set(sheet, row, end + 1, grade_text(line["grade"]), border=box)
            row += 1
        if not group["rows"]:
            _set(sheet, row, 2, _("Không có đơn vị nào có cán bộ."))
            row += 1
        row += 1
    _set(
        sheet,
        row,
        1,
        _(
            "STT là thứ hạng trong khối; các đơn vị bằng điểm có cùng thứ hạng. Ô kết quả trống: không phát sinh "
            "hoặc chưa có."
        ),
        font=Font(italic=True),
    )
    _excel_signatures(sheet, data, row + 1, width)
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 36

    for column in range(3, width + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 12
    sheet.column_dimensions[get_column_letter(width)].width = 20
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    _explanations_sheet(workbook.create_sheet(_("Giải thích tiêu chí")), data)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _explanations_sheet(sheet, data):
    wrap = Alignment(wrap_text=True, vertical="top")
    row = 1
    _set(
        sheet,
        row,
        1,
        _("Cách tính điểm: điểm của một tiêu chí = điểm tối đa × kết quả ÷ mức đạt đủ điểm (không vượt điểm tối đa)."),
        font=Font(italic=True),
    )
    row += 2
    for position, group in enumerate(data["groups"], start=1):
        _set(sheet, row, 1, group_heading(position, group), font=Font(bold=True))
        row += 1
        for column, heading in enumerate(EXPLANATION_HEADINGS, start=1):
            _set(sheet, row, column, str(heading), font=Font(bold=True))
        row += 1
        for values in explanation_rows(group):
            for column, value in enumerate(values, start=1):
                _set(sheet, row, column, value, alignment=wrap)
            row += 1
        row += 1
    for column, width in zip("ABCDE", (34, 12, 14, 70, 30), strict=True):
        sheet.column_dimensions[column].width = width


def evidence_xlsx(data, snapshot, unit_name, lines):
    """One unit's evidence annex as .xlsx bytes."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Phụ lục")
    width = len(EVIDENCE_HEADINGS)
    row = _excel_header(
        sheet,
        data,
        snapshot,
        width,
        evidence_title(),
        [unit_name, period_line(data), status_line(data, snapshot), _("Tài liệu dùng nội bộ của đơn vị.")],
    )
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for column, (heading, column_width) in enumerate(EVIDENCE_HEADINGS, start=1):
        _set(
            sheet,
            row,
            column,
            str(heading),
            font=Font(bold=True),
            border=box,
            alignment=Alignment(horizontal="center", wrap_text=True),
        )
        sheet.column_dimensions[get_column_letter(column)].width = column_width
    for number, line in enumerate(lines, start=1):
        row += 1
        values = [
            number,
            line["full_name"],
            line["staff_code"],
            line["unit"],
            line["course"],
            iso_day(line["due_on"]),
            evidence_status(line),
        ]
        for column, value in enumerate(values, start=1):
            cell = _set(sheet, row, column, value, border=box)
            if isinstance(value, date):
                cell.number_format = EXCEL_DATE_FORMAT
    if not lines:
        row += 1
        _set(sheet, row, 2, _("Mọi cán bộ của đơn vị đã hoàn thành các khóa học bắt buộc đến hạn trong kỳ."))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
