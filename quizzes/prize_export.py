"""The prize decision list of a frozen round (danh sách đạt giải kèm quyết định), as Excel and as PDF.

Both come from the snapshot alone (quizzes.freezing), in the usual administrative form: STT, họ và
tên, đơn vị, điểm, dự đoán, thời gian làm bài, giải; then the collective prizes of units. The PDF is
drawn with ReportLab in the self-hosted DejaVu font the certificates use.
"""

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from certificates.pdf import register_fonts
from elearn.formatting import format_duration, format_local

FONT, BOLD = "CertSerif", "CertSerif-Bold"


def headings():
    return [_("STT"), _("Họ và tên"), _("Đơn vị"), _("Điểm (%)"), _("Dự đoán"), _("Thời gian làm bài"), _("Giải")]


def unit_headings():
    return [_("STT"), _("Đơn vị"), _("Số cán bộ"), _("Số người dự thi"), _("Tỉ lệ tham gia (%)"), _("Giải")]


def winner_rows(snapshot):
    """(STT, name, unit, score, prediction, duration, prize) of each winner, in rank order."""
    winners = snapshot.lines.exclude(prize="").order_by("rank")
    return [
        [
            number,
            line.full_name,
            line.unit_name,
            line.percent,
            line.prediction if line.prediction is not None else "",
            format_duration(line.duration_seconds),
            line.prize,
        ]
        for number, line in enumerate(winners, start=1)
    ]


def unit_winner_rows(snapshot):
    winners = snapshot.unit_lines.exclude(prize="").order_by("rank")
    return [
        [number, line.unit_name, line.cadres, line.participants, line.participation, line.prize]
        for number, line in enumerate(winners, start=1)
    ]


def title_of(snapshot):
    return _("DANH SÁCH ĐẠT GIẢI: %(quiz)s") % {"quiz": snapshot.quiz.title}


def footnote_of(snapshot):
    return _("Kết quả chốt lúc %(time)s; %(count)s người được xếp hạng; mã kiểm tra SHA-256: %(checksum)s") % {
        "time": format_local(snapshot.frozen_at),
        "count": snapshot.participants,
        "checksum": snapshot.checksum,
    }


def prize_list_xlsx(snapshot):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Giải cá nhân")
    sheet.append([title_of(snapshot)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([footnote_of(snapshot)])
    sheet.append([])
    sheet.append(headings())
    for cell in sheet[4]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in winner_rows(snapshot):
        sheet.append(row)
    for letter, width in zip("ABCDEFG", (6, 28, 40, 10, 10, 16, 18), strict=True):
        sheet.column_dimensions[letter].width = width
    units = workbook.create_sheet(_("Giải tập thể"))
    units.append(unit_headings())
    for cell in units[1]:
        cell.font = Font(bold=True)
    for row in unit_winner_rows(snapshot):
        units.append(row)
    for letter, width in zip("ABCDEF", (6, 48, 11, 16, 18, 18), strict=True):
        units.column_dimensions[letter].width = width
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def _table(rows, widths):
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 9),
                ("FONT", (0, 0), (-1, 0), BOLD, 9),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
            ]
        )
    )
    return table


def prize_list_pdf(snapshot):
    register_fonts()
    heading = ParagraphStyle("heading", fontName=BOLD, fontSize=13, leading=17, alignment=1)
    body = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12)
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=11)

    def wrap(rows):
        return [
            [Paragraph(str(value), cell) if isinstance(value, str) else str(value) for value in row] for row in rows
        ]

    output = BytesIO()
    document = SimpleDocTemplate(
        output, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm
    )
    story = [
        Paragraph(title_of(snapshot), heading),
        Spacer(1, 4 * mm),
        Paragraph(footnote_of(snapshot), body),
        Spacer(1, 4 * mm),
        _table(
            [headings(), *wrap(winner_rows(snapshot))], [10 * mm, 42 * mm, 50 * mm, 16 * mm, 16 * mm, 22 * mm, 24 * mm]
        ),
    ]
    unit_rows = unit_winner_rows(snapshot)
    if unit_rows:
        story += [
            Spacer(1, 6 * mm),
            Paragraph(_("Giải tập thể"), heading),
            Spacer(1, 3 * mm),
            _table([unit_headings(), *wrap(unit_rows)], [10 * mm, 70 * mm, 20 * mm, 24 * mm, 26 * mm, 30 * mm]),
        ]
    story += [
        Spacer(1, 6 * mm),
        Paragraph(_("Ngày in: %(date)s") % {"date": timezone.localdate().strftime("%d/%m/%Y")}, body),
    ]
    document.build(story)
    return output.getvalue()
