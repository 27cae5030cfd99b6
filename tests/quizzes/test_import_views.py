"""Admin screens of the question import and export: template, upload → preview → confirm, permissions."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from quizzes.bank_io.columns import HEADERS
from quizzes.import_views import SESSION_KEY
from quizzes.models import Question, QuestionType
from tests.factories import UserFactory, make_question
from units.roles import ADMINISTRATOR, LEARNER, MANAGER

pytestmark = pytest.mark.django_db

UPLOAD_URL = reverse("question_import:upload")
CONFIRM_URL = reverse("question_import:confirm")
TEMPLATE_URL = reverse("question_import:template")
LIST_URL = "/admin/snippets/quizzes/question/"


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(groups=[ADMINISTRATOR]))
    return client


def upload(name, rows, headers=HEADERS):
    workbook = Workbook()
    workbook.active.title = "Câu hỏi"
    workbook.active.append(list(headers))
    for row in rows:
        workbook.active.append([row.get(header) for header in headers])
    output = io.BytesIO()
    workbook.save(output)
    output.seek(0)
    output.name = name
    return output


def row(code, **overrides):
    values = {
        "Mã câu hỏi": code,
        "Danh mục": "An ninh mạng cơ bản",
        "Loại câu hỏi": "Một đáp án",
        "Nội dung câu hỏi": f"Câu hỏi {code}?",
        "Phương án A": "Có",
        "Phương án B": "Không",
        "Đáp án đúng": "A",
    }
    values.update(overrides)
    return values


def test_template_download_is_an_xlsx_with_the_headers(admin_client):
    response = admin_client.get(TEMPLATE_URL)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="mau-nhap-cau-hoi.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert [cell.value for cell in workbook["Câu hỏi"][1]] == HEADERS


def test_upload_form_says_nothing_is_imported_when_a_row_is_wrong(admin_client):
    response = admin_client.get(UPLOAD_URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Nếu có bất kỳ dòng nào sai, không câu hỏi nào được nhập" in content
    assert TEMPLATE_URL in content


def test_upload_preview_then_confirm_creates_the_questions(admin_client, category):
    response = admin_client.post(UPLOAD_URL, {"file": upload("cau-hoi.xlsx", [row("A-1"), row("A-2")])})
    assert response.status_code == 200
    content = response.content.decode()
    assert "2 câu hỏi sẽ được tạo mới" in content
    assert "Câu hỏi A-1?" in content
    assert Question.objects.count() == 0  # a preview writes nothing
    token = admin_client.session[SESSION_KEY]["token"]

    response = admin_client.post(CONFIRM_URL, {"token": token})
    assert response.status_code == 302
    assert response["Location"] == LIST_URL
    assert set(Question.objects.values_list("code", flat=True)) == {"A-1", "A-2"}
    assert SESSION_KEY not in admin_client.session
    messages = [str(message) for message in response.wsgi_request._messages]
    assert "2 câu hỏi mới" in messages[0]

    # The token is spent: posting it again imports nothing more.
    response = admin_client.post(CONFIRM_URL, {"token": token})
    assert response.status_code == 302 and response["Location"] == UPLOAD_URL
    assert Question.objects.count() == 2


def test_confirm_checks_the_rows_again(admin_client, category):
    admin_client.post(UPLOAD_URL, {"file": upload("cau-hoi.xlsx", [row("A-1")])})
    token = admin_client.session[SESSION_KEY]["token"]
    category.delete()  # the bank changed between preview and confirm
    response = admin_client.post(CONFIRM_URL, {"token": token})
    assert response.status_code == 200
    assert "Dòng 2: Danh mục &quot;An ninh mạng cơ bản&quot; chưa có" in response.content.decode()
    assert Question.objects.count() == 0


def test_cancel_drops_the_preview(admin_client, category):
    admin_client.post(UPLOAD_URL, {"file": upload("cau-hoi.xlsx", [row("A-1")])})
    token = admin_client.session[SESSION_KEY]["token"]
    response = admin_client.post(CONFIRM_URL, {"token": token, "cancel": "1"})
    assert response.status_code == 302
    assert SESSION_KEY not in admin_client.session
    assert Question.objects.count() == 0


def test_bad_file_shows_the_errors_by_row_and_creates_nothing(admin_client, category):
    rows = [row("A-1"), row("A-2", **{"Đáp án đúng": "E"}), row("A-3", **{"Loại câu hỏi": "Tự luận"})]
    response = admin_client.post(UPLOAD_URL, {"file": upload("cau-hoi.xlsx", rows)})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Dòng 3: Đáp án đúng &quot;E&quot; không có phương án tương ứng." in content
    assert "Dòng 4: Loại câu hỏi &quot;Tự luận&quot; không hợp lệ" in content
    assert "Không câu hỏi nào được nhập" in content
    assert SESSION_KEY not in admin_client.session
    assert 'name="token"' not in content
    assert Question.objects.count() == 0


def test_unreadable_file_gets_a_message_on_the_form(admin_client):
    broken = io.BytesIO(b"this is not a spreadsheet")
    broken.name = "cau-hoi.xlsx"
    response = admin_client.post(UPLOAD_URL, {"file": broken})
    assert response.status_code == 200
    assert "không phải tệp Excel .xlsx hợp lệ" in response.content.decode()


def test_listing_has_import_and_export_buttons_and_exports_the_filtered_bank(admin_client, category, questions):
    response = admin_client.get(LIST_URL)
    content = response.content.decode()
    assert UPLOAD_URL in content and TEMPLATE_URL in content and "Xuất Excel (.xlsx)" in content

    response = admin_client.get(LIST_URL, {"question_type": QuestionType.MULTIPLE, "export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["Câu hỏi"]
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert sheet.max_row == 1 + Question.objects.filter(question_type=QuestionType.MULTIPLE).count()

    response = admin_client.get(LIST_URL, {"export": "csv"})
    assert response.content.startswith("\ufeffMã câu hỏi".encode())


@pytest.mark.parametrize("role", [LEARNER, MANAGER])
def test_users_who_cannot_add_questions_are_kept_out(client, category, role):
    make_question(category, "Câu hỏi?", [("Có", True), ("Không", False)], code="A-1")
    client.force_login(UserFactory(groups=[role]))
    for response in (
        client.get(UPLOAD_URL),
        client.get(TEMPLATE_URL),
        client.post(UPLOAD_URL, {"file": upload("cau-hoi.xlsx", [row("B-1")])}),
        client.post(CONFIRM_URL, {"token": "x"}),
        client.get(LIST_URL, {"export": "xlsx"}),
    ):
        assert response.status_code in (302, 403)
        assert not response.get("Content-Disposition")
    assert Question.objects.count() == 1
