"""Import of a unit list from Excel or CSV: all rows checked, all or nothing, idempotent."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from tests.factories import make_unit
from units import reorganisation as reorg
from units.models import Unit, UnitKind
from units.unit_import import (
    HEADERS,
    ImportRejected,
    UnitFileError,
    apply_import,
    plan_import,
    read_upload,
    template_xlsx,
)

HEADER = list(HEADERS.values())


def xlsx(rows, header=HEADER):
    workbook = Workbook()
    workbook.active.append(header)
    for row in rows:
        workbook.active.append(list(row))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def csv_bytes(rows, delimiter=";"):
    lines = [delimiter.join(HEADER)] + [delimiter.join(row) for row in rows]
    return ("\ufeff" + "\n".join(lines)).encode()


GOOD = [
    ("31", "Thành phố Hải Phòng", "", "Tỉnh, thành phố"),
    ("31-SNV-TCBC", "Phòng Tổ chức, biên chế", "31-SNV", "phong, ban truc thuoc"),  # child before its parent
    ("31-SNV", "Sở Nội vụ", "31", "SỞ"),
    ("31-DOAN", "Tỉnh đoàn", "31", ""),
]


@pytest.mark.django_db
def test_a_good_file_creates_the_tree_parent_first_and_a_second_import_changes_nothing():
    table = read_upload("don-vi.xlsx", xlsx(GOOD))
    assert plan_import(table).ok
    assert tuple(apply_import(table)) == (4, 0, 0)
    division = Unit.objects.get(code="31-SNV-TCBC")
    assert division.get_parent().code == "31-SNV"
    assert division.kind == UnitKind.DIVISION
    assert Unit.objects.get(code="31-SNV").kind == UnitKind.DEPARTMENT
    assert Unit.objects.get(code="31-DOAN").kind == UnitKind.OTHER
    assert Unit.find_problems() == ([], [], [], [], [])

    again = read_upload("don-vi.csv", csv_bytes(GOOD))
    plan = plan_import(again)
    assert plan.ok and tuple(plan.counts) == (0, 0, 4)
    assert tuple(apply_import(again)) == (0, 0, 4)
    assert Unit.objects.count() == 4


@pytest.mark.django_db
def test_a_renamed_row_updates_the_name_in_place():
    apply_import(read_upload("a.xlsx", xlsx(GOOD)))
    rows = [GOOD[0], ("31-SNV", "Sở Nội vụ thành phố", "31", "Sở, ban, ngành")]
    assert tuple(apply_import(read_upload("a.xlsx", xlsx(rows)))) == (0, 1, 1)
    assert Unit.objects.get(code="31-SNV").name == "Sở Nội vụ thành phố"


@pytest.mark.django_db
def test_bad_rows_are_reported_by_row_and_nothing_is_written():
    make_unit("99", "Tỉnh khác")
    rows = [
        ("31", "Thành phố Hải Phòng", "", "Tỉnh"),
        ("31-A", "Đơn vị A", "KHONG-CO", "Khác"),  # line 3: unknown parent
        ("31", "Trùng mã", "", "Khác"),  # line 4: duplicate code
        ("31-X", "X", "31-Y", "Khác"),  # line 5: cycle X → Y → X
        ("31-Y", "Y", "31-X", "Khác"),
        ("31-B", "Đơn vị B", "31", "Hợp tác xã"),  # line 7: unknown kind
        ("99", "Tỉnh khác", "31", "Tỉnh"),  # line 8: existing unit under another parent
        ("31-C", "", "31", ""),  # line 9: no name
    ]
    table = read_upload("loi.xlsx", xlsx(rows))
    plan = plan_import(table)
    text = "\n".join(plan.errors)
    assert 'Dòng 3: mã đơn vị cấp trên "KHONG-CO" không có' in text
    assert 'Dòng 4: mã đơn vị "31" trùng với dòng 2.' in text
    assert "Dòng 5: các đơn vị 31-X → 31-Y → 31-X là cấp trên của nhau" in text
    assert 'Dòng 7: loại đơn vị "Hợp tác xã" không có trong danh sách' in text
    assert 'Dòng 8: đơn vị "99" đã có trong cây' in text
    assert "Dòng 9: thiếu tên đơn vị." in text
    with pytest.raises(ImportRejected):
        apply_import(table)
    assert list(Unit.objects.values_list("code", flat=True)) == ["99"]


@pytest.mark.django_db
def test_an_old_code_cannot_come_back_as_a_new_unit():
    unit = make_unit("31-OLD", "Đơn vị cũ")
    reorg.apply(reorg.plan_rename(unit, code="31-NEW"))
    plan = plan_import(read_upload("a.csv", csv_bytes([("31-OLD", "Đơn vị cũ", "", "")])))
    assert plan.errors == ['Dòng 2: mã "31-OLD" là mã cũ, nay là đơn vị "31-NEW": hãy dùng mã mới.']


def test_unreadable_files_get_a_clear_message():
    with pytest.raises(UnitFileError, match="thiếu cột"):
        read_upload("a.xlsx", xlsx([("1", "A")], header=["Mã", "Ghi chú"]))
    with pytest.raises(UnitFileError, match=".xls"):
        read_upload("a.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 100)
    with pytest.raises(UnitFileError, match="UTF-8"):
        read_upload("a.csv", "Mã đơn vị;Tên đơn vị\n1;Hòa".encode("latin-1", "replace") + b"\xe0\xff")
    with pytest.raises(UnitFileError, match="hỏng"):
        read_upload("a.xlsx", b"PK\x03\x04broken")


@pytest.mark.django_db
def test_the_template_imports_as_it_is():
    workbook = load_workbook(io.BytesIO(template_xlsx()))
    assert [cell.value for cell in workbook.worksheets[0][1]] == HEADER
    assert tuple(apply_import(read_upload("mau.xlsx", template_xlsx()))) == (3, 0, 0)
