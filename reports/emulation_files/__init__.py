"""The emulation report as official files: Excel (openpyxl) and PDF (ReportLab, DejaVu Serif) in the usual
administrative layout, and each unit's evidence annex (its cadres who did not complete a required course).

Layout: the issuing body on the left and the national motto on the right, the place and date, the title and the
period, one table per group (STT, đơn vị, each criterion's result and points, tổng điểm, xếp loại), the signature
block; then the criteria explained. Numbers stay numbers in Excel; the PDF writes them the Vietnamese way (82,50).
Input is the report data of reports.emulation (a snapshot's or computed), already cut to the viewer's scope.
"""

from .common import (
    criterion_text,
    evidence_title,
    grade_text,
    grades_text,
    group_heading,
    number_text,
    status_line,
    title,
)
from .pdf import evidence_pdf, report_pdf
from .xlsx import evidence_xlsx, report_xlsx

__all__ = [
    "criterion_text",
    "evidence_pdf",
    "evidence_title",
    "evidence_xlsx",
    "grade_text",
    "grades_text",
    "group_heading",
    "number_text",
    "report_pdf",
    "report_xlsx",
    "status_line",
    "title",
]
