"""The question bank's Excel/CSV import and export (quizzes.bank_io), on real files built with openpyxl."""

import io
import re
import unicodedata
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from quizzes import bank_io
from quizzes.bank_io.columns import HEADERS
from quizzes.models import Difficulty, Question, QuestionCategory, QuestionType, Scoring
from tests.factories import make_question

pytestmark = pytest.mark.django_db


def xlsx(rows, headers=HEADERS):
    """A real .xlsx file: the header row, then one row per dict of {header: value}."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Câu hỏi"
    sheet.append(list(headers))
    for row in rows:
        sheet.append([row.get(header) for header in headers])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def good_row(**overrides):
    row = {
        "Mã câu hỏi": "ATTT-01",
        "Danh mục": "An ninh mạng cơ bản",
        "Độ khó": "Dễ",
        "Loại câu hỏi": "Một đáp án",
        "Điểm": 1,
        "Nội dung câu hỏi": "Mật khẩu nào mạnh nhất?",
        "Phương án A": "123456",
        "Phương án B": "Mùa@Thu2026!dài",
        "Phương án C": "matkhau",
        "Đáp án đúng": "B",
        "Phản hồi A": "Quá ngắn.",
        "Giải thích": "Mật khẩu dài và đa dạng ký tự.",
        "Thẻ": "mật khẩu, an toàn",
    }
    row.update(overrides)
    return row


def import_xlsx(rows):
    return bank_io.import_file("cau-hoi.xlsx", xlsx(rows))


def test_template_has_the_vietnamese_headers_and_a_guide_with_examples():
    workbook = load_workbook(io.BytesIO(bank_io.template_xlsx()))
    assert workbook.sheetnames == ["Câu hỏi", "Hướng dẫn"]
    headers = [cell.value for cell in workbook["Câu hỏi"][1]]
    for expected in (
        "Mã câu hỏi",
        "Danh mục",
        "Chủ đề",
        "Độ khó",
        "Loại câu hỏi",
        "Cách chấm",
        "Điểm",
        "Nội dung câu hỏi",
        "Phương án A",
        "Phương án F",
        "Đáp án đúng",
        "Phản hồi A",
        "Phản hồi F",
        "Giải thích",
        "Thẻ",
    ):
        assert expected in headers
    assert workbook["Câu hỏi"].max_row == 1
    guide = [row[0] for row in workbook["Hướng dẫn"].iter_rows(values_only=True)]
    assert "Đáp án đúng" in guide and "ATTT-001" in guide


def test_template_imports_as_an_empty_file_with_a_clear_message():
    with pytest.raises(bank_io.BankFileError, match="chưa có câu hỏi nào"):
        bank_io.read_upload("mau.xlsx", bank_io.template_xlsx())


def test_good_file_creates_questions_with_options_key_feedback_and_tags(category):
    result = import_xlsx(
        [
            good_row(),
            good_row(
                **{
                    "Mã câu hỏi": "",
                    "Loại câu hỏi": "nhieu dap an",
                    "Cách chấm": "Từng phần",
                    "Điểm": "1,5",
                    "Nội dung câu hỏi": "Dấu hiệu thư giả mạo?\nChọn mọi đáp án đúng.",
                    "Đáp án đúng": "A, C",
                    "Thẻ": "Mật khẩu",
                }
            ),
            good_row(
                **{
                    "Mã câu hỏi": "KNS-01",
                    "Danh mục": "Kỹ năng số cơ bản",
                    "Chủ đề": "Kỹ năng số",
                    "Loại câu hỏi": "Đúng-Sai",
                    "Phương án A": None,
                    "Phương án B": None,
                    "Phương án C": None,
                    "Phản hồi A": None,
                    "Đáp án đúng": "b",
                    "Thẻ": None,
                }
            ),
        ]
    )
    assert (result.created, result.updated, result.new_categories) == (3, 0, 1)

    single = Question.objects.get(code="ATTT-01")
    assert single.category == category
    assert (single.difficulty, single.question_type, single.points) == (Difficulty.EASY, QuestionType.SINGLE, 1)
    assert single.stem == "<p>Mật khẩu nào mạnh nhất?</p>"
    options = list(single.options.order_by("sort_order").values_list("text", "is_correct", "feedback"))
    assert options == [("123456", False, "Quá ngắn."), ("Mùa@Thu2026!dài", True, ""), ("matkhau", False, "")]
    assert sorted(single.tags.names()) == ["an toàn", "mật khẩu"]

    multiple = Question.objects.get(code=None)
    assert (multiple.question_type, multiple.scoring) == (QuestionType.MULTIPLE, Scoring.PARTIAL)
    assert multiple.points == Decimal("1.5")
    assert multiple.stem == "<p>Dấu hiệu thư giả mạo?</p><p>Chọn mọi đáp án đúng.</p>"
    assert list(multiple.options.filter(is_correct=True).values_list("text", flat=True)) == ["123456", "matkhau"]
    assert list(multiple.tags.names()) == ["mật khẩu"]  # the existing tag, whatever its case in the file

    true_false = Question.objects.get(code="KNS-01")
    assert true_false.category.topic == "digital_skills"
    assert list(true_false.options.values_list("text", "is_correct")) == [("Đúng", False), ("Sai", True)]


def test_csv_with_bom_semicolons_and_nfd_text_is_normalised(category):
    stem = unicodedata.normalize("NFD", "Luật An ninh mạng quy định gì về dữ liệu cá nhân?")
    old_style = unicodedata.normalize("NFD", "Hoà giải")  # old tone placement, decomposed
    lines = [
        ";".join(HEADERS[:16]),
        ";".join(
            [
                "ANM-01",
                unicodedata.normalize("NFD", "An ninh mạng cơ bản"),
                "",
                "Trung bình",
                "Một đáp án",
                "",
                "1",
                stem,
                old_style,
                "Bảo vệ",
                "",
                "",
                "",
                "",
                "B",
                "",
            ]
        ),
    ]
    data = ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")
    result = bank_io.import_file("cau-hoi.csv", data)
    assert result.created == 1
    question = Question.objects.get(code="ANM-01")
    assert question.category == category
    assert question.stem == "<p>Luật An ninh mạng quy định gì về dữ liệu cá nhân?</p>"
    assert unicodedata.is_normalized("NFC", question.stem)
    assert question.options.get(sort_order=0).text == "Hòa giải"


def test_csv_that_is_not_utf8_is_refused_with_a_clear_message(category):
    data = ",".join(HEADERS).encode("cp1258", errors="replace") + "\nx,Đúng".encode("utf-16")
    with pytest.raises(bank_io.BankFileError, match="UTF-8"):
        bank_io.read_upload("cau-hoi.csv", data)


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("cau-hoi.xlsx", b"not a zip file at all", "không phải tệp Excel .xlsx hợp lệ"),
        ("cau-hoi.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "Excel 97-2003"),
        ("cau-hoi.pdf", b"%PDF-1.7", "Chỉ nhận tệp Excel (.xlsx) hoặc CSV"),
        ("cau-hoi.xlsx", b"PK\x03\x04broken", "Tệp Excel bị hỏng"),
    ],
)
def test_unreadable_or_wrong_files_get_a_vietnamese_message(name, data, message):
    with pytest.raises(bank_io.BankFileError, match=re.escape(message)):
        bank_io.read_upload(name, data)


def test_file_too_large_is_refused(settings):
    with pytest.raises(bank_io.BankFileError, match="lớn hơn 10 MB"):
        bank_io.read_upload("x.csv", b"a" * (bank_io.MAX_UPLOAD_BYTES + 1))


def test_header_with_unknown_and_missing_columns_is_refused():
    headers = [header for header in HEADERS if header != "Đáp án đúng"] + ["Ghi chú"]
    with pytest.raises(bank_io.BankFileError) as caught:
        bank_io.read_upload("x.xlsx", xlsx([good_row()], headers))
    assert 'Cột "Ghi chú"' in str(caught.value)
    assert 'Thiếu cột "Đáp án đúng"' in str(caught.value)


def test_data_in_a_column_without_header_is_an_error_of_its_row(category):
    headers = [*HEADERS, None]
    with pytest.raises(bank_io.ImportRejected) as caught:
        bank_io.import_file(
            "x.xlsx", xlsx([good_row(), {**good_row(**{"Mã câu hỏi": "B-1"}), None: "ghi chú"}], headers)
        )
    column = chr(ord("A") + len(HEADERS))
    assert caught.value.errors == [f"Dòng 3: ô ở cột {column} có dữ liệu nhưng cột không có tiêu đề."]
    assert Question.objects.count() == 0


def test_headers_match_without_diacritics_or_case():
    headers = [unicodedata.normalize("NFD", header).upper() for header in HEADERS]
    values = [good_row().get(header) for header in HEADERS]
    table = bank_io.read_upload("x.xlsx", xlsx([dict(zip(headers, values, strict=True))], headers))
    assert table.rows[0][1]["category"] == "An ninh mạng cơ bản"


def test_a_file_with_bad_rows_imports_nothing_and_names_each_row_and_problem(category):
    rows = [
        good_row(),  # line 2: fine
        good_row(**{"Mã câu hỏi": "ATTT-02", "Danh mục": "Danh mục không có"}),  # 3
        good_row(**{"Mã câu hỏi": "ATTT-03", "Độ khó": "Rất khó", "Loại câu hỏi": "Tự luận"}),  # 4
        good_row(**{"Mã câu hỏi": "ATTT-04", "Nội dung câu hỏi": None}),  # 5
        good_row(**{"Mã câu hỏi": "ATTT-05", "Phương án B": None, "Phương án C": None, "Đáp án đúng": "A"}),  # 6
        good_row(**{"Mã câu hỏi": "ATTT-06", "Đáp án đúng": "E"}),  # 7
        good_row(**{"Mã câu hỏi": "ATTT-07", "Đáp án đúng": "A, B"}),  # 8: two keys for a single-answer question
        good_row(),  # 9: same code as line 2
        good_row(**{"Mã câu hỏi": "ATTT-08", "Điểm": "0"}),  # 10
        good_row(**{"Mã câu hỏi": "ATTT-09", "Điểm": "một"}),  # 11
        good_row(**{"Mã câu hỏi": "ATTT-10", "Phương án B": None}),  # 12: a gap between A and C
    ]
    with pytest.raises(bank_io.ImportRejected) as caught:
        import_xlsx(rows)
    errors = caught.value.errors
    assert errors[0].startswith('Dòng 3: Danh mục "Danh mục không có" chưa có')
    assert 'Dòng 4: Độ khó "Rất khó" không hợp lệ: dùng Dễ, Trung bình hoặc Khó.' in errors
    assert any(error.startswith('Dòng 4: Loại câu hỏi "Tự luận" không hợp lệ') for error in errors)
    assert "Dòng 5: Thiếu nội dung câu hỏi." in errors
    assert "Dòng 6: Cần ít nhất hai phương án (A và B)." in errors
    assert 'Dòng 7: Đáp án đúng "E" không có phương án tương ứng.' in errors
    assert "Dòng 8: Câu một đáp án phải có đúng một phương án đúng." in errors
    assert 'Dòng 9: Mã câu hỏi "ATTT-01" trùng với dòng 2.' in errors
    assert any(error.startswith('Dòng 10: Điểm "0" phải lớn hơn 0') for error in errors)
    assert 'Dòng 11: Điểm "một" không phải là số.' in errors
    assert any(error.startswith("Dòng 12: Phương án B trống") for error in errors)
    assert not any(error.startswith("Dòng 2:") for error in errors)
    assert Question.objects.count() == 0
    assert QuestionCategory.objects.count() == 1


def test_update_by_code_replaces_fields_options_and_tags(category):
    import_xlsx([good_row()])
    question = Question.objects.get(code="ATTT-01")
    option_ids = list(question.options.order_by("sort_order").values_list("pk", flat=True))

    result = import_xlsx(
        [
            good_row(
                **{
                    "Mã câu hỏi": "attt-01",
                    "Độ khó": "Khó",
                    "Nội dung câu hỏi": "Mật khẩu nào an toàn nhất?",
                    "Phương án C": None,
                    "Đáp án đúng": "A",
                    "Thẻ": "mật khẩu",
                }
            )
        ]
    )
    assert (result.created, result.updated) == (0, 1)
    question.refresh_from_db()
    assert question.difficulty == Difficulty.HARD
    assert question.stem == "<p>Mật khẩu nào an toàn nhất?</p>"
    options = list(question.options.order_by("sort_order").values_list("pk", "text", "is_correct"))
    assert options == [(option_ids[0], "123456", True), (option_ids[1], "Mùa@Thu2026!dài", False)]
    assert list(question.tags.names()) == ["mật khẩu"]
    assert Question.objects.count() == 1


def test_reimporting_an_export_changes_nothing(questions):
    questions[0].code = "ATTT-01"
    questions[0].stem = "<p><b>Mật khẩu</b> nào mạnh nhất?</p>"
    questions[0].save()
    questions[0].tags.add("mật khẩu")
    questions[0].save()
    before = {question.pk: (question.stem, question.updated_at) for question in Question.objects.all()}

    exported = bank_io.export_xlsx(Question.objects.all())
    codes = dict(Question.objects.values_list("pk", "code"))
    assert all(codes.values())  # questions without a code got one, so that they import back onto themselves
    for name, data in (("bank.xlsx", exported), ("bank.csv", bank_io.export_csv(Question.objects.all()))):
        result = bank_io.import_file(name, data)
        assert (result.created, result.updated, result.unchanged) == (0, 0, len(questions))
    after = {question.pk: (question.stem, question.updated_at) for question in Question.objects.all()}
    assert after == before  # formatting kept, nothing touched
    assert load_workbook(io.BytesIO(exported))["Câu hỏi"].max_row == len(questions) + 1


def test_export_writes_formula_like_text_as_text(category):
    make_question(category, "Chọn biểu thức", [("=1+1", True), ("@SUM(A1)", False)], code="F-01")
    sheet = load_workbook(io.BytesIO(bank_io.export_xlsx(Question.objects.all())))["Câu hỏi"]
    values = [cell.value for cell in sheet[2]]
    assert "=1+1" in values and "@SUM(A1)" in values
    assert sheet.cell(row=2, column=HEADERS.index("Phương án A") + 1).data_type == "s"
    csv_text = bank_io.export_csv(Question.objects.all()).decode("utf-8-sig")
    assert "'=1+1" in csv_text
    result = bank_io.import_file("bank.csv", bank_io.export_csv(Question.objects.all()))
    assert result.unchanged == 1


def test_plan_tells_new_updated_and_unchanged_rows_apart(category):
    import_xlsx([good_row()])
    table = bank_io.read_upload(
        "x.xlsx",
        xlsx(
            [
                good_row(),
                good_row(**{"Mã câu hỏi": "ATTT-02"}),
                good_row(**{"Mã câu hỏi": "ATTT-01", "Điểm": 2}),
            ]
        ),
    )
    plan = bank_io.plan_import(table.rows)
    assert plan.errors == ['Dòng 4: Mã câu hỏi "ATTT-01" trùng với dòng 2.']
    table = bank_io.read_upload("x.xlsx", xlsx([good_row(), good_row(**{"Mã câu hỏi": "ATTT-02", "Điểm": 2})]))
    plan = bank_io.plan_import(table.rows)
    assert plan.ok and plan.actions == {2: bank_io.UNCHANGED, 3: bank_io.CREATE}
