"""The shared spreadsheet readers and writers (elearn.spreadsheets)."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from elearn import spreadsheets
from elearn.formatting import thousands
from elearn.spreadsheets import (
    CSV,
    XLSX,
    SpreadsheetError,
    cell_text,
    detect_format,
    formula_safe,
    formula_safe_cell,
    is_blank,
    iter_csv_rows,
    iter_xlsx_rows,
    limited,
)


def test_csv_with_a_bom_and_semicolons_is_read_from_bytes_or_a_file():
    data = "\ufeffMã;Tên\n31;Hòa Bình\n".encode()
    assert list(iter_csv_rows(data)) == [["Mã", "Tên"], ["31", "Hòa Bình"]]
    fileobj = io.BytesIO(data)
    assert list(iter_csv_rows(fileobj)) == [["Mã", "Tên"], ["31", "Hòa Bình"]]
    assert not fileobj.closed


def test_csv_in_another_encoding_is_refused():
    with pytest.raises(SpreadsheetError, match="phải lưu ở mã UTF-8"):
        list(iter_csv_rows("Mã,Tên\n".encode("utf-16")))
    with pytest.raises(SpreadsheetError, match="không ở mã UTF-8"):
        list(iter_csv_rows(b"Ma,Ten\n1,L\xea\n"))


def test_numbers_and_dates_become_text():
    assert cell_text(31.0) == "31"
    assert cell_text(2.5) == "2.5"
    assert cell_text(Decimal("1.50")) == "1.5"
    assert cell_text(True) == "TRUE"
    assert cell_text(None) == ""
    assert cell_text(date(2025, 7, 1)) == "2025-07-01"
    assert cell_text(date(2025, 7, 1), "%d/%m/%Y") == "01/07/2025"
    assert cell_text("'=1+1") == "=1+1"
    assert cell_text(" a \r\n\r\n b ", multiline=True) == "a\nb"


def test_blank_rows_are_recognised_and_xlsx_rows_read():
    assert is_blank((None, "  ", "")) and not is_blank((None, 0)) and not is_blank(("x",))
    workbook = Workbook()
    workbook.active.title = "Hướng dẫn"
    sheet = workbook.create_sheet("Dữ liệu")
    sheet.append(["Mã", 31.0])
    sheet.append([None, None])
    output = io.BytesIO()
    workbook.save(output)
    rows = list(iter_xlsx_rows(output.getvalue(), 10**8, sheet_title="du lieu"))
    assert [row for row in rows if not is_blank(row)] == [("Mã", 31)]
    assert list(iter_xlsx_rows(output.getvalue(), 10**8, skip_titles=("Hướng dẫn",)))[0] == ("Mã", 31)
    with pytest.raises(SpreadsheetError, match="quá lớn khi giải nén"):
        list(iter_xlsx_rows(output.getvalue(), 10))


def test_row_limit_message_names_the_limit():
    assert list(limited(range(3), 1)) == [0, 1, 2]
    with pytest.raises(SpreadsheetError, match=r"Tệp có hơn 20\.000 dòng"):
        list(limited(range(20_100), 20_000))
    with pytest.raises(SpreadsheetError, match="quá nhiều"):
        list(limited(range(100), 10, "quá nhiều"))
    assert thousands(200_000) == "200.000"


def test_formats_are_detected_from_name_and_first_bytes():
    assert detect_format("a.xlsx", b"PK\x03\x04rest") == XLSX
    assert detect_format("a.csv", b"Ma,Ten") == CSV
    for name, head, message in [
        ("a.xls", b"", "Excel 97-2003"),
        ("a.xlsx", b"abc", "không phải tệp Excel"),
        ("a.pdf", b"%PDF", "Chỉ nhận tệp Excel"),
    ]:
        with pytest.raises(SpreadsheetError, match=message):
            detect_format(name, head)


def test_reraise_as_keeps_the_message_in_the_callers_error_class():
    class MyError(SpreadsheetError):
        pass

    with pytest.raises(MyError, match="Chỉ nhận"), spreadsheets.reraise_as(MyError):
        detect_format("a.pdf", b"")


def test_formula_like_text_is_written_safely():
    assert formula_safe("=SUM(A1)") == "'=SUM(A1)"
    assert formula_safe("-1") == "'-1"
    assert formula_safe("Hòa") == "Hòa"
    output = io.StringIO()
    csv.writer(output).writerow([formula_safe("@cmd")])
    assert output.getvalue().strip() == "'@cmd"
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("A")
    sheet.append([formula_safe_cell(sheet, "=1+1"), formula_safe_cell(sheet, 5)])
    saved = io.BytesIO()
    workbook.save(saved)
    cells = next(load_workbook(saved).worksheets[0].iter_rows())
    assert (cells[0].value, cells[0].data_type) == ("=1+1", "s")
    assert cells[1].value == 5
    assert cell_text(formula_safe("=1+1")) == "=1+1"
