"""The demo data command `load_demo`: organisation, people, accounts, content, and idempotency.

The demo is loaded once for the module (tests/conftest.py's demo_output) inside a transaction that is
rolled back at the end, so the other test modules still start from an empty database.
"""

import csv
import io
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader
from wagtail.models import Page, Revision, Site

from courses.demo_content import COURSES
from courses.models import CourseIndexPage, CoursePage, CourseTopic, LessonPage
from elearn.text import normalize_text
from home import demo_content as home_content
from home.models import ArticleIndexPage, ArticlePage, HomePage
from reports import emulation
from reports.models import EmulationPeriod
from units.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_WARD, demo_cadre_rows
from units.models import Cadre, CadreCategory, Unit, UnitKind
from units.roles import ADMINISTRATOR, EDITOR, LEARNER, MANAGER, MODERATOR
from units.scope import units_in_scope

COMMUNE_LEVEL = {UnitKind.WARD, UnitKind.COMMUNE, UnitKind.SPECIAL_ZONE}
WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def demo(demo_output, db):
    return demo_output


def login(identifier, password=DEMO_PASSWORD):
    return authenticate(RequestFactory().post("/"), username=identifier, password=password)


def snapshot():
    """Row counts of every model, and the revision/publication stamps of every page."""
    counts = {model._meta.label: model._default_manager.count() for model in apps.get_models()}
    pages = list(
        Page.objects.order_by("pk").values_list(
            "pk",
            "path",
            "latest_revision_id",
            "live_revision_id",
            "latest_revision_created_at",
            "last_published_at",
            "first_published_at",
            "has_unpublished_changes",
            "draft_title",
        )
    )
    return counts, pages, Revision.objects.count()


def text_of(html):
    return re.sub(r"<[^>]+>", " ", html)


def stream_text(body):
    parts = []
    for block in body.raw_data:
        value = block["value"]
        parts.extend(value.values() if isinstance(value, dict) else [value])
    return " ".join(text_of(str(part)) for part in parts)


# Organisation and people


def test_hai_phong_with_its_wards_and_agencies(demo):
    root = Unit.objects.get(code="31")
    assert root.is_root() and root.name == "Thành phố Hải Phòng"
    children = root.get_children()
    assert children.filter(kind__in=COMMUNE_LEVEL).count() == 114
    skhcn = Unit.objects.get(code="31-SKHCN")
    assert skhcn.get_parent() == root
    assert set(skhcn.get_children().values_list("code", flat=True)) == {"31-SKHCN-VP", "31-SKHCN-CDS"}
    assert Unit.objects.get(code="31-SKHCN-CDS").name == "Phòng Chuyển đổi số"
    assert Unit.objects.get(code="31-BTGDV").kind == UnitKind.PARTY
    assert Unit.objects.get(code="31-MTTQ").kind == UnitKind.MASS_ORGANISATION
    assert Unit.find_problems() == ([], [], [], [], [])


def test_at_least_200_learners_spread_over_agencies_and_wards(demo):
    learners = Cadre.objects.filter(staff_code__startswith="HP0")
    assert learners.count() >= 200
    assert learners.filter(unit__kind__in=COMMUNE_LEVEL).values("unit").distinct().count() >= 30
    assert learners.filter(unit__kind__in=[UnitKind.DEPARTMENT, UnitKind.DIVISION]).exists()
    assert not learners.exclude(user__groups__name=LEARNER).exists()
    cadre = Cadre.objects.select_related("user").get(staff_code="HP000001")
    assert cadre.user.username == "HP000001"
    assert cadre.user.email == "hp000001@haiphong.example"


def test_categories_fit_the_unit_kind(demo):
    commune_categories = set(Cadre.objects.filter(unit__kind__in=COMMUNE_LEVEL).values_list("category", flat=True))
    assert CadreCategory.COMMUNE_CADRE in commune_categories
    assert not Cadre.objects.filter(category=CadreCategory.COMMUNE_CADRE).exclude(unit__kind__in=COMMUNE_LEVEL).exists()
    assert Cadre.objects.filter(category=CadreCategory.LEADER, position="Giám đốc Sở").exists()


def test_generated_names_are_deterministic_nfc_vietnamese():
    rows = demo_cadre_rows()
    assert rows == demo_cadre_rows()
    assert len({row.staff_code for row in rows}) == len(rows)
    for row in rows:
        assert unicodedata.is_normalized("NFC", row.full_name)
        assert normalize_text(row.full_name) == row.full_name
        assert len(row.full_name.split()) >= 3


# Role accounts


def test_one_account_per_role():
    assert len(DEMO_ACCOUNTS) == 5
    assert {account.role for account in DEMO_ACCOUNTS} == {LEARNER, EDITOR, MODERATOR, MANAGER, ADMINISTRATOR}


def test_demo_password_passes_the_validators():
    user_model = get_user_model()
    for account in DEMO_ACCOUNTS:
        validate_password(DEMO_PASSWORD, user_model(username=account.username, email=account.email))


@pytest.mark.parametrize(
    ("username", "role"),
    [
        ("hocvien", LEARNER),
        ("bientap", EDITOR),
        ("kiemduyet", MODERATOR),
        ("quanly", MANAGER),
        ("quantri", ADMINISTRATOR),
    ],
)
def test_role_accounts_log_in_with_the_printed_password(demo, username, role):
    account = next(a for a in DEMO_ACCOUNTS if a.username == username)
    assert f"{username}" in demo and account.staff_code in demo and DEMO_PASSWORD in demo

    user = login(username)
    assert user is not None and user.username == username
    assert login(account.staff_code) == user
    assert login(account.email) == user
    assert list(user.groups.values_list("name", flat=True)) == [role]
    assert user.cadre.staff_code == account.staff_code
    assert not user.is_superuser


def test_generated_cadres_log_in_by_staff_code(demo):
    assert login("HP000123").cadre.staff_code == "HP000123"
    assert login("hp000123@haiphong.example").username == "HP000123"


def test_quanly_manages_the_science_department_subtree_and_one_ward(demo):
    quanly = get_user_model().objects.get(username="quanly")
    in_scope = set(units_in_scope(quanly).values_list("code", flat=True))
    assert in_scope == {"31-SKHCN", "31-SKHCN-VP", "31-SKHCN-CDS", DEMO_WARD}
    hocvien = get_user_model().objects.get(username="hocvien")
    assert hocvien.cadre.unit.code in in_scope


def test_account_homes(demo):
    user_model = get_user_model()
    assert user_model.objects.get(username="hocvien").cadre.unit.kind in COMMUNE_LEVEL
    assert user_model.objects.get(username="bientap").cadre.unit.code == "31-BTGDV"
    assert user_model.objects.get(username="kiemduyet").cadre.unit.code == "31-BTGDV"
    quantri = user_model.objects.get(username="quantri")
    assert quantri.cadre.unit.code == "31-VPUBND"
    assert quantri.is_staff


def test_summary_lists_site_and_admin_urls(demo):
    assert "http://127.0.0.1:8000/" in demo
    assert "http://127.0.0.1:8000/admin/" in demo
    assert "created" in demo


# Content


def test_news_section_has_awareness_articles(demo):
    index = ArticleIndexPage.objects.get(slug="tin-tuc")
    assert index.title == "Tin tức - Tuyên truyền"
    assert index.get_parent().specific_class is HomePage
    articles = ArticlePage.objects.child_of(index).live()
    assert articles.count() >= 4
    for article in articles:
        types = {block["type"] for block in article.body.raw_data}
        assert {"heading", "paragraph"} <= types
        assert types & {"callout", "quote"}
        assert len(stream_text(article.body)) > 1000


def test_courses_have_three_or_more_substantial_lessons(demo):
    index = CourseIndexPage.objects.get(slug="khoa-hoc")
    courses = CoursePage.objects.child_of(index).live()
    assert courses.count() >= 3
    assert set(courses.values_list("topic", flat=True)) >= {CourseTopic.SECURITY, CourseTopic.DIGITAL_SKILLS}
    for course in courses:
        lessons = LessonPage.objects.child_of(course).live()
        assert lessons.count() >= 3, course.title
        for lesson in lessons:
            paragraphs = [block for block in lesson.body.raw_data if block["type"] == "paragraph"]
            assert len(paragraphs) >= 2, lesson.title
            assert len(stream_text(lesson.body)) > 800, lesson.title


def test_home_page_hero_and_featured_courses(demo):
    home = HomePage.objects.get()
    course_index = CourseIndexPage.objects.get()
    assert home.live and not home.has_unpublished_changes
    assert home.hero_title and home.hero_text and home.hero_cta_text
    assert home.hero_cta_page_id == course_index.pk
    featured = [item.course.title for item in home.featured_courses.order_by("sort_order")]
    assert featured == [course["title"] for course in COURSES]


def test_default_site(demo):
    site = Site.objects.get(is_default_site=True)
    assert site.hostname == "localhost"
    assert site.root_page_id == HomePage.objects.get().pk
    assert site.site_name == "Học tập CNTT cho cán bộ"


def log_in_and_accept(client, user):
    """Log in as the demo learner and accept the demo privacy notice, as they would at first login."""
    client.force_login(user)
    assert client.post(reverse("accounts:privacy"), {"next": "/"}).status_code == 302


def test_the_demo_learner_is_asked_to_accept_the_privacy_notice_first(demo, client):
    client.force_login(get_user_model().objects.get(username="hocvien"))
    response = client.get(reverse("learning:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:privacy"))
    assert "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15" in client.get(response["Location"]).content.decode()


def test_pages_render(demo, client):
    for url in [
        "/",
        "/tin-tuc/",
        "/khoa-hoc/",
        "/khoa-hoc/an-toan-thong-tin-co-ban/",
        "/khoa-hoc/an-toan-thong-tin-co-ban/mat-khau-manh-va-xac-thuc-hai-lop/",
    ]:
        assert client.get(url).status_code == 200, url


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def test_content_text_is_nfc_in_the_modern_tone_style():
    data = [home_content.HOME, home_content.NEWS_INDEX, home_content.ARTICLES, COURSES]
    for text in _strings(data):
        assert unicodedata.is_normalized("NFC", text), text
        assert normalize_text(text) == " ".join(text.split()), text


# Idempotency


def test_second_run_changes_nothing(demo):
    before = snapshot()
    out = StringIO()

    with CaptureQueriesContext(connection) as context:
        call_command("load_demo", stdout=out)

    assert snapshot() == before
    assert [q["sql"] for q in context.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)] == []
    output = out.getvalue()
    assert " 0 created, 0 updated" in output
    assert "updated, 0 unchanged" not in output
    assert "Home page:" in output and "unchanged" in output
    assert "Question bank:                       0 created, 0 updated, 33 unchanged" in output
    assert "Contest page:                        unchanged" in output
    assert "Closed contest page:                 unchanged" in output
    assert "Contest results:                     0 created, 0 updated, 1 unchanged" in output
    assert "H5P activity:                        unchanged" in output
    assert "Required course:                     unchanged" in output
    assert "Emulation review periods:            unchanged" in output
    assert before[0]["quizzes.Attempt"] >= 100 and before[0]["quizzes.AttemptQuestion"] >= 1000


def test_an_editors_change_survives_a_rerun(demo):
    lesson = LessonPage.objects.get(slug="mat-khau-manh-va-xac-thuc-hai-lop")
    lesson.title = "Tiêu đề do biên tập viên sửa"
    lesson.save_revision().publish()
    revisions = Revision.objects.count()

    out = StringIO()
    call_command("load_demo", stdout=out)

    lesson.refresh_from_db()
    assert lesson.title == "Tiêu đề do biên tập viên sửa"
    assert Revision.objects.count() == revisions
    assert "Course pages:                        0 created, 0 updated, 16 unchanged" in out.getvalue()


# Question bank, lesson quizzes and the contest


def test_question_bank_has_thirty_questions_in_three_topics_with_feedback(demo):
    from quizzes.demo_content import QUESTIONS
    from quizzes.grading import key_problem
    from quizzes.models import Question

    questions = Question.objects.filter(code__startswith="DEMO-").select_related("category")
    assert questions.count() == len(QUESTIONS) >= 30
    topics = {CourseTopic.IT_LAW, CourseTopic.SECURITY, CourseTopic.DIGITAL_SKILLS}
    assert {q.category.topic for q in questions} == topics
    assert {q.question_type for q in questions} == {"single", "multiple", "true_false"}
    for question in questions:
        options = list(question.options.all())
        assert key_problem(question.question_type, [o.is_correct for o in options]) == "", question.code
        assert len(text_of(question.explanation)) > 60, question.code
        assert all(option.feedback for option in options), question.code


def test_each_course_ends_with_a_quiz_in_its_activity_lesson(demo):
    from quizzes.blocks import lesson_quizzes

    for course in CoursePage.objects.live():
        activity = LessonPage.objects.child_of(course).get(completion_rule="activity")
        [quiz] = lesson_quizzes(activity)
        assert quiz.title.startswith("Kiểm tra cuối khóa") and quiz.pass_mark == 60
        assert quiz.question_count() >= 5
        assert not quiz.is_contest


def test_contest_page_is_published_and_open(demo, client):
    from django.utils import timezone

    from quizzes.attempts import start_attempt
    from quizzes.models import ContestPage

    page = ContestPage.objects.get(slug="cuoc-thi-an-toan-thong-tin-mang-2026")
    assert page.live and page.get_parent().specific_class is HomePage
    assert page.title == "Cuộc thi trực tuyến tìm hiểu pháp luật về an toàn thông tin mạng năm 2026"
    quiz, second = page.quizzes()
    assert quiz.is_contest and quiz.prediction_enabled and not quiz.ranking_published
    assert (quiz.question_count(), quiz.time_limit_minutes, quiz.max_attempts) == (10, 15, 2)
    assert quiz.is_open() and 29 <= (quiz.closes_at - timezone.now()).days <= 30
    assert second.opens_at == quiz.closes_at and second.has_not_opened() and page.open_registration
    assert [tier.name for tier in second.prize_tiers.order_by("sort_order")][:2] == ["Giải Nhất", "Giải Nhì"]
    html = client.get(page.url).content.decode()
    assert "Đang diễn ra" in html and "Dự đoán số người trả lời đúng tất cả các câu hỏi" in html
    assert "Đợt 1" in html and "Đợt 2" in html and "Sắp diễn ra" in html and "Công dân đăng ký dự thi" in html

    attempt = start_attempt(get_user_model().objects.get(username="hocvien"), quiz)
    assert attempt.questions.count() == 10
    assert len({row.question.category_id for row in attempt.questions.select_related("question")}) == 3


def test_quiz_content_is_nfc_in_the_modern_tone_style():
    from quizzes import demo_content as quiz_content

    data = [
        quiz_content.CATEGORIES,
        quiz_content.QUESTIONS,
        quiz_content.LESSON_QUIZZES,
        quiz_content.CONTEST_QUIZ,
        quiz_content.CONTEST_PAGE,
        quiz_content.LESSON_QUIZ_INTRO,
        quiz_content.CLOSED_CONTEST_QUIZ,
        quiz_content.CLOSED_CONTEST_PAGE,
    ]
    for text in _strings(data):
        assert unicodedata.is_normalized("NFC", text), text
        assert normalize_text(text) == " ".join(text.split()), text


# The closed contest and its results

CLOSED_CONTEST_SLUG = "cuoc-thi-phap-luat-chuyen-doi-so-2025"


def closed_contest():
    from quizzes.models import ContestPage

    return ContestPage.objects.get(slug=CLOSED_CONTEST_SLUG)


def test_closed_contest_page_and_quiz(demo):
    from zoneinfo import ZoneInfo

    from quizzes.models import ReviewWhen

    page = closed_contest()
    assert page.live and page.get_parent().specific_class is HomePage
    assert page.title == "Cuộc thi trực tuyến tìm hiểu pháp luật về chuyển đổi số năm 2025"
    quiz = page.quizzes()[0]
    assert quiz.is_contest and quiz.prediction_enabled and quiz.ranking_published
    assert quiz.has_closed() and quiz.question_count() == 10
    vietnam = ZoneInfo("Asia/Ho_Chi_Minh")
    assert quiz.opens_at.astimezone(vietnam).strftime("%d/%m/%Y %H:%M") == "01/10/2025 08:00"
    assert quiz.closes_at.astimezone(vietnam).strftime("%d/%m/%Y %H:%M") == "30/11/2025 17:00"
    assert quiz.review_answers == quiz.review_explanations == ReviewWhen.AFTER_CLOSE


def test_closed_contest_results_look_real(demo):
    from quizzes import ranking
    from quizzes.models import AttemptState, CloseReason

    quiz = closed_contest().quizzes()[0]
    attempts = list(quiz.attempts.all())
    assert all(a.state == AttemptState.FINISHED for a in attempts)
    assert all(quiz.opens_at <= a.started_at < a.finished_at <= quiz.closes_at for a in attempts)
    assert all(a.finished_at <= a.deadline for a in attempts)
    participants = {a.user_id for a in attempts}
    assert 100 <= len(participants) <= 140
    numbers = Counter(a.number for a in attempts)
    assert set(numbers) == {1, 2} and numbers[1] == len(participants) and 5 <= numbers[2] <= 40
    assert {a.close_reason for a in attempts} <= {CloseReason.SUBMITTED, CloseReason.TIMEOUT}

    percents = [a.percent for a in attempts]
    perfect = ranking.all_correct_count(quiz)
    assert 5 <= perfect <= 30 and perfect == len({a.user_id for a in attempts if a.percent == 100})
    assert sum(1 for p in percents if 50 <= p <= 90) > len(percents) / 2
    assert min(percents) < 50
    assert len({a.duration_seconds for a in attempts}) > len(attempts) / 2
    predictions = [a.prediction for a in attempts if a.prediction is not None]
    assert len(predictions) > 0.8 * len(attempts) and len(set(predictions)) > 10
    assert min(predictions) < perfect < max(predictions)
    assert sum(1 for p in predictions if abs(p - perfect) <= 3) >= 5

    # Participants spread over wards and agencies, with different participation rates.
    units = ranking.unit_ranking(quiz)
    taking_part = [line for line in units if line.participants]
    assert len(taking_part) >= 20
    assert {line.unit.kind for line in taking_part} >= {UnitKind.WARD, UnitKind.DEPARTMENT}
    assert len({line.participation for line in taking_part}) >= 4
    assert sum(line.participants for line in units) == len(participants)


def test_closed_contest_page_shows_the_rankings_to_anyone(demo, client):
    from quizzes import ranking

    page = closed_contest()
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đã kết thúc" in html
    assert "Xếp hạng cá nhân" in html and "Xếp hạng đơn vị" in html
    top = ranking.individual_ranking(page.quizzes()[0], limit=page.ranking_size)
    assert len(top) == page.ranking_size
    for line in top[:5] + top[-1:]:
        assert line.full_name and line.full_name in html
        assert line.unit is not None and line.unit.name in html
    assert top[0].percent == 100 and top[0].prediction is not None
    best_unit = ranking.unit_ranking(page.quizzes()[0])[0]
    assert best_unit.participants and best_unit.unit.name in html
    summary = ranking.contest_summary(page.quizzes()[0])
    assert f"<dd>{summary['participants']}</dd>" in html and f"<dd>{summary['attempts']}</dd>" in html


def test_demo_learner_reviews_the_closed_contest(demo, client):
    from quizzes.models import Attempt

    hocvien = get_user_model().objects.get(username="hocvien")
    attempt = Attempt.objects.filter(quiz=closed_contest().quizzes()[0], user=hocvien).order_by("number").first()
    assert attempt is not None
    log_in_and_accept(client, hocvien)
    html = client.get(closed_contest().url).content.decode()
    assert "Cuộc thi đã kết thúc." in html and "Các lượt bạn đã nộp" in html
    response = client.get(reverse("quizzes:result", args=[attempt.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Xem lại bài làm" in html and "Đáp án đúng chưa được công bố." not in html
    assert response.context["review"].show_answers and response.context["review"].show_explanations


def test_home_page_lists_only_the_open_contest(demo, client):
    html = client.get("/").content.decode()
    assert "Cuộc thi trực tuyến tìm hiểu pháp luật về an toàn thông tin mạng năm 2026" in html
    assert "chuyển đổi số năm 2025" not in html


def test_contest_results_plan_is_deterministic(demo):
    from quizzes.demo import plan_contest_results

    quiz = closed_contest().quizzes()[0]
    candidates = [(f"HP{n:06d}", f"unit{n % 7}") for n in range(1, 60)]
    first = plan_contest_results(candidates, quiz, always=["HP900001"])
    assert first == plan_contest_results(candidates, quiz, always=["HP900001"])
    assert "HP900001" in {plan.staff_code for plan in first}


# The H5P activity and the required course


def test_h5p_activity_is_installed_and_placed_in_the_phishing_lesson(demo, demo_h5p_root):
    import json

    from h5p.blocks import lesson_activities
    from h5p.demo import DEMO_ACTIVITY_TITLE, DEMO_CONTENT, DEMO_LESSON_SLUG
    from h5p.models import H5PActivity

    assert "H5P activity:                        created" in demo
    activity = H5PActivity.objects.get(title=DEMO_ACTIVITY_TITLE)
    assert activity.title == "Luyện tập: nhận diện thư giả mạo"
    assert activity.main_library.machine_name == "H5P.ElearnCheck"
    content = json.loads((demo_h5p_root / "content" / str(activity.folder) / "content" / "content.json").read_text())
    assert content["question"] == "Khi nhận được thư điện tử yêu cầu cung cấp mật khẩu, bạn nên làm gì?"
    assert content["options"] == DEMO_CONTENT["options"] and sum(o["correct"] for o in content["options"]) == 1
    assert (demo_h5p_root / "libraries" / "H5P.ElearnCheck-1.0" / "library.json").is_file()

    lesson = LessonPage.objects.get(slug=DEMO_LESSON_SLUG)
    assert lesson.get_parent().slug == "nhan-dien-lua-dao-truc-tuyen"
    assert lesson_activities(lesson) == [activity]
    [block] = [block for block in lesson.body.raw_data if block["type"] == "h5p"]
    assert block["value"]["intro"]


def test_demo_learner_sees_the_h5p_activity(demo, client):
    from h5p.demo import DEMO_LESSON_SLUG

    log_in_and_accept(client, get_user_model().objects.get(username="hocvien"))
    response = client.get(LessonPage.objects.get(slug=DEMO_LESSON_SLUG).url)
    assert response.status_code == 200
    assert "Luyện tập: nhận diện thư giả mạo" in response.content.decode()


def test_required_course_for_every_cadre_of_hai_phong(demo):
    from datetime import date

    from courses import assignments
    from courses.models import Assignment
    from units.demo import PROVINCE

    assert "Required course:                     created" in demo
    assignment = Assignment.objects.get(title="Bồi dưỡng an toàn thông tin năm 2026")
    assert assignment.unit.code == PROVINCE and assignment.unit.is_root() and assignment.include_subunits
    assert [course.slug for course in assignment.courses.all()] == ["an-toan-thong-tin-co-ban"]
    assert assignment.starts_on == date(2026, 1, 1)
    assert (assignment.due_days, assignment.due_on, assignment.recert_months) == (30, None, 12)
    assert assignment.is_active and not assignment.categories and not assignment.positions

    today = max(date.today(), date(2026, 1, 1))
    rows = list(assignments.statuses(assignment, today))
    cadres = Cadre.objects.filter(unit__path__startswith=assignment.unit.path, user__is_active=True)
    assert len(rows) == cadres.count() >= 200


def test_demo_learner_sees_the_due_date_on_the_dashboard(demo, client):
    from courses.assignments import learner_assignments

    hocvien = get_user_model().objects.get(username="hocvien")
    [line] = learner_assignments(hocvien)
    assert line.assignment.title == "Bồi dưỡng an toàn thông tin năm 2026"
    assert line.course.slug == "an-toan-thong-tin-co-ban" and not line.is_overdue
    log_in_and_accept(client, hocvien)
    html = client.get(reverse("learning:dashboard")).content.decode()
    assert "Bồi dưỡng an toàn thông tin năm 2026" in html
    assert f'<time datetime="{line.due_on:%Y-%m-%d}">{line.due_on:%d/%m/%Y}</time>' in html


def test_h5p_and_assignment_content_is_nfc_in_the_modern_tone_style():
    from courses.demo_content import DEMO_ASSIGNMENT
    from h5p import demo as h5p_demo

    data = [h5p_demo.DEMO_ACTIVITY_TITLE, h5p_demo.DEMO_INTRO, h5p_demo.DEMO_CONTENT, DEMO_ASSIGNMENT["title"]]
    for text in _strings(data):
        assert unicodedata.is_normalized("NFC", text), text
        assert normalize_text(text) == " ".join(text.split()), text


def test_demo_cadres_have_learning_progress_that_the_reports_show(demo):
    from courses.models import CourseCompletion, Enrolment
    from reports import counters, queries
    from reports.models import UnitCourseCount
    from units.models import Unit

    assert Enrolment.objects.count() >= 300 and CourseCompletion.objects.count() >= 200
    counts = counters.compute()
    assert {
        (row.unit_id, row.category, row.course_id): [row.enrolled, row.in_progress, row.completed]
        for row in UnitCourseCount.objects.all()
    } == counts.courses
    manager = get_user_model().objects.get(username="quanly")
    science = Unit.objects.get(code="31-SKHCN")
    total = queries.unit_rollup(manager, science, queries.Filters())[-1]
    assert total.cadres >= 10 and 0 < total.completed < total.required


def test_the_demo_has_a_frozen_emulation_period_whose_files_hold_its_numbers(demo, client, tmp_path):
    frozen = EmulationPeriod.objects.get(name="Thi đua 6 tháng đầu năm 2026")
    snapshot = frozen.current_snapshot()
    assert snapshot is not None and emulation.checksum(snapshot.data) == snapshot.checksum
    assert EmulationPeriod.objects.get(name="Thi đua năm 2026").current_snapshot() is None
    groups = snapshot.data["groups"]
    assert [group["name"] for group in groups] == [
        "Khối xã, phường, đặc khu",
        "Khối sở, ban, ngành",
        "Khối cơ quan Đảng, đoàn thể",
    ]
    assert all(group["rows"] for group in groups)
    log_in_and_accept(client, get_user_model().objects.get(username="quantri"))
    workbook = client.get(reverse("unit_reports:emulation_export", args=[frozen.pk, "xlsx"])).content
    totals = {
        row[1]: row[12] for row in load_workbook(io.BytesIO(workbook)).active.iter_rows(values_only=True) if row[1]
    }
    for line in groups[1]["rows"]:
        assert totals[line["name"]] == line["total"]
    pdf = client.get(reverse("unit_reports:emulation_export", args=[frozen.pk, "pdf"])).content
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert groups[1]["rows"][0]["name"] in text and snapshot.checksum in text.replace("\n", "")
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (Debian's libreoffice-calc-nogui) is not installed: the files were read by openpyxl")
    (tmp_path / "thi-dua.xlsx").write_bytes(workbook)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",  # comma, quote, UTF-8
            "--outdir",
            str(tmp_path),
            str(tmp_path / "thi-dua.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    rows = list(csv.reader((tmp_path / "thi-dua.csv").read_text(encoding="utf-8").splitlines()))
    opened = {row[1]: row[12] for row in rows if len(row) > 12 and row[1]}
    for line in groups[1]["rows"]:
        assert float(opened[line["name"]]) == line["total"]
