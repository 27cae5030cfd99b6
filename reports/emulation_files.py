"""The emulation report as official files: Excel (openpyxl) and PDF (ReportLab, DejaVu Serif) in the usual
administrative layout, and each unit's evidence annex (its cadres who did not complete a required course).

Layout: the issuing body on the left and the national motto on the right, the place and date, the title and the
period, one table per group (STT, đơn vị, each criterion's result and points, tổng điểm, xếp loại), the signature
block; then the criteria explained. Numbers stay numbers in Excel; the PDF writes them the Vietnamese way (82,50).
Input is the report data of reports.emulation (a snapshot's or computed), already cut to the viewer's scope.
"""

import io
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from certificates.pdf import date_line, register_fonts
from elearn.formatting import EXCEL_DATE_FORMAT, format_date, format_local
from elearn.spreadsheets import FORMULA_STARTS

from .models import Grade

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def number_text(value, compact=False):
    """82.5 as "82,50" ("82,5" when `compact`, 40.0 as "40"); None as "—"."""
    if value is None:
        return "—"
    text = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return text.rstrip("0").rstrip(",") if compact else text


def _day(text):
    return date.fromisoformat(text)


def issued_on(data, snapshot):
    """The document's date: the day it was frozen, else the day it was computed."""
    if snapshot is not None:
        return timezone.localdate(snapshot.frozen_at)
    return datetime.fromisoformat(data["computed_at"]).date()


def status_line(data, snapshot):
    if snapshot is None:
        return _("Số liệu tạm tính đến hết ngày %(day)s, chưa khóa.") % {"day": format_date(_day(data["as_of"]))}
    return _(
        "Số liệu tính đến hết ngày %(day)s, khóa lần %(version)s lúc %(at)s; mã kiểm tra SHA-256: %(checksum)s."
    ) % {
        "day": format_date(_day(data["as_of"])),
        "version": snapshot.version,
        "at": format_local(snapshot.frozen_at),
        "checksum": snapshot.checksum,
    }


def title(data):
    return _("BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM, XẾP LOẠI THI ĐUA VỀ ỨNG DỤNG CÔNG NGHỆ THÔNG TIN")


def period_line(data):
    period = data["period"]
    return _("%(name)s (từ %(start)s đến %(end)s)") % {
        "name": period["name"],
        "start": format_date(_day(period["start_on"])),
        "end": format_date(_day(period["end_on"])),
    }


def group_heading(position, group):
    return f"{_roman(position)}. {group['name']}"


def _roman(number):
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    text = ""
    for value, numeral in numerals:
        while number >= value:
            text, number = text + numeral, number - value
    return text


def grade_text(value):
    return str(Grade(value).label)


EVIDENCE_HEADINGS = (
    ("STT", 6),
    (gettext_lazy("Họ và tên"), 26),
    (gettext_lazy("Mã cán bộ"), 14),
    (gettext_lazy("Đơn vị"), 28),
    (gettext_lazy("Khóa học bắt buộc"), 40),
    (gettext_lazy("Hạn hoàn thành"), 14),
    (gettext_lazy("Tình trạng"), 16),
)


def evidence_status(line):
    return _("Quá hạn") if line["overdue"] else _("Chưa hoàn thành")


# Excel


def _set(sheet, row, column, value, **style):
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _excel_header(sheet, data, snapshot, width, heading, subheadings):
    from openpyxl.styles import Alignment, Font

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
    from openpyxl.styles import Alignment, Font

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
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Xếp loại thi đua")
    widest = max((len(group["criteria"]) for group in data["groups"]), default=0)
    width = 2 + 2 * widest + 2
    row = _excel_header(sheet, data, snapshot, width, title(data), [period_line(data), status_line(data, snapshot)])
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
    from openpyxl.utils import get_column_letter

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


def criterion_text(criterion):
    """What a criterion earns and counts, in one sentence or two."""
    text = _("Tối đa %(weight)s điểm, đủ điểm khi kết quả từ %(target)s. %(explanation)s") % {
        "weight": number_text(criterion["weight"], compact=True),
        "target": number_text(criterion["target"], compact=True),
        "explanation": criterion["explanation"],
    }
    return f"{text} {criterion['note']}".strip()


def grades_text(group):
    thresholds = group["thresholds"]
    return _(
        "Hoàn thành xuất sắc: từ %(excellent)s điểm; Tốt: từ %(good)s; Hoàn thành: từ %(complete)s; dưới đó: "
        "Chưa hoàn thành (tổng tối đa %(max)s điểm)."
    ) % {
        "excellent": number_text(thresholds[Grade.EXCELLENT], compact=True),
        "good": number_text(thresholds[Grade.GOOD], compact=True),
        "complete": number_text(thresholds[Grade.COMPLETE], compact=True),
        "max": number_text(group["max_points"], compact=True),
    }


def explanation_rows(group):
    yield [_("Bộ tiêu chí"), group["scheme"], "", "", group["scheme_note"]]
    for criterion in group["criteria"]:
        yield [criterion[key] for key in ("label", "weight", "target", "explanation", "note")]
    yield [_("Xếp loại"), grades_text(group), "", "", ""]


EXPLANATION_HEADINGS = (_("Tiêu chí"), _("Điểm tối đa"), _("Đạt đủ điểm khi từ (%)"), _("Cách tính"), _("Căn cứ"))


def _explanations_sheet(sheet, data):
    from openpyxl.styles import Alignment, Font

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
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

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
        sheet.column_dimensions[chr(64 + column)].width = column_width
    for number, line in enumerate(lines, start=1):
        row += 1
        values = [
            number,
            line["full_name"],
            line["staff_code"],
            line["unit"],
            line["course"],
            _day(line["due_on"]),
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


def evidence_title():
    return _("PHỤ LỤC: DANH SÁCH CÁN BỘ CHƯA HOÀN THÀNH KHÓA HỌC BẮT BUỘC")


# PDF


def _styles():
    from reportlab.lib.enums import TA_CENTER, TA_LEFT
    from reportlab.lib.styles import ParagraphStyle

    base = {"fontName": "CertSerif", "fontSize": 9, "leading": 11}
    return {
        "center": ParagraphStyle("center", alignment=TA_CENTER, **base),
        "center_bold": ParagraphStyle("center_bold", alignment=TA_CENTER, **{**base, "fontName": "CertSerif-Bold"}),
        "center_italic": ParagraphStyle(
            "center_italic", alignment=TA_CENTER, **{**base, "fontName": "CertSerif-Italic"}
        ),
        "title": ParagraphStyle(
            "title", alignment=TA_CENTER, fontName="CertSerif-Bold", fontSize=13, leading=16, spaceBefore=8
        ),
        "left": ParagraphStyle("left", alignment=TA_LEFT, **base),
        "left_bold": ParagraphStyle("left_bold", alignment=TA_LEFT, **{**base, "fontName": "CertSerif-Bold"}),
        "cell": ParagraphStyle("cell", alignment=TA_LEFT, **{**base, "fontSize": 8, "leading": 10}),
        "cell_center": ParagraphStyle("cell_center", alignment=TA_CENTER, **{**base, "fontSize": 8, "leading": 10}),
        "cell_head": ParagraphStyle(
            "cell_head", alignment=TA_CENTER, **{**base, "fontName": "CertSerif-Bold", "fontSize": 8, "leading": 10}
        ),
    }


def _escape(text):
    from html import escape

    return escape(str(text or ""))


def _pdf_header(data, snapshot, styles, width, heading, subheadings):
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    period = data["period"]
    header = Table(
        [
            [
                Paragraph(_escape(period["issuer_parent"].upper()), styles["center"]),
                Paragraph(NATION, styles["center_bold"]),
            ],
            [
                Paragraph(_escape(period["issuer"].upper()), styles["center_bold"]),
                Paragraph(MOTTO, styles["center_bold"]),
            ],
            ["", Paragraph(_escape(date_line(period["place"], issued_on(data, snapshot))), styles["center_italic"])],
        ],
        colWidths=[width * 0.45, width * 0.55],
    )
    header.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story = [header, Spacer(1, 8), Paragraph(_escape(heading), styles["title"])]
    story += [Paragraph(_escape(line), styles["center_italic"]) for line in subheadings]
    story.append(Spacer(1, 8))
    return story


def _pdf_signatures(data, styles, width):
    from reportlab.platypus import Paragraph, Spacer, Table

    period = data["period"]
    cells = [
        [
            Paragraph(_("NGƯỜI LẬP BIỂU"), styles["center_bold"]),
            Paragraph(_escape(period["signer_title"].upper()), styles["center_bold"]),
        ],
        [
            Paragraph(_("(Ký, ghi rõ họ tên)"), styles["center_italic"]),
            Paragraph(_("(Ký, ghi rõ họ tên, đóng dấu)"), styles["center_italic"]),
        ],
        [Spacer(1, 48), Spacer(1, 48)],
        [
            Paragraph(_escape(period["prepared_by"]), styles["center_bold"]),
            Paragraph(_escape(period["signer_name"]), styles["center_bold"]),
        ],
    ]
    return Table(cells, colWidths=[width * 0.45, width * 0.55])


def _pdf_document(story_builder, document_title):
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    register_fonts()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=15 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=document_title,
        creator="elearn",
    )
    document.build(story_builder(document.width, _styles()))
    return buffer.getvalue()


def _grid(header_rows):
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    return TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.Color(0.93, 0.93, 0.93)),
        ]
    )


def _report_widths(width, criteria):
    """STT, đơn vị, the criteria, tổng điểm, xếp loại: the unit's name gets what the figures leave, at least 120."""
    fixed = 32 + 56 + 76
    criterion = min(80, (width - fixed - 120) / criteria) if criteria else 0
    return [32, width - fixed - criterion * criteria, *([criterion] * criteria), 56, 76]


def report_pdf(data, snapshot):
    """The period report as PDF bytes (A4 landscape)."""
    from reportlab.platypus import Paragraph, Spacer, Table

    def story(width, styles):
        subheadings = [period_line(data), status_line(data, snapshot)]
        items = _pdf_header(data, snapshot, styles, width, title(data), subheadings)
        for position, group in enumerate(data["groups"], start=1):
            items.append(Paragraph(_escape(group_heading(position, group)), styles["left_bold"]))
            items.append(Spacer(1, 4))
            criteria = group["criteria"]
            head = [Paragraph("STT", styles["cell_head"]), Paragraph(_("Đơn vị"), styles["cell_head"])]
            head += [
                Paragraph(
                    _escape(
                        _("%(label)s (tối đa %(weight)s)")
                        % {"label": criterion["label"], "weight": number_text(criterion["weight"], compact=True)}
                    ),
                    styles["cell_head"],
                )
                for criterion in criteria
            ]
            head += [Paragraph(_("Tổng điểm"), styles["cell_head"]), Paragraph(_("Xếp loại"), styles["cell_head"])]
            rows = [head]
            for line in group["rows"]:
                cells = [
                    Paragraph(str(line["rank"]), styles["cell_center"]),
                    Paragraph(_escape(line["name"]), styles["cell"]),
                ]
                for value in line["values"]:
                    shown = number_text(value["value"])
                    cells.append(
                        Paragraph(f"<b>{number_text(value['points'])}</b><br/>({shown})", styles["cell_center"])
                    )
                cells += [
                    Paragraph(f"<b>{number_text(line['total'])}</b>", styles["cell_center"]),
                    Paragraph(_escape(grade_text(line["grade"])), styles["cell_center"]),
                ]
                rows.append(cells)
            widths = _report_widths(width, len(criteria))
            table = Table(rows, colWidths=widths, repeatRows=1)
            table.setStyle(_grid(1))
            items += [table, Spacer(1, 10)]
        items.append(
            Paragraph(
                _escape(
                    _(
                        "Mỗi ô tiêu chí: điểm, trong ngoặc là kết quả (%; điểm trung bình theo thang 100; “—”: không "
                        "phát sinh hoặc chưa có). STT là thứ hạng trong khối; các đơn vị bằng điểm có cùng thứ hạng."
                    )
                ),
                styles["left"],
            )
        )
        items += [Spacer(1, 10), _pdf_signatures(data, styles, width)]
        for position, group in enumerate(data["groups"], start=1):
            heading = _("Giải thích tiêu chí – %(group)s") % {"group": group_heading(position, group)}
            items += [Spacer(1, 10), Paragraph(_escape(heading), styles["left_bold"])]
            lines = [(_("Bộ tiêu chí"), f"{group['scheme']}. {group['scheme_note']}".strip(" ."))]
            lines += [(criterion["label"], criterion_text(criterion)) for criterion in group["criteria"]]
            lines.append((_("Xếp loại"), grades_text(group)))
            items += [Paragraph(f"<b>{_escape(label)}</b>: {_escape(text)}", styles["left"]) for label, text in lines]
        return items

    return _pdf_document(story, f"{title(data)} – {data['period']['name']}")


def evidence_pdf(data, snapshot, unit_name, lines):
    """One unit's evidence annex as PDF bytes."""
    from reportlab.platypus import Paragraph, Table

    def story(width, styles):
        items = _pdf_header(
            data,
            snapshot,
            styles,
            width,
            evidence_title(),
            [unit_name, period_line(data), status_line(data, snapshot), _("Tài liệu dùng nội bộ của đơn vị.")],
        )
        rows = [[Paragraph(_escape(heading), styles["cell_head"]) for heading, _width in EVIDENCE_HEADINGS]]
        for number, line in enumerate(lines, start=1):
            rows.append(
                [
                    Paragraph(str(number), styles["cell_center"]),
                    Paragraph(_escape(line["full_name"]), styles["cell"]),
                    Paragraph(_escape(line["staff_code"]), styles["cell"]),
                    Paragraph(_escape(line["unit"]), styles["cell"]),
                    Paragraph(_escape(line["course"]), styles["cell"]),
                    Paragraph(format_date(_day(line["due_on"])), styles["cell_center"]),
                    Paragraph(_escape(evidence_status(line)), styles["cell_center"]),
                ]
            )
        if not lines:
            items.append(
                Paragraph(
                    _escape(_("Mọi cán bộ của đơn vị đã hoàn thành các khóa học bắt buộc đến hạn trong kỳ.")),
                    styles["left"],
                )
            )
        else:
            total = sum(column_width for _heading, column_width in EVIDENCE_HEADINGS)
            widths = [width * column_width / total for _heading, column_width in EVIDENCE_HEADINGS]
            table = Table(rows, colWidths=widths, repeatRows=1)
            table.setStyle(_grid(1))
            items.append(table)
        return items

    return _pdf_document(story, f"{evidence_title()} – {unit_name}")
