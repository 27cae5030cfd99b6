"""Public pages: page-type rules and what a visitor sees."""

import datetime

import pytest
from wagtail.models import Page

from courses.models import CourseIndexPage, CoursePage, LessonPage
from home.models import ArticleIndexPage, ArticlePage, HomeFeaturedCourse, HomePage
from tests.factories import publish

pytestmark = pytest.mark.django_db


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


@pytest.fixture
def site_pages(home_page):
    news = publish(home_page, ArticleIndexPage(title="Tin tức", slug="tin-tuc"))
    articles = [
        publish(
            news,
            ArticlePage(
                title=f"Tin số {i}",
                slug=f"tin-{i}",
                date=datetime.date(2026, 3, i),
                intro=f"Tóm tắt tin {i}",
                body=paragraph(f"Nội dung tin {i}"),
            ),
        )
        for i in range(1, 5)
    ]
    catalogue = publish(home_page, CourseIndexPage(title="Khóa học", slug="khoa-hoc"))
    course = publish(
        catalogue,
        CoursePage(
            title="An toàn thông tin cơ bản",
            slug="attt",
            topic="security",
            summary="Những thói quen an toàn hằng ngày.",
        ),
    )
    lessons = [
        publish(course, LessonPage(title=f"Bài học {i}", slug=f"bai-{i}", body=paragraph(f"Bài {i}")))
        for i in range(1, 4)
    ]
    HomeFeaturedCourse.objects.create(page=home_page, course=course, sort_order=0)
    home_page.hero_title = "Học để làm chủ công nghệ"
    home_page.save_revision().publish()
    return {"news": news, "articles": articles, "catalogue": catalogue, "course": course, "lessons": lessons}


def test_page_type_rules_keep_the_tree_sane(home_page):
    root = Page.get_first_root_node()
    assert not HomePage.can_create_at(root)  # one home page only
    assert ArticlePage.allowed_parent_page_models() == [ArticleIndexPage]
    assert LessonPage.allowed_parent_page_models() == [CoursePage]
    assert CoursePage.allowed_parent_page_models() == [CourseIndexPage]
    assert not LessonPage.can_create_at(home_page)
    assert ArticleIndexPage.can_create_at(home_page)
    assert LessonPage.allowed_subpage_models() == []


def test_home_shows_hero_featured_courses_and_latest_news(client, site_pages):
    content = client.get("/").content.decode()
    assert "Học để làm chủ công nghệ" in content
    assert "An toàn thông tin cơ bản" in content
    assert "Tin số 4" in content and "Tin số 2" in content
    assert "Tin số 1" not in content  # only the three newest
    assert '<html lang="vi"' in content


def test_unpublished_articles_stay_hidden(client, site_pages):
    draft = site_pages["articles"][-1]
    draft.unpublish()
    assert "Tin số 4" not in client.get("/").content.decode()
    assert client.get(draft.url_path.replace("/home", "", 1)).status_code == 404


def test_article_shows_its_date_as_dd_mm_yyyy(client, site_pages):
    response = client.get("/tin-tuc/tin-3/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "03/03/2026" in content
    assert "Nội dung tin 3" in content


def test_article_index_paginates_with_trang(client, site_pages):
    ArticleIndexPage.per_page = 2
    try:
        first = client.get("/tin-tuc/").content.decode()
        second = client.get("/tin-tuc/?trang=2").content.decode()
    finally:
        ArticleIndexPage.per_page = 10
    assert "Tin số 4" in first and "Tin số 1" not in first
    assert "Tin số 1" in second and "Tin số 4" not in second


def test_lesson_links_to_its_neighbours(client, site_pages):
    content = client.get("/khoa-hoc/attt/bai-2/").content.decode()
    assert "/khoa-hoc/attt/bai-1/" in content
    assert "/khoa-hoc/attt/bai-3/" in content
    assert "2/3" in content


def test_course_lists_its_lessons_in_order(client, site_pages):
    content = client.get("/khoa-hoc/attt/").content.decode()
    positions = [content.index(f"Bài học {i}") for i in range(1, 4)]
    assert positions == sorted(positions)


def test_unknown_page_gives_the_vietnamese_404(client, home_page):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()


def test_home_lists_the_contests_still_open(client, home_page):
    from datetime import timedelta

    from django.utils import timezone

    from quizzes.models import ContestPage, ContestRound, Quiz
    from tests.factories import publish

    now = timezone.now()
    for slug, closes_at in (("cuoc-thi-mo", now + timedelta(days=5)), ("cuoc-thi-cu", now - timedelta(days=1))):
        quiz = Quiz.objects.create(title=slug, is_contest=True, closes_at=closes_at, opens_at=now - timedelta(days=9))
        publish(
            home_page,
            ContestPage(
                title=f"Trang {slug}",
                slug=slug,
                intro="Thi trực tuyến.",
                rules="<p>.</p>",
                rounds=[ContestRound(name="Đợt 1", quiz=quiz)],
            ),
        )
    html = client.get(home_page.url).content.decode()
    assert "Cuộc thi trực tuyến" in html
    assert "Trang cuoc-thi-mo" in html and "Trang cuoc-thi-cu" not in html
    assert timezone.localtime(now + timedelta(days=5)).strftime("%d/%m/%Y %H:%M") in html
