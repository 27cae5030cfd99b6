"""The demo data command `load_demo`: organisation, people, accounts, content, and idempotency.

The demo is loaded once for the module inside a transaction that is rolled back at the end,
so the other test modules still start from an empty database.
"""

import re
import unicodedata
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Revision, Site

from courses.demo_content import COURSES
from courses.models import CourseIndexPage, CoursePage, CourseTopic, LessonPage
from home import demo_content as home_content
from home.models import ArticleIndexPage, ArticlePage, HomePage
from units.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_WARD, demo_cadre_rows
from units.models import Cadre, CadreCategory, Unit, UnitKind
from units.roles import ADMINISTRATOR, EDITOR, LEARNER, MANAGER, MODERATOR
from units.scope import units_in_scope
from units.text import normalize_text

COMMUNE_LEVEL = {UnitKind.WARD, UnitKind.COMMUNE, UnitKind.SPECIAL_ZONE}
WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """Run load_demo once for this module; roll it back afterwards."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            out = StringIO()
            call_command("load_demo", stdout=out)
            yield out.getvalue()
            transaction.set_rollback(True)


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
            "pk", "path", "latest_revision_id", "live_revision_id", "latest_revision_created_at",
            "last_published_at", "first_published_at", "has_unpublished_changes", "draft_title",
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
    commune_categories = set(
        Cadre.objects.filter(unit__kind__in=COMMUNE_LEVEL).values_list("category", flat=True)
    )
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
        ("hocvien", LEARNER), ("bientap", EDITOR), ("kiemduyet", MODERATOR), ("quanly", MANAGER),
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


def test_pages_render(demo, client):
    for url in ["/", "/tin-tuc/", "/khoa-hoc/", "/khoa-hoc/an-toan-thong-tin-co-ban/",
                "/khoa-hoc/an-toan-thong-tin-co-ban/mat-khau-manh-va-xac-thuc-hai-lop/"]:
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
    quiz = page.quiz
    assert quiz.is_contest and quiz.prediction_enabled and not quiz.ranking_published
    assert (quiz.question_count(), quiz.time_limit_minutes, quiz.max_attempts) == (10, 15, 2)
    assert quiz.is_open() and 59 <= (quiz.closes_at - timezone.now()).days <= 60
    html = client.get(page.url).content.decode()
    assert "Đang diễn ra" in html and "Dự đoán số người trả lời đúng tất cả các câu hỏi" in html

    attempt = start_attempt(get_user_model().objects.get(username="hocvien"), quiz)
    assert attempt.questions.count() == 10
    assert len({row.question.category_id for row in attempt.questions.select_related("question")}) == 3


def test_quiz_content_is_nfc_in_the_modern_tone_style():
    from quizzes import demo_content as quiz_content

    data = [quiz_content.CATEGORIES, quiz_content.QUESTIONS, quiz_content.LESSON_QUIZZES, quiz_content.CONTEST_QUIZ,
            quiz_content.CONTEST_PAGE, quiz_content.LESSON_QUIZ_INTRO]
    for text in _strings(data):
        assert unicodedata.is_normalized("NFC", text), text
        assert normalize_text(text) == " ".join(text.split()), text
