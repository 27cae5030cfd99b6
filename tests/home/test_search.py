"""Vietnamese search with and without diacritics, through Wagtail's search backend.

CI runs this module on SQLite and again on PostgreSQL (DATABASE_URL).
"""

import pytest

from courses.models import CourseIndexPage, CoursePage, LessonPage
from elearn.text import fold
from home.models import ArticleIndexPage, ArticlePage
from tests.factories import publish

pytestmark = pytest.mark.django_db


def test_fold_removes_tones_and_dd():
    assert fold("An ninh mạng") == "an ninh mang"
    assert fold("Đảng viên") == "dang vien"
    assert fold("ĐẢNG VIÊN Hoà") == "dang vien hoa"


@pytest.fixture
def pages(home_page):
    news = publish(home_page, ArticleIndexPage(title="Tin tức", slug="tin-tuc"))
    article = publish(
        news,
        ArticlePage(
            title="Đảng viên gương mẫu chuyển đổi số",
            slug="dang-vien",
            date="2026-01-02",
            intro="Đảng viên đi đầu trong sử dụng dịch vụ công trực tuyến.",
        ),
    )
    catalogue = publish(home_page, CourseIndexPage(title="Khóa học", slug="khoa-hoc"))
    course = publish(
        catalogue,
        CoursePage(
            title="An ninh mạng cơ bản", slug="an-ninh-mang", topic="security", summary="Phòng tránh tấn công mạng."
        ),
    )
    lesson = publish(
        course,
        LessonPage(
            title="Nhận diện thư giả mạo",
            slug="thu-gia-mao",
            body=[{"type": "paragraph", "value": "<p>Lừa đảo qua thư điện tử.</p>"}],
        ),
    )
    other = publish(
        catalogue,
        CoursePage(title="Chữ ký số", slug="chu-ky-so", topic="digital_skills", summary="Ký văn bản điện tử."),
    )
    return {"article": article, "course": course, "lesson": lesson, "other": other}


def titles(response):
    return {page.title for group in response.context["results"].values() for page in group}


@pytest.mark.parametrize("query", ["an ninh mang", "An ninh mạng", "AN NINH MANG", "an ninh mạng"])
def test_course_found_with_or_without_diacritics(client, pages, query):
    assert "An ninh mạng cơ bản" in titles(client.get("/tim-kiem/", {"q": query}))


@pytest.mark.parametrize("query", ["dang vien", "Đảng viên", "DANG VIEN"])
def test_article_found_from_dang_vien(client, pages, query):
    found = titles(client.get("/tim-kiem/", {"q": query}))
    assert "Đảng viên gương mẫu chuyển đổi số" in found
    assert "Chữ ký số" not in found


def test_lesson_body_is_searched(client, pages):
    assert "Nhận diện thư giả mạo" in titles(client.get("/tim-kiem/", {"q": "lua dao"}))


def test_unpublished_pages_are_not_found(client, pages):
    pages["course"].unpublish()
    assert "An ninh mạng cơ bản" not in titles(client.get("/tim-kiem/", {"q": "an ninh mang"}))


def test_empty_query_shows_the_form_only(client, pages):
    response = client.get("/tim-kiem/", {"q": "  "})
    assert response.status_code == 200
    assert response.context["total"] == 0
