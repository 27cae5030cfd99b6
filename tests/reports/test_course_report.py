"""The course report (every cadre in scope in one course) and the cadre transcript: pages, filters, scope, files."""

import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from courses import progress
from courses.models import Assignment, CourseCompletion, CoursePage, Enrolment
from quizzes import attempts
from quizzes.models import Question, QuestionCategory, QuestionOption, Quiz, QuizQuestion
from reports import counters
from reports.models import ReportExport
from tests.factories import CadreFactory, UserFactory, publish
from tests.reports.helpers import course_report
from units.models import CadreCategory
from units.roles import MANAGER

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
ENROLLED = datetime(2026, 2, 2, 8, 0, tzinfo=HCM)
COURSE_HEADINGS = [
    "Họ và tên",
    "Mã cán bộ",
    "Đơn vị",
    "Chức vụ",
    "Đối tượng",
    "Trạng thái",
    "Ngày ghi danh",
    "Hoạt động gần nhất",
    "Ngày hoàn thành",
    "Điểm (%)",
    "Số lượt làm bài",
]


class Cells(HTMLParser):
    """The text of every cell of every body row of the report tables of a page, and the links of the row headers."""

    def __init__(self):
        super().__init__()
        self.rows, self.links, self._row, self._cell, self._in_body = [], [], None, None, False
        self._in_report = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._in_report = "listing" in (dict(attrs).get("class") or "").split()
        elif tag == "tbody" and self._in_report:
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "a" and self._cell is not None and not self._row:
            self.links.append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._in_body = False
        elif tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def table(response):
    parser = Cells()
    parser.feed(response.content.decode())
    return parser


# A quiz lesson completed the way a learner does it


def make_quiz():
    category = QuestionCategory.objects.create(name="An ninh mạng", topic="security")
    quiz = Quiz.objects.create(title="Kiểm tra cuối khóa", pass_mark=60, max_attempts=3)
    for number in range(1, 3):
        question = Question.objects.create(category=category, stem=f"<p>Câu hỏi {number}</p>", points=Decimal(1))
        QuestionOption.objects.create(question=question, text="Đúng", is_correct=True, sort_order=0)
        QuestionOption.objects.create(question=question, text="Sai", is_correct=False, sort_order=1)
        QuizQuestion.objects.create(quiz=quiz, question=question, sort_order=number)
    return quiz


def take_quiz(user, quiz, lesson, right):
    attempt = attempts.start_attempt(user, quiz, lesson=lesson)
    answers = {
        row.position: [option for option in row.option_order if (option in row.correct_option_ids) == right][:1]
        for row in attempt.questions.all()
    }
    return attempts.finish(attempt.pk, user, answers=answers)


def finish_course(user, course, lessons, quiz, clock):
    """Enrol, fail the quiz once, complete the three required lessons; the last one by passing the quiz."""
    progress.enrol(user, course)
    take_quiz(user, quiz, lessons["kiem-tra"], right=False)
    progress.mark_complete(user, lessons["mat-khau"])
    progress.record_visit(user, lessons["thu-gia-mao"], course)
    for _beat in range(5):
        clock.shift(timedelta(seconds=30))
        progress.record_time(user, lessons["thu-gia-mao"])
    clock.shift(timedelta(hours=3))
    take_quiz(user, quiz, lessons["kiem-tra"], right=True)


@pytest.fixture
def people(tree, course, lessons, time_machine):
    """Learners of the department and its division in every state, one outside, one who has left."""
    quiz = make_quiz()
    lessons["kiem-tra"].body = [{"type": "quiz", "value": {"quiz": quiz.pk, "intro": "Làm bài để hoàn thành."}}]
    lessons["kiem-tra"].save_revision().publish()
    department, division = tree["department"], tree["division"]
    cadres = {
        "an": CadreFactory(
            staff_code="SOTT001",
            full_name="Nguyễn Văn An",
            unit=department,
            category=CadreCategory.LEADER,
            position="Phó Giám đốc",
        ),
        "binh": CadreFactory(staff_code="SOTT002", full_name="Trần Thị Bình", unit=division),
        "cuong": CadreFactory(
            staff_code="SOTT003",
            full_name="Lê Văn Cường",
            unit=division,
            category=CadreCategory.PUBLIC_EMPLOYEE,
            position="",
        ),
        "dung": CadreFactory(staff_code="SOTT004", full_name="Phạm Thị Dung", unit=department),
        "em": CadreFactory(staff_code="SONV001", full_name="Hoàng Văn Em", unit=tree["other"]),
        "left": CadreFactory(
            staff_code="SOTT009", full_name="Đỗ Văn Nghỉ", unit=department, left_on=date(2025, 12, 31)
        ),
    }
    time_machine.move_to(ENROLLED, tick=False)
    finish_course(cadres["an"].user, course, lessons, quiz, time_machine)
    enrolment = progress.enrol(cadres["binh"].user, course)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        enrolled_at=datetime(2026, 1, 5, 9, tzinfo=HCM), last_activity_at=datetime(2026, 2, 20, 23, 30, tzinfo=HCM)
    )
    # Completed through an earlier system: no enrolment, a completion at 01:30 local time (the UTC day before).
    CourseCompletion.objects.create(
        user=cadres["dung"].user,
        course=course,
        course_title=course.title,
        completed_at=datetime(2026, 3, 1, 1, 30, tzinfo=HCM),
        score=Decimal("92.50"),
        lessons_completed=3,
        lessons_required=3,
    )
    progress.enrol(cadres["em"].user, course)
    time_machine.move_to(datetime(2026, 3, 10, 9, tzinfo=HCM), tick=False)
    counters.rebuild()
    return cadres


@pytest.fixture
def other_manager(tree):
    user = UserFactory(username="quanly-sonv", groups=[MANAGER])
    tree["other"].managers.add(user)
    return user


def digital_course():
    return CoursePage(title="Chữ ký số", slug="chu-ky-so", topic="digital_skills", summary="Ký số văn bản điện tử.")


def course_url(unit, course, **extra):
    query = "".join(f"&{key}={value}" for key, value in extra.items())
    return f"{reverse('unit_reports:course')}?unit={unit.pk}&subject=course-{course.pk}{query}"


def export_url(unit, course, fmt, **extra):
    return course_url(unit, course, **extra).replace(
        reverse("unit_reports:course"), reverse("unit_reports:course_export", args=[fmt])
    )


def test_course_report_lists_every_cadre_in_scope_with_status_dates_score_and_attempts(
    client, tree, course, people, manager
):
    client.force_login(manager)
    response = client.get(course_url(tree["department"], course))
    assert response.status_code == 200
    completion = CourseCompletion.objects.get(user=people["an"].user)
    assert completion.score == Decimal("100.00")
    an_enrolment = Enrolment.objects.get(user=people["an"].user)
    rows = table(response).rows
    assert rows == [
        [
            "Nguyễn Văn An",
            "SOTT001",
            "Sở Thông tin",
            "Phó Giám đốc",
            "Lãnh đạo, quản lý",
            "Đã hoàn thành",
            "02/02/2026",
            f"{an_enrolment.last_activity_at.astimezone(HCM):%d/%m/%Y}",
            "02/02/2026",
            "100",
            "2",
        ],
        [
            "Phạm Thị Dung",
            "SOTT004",
            "Sở Thông tin",
            "Chuyên viên",
            "Công chức",
            "Đã hoàn thành",
            "—",
            "—",
            "01/03/2026",
            "92,50",
            "0",
        ],
        ["Lê Văn Cường", "SOTT003", "Phòng Bưu chính", "—", "Viên chức", "Chưa bắt đầu", "—", "—", "—", "—", "0"],
        [
            "Trần Thị Bình",
            "SOTT002",
            "Phòng Bưu chính",
            "Chuyên viên",
            "Công chức",
            "Đang học",
            "05/01/2026",
            "20/02/2026",
            "—",
            "—",
            "0",
        ],
    ]
    html = response.content.decode()
    assert "Hoàng Văn Em" not in html and "Đỗ Văn Nghỉ" not in html
    assert "4 cán bộ" in html and 'role="region"' in html and "<caption" in html
    transcript = reverse("unit_reports:transcript", args=[people["an"].pk])
    assert table(response).links[0].startswith(f"{transcript}?unit={tree['department'].pk}")


def test_the_report_order_is_the_unit_tree_then_the_name(client, tree, course, people, manager):
    """The department's own members come before its division's (tree order), then by full name as written."""
    client.force_login(manager)
    names = [row[0] for row in table(client.get(course_url(tree["department"], course))).rows]
    assert names == ["Nguyễn Văn An", "Phạm Thị Dung", "Lê Văn Cường", "Trần Thị Bình"]


def test_category_sub_units_and_status_filters(client, tree, course, people, manager):
    client.force_login(manager)
    department = tree["department"]

    def codes(**extra):
        response = client.get(course_url(department, course, **extra))
        assert response.status_code == 200
        return [row[1] for row in table(response).rows]

    assert codes(subunits="0") == ["SOTT001", "SOTT004"]
    assert codes(category="leader") == ["SOTT001"]
    assert codes(category="public_employee") == ["SOTT003"]
    assert codes(status="completed") == ["SOTT001", "SOTT004"]
    assert codes(status="in_progress") == ["SOTT002"]
    assert codes(status="not_started") == ["SOTT003"]
    assert codes(status="completed", subunits="0", category="civil_servant") == ["SOTT004"]
    assert codes(status="bogus") == ["SOTT001", "SOTT004", "SOTT003", "SOTT002"]  # an unknown status is ignored


def test_pagination_pages_through_every_cadre_once_and_keeps_the_filters(client, tree, course, manager):
    division = tree["division"]
    for number in range(120):
        CadreFactory(staff_code=f"P{number:04d}", full_name=f"Cán bộ {number:04d}", unit=division)
    client.force_login(manager)
    seen = []
    for page in (1, 2, 3):
        response = client.get(course_url(division, course, category="civil_servant", p=page))
        rows = table(response).rows
        assert len(rows) == (50 if page < 3 else 20)
        assert f"Trang {page}/3" in response.content.decode()
        seen += [row[1] for row in rows]
        if page == 2:  # the transcript's "back" link returns to this page
            assert table(response).links[0].endswith("&category=civil_servant&p=2")
    assert seen == [f"P{number:04d}" for number in range(120)]
    html = client.get(course_url(division, course, category="civil_servant")).content.decode()
    assert f"?unit={division.pk}&amp;subject=course-{course.pk}&amp;category=civil_servant&amp;p=2" in html


def test_without_a_single_course_the_page_asks_to_choose_one(client, tree, course, people, manager, catalogue):
    publish(catalogue, digital_course())
    assignment = Assignment.objects.create(
        title="Đợt 2026", unit=tree["province"], starts_on=date(2026, 1, 1), due_on=date(2026, 3, 31)
    )
    client.force_login(manager)
    for query in ("", "&subject=topic-security", f"&subject=assignment-{assignment.pk}"):
        response = client.get(f"{reverse('unit_reports:course')}?unit={tree['department'].pk}{query}")
        assert response.status_code == 200
        html = response.content.decode()
        assert "hãy chọn khóa học" in html
        assert f'<option value="course-{course.pk}">An ninh mạng cho cán bộ</option>' in html
        assert "Chữ ký số" in html and "Đợt 2026" not in html  # courses only
        assert not table(response).rows


def test_a_manager_outside_the_scope_gets_403_everywhere(client, tree, course, people, manager, other_manager):
    client.force_login(other_manager)
    urls = [
        course_url(tree["department"], course),
        export_url(tree["department"], course, "xlsx"),
        export_url(tree["department"], course, "csv"),
        reverse("unit_reports:transcript", args=[people["an"].pk]),
        reverse("unit_reports:transcript_export", args=[people["an"].pk, "xlsx"]),
        reverse("unit_reports:transcript_export", args=[people["an"].pk, "csv"]),
    ]
    for url in urls:
        assert client.get(url).status_code == 403, url
    assert client.get(reverse("unit_reports:transcript", args=[people["em"].pk])).status_code == 200
    client.force_login(manager)
    assert client.get(course_url(tree["province"], course)).status_code == 403
    assert client.get(reverse("unit_reports:transcript", args=[people["em"].pk])).status_code == 403
    assert client.get(reverse("unit_reports:transcript_export", args=[people["em"].pk, "xlsx"])).status_code == 403
    assert client.get(reverse("unit_reports:transcript", args=[999999])).status_code == 404
    assert not ReportExport.objects.exists()


def test_small_course_exports_are_answered_directly_with_the_rows_of_the_report(
    client, tree, course, people, manager, settings
):
    settings.REPORT_EXPORT_SYNC_ROWS = 4
    client.force_login(manager)
    department = tree["department"]
    response = client.get(export_url(department, course, "xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-khoa-hoc-sott-20260310.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0].startswith("An ninh mạng cho cán bộ – Sở Thông tin (10/03/2026)")
    assert list(values[1]) == COURSE_HEADINGS
    lines = course_report(manager, department, course)
    assert [row[1] for row in values[2:]] == [line.staff_code for line in lines]
    dung = values[3]
    assert dung[:6] == ("Phạm Thị Dung", "SOTT004", "Sở Thông tin", "Chuyên viên", "Công chức", "Đã hoàn thành")
    assert dung[6:] == (None, None, datetime(2026, 3, 1), 92.5, 0)
    assert sheet.cell(row=4, column=9).number_format == "dd/mm/yyyy"

    body = client.get(export_url(department, course, "csv", status="in_progress")).content
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows == [
        COURSE_HEADINGS,
        [
            "Trần Thị Bình",
            "SOTT002",
            "Phòng Bưu chính",
            "Chuyên viên",
            "Công chức",
            "Đang học",
            "05/01/2026",
            "20/02/2026",
            "",
            "",
            "0",
        ],
    ]
    assert not ReportExport.objects.exists()


def test_transcript_shows_the_person_their_required_courses_and_every_course_line(
    client, tree, course, people, manager, catalogue, time_machine
):
    other_course = publish(catalogue, digital_course())
    assignment = Assignment.objects.create(
        title="An ninh mạng 2026", unit=tree["department"], starts_on=date(2026, 1, 1), due_on=date(2026, 3, 31)
    )
    assignment.courses.add(course, other_course)
    an = people["an"]
    progress.enrol(an.user, other_course)
    client.force_login(manager)
    response = client.get(reverse("unit_reports:transcript", args=[an.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Nguyễn Văn An", "SOTT001", "Sở Thông tin", "Phó Giám đốc", "Lãnh đạo, quản lý"):
        assert text in html
    required, lines = table(response).rows[:2], table(response).rows[2:]
    assert sorted(required) == sorted(
        [
            ["An ninh mạng cho cán bộ", "31/03/2026", "Đã hoàn thành", "02/02/2026"],
            ["Chữ ký số", "31/03/2026", "Đang học", "—"],
        ]
    )
    assert lines == [
        ["Chữ ký số", "1", "Đang học", "10/03/2026", "—", "—", "0"],
        ["An ninh mạng cho cán bộ", "1", "Đã hoàn thành", "02/02/2026", "02/02/2026", "100", "2"],
    ]

    response = client.get(reverse("unit_reports:transcript_export", args=[an.pk, "xlsx"]))
    assert response["Content-Disposition"] == 'attachment; filename="qua-trinh-hoc-tap-sott001-20260310.xlsx"'
    values = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert list(values[1]) == [
        "Khóa học",
        "Lượt học",
        "Trạng thái",
        "Ngày ghi danh",
        "Ngày hoàn thành",
        "Điểm (%)",
        "Số lượt làm bài",
    ]
    assert [list(row) for row in values[2:]] == [
        ["Chữ ký số", 1, "Đang học", datetime(2026, 3, 10), None, None, 0],
        ["An ninh mạng cho cán bộ", 1, "Đã hoàn thành", datetime(2026, 2, 2), datetime(2026, 2, 2), 100, 2],
    ]
    body = client.get(reverse("unit_reports:transcript_export", args=[an.pk, "csv"])).content
    assert body.startswith(b"\xef\xbb\xbf")
    assert list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))[2] == [
        "An ninh mạng cho cán bộ",
        "1",
        "Đã hoàn thành",
        "02/02/2026",
        "02/02/2026",
        "100",
        "2",
    ]


def test_the_transcript_links_back_to_the_course_report_it_came_from(client, tree, course, people, manager):
    client.force_login(manager)
    report = client.get(course_url(tree["department"], course, status="completed"))
    link = table(report).links[0]
    html = client.get(link).content.decode()
    assert f"?unit={tree['department'].pk}&amp;subject=course-{course.pk}&amp;status=completed" in html
