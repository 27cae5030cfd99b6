"""The emulation report and its annex as PDF (ReportLab, DejaVu Serif), A4 landscape."""

import io
from html import escape

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from certificates.pdf import date_line, register_fonts
from elearn.formatting import format_date

from .common import (
    EVIDENCE_HEADINGS,
    MOTTO,
    NATION,
    criterion_text,
    evidence_status,
    evidence_title,
    grade_text,
    grades_text,
    group_heading,
    iso_day,
    issued_on,
    number_text,
    period_line,
    status_line,
    title,
)


def _styles():
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
    return escape(str(text or ""))


def _pdf_header(data, snapshot, styles, width, heading, subheadings):
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

    def story(width, styles):
        subheadings = [period_line(data), status_line(data, snapshot)]
        items = _pdf_header(data, snapshot, styles, width, title(), subheadings)
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

    return _pdf_document(story, f"{title()} – {data['period']['name']}")


def evidence_pdf(data, snapshot, unit_name, lines):
    """One unit's evidence annex as PDF bytes."""

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
                    Paragraph(format_date(iso_day(line["due_on"])), styles["cell_center"]),
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
