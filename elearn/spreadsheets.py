"""Spreadsheet uploads and downloads shared by the import screens (question bank, cadres, units).

What it offers, all pure functions with no database:

- `detect_format(name, head)`: XLSX or CSV from the file name and its first bytes, or a
  SpreadsheetError in Vietnamese (.xls, a damaged .xlsx, any other kind of file).
- `iter_xlsx_rows(source, max_unpacked_bytes, ...)` and `iter_csv_rows(source)`: the raw rows of an
  .xlsx (openpyxl read_only, after checking the unpacked size of the zip) or a UTF-8 CSV (BOM allowed,
  ";", "," or tab found from the first line). `source` is bytes or a binary file object; rows are
  read one at a time, so a large file never sits in memory as a whole.
- `limited(rows, max_rows)`: the rows, stopping with a message once there are clearly too many.
- `cell_text(value)`: a cell as normalised text (numbers without a spurious ".0", dates, our own
  formula guard removed); `is_blank(row)`; `fold(text)` for matching headers and words.
- `too_large_message(max_bytes)`: the message for a file that is too large.
- `formula_safe(text)` for CSV cells and `formula_safe_cell(sheet, value)` for write-only .xlsx
  cells: text that a spreadsheet program would run as a formula stays text.

Every failure is a SpreadsheetError whose message says why, in Vietnamese. Each import keeps its own
error class (a subclass); `reraise_as(error_class)` turns the shared errors into it.
"""

import csv
import io
import itertools
import re
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import PurePath

from django.http import HttpResponse
from django.utils.translation import gettext as _

from .formatting import thousands
from .text import fold as fold_text
from .text import normalize_text

XLSX = "xlsx"
CSV = "csv"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
# Spreadsheet programs run a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ROW_SLACK = 50  # the header and a few blank rows are allowed beyond a row limit
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (Excel 97-2003)


class SpreadsheetError(Exception):
    """The file cannot be read as a table; the message says why, in Vietnamese."""


@contextmanager
def reraise_as(error_class):
    """Turn a SpreadsheetError raised inside the block into `error_class` (a subclass), same message."""
    try:
        yield
    except error_class:
        raise
    except SpreadsheetError as error:
        raise error_class(*error.args) from error


def too_large_message(max_bytes):
    return _("Tệp lớn hơn %(size)d MB: hãy chia thành nhiều tệp nhỏ hơn.") % {"size": max_bytes // 2**20}


def fold(value):
    """A matching key: no diacritics, "đ" as "d", lower case, words separated by single spaces."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold_text(value)).split())


# Reading -----------------------------------------------------------------------------------------


def detect_format(name, head):
    """XLSX or CSV from the file name and its first (at least 8) bytes; raise SpreadsheetError otherwise."""
    suffix = PurePath(name or "").suffix.lower()
    if head[:4] == _ZIP_MAGIC and suffix in (".xlsx", ".xlsm", ".csv", ""):
        return XLSX
    if suffix == ".xls" or head[:8] == _OLE_MAGIC:
        raise SpreadsheetError(
            _("Tệp .xls (Excel 97-2003) không được hỗ trợ: hãy mở bằng Excel và lưu lại dạng .xlsx.")
        )
    if suffix == ".csv":
        return CSV
    if suffix in (".xlsx", ".xlsm"):
        raise SpreadsheetError(
            _('Tệp "%(name)s" không phải tệp Excel .xlsx hợp lệ (tệp hỏng hoặc sai định dạng).') % {"name": name}
        )
    raise SpreadsheetError(_("Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv) theo mẫu."))


def _binary(source):
    return io.BytesIO(source) if isinstance(source, bytes | bytearray | memoryview) else source


def iter_xlsx_rows(source, max_unpacked_bytes, sheet_title=None, skip_titles=()):
    """Yield the rows (tuples of cell values) of one sheet of an .xlsx, as bytes or a binary file object.

    The sheet is the one titled `sheet_title` (matched with fold), else the first one whose title is
    not in `skip_titles`. Raise SpreadsheetError for a damaged file or one too large once unpacked.
    """
    from openpyxl import load_workbook

    fileobj = _binary(source)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise SpreadsheetError(_("Tệp Excel bị hỏng, không đọc được.")) from error
    if unpacked > max_unpacked_bytes:
        raise SpreadsheetError(_("Tệp Excel quá lớn khi giải nén: hãy chia thành nhiều tệp nhỏ hơn."))
    fileobj.seek(0)
    try:
        workbook = load_workbook(fileobj, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of errors on a damaged file
        raise SpreadsheetError(_("Tệp Excel bị hỏng hoặc không phải dạng .xlsx, không đọc được.")) from error
    try:
        skipped = {fold(title) for title in skip_titles}
        sheets = {fold(sheet.title): sheet for sheet in workbook.worksheets}
        sheet = (sheets.get(fold(sheet_title)) if sheet_title else None) or next(
            (sheet for sheet in workbook.worksheets if fold(sheet.title) not in skipped), None
        )
        if sheet is None:
            raise SpreadsheetError(_('Tệp Excel không có trang "%(sheet)s".') % {"sheet": sheet_title or ""})
        try:
            yield from sheet.iter_rows(values_only=True)
        except SpreadsheetError:
            raise
        except Exception as error:
            raise SpreadsheetError(_("Tệp Excel bị hỏng, không đọc được.")) from error
    finally:
        workbook.close()


def iter_csv_rows(source):
    """Yield the rows (lists of str) of a UTF-8 CSV, as bytes or a binary file object (left open).

    A BOM is allowed; the delimiter is whichever of ";", "," and tab the first line has most of.
    Raise SpreadsheetError for another encoding or a malformed file.
    """
    fileobj = _binary(source)
    head = fileobj.read(4096)
    fileobj.seek(0)
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head:
        raise SpreadsheetError(_('Tệp CSV phải lưu ở mã UTF-8: trong Excel chọn Lưu thành "CSV UTF-8".'))
    text = io.TextIOWrapper(fileobj, encoding="utf-8-sig", newline="")
    number = 0
    try:
        first_line = text.readline()
        delimiter = max((";", ",", "\t"), key=first_line.count)
        for row in csv.reader(itertools.chain([first_line], text), delimiter=delimiter):
            number += 1
            yield row
    except UnicodeDecodeError as error:
        raise SpreadsheetError(
            _('Tệp CSV không ở mã UTF-8 nên tiếng Việt sẽ sai: trong Excel chọn Lưu thành "CSV UTF-8".')
        ) from error
    except csv.Error as error:
        raise SpreadsheetError(
            _("Tệp CSV sai định dạng gần dòng %(line)d: %(error)s") % {"line": number + 1, "error": error}
        ) from error
    finally:
        if not fileobj.closed:
            text.detach()  # leave the caller's file open (and unclosed by the wrapper)


def limited(rows, max_rows, message=None):
    """The rows, raising SpreadsheetError (`message`, or a default naming the limit) past max_rows + slack."""
    for number, row in enumerate(rows, start=1):
        if number > max_rows + ROW_SLACK:
            raise SpreadsheetError(
                message or _("Tệp có hơn %(count)s dòng: hãy chia thành nhiều tệp.") % {"count": thousands(max_rows)}
            )
        yield row


def is_blank(row):
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in row)


def cell_text(value, date_format=None, multiline=False):
    """A cell as normalised text: numbers without a spurious ".0", dates as ISO or `date_format`.

    With `multiline`, line breaks are kept (each line normalised, blank lines dropped).
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        value = "TRUE" if value else "FALSE"
    elif isinstance(value, float):
        value = str(int(value)) if value.is_integer() else repr(value)
    elif isinstance(value, Decimal):
        value = format(value.normalize(), "f")
    elif isinstance(value, datetime | date):
        value = value.strftime(date_format) if date_format else value.isoformat()
    elif isinstance(value, time):
        value = value.isoformat()
    value = str(value)
    if value.startswith("'") and value[1:2] in FORMULA_STARTS:
        value = value[1:]  # the guard formula_safe puts before formula-like text
    if multiline:
        lines = (normalize_text(line) for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        return "\n".join(line for line in lines if line)
    return normalize_text(value)


# Writing -----------------------------------------------------------------------------------------


def attachment(content, content_type, filename):
    """A generated file (bytes) as a download named `filename` (an ASCII name: no quoting needed)."""
    return HttpResponse(
        content, content_type=content_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


def formula_safe(text):
    """CSV cell text that a spreadsheet program will not run as a formula (a leading "'")."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def formula_safe_cell(sheet, value, font=None, fill=None):
    """A WriteOnlyCell of a write-only sheet holding `value`; text that looks like a formula stays text."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value)
    if cell.data_type == "f":
        cell.data_type = "s"
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    return cell


@dataclass(frozen=True)
class Column:
    """One column of an import template: its key, its Vietnamese header and the help shown in "Hướng dẫn"."""

    key: str
    header: str
    help: str
    required: bool = False
    aliases: tuple = ()
    max_length: int = 0  # 0: no limit checked here
