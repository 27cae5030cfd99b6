"""Spreadsheet files in and out: an upload (.xlsx or UTF-8 .csv) into a table of text cells, and
rows of cells into the template's workbook or CSV. No database here.

An upload is untrusted: its size, its row count and (for .xlsx) its unpacked size are limited
before anything is parsed, and every failure becomes one Vietnamese message.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from elearn import spreadsheets
from elearn.formatting import thousands
from elearn.spreadsheets import (  # noqa: F401  (the content types are re-exported by bank_io)
    CSV_CONTENT_TYPE,
    XLSX,
    XLSX_CONTENT_TYPE,
    SpreadsheetError,
    formula_safe,
    formula_safe_cell,
    is_blank,
)

from .columns import (
    COLUMN_BY_KEY,
    COLUMNS,
    DIFFICULTY_WORDS,
    EXAMPLE_ROWS,
    GUIDE_TITLE,
    HEADER_LOOKUP,
    HEADERS,
    MULTILINE_KEYS,
    SCORING_WORDS,
    SHEET_TITLE,
    TYPE_WORDS,
    fold,
)

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ROWS = 20_000


class BankFileError(SpreadsheetError):
    """The file cannot be read as a question table; the message says why, in Vietnamese."""


@dataclass
class Table:
    """The data rows of an upload as {column key: text}, each with its row number in the file."""

    rows: list = field(default_factory=list)  # [(row number, {key: text}), ...]
    errors: list = field(default_factory=list)  # [(row number, message), ...] for cells outside the columns


def cell_text(value, key=None):
    """A cell as normalised text: numbers without a spurious ".0", stem lines kept apart."""
    return spreadsheets.cell_text(value, multiline=key in MULTILINE_KEYS)


def read_upload(name, data):
    """The question table of an uploaded .xlsx or .csv file. Raise BankFileError when it cannot be read."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise BankFileError(too_large_message())
    with spreadsheets.reraise_as(BankFileError):
        if spreadsheets.detect_format(name, data) == XLSX:
            rows = spreadsheets.iter_xlsx_rows(data, MAX_UNPACKED_BYTES, sheet_title=SHEET_TITLE)
        else:
            rows = spreadsheets.iter_csv_rows(data)
        rows = list(spreadsheets.limited(rows, MAX_ROWS))
    return _table(rows)


def too_large_message():
    return spreadsheets.too_large_message(MAX_UPLOAD_BYTES)


def _table(rows):
    """Map the header row to column keys, then every non-blank data row to {key: text}."""
    numbered = [(number, row) for number, row in enumerate(rows, start=1) if not is_blank(row)]
    if not numbered:
        raise BankFileError(_("Tệp không có dữ liệu."))
    header_number, header = numbered[0]
    keys = _header_keys(header_number, header)
    table = Table()
    for number, row in numbered[1:]:
        values = {}
        for index, value in enumerate(row):
            key = keys[index] if index < len(keys) else None
            if key:
                text = cell_text(value, key)
                if text:
                    values[key] = text
            elif value is not None and str(value).strip():
                table.errors.append(
                    (
                        number,
                        row_message(
                            number,
                            _("ô ở cột %(column)s có dữ liệu nhưng cột không có tiêu đề.")
                            % {"column": get_column_letter(index + 1)},
                        ),
                    )
                )
        table.rows.append((number, values))
    if not table.rows:
        raise BankFileError(_("Tệp chỉ có dòng tiêu đề, chưa có câu hỏi nào."))
    if len(table.rows) > MAX_ROWS:
        raise BankFileError(
            _("Tệp có %(rows)d câu hỏi, nhiều hơn giới hạn %(limit)s: hãy chia thành nhiều tệp.")
            % {"rows": len(table.rows), "limit": thousands(MAX_ROWS)}
        )
    return table


def _header_keys(number, header):
    """Column keys in file order (None for a blank header cell). Raise BankFileError on a bad header."""
    keys, problems, seen = [], [], {}
    for index, value in enumerate(header):
        text = cell_text(value)
        key = HEADER_LOOKUP.get(fold(text)) if text else None
        if text and key is None:
            problems.append(
                _('Cột "%(header)s" (cột %(column)s) không có trong mẫu: hãy xóa cột hoặc sửa tiêu đề cho đúng mẫu.')
                % {"header": text, "column": get_column_letter(index + 1)}
            )
        elif key in seen:
            problems.append(
                _('Cột "%(header)s" xuất hiện hai lần (cột %(first)s và %(second)s).')
                % {
                    "header": COLUMN_BY_KEY[key].header,
                    "first": get_column_letter(seen[key] + 1),
                    "second": get_column_letter(index + 1),
                }
            )
        if key and key not in seen:
            seen[key] = index
        keys.append(key)
    if not seen:
        raise BankFileError(
            _(
                'Dòng %(line)d không phải dòng tiêu đề của mẫu (cần các cột như "Danh mục", '
                '"Nội dung câu hỏi", "Đáp án đúng"): hãy dùng tệp mẫu.'
            )
            % {"line": number}
        )
    for column in COLUMNS:
        if column.required and column.key not in seen:
            problems.append(_('Thiếu cột "%(header)s" ở dòng tiêu đề.') % {"header": column.header})
    if problems:
        raise BankFileError("\n".join(problems))
    return keys


def row_message(line, problem):
    return _("Dòng %(line)d: %(problem)s") % {"line": line, "problem": problem}


# Writing ---------------------------------------------------------------------------------------


def _xlsx_value(value):
    return value if isinstance(value, int | Decimal) else str(value or "")


def write_xlsx(rows, output):
    """The template workbook holding `rows` ({key: value} each) on its first sheet, with the guide sheet."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 50 if column.key == "stem" else 18
    lists = {
        "difficulty": DIFFICULTY_WORDS.values(),
        "question_type": TYPE_WORDS.values(),
        "scoring": SCORING_WORDS.values(),
    }
    for key, choices in lists.items():
        letter = get_column_letter(KEY_INDEX[key] + 1)
        validation = DataValidation(
            type="list", formula1=f'"{",".join(choices)}"', allow_blank=True, showErrorMessage=False
        )
        validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
        sheet.data_validations.append(validation)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    header = []
    for text in HEADERS:
        cell = WriteOnlyCell(sheet, text)
        cell.font, cell.fill = bold, fill
        header.append(cell)
    sheet.append(header)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        cells = []
        for key in KEY_ORDER:
            cell = formula_safe_cell(sheet, _xlsx_value(row.get(key)))
            if key in MULTILINE_KEYS:
                cell.alignment = wrap
            cells.append(cell)
        sheet.append(cells)
    _write_guide(workbook.create_sheet(GUIDE_TITLE), bold, fill)
    workbook.save(output)


def _write_guide(sheet, bold, fill):
    from openpyxl.cell import WriteOnlyCell

    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 100

    def heading(*texts):
        cells = [WriteOnlyCell(sheet, text) for text in texts]
        for cell in cells:
            cell.font, cell.fill = bold, fill
        return cells

    sheet.append(heading(_("Cột"), _("Cách điền")))
    for column in COLUMNS:
        sheet.append([column.header, str(column.help)])
    sheet.append([])
    for line in (
        _('Nhập câu hỏi vào trang "%(sheet)s", mỗi dòng một câu hỏi; giữ nguyên dòng tiêu đề.')
        % {"sheet": SHEET_TITLE},
        _("Nếu có dòng nào sai, hệ thống báo lỗi từng dòng và không nhập câu hỏi nào: sửa rồi tải lên lại."),
        _("Có thể lưu thành CSV UTF-8 (dấu phẩy hoặc chấm phẩy) với cùng các cột."),
    ):
        sheet.append([line])
    sheet.append([])
    sheet.append(heading(_("Ví dụ"), ""))
    sheet.append(heading(*HEADERS))
    for example in EXAMPLE_ROWS:
        sheet.append([_xlsx_value(example.get(key)) for key in KEY_ORDER])


def _csv_value(value):
    return formula_safe(format(value, "f") if isinstance(value, Decimal) else str(value or ""))


def write_csv(rows):
    """UTF-8 CSV text with a BOM (so that Excel reads the Vietnamese right), the template's columns."""
    output = io.StringIO(newline="")
    output.write("\ufeff")
    writer = csv.writer(output)
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([_csv_value(row.get(key)) for key in KEY_ORDER])
    return output.getvalue().encode("utf-8")


KEY_ORDER = [column.key for column in COLUMNS]
KEY_INDEX = {key: index for index, key in enumerate(KEY_ORDER)}
