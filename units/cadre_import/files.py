"""Cadre files in and out: streaming readers for .xlsx and UTF-8 .csv, and the workbooks we hand out
(the empty template, and the rejected rows with a "Lỗi" column). No database here.

An upload is untrusted: its size, its row count and (for .xlsx) its unpacked size are limited, and
every failure to read it becomes one Vietnamese message (CadreFileError). Rows are read one at a
time, so a 100,000-row file never sits in memory as a whole.
"""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from elearn import spreadsheets
from elearn.formatting import DATE_FORMAT, thousands
from elearn.spreadsheets import (  # noqa: F401  (XLSX_CONTENT_TYPE: re-exported by cadre_import)
    CSV,
    XLSX,
    XLSX_CONTENT_TYPE,
    SpreadsheetError,
    cell_text,
    formula_safe,
    formula_safe_cell,
    is_blank,
)

from .columns import (
    COLUMN_BY_KEY,
    COLUMNS,
    ERROR_HEADER,
    EXAMPLE_ROWS,
    GUIDE_TITLE,
    HEADER_LOOKUP,
    HEADERS,
    KEYS,
    REQUIRED_KEYS,
    SHEET_TITLE,
    category_words,
    column_help,
    fold,
)

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 600 * 1024 * 1024
MAX_ROWS = 200_000
csv.field_size_limit(64 * 1024)


class CadreFileError(SpreadsheetError):
    """The file cannot be read as a cadre table; the message says why, in Vietnamese."""


def too_large_message():
    return spreadsheets.too_large_message(MAX_UPLOAD_BYTES)


def file_format(name, head):
    """XLSX or CSV from the file name and its first bytes; raise CadreFileError for anything else."""
    with spreadsheets.reraise_as(CadreFileError):
        return spreadsheets.detect_format(name, head)


def read_rows(fileobj, fmt):
    """Yield (line number, {key: text}) for every non-blank data row of a binary file object.

    Columns whose header is not in the template are ignored (a "Lỗi" column of our error file, or
    an HR system's extra columns). Raise CadreFileError when the file or its header is unusable.
    """
    if fmt == XLSX:
        raw = spreadsheets.iter_xlsx_rows(
            fileobj, MAX_UNPACKED_BYTES, sheet_title=SHEET_TITLE, skip_titles=(GUIDE_TITLE,)
        )
    else:
        raw = spreadsheets.iter_csv_rows(fileobj)
    try:
        with spreadsheets.reraise_as(CadreFileError):
            yield from _table_rows(raw)
    finally:
        raw.close()  # close the workbook or detach the CSV reader now, not at garbage collection


def _table_rows(raw):
    numbered = ((number, row) for number, row in enumerate(raw, start=1) if not is_blank(row))
    try:
        header_number, header = next(numbered)
    except StopIteration:
        raise CadreFileError(_("Tệp không có dữ liệu.")) from None
    keys = list(header_keys(header_number, header).items())
    count = 0
    for number, row in numbered:
        count += 1
        if count > MAX_ROWS:
            raise CadreFileError(
                _("Tệp có hơn %(limit)s dòng cán bộ: hãy chia thành nhiều tệp.") % {"limit": thousands(MAX_ROWS)}
            )
        width = len(row)
        values = {}
        for index, key in keys:
            if index < width:
                text = cell_text(row[index], DATE_FORMAT)
                if text:
                    values[key] = text
        yield number, values


def check_header(fileobj, fmt):
    """Read only as far as the header row: raise CadreFileError if the file cannot be imported at all."""
    rows = read_rows(fileobj, fmt)
    try:
        next(rows, None)
    finally:
        rows.close()


def header_keys(number, header):
    """{column index: key} of the template columns in the header row. Raise CadreFileError on a bad header."""
    keys, problems = {}, []
    seen = {}
    for index, value in enumerate(header):
        key = HEADER_LOOKUP.get(fold(cell_text(value)))
        if key is None:
            continue
        if key in seen:
            problems.append(
                _('Cột "%(header)s" xuất hiện hai lần (cột %(first)s và %(second)s).')
                % {
                    "header": COLUMN_BY_KEY[key].header,
                    "first": get_column_letter(seen[key] + 1),
                    "second": get_column_letter(index + 1),
                }
            )
            continue
        seen[key] = index
        keys[index] = key
    if not seen:
        raise CadreFileError(
            _(
                'Dòng %(line)d không phải dòng tiêu đề của mẫu (cần các cột "Mã cán bộ", '
                '"Họ và tên", "Mã đơn vị"): hãy dùng tệp mẫu.'
            )
            % {"line": number}
        )
    for key in REQUIRED_KEYS:
        if key not in seen:
            problems.append(_('Thiếu cột "%(header)s" ở dòng tiêu đề.') % {"header": COLUMN_BY_KEY[key].header})
    if problems:
        raise CadreFileError("\n".join(problems))
    return keys


# Writing ---------------------------------------------------------------------------------------


def _text_cell(sheet, value, font=None, fill=None):
    return formula_safe_cell(sheet, str(value or ""), font, fill)


def _styles():
    from openpyxl.styles import Font, PatternFill

    return Font(bold=True), PatternFill("solid", fgColor="DDEBF7")


def _cadre_sheet(workbook, extra_headers=()):
    from openpyxl.worksheet.datavalidation import DataValidation

    from .columns import ACTIVE_WORD, LEFT_WORD

    sheet = workbook.create_sheet(SHEET_TITLE)
    sheet.freeze_panes = "A2"
    widths = {"full_name": 28, "position": 30, "email": 30, "category": 26}
    for index, key in enumerate(KEYS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(key, 16)
    for index in range(len(extra_headers)):
        sheet.column_dimensions[get_column_letter(len(KEYS) + index + 1)].width = 80
    lists = {"category": category_words(), "status": [ACTIVE_WORD, LEFT_WORD]}
    for key, choices in lists.items():
        letter = get_column_letter(KEYS.index(key) + 1)
        validation = DataValidation(
            type="list",
            formula1='"{}"'.format(",".join(c.replace(",", "") for c in choices)),
            allow_blank=True,
            showErrorMessage=False,
        )
        validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
        sheet.data_validations.append(validation)
    bold, fill = _styles()
    sheet.append([_text_cell(sheet, text, bold, fill) for text in (*HEADERS, *extra_headers)])
    return sheet


def template_xlsx():
    """The empty template: the "Cán bộ" sheet with its header row, and the "Hướng dẫn" sheet."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    _cadre_sheet(workbook)
    _write_guide(workbook.create_sheet(GUIDE_TITLE))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def errors_xlsx(errors):
    """The rejected rows as the user wrote them, with the reason in a "Lỗi" column: fix and upload again."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = _cadre_sheet(workbook, extra_headers=(ERROR_HEADER,))
    for error in errors:
        values = error.get("values") or {}
        sheet.append([_text_cell(sheet, values.get(key)) for key in KEYS] + [_text_cell(sheet, error["message"])])
    _write_guide(workbook.create_sheet(GUIDE_TITLE))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _write_guide(sheet):
    bold, fill = _styles()
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 110
    sheet.append([_text_cell(sheet, _("Cột"), bold, fill), _text_cell(sheet, _("Cách điền"), bold, fill)])
    for column in COLUMNS:
        sheet.append([column.header, column_help(column)])
    sheet.append([])
    for line in (
        _('Nhập cán bộ vào trang "%(sheet)s", mỗi dòng một người; giữ nguyên dòng tiêu đề.') % {"sheet": SHEET_TITLE},
        _(
            "Quy tắc nhập: các dòng hợp lệ được nhập; dòng có lỗi bị bỏ qua toàn bộ (không thay đổi gì của dòng đó) "
            "và được liệt kê trong báo cáo lỗi kèm số dòng. Tải báo cáo lỗi, sửa rồi tải lên lại: các dòng đã nhập "
            "không bị thay đổi lần nữa."
        ),
        _("Cán bộ thôi công tác không bị xóa: tài khoản bị ngừng, hồ sơ và kết quả học tập vẫn được giữ."),
        _(
            "Có thể lưu thành CSV UTF-8 (dấu phẩy hoặc chấm phẩy) với cùng các cột. Tối đa %(rows)s dòng, "
            "%(size)d MB mỗi tệp."
        )
        % {"rows": thousands(MAX_ROWS), "size": MAX_UPLOAD_BYTES // 2**20},
    ):
        sheet.append([line])
    sheet.append([])
    sheet.append([_text_cell(sheet, _("Ví dụ"), bold, fill)])
    sheet.append([_text_cell(sheet, header, bold, fill) for header in HEADERS])
    for example in EXAMPLE_ROWS:
        sheet.append([example.get(key, "") for key in KEYS])


def csv_value(value):
    return formula_safe(str(value or ""))
