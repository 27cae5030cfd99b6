"""The cadre import, without HTTP: good rows applied, bad rows reported by row, re-runs change nothing."""

import io
import unicodedata
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from tests.cadre_files import cadre_file, row, run_import, snapshot
from tests.factories import CadreFactory, UserFactory, make_unit
from units.cadre_import import CadreFileError, errors_xlsx, read_rows, template_xlsx
from units.cadre_import.files import XLSX
from units.models import Cadre, CadreCategory, Membership, UnitKind
from units.roles import LEARNER

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def agency(ward):
    return make_unit("31-SKHCN", "Sở Khoa học và Công nghệ", ward.get_parent(), UnitKind.DEPARTMENT)


def mixed_rows():
    return [
        row("HP000101", "Trần Văn Bảo", email="bao.tv@haiphong.gov.vn"),  # 2 good
        row("HP000102", "Lê Thị Cúc", unit="X99"),  # 3 unknown unit
        row("HP000103", "Phạm Văn Dũng", unit="31-skhcn", category="lanh dao quan ly"),  # 4 good
        row("HP000104", "Đỗ Thị Em", email="em@"),  # 5 bad email
        row("HP000105", "Vũ Văn Phúc"),  # 6 duplicate code
        row("HP000106", ""),  # 7 missing name
        row("HP000105", "Vũ Văn Phúc Hai"),  # 8 duplicate code
        row("HP000107", "Ngô Thị Giang", category="Bộ trưởng"),  # 9 unknown category
        row("HP000108", "Hồ Văn Hải", status="Tạm nghỉ"),  # 10 unknown status
        row("HP000109", "Bùi Thị Hoa", email="hp000001@example.vn"),  # 11 email of another cadre
        row("HP000110", "Đặng Văn Khoa", category="CAN BO, CONG CHUC CAP XA"),  # 12 good
        row("HP000001", "Nguyễn Văn An", position="Trưởng phòng", email="sai"),  # 13 existing cadre, bad email
    ]


def test_mixed_file_applies_exactly_the_good_rows_and_reports_each_bad_row(tmp_path, learner, agency):
    before = snapshot()
    result = run_import(cadre_file(tmp_path, mixed_rows()))

    assert (result.total_rows, result.created, result.updated, result.unchanged) == (12, 3, 0, 0)
    assert result.error_count == 9
    assert set(Cadre.objects.values_list("staff_code", flat=True)) == {"HP000001", "HP000101", "HP000103", "HP000110"}
    messages = {error["line"]: error["message"] for error in result.errors}
    assert sorted(messages) == [3, 5, 6, 7, 8, 9, 10, 11, 13]
    assert messages[3] == 'Dòng 3: Mã đơn vị "X99" không tồn tại.'
    assert messages[5] == 'Dòng 5: Email "em@" không hợp lệ.'
    assert "xuất hiện ở nhiều dòng (dòng 6, 8)" in messages[6] and "(dòng 6, 8)" in messages[8]
    assert messages[7] == "Dòng 7: Thiếu họ và tên."
    assert messages[9].startswith('Dòng 9: Đối tượng "Bộ trưởng" không có trong danh sách')
    assert messages[10].startswith('Dòng 10: Trạng thái "Tạm nghỉ" không hợp lệ')
    assert messages[11] == 'Dòng 11: Email "hp000001@example.vn" đã được dùng cho tài khoản khác.'
    assert messages[13] == 'Dòng 13: Email "sai" không hợp lệ.'
    # Nothing of a bad row is applied, not even the valid cells of an existing cadre's row.
    learner_cadre = Cadre.objects.get(staff_code="HP000001")
    assert learner_cadre.position == "Chuyên viên"
    assert [cadre for cadre in before["cadres"] if cadre[0] == "HP000001"] == [
        cadre for cadre in snapshot()["cadres"] if cadre[0] == "HP000001"
    ]
    # The good rows are complete: account, group, profile, open membership.
    leader = Cadre.objects.select_related("user", "unit").get(staff_code="HP000103")
    assert leader.unit == agency and leader.category == CadreCategory.LEADER
    assert leader.user.username == "HP000103" and not leader.user.has_usable_password()
    assert leader.user.groups.filter(name=LEARNER).exists()
    assert Cadre.objects.get(staff_code="HP000110").category == CadreCategory.COMMUNE_CADRE
    assert User.objects.get(username="HP000101").email == "bao.tv@haiphong.gov.vn"
    assert Membership.objects.filter(cadre__staff_code="HP000103", unit=agency, ended_on__isnull=True).exists()
    # The report keeps the row as written, for the error workbook.
    error = next(error for error in result.errors if error["line"] == 3)
    assert error["values"] == {
        "staff_code": "HP000102",
        "full_name": "Lê Thị Cúc",
        "unit_code": "X99",
        "position": "Chuyên viên",
        "category": "Công chức",
        "status": "Đang công tác",
    }


def test_the_same_file_twice_changes_nothing(tmp_path, learner, agency):
    path = cadre_file(tmp_path, mixed_rows())
    run_import(path)
    after_first = snapshot()
    again = run_import(path)
    assert (again.created, again.updated, again.deactivated) == (0, 0, 0)
    assert again.unchanged == 3 and again.error_count == 9
    assert snapshot() == after_first


def test_a_good_file_imported_twice_is_all_unchanged_the_second_time(tmp_path, ward):
    rows = [row(f"HP{number:06d}", email=f"cb{number}@example.vn") for number in range(200, 260)]
    path = cadre_file(tmp_path, rows, fmt="csv")
    first = run_import(path, chunk_rows=25)  # several chunks
    assert (first.created, first.error_count, first.processed_rows) == (60, 0, 60)
    state = snapshot()
    second = run_import(path, chunk_rows=25)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 60)
    assert snapshot() == state


def test_a_changed_unit_closes_the_old_membership_and_opens_one_in_the_new_unit(tmp_path, ward, agency, time_machine):
    time_machine.move_to(date(2026, 3, 1))
    run_import(cadre_file(tmp_path, [row("HP000300", unit="11311")]))
    time_machine.move_to(date(2026, 7, 1))
    result = run_import(cadre_file(tmp_path, [row("HP000300", unit="31-SKHCN")], name="moi.xlsx"))
    assert result.updated == 1
    periods = list(
        Membership.objects.filter(cadre__staff_code="HP000300")
        .order_by("started_on")
        .values_list("unit__code", "started_on", "ended_on")
    )
    assert periods == [("11311", date(2026, 3, 1), date(2026, 6, 30)), ("31-SKHCN", date(2026, 7, 1), None)]


def test_leaving_deactivates_the_account_keeps_the_records_and_coming_back_reactivates(tmp_path, ward, time_machine):
    time_machine.move_to(date(2026, 3, 1))
    run_import(cadre_file(tmp_path, [row("HP000400", "Lê Văn Cường")]))
    time_machine.move_to(date(2026, 9, 15))
    left_file = cadre_file(tmp_path, [row("HP000400", "Lê Văn Cường", status="Thôi công tác")], name="nghi.xlsx")
    result = run_import(left_file)
    assert (result.deactivated, result.updated, result.created) == (1, 0, 0)
    cadre = Cadre.objects.select_related("user").get(staff_code="HP000400")
    assert not cadre.user.is_active and cadre.left_on == date(2026, 9, 15)
    assert list(Membership.objects.filter(cadre=cadre).values_list("started_on", "ended_on")) == [
        (date(2026, 3, 1), date(2026, 9, 15))
    ]
    time_machine.move_to(date(2026, 9, 20))
    assert run_import(left_file).unchanged == 1  # the date of leaving is kept
    assert Cadre.objects.get(pk=cadre.pk).left_on == date(2026, 9, 15)

    time_machine.move_to(date(2027, 1, 5))
    back = run_import(cadre_file(tmp_path, [row("HP000400", "Lê Văn Cường")], name="quay-lai.xlsx"))
    assert back.updated == 1
    cadre.refresh_from_db()
    cadre.user.refresh_from_db()
    assert cadre.user.is_active and cadre.left_on is None
    assert Membership.objects.get(cadre=cadre, ended_on__isnull=True).started_on == date(2027, 1, 5)
    assert Membership.objects.filter(cadre=cadre).count() == 2


def test_csv_with_bom_semicolons_and_decomposed_text_is_normalised(tmp_path, ward):
    nfd = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731
    path = tmp_path / "can-bo.csv"
    lines = [
        ";".join(nfd(h) for h in ("Mã cán bộ", "Họ và tên", "Mã đơn vị", "Chức vụ", "Đối tượng", "Trạng thái")),
        ";".join(nfd(v) for v in ("hp 000500", "Nguyễn  Thị Hoà", "11311", "Chuyên viên", "VIÊN CHỨC", "")),
    ]
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8"))
    result = run_import(path)
    assert (result.created, result.error_count) == (1, 0)
    cadre = Cadre.objects.get(staff_code="HP000500")
    assert cadre.full_name == "Nguyễn Thị Hòa" == unicodedata.normalize("NFC", cadre.full_name)
    assert cadre.category == CadreCategory.PUBLIC_EMPLOYEE


def test_an_import_keeps_an_administrators_staff_flag(tmp_path, ward):
    cadre = CadreFactory(staff_code="HP000600", unit=ward)
    cadre.user.is_staff = True
    cadre.user.save()
    result = run_import(cadre_file(tmp_path, [row("HP000600", "Nguyễn Văn An", position="Trưởng phòng")]))
    assert result.updated == 1
    assert User.objects.get(pk=cadre.user_id).is_staff


def test_a_staff_code_that_is_another_accounts_login_name_is_rejected(tmp_path, ward):
    other = UserFactory(username="hp000700")
    result = run_import(cadre_file(tmp_path, [row("HP000700")]))
    assert result.error_count == 1 and "trùng tên đăng nhập" in result.errors[0]["message"]
    assert not Cadre.objects.filter(staff_code="HP000700").exists()
    assert not hasattr(User.objects.get(pk=other.pk), "cadre")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("can-bo.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 100, ".xls (Excel 97-2003) không được hỗ trợ"),
        ("can-bo.xlsx", b"PK\x03\x04 not really a zip", "Tệp Excel bị hỏng"),
        ("can-bo.csv", "Mã cán bộ,Họ và tên\n".encode("utf-16"), "phải lưu ở mã UTF-8"),
        ("can-bo.csv", "Mã cán bộ,Họ và tên,Mã đơn vị\n".encode() + b"HP1,L\xea V\xe3n A,11311\n", "không ở mã UTF-8"),
        ("can-bo.csv", "Mã cán bộ,Họ và tên\nHP1,Lê Văn A\n".encode(), 'Thiếu cột "Mã đơn vị"'),
        ("can-bo.csv", "Tên,Tuổi\nA,3\n".encode(), "không phải dòng tiêu đề"),
        ("can-bo.csv", "Mã cán bộ,Họ và tên,Mã đơn vị\n".encode(), "chưa có cán bộ nào"),
        ("can-bo.pdf", b"%PDF-1.4", "Chỉ nhận tệp Excel (.xlsx) hoặc CSV"),
    ],
)
def test_an_unreadable_file_is_refused_with_a_clear_message_and_changes_nothing(tmp_path, ward, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    before = snapshot()
    with pytest.raises(CadreFileError, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        run_import(path)
    assert snapshot() == before


def test_template_has_the_vietnamese_headers_and_a_guide_and_reads_back_empty():
    workbook = load_workbook(io.BytesIO(template_xlsx()), read_only=True)
    assert workbook.sheetnames == ["Cán bộ", "Hướng dẫn"]
    header = next(workbook["Cán bộ"].iter_rows(values_only=True))
    assert list(header) == ["Mã cán bộ", "Họ và tên", "Mã đơn vị", "Chức vụ", "Đối tượng", "Email", "Trạng thái"]
    guide = " ".join(str(cell) for line in workbook["Hướng dẫn"].iter_rows(values_only=True) for cell in line if cell)
    assert "Lãnh đạo, quản lý" in guide and "Thôi công tác" in guide and "dòng có lỗi bị bỏ qua" in guide
    assert list(read_rows(io.BytesIO(template_xlsx()), XLSX)) == []


def test_error_workbook_holds_the_rows_as_written_with_a_loi_column_and_imports_again(tmp_path, ward):
    result = run_import(cadre_file(tmp_path, [row("HP000800", unit="X1"), row("HP000801", email="=cmd|x")], fmt="csv"))
    assert result.error_count == 2
    data = errors_xlsx(result.errors)
    sheet = load_workbook(io.BytesIO(data))["Cán bộ"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-1] == "Lỗi" and rows[1][0] == "HP000800" and rows[1][2] == "X1"
    assert rows[1][-1] == 'Dòng 2: Mã đơn vị "X1" không tồn tại.'
    assert sheet.cell(row=3, column=6).data_type == "s"  # formula-like text stays text
    # Fixed and uploaded again, the "Lỗi" column is ignored.
    sheet.cell(row=2, column=3).value = "11311"
    sheet.cell(row=3, column=6).value = "hp801@example.vn"
    fixed = tmp_path / "da-sua.xlsx"
    sheet.parent.save(fixed)
    again = run_import(fixed)
    assert (again.created, again.error_count) == (2, 0)
