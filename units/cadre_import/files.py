"""Cadre files in and out: streaming readers for .xlsx and UTF-8 .csv, and the workbooks we hand out
(the empty template, and the rejected rows with a "Lỗi" column). No database here.

An upload is untrusted: its size, its row count and (for .xlsx) its unpacked size are limited, and
every failure to read it becomes one Vietnamese message (CadreFileError). Rows are read one at a
time, so a 100,000-row file never sits in memory as a whole.
"""

import csv
import io
import itertools
import zipfile
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import PurePath

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from units.text import normalize_text

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
XLSX = "xlsx"
CSV = "csv"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Spreadsheet programs run a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
csv.field_size_limit(64 * 1024)


class CadreFileError(Exception):
    """The file cannot be read as a cadre table; the message says why, in Vietnamese."""


def thousands(number):
    return f"{number:,}".replace(",", ".")


def too_large_message():
    return _("Tệp lớn hơn %(size)d MB: hãy chia thành nhiều tệp nhỏ hơn.") % {"size": MAX_UPLOAD_BYTES // 2**20}


def file_format(name, head):
    """XLSX or CSV from the file name and its first bytes; raise CadreFileError for anything else."""
    suffix = PurePath(name or "").suffix.lower()
    if head[:4] == b"PK\x03\x04" and suffix in (".xlsx", ".xlsm", ".csv", ""):
        return XLSX
    if suffix == ".xls" or head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise CadreFileError(_("Tệp .xls (Excel 97-2003) không được hỗ trợ: hãy mở bằng Excel và lưu lại dạng .xlsx."))
    if suffix == ".csv":
        return CSV
    if suffix in (".xlsx", ".xlsm"):
        raise CadreFileError(_("Tệp \"%(name)s\" không phải tệp Excel .xlsx hợp lệ (tệp hỏng hoặc sai định dạng).")
                             % {"name": name})
    raise CadreFileError(_("Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv) theo mẫu."))


def cell_text(value):
    """A cell as normalised text: numbers without a spurious ".0", dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        value = "TRUE" if value else "FALSE"
    elif isinstance(value, float):
        value = str(int(value)) if value.is_integer() else repr(value)
    elif isinstance(value, Decimal):
        value = format(value.normalize(), "f")
    elif isinstance(value, datetime | date):
        value = value.strftime("%d/%m/%Y")
    elif isinstance(value, time):
        value = value.isoformat()
    value = str(value)
    if value.startswith("'") and value[1:2] in FORMULA_STARTS:
        value = value[1:]  # the guard our own files put before formula-like text
    return normalize_text(value)


def read_rows(fileobj, fmt):
    """Yield (line number, {key: text}) for every non-blank data row of a binary file object.

    Columns whose header is not in the template are ignored (a "Lỗi" column of our error file, or
    an HR system's extra columns). Raise CadreFileError when the file or its header is unusable.
    """
    raw = _xlsx_rows(fileobj) if fmt == XLSX else _csv_rows(fileobj)
    try:
        yield from _table_rows(raw)
    finally:
        raw.close()  # close the workbook or detach the CSV reader now, not at garbage collection


def _table_rows(raw):
    numbered = ((number, row) for number, row in enumerate(raw, start=1) if not _is_blank(row))
    try:
        header_number, header = next(numbered)
    except StopIteration:
        raise CadreFileError(_("Tệp không có dữ liệu.")) from None
    keys = list(header_keys(header_number, header).items())
    count = 0
    for number, row in numbered:
        count += 1
        if count > MAX_ROWS:
            raise CadreFileError(_("Tệp có hơn %(limit)s dòng cán bộ: hãy chia thành nhiều tệp.")
                                 % {"limit": thousands(MAX_ROWS)})
        width = len(row)
        values = {}
        for index, key in keys:
            if index < width:
                text = cell_text(row[index])
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
            problems.append(_("Cột \"%(header)s\" xuất hiện hai lần (cột %(first)s và %(second)s).") % {
                "header": COLUMN_BY_KEY[key].header, "first": get_column_letter(seen[key] + 1),
                "second": get_column_letter(index + 1)})
            continue
        seen[key] = index
        keys[index] = key
    if not seen:
        raise CadreFileError(_("Dòng %(line)d không phải dòng tiêu đề của mẫu (cần các cột \"Mã cán bộ\", "
                               "\"Họ và tên\", \"Mã đơn vị\"): hãy dùng tệp mẫu.") % {"line": number})
    for key in REQUIRED_KEYS:
        if key not in seen:
            problems.append(_("Thiếu cột \"%(header)s\" ở dòng tiêu đề.") % {"header": COLUMN_BY_KEY[key].header})
    if problems:
        raise CadreFileError("\n".join(problems))
    return keys


def _is_blank(row):
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in row)


def _xlsx_rows(fileobj):
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(fileobj) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise CadreFileError(_("Tệp Excel bị hỏng, không đọc được.")) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise CadreFileError(_("Tệp Excel quá lớn khi giải nén: hãy chia thành nhiều tệp nhỏ hơn."))
    fileobj.seek(0)
    try:
        workbook = load_workbook(fileobj, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of errors on a damaged file
        raise CadreFileError(_("Tệp Excel bị hỏng hoặc không phải dạng .xlsx, không đọc được.")) from error
    try:
        sheets = {fold(sheet.title): sheet for sheet in workbook.worksheets}
        sheet = sheets.get(fold(SHEET_TITLE)) or next(
            (sheet for sheet in workbook.worksheets if fold(sheet.title) != fold(GUIDE_TITLE)), None)
        if sheet is None:
            raise CadreFileError(_("Tệp Excel không có trang \"%(sheet)s\".") % {"sheet": SHEET_TITLE})
        try:
            yield from sheet.iter_rows(values_only=True)
        except CadreFileError:
            raise
        except Exception as error:
            raise CadreFileError(_("Tệp Excel bị hỏng, không đọc được.")) from error
    finally:
        workbook.close()


def _csv_rows(fileobj):
    head = fileobj.read(4096)
    fileobj.seek(0)
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head:
        raise CadreFileError(_("Tệp CSV phải lưu ở mã UTF-8: trong Excel chọn Lưu thành \"CSV UTF-8\"."))
    text = io.TextIOWrapper(fileobj, encoding="utf-8-sig", newline="")
    number = 0
    try:
        first_line = text.readline()
        delimiter = max((";", ",", "\t"), key=first_line.count)
        for row in csv.reader(itertools.chain([first_line], text), delimiter=delimiter):
            number += 1
            yield row
    except UnicodeDecodeError as error:
        raise CadreFileError(_(
            "Tệp CSV không ở mã UTF-8 nên tiếng Việt sẽ sai: trong Excel chọn Lưu thành \"CSV UTF-8\"."
        )) from error
    except csv.Error as error:
        raise CadreFileError(_("Tệp CSV sai định dạng gần dòng %(line)d: %(error)s")
                             % {"line": number + 1, "error": error}) from error
    finally:
        if not fileobj.closed:
            text.detach()  # leave the caller's file open (and ours unclosed by the wrapper)


# Writing ---------------------------------------------------------------------------------------

def _text_cell(sheet, value, font=None, fill=None):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, str(value or ""))
    if cell.data_type == "f":
        cell.data_type = "s"  # text that looks like a formula stays text
    if font is not None:
        cell.font, cell.fill = font, fill
    return cell


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
        validation = DataValidation(type="list", formula1='"{}"'.format(",".join(c.replace(",", "") for c in choices)),
                                    allow_blank=True, showErrorMessage=False)
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
        _("Nhập cán bộ vào trang \"%(sheet)s\", mỗi dòng một người; giữ nguyên dòng tiêu đề.") % {"sheet": SHEET_TITLE},
        _("Quy tắc nhập: các dòng hợp lệ được nhập; dòng có lỗi bị bỏ qua toàn bộ (không thay đổi gì của dòng đó) "
          "và được liệt kê trong báo cáo lỗi kèm số dòng. Tải báo cáo lỗi, sửa rồi tải lên lại: các dòng đã nhập "
          "không bị thay đổi lần nữa."),
        _("Cán bộ thôi công tác không bị xóa: tài khoản bị ngừng, hồ sơ và kết quả học tập vẫn được giữ."),
        _("Có thể lưu thành CSV UTF-8 (dấu phẩy hoặc chấm phẩy) với cùng các cột. Tối đa %(rows)s dòng, "
          "%(size)d MB mỗi tệp.") % {"rows": thousands(MAX_ROWS), "size": MAX_UPLOAD_BYTES // 2**20},
    ):
        sheet.append([line])
    sheet.append([])
    sheet.append([_text_cell(sheet, _("Ví dụ"), bold, fill)])
    sheet.append([_text_cell(sheet, header, bold, fill) for header in HEADERS])
    for example in EXAMPLE_ROWS:
        sheet.append([example.get(key, "") for key in KEYS])


def csv_value(value):
    text = str(value or "")
    return "'" + text if text.startswith(FORMULA_STARTS) else text
