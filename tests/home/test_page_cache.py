"""Public pages come from the shared cache for anonymous visitors; a person's pages are never shared."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from home.models import ArticleIndexPage, ArticlePage
from tests.factories import TEST_PASSWORD, CadreFactory, publish

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def news(home_page):
    index = publish(home_page, ArticleIndexPage(title="Tin tức", slug="tin-tuc"))
    article = publish(
        index,
        ArticlePage(title="Tin số 1", slug="tin-1", date=datetime.date(2026, 3, 1), intro="Tóm tắt", body=[]),
    )
    return index, article


def test_an_anonymous_visitor_gets_the_cached_page_until_an_editor_publishes(news):
    index, article = news
    visitor = Client()
    assert "Tin số 1" in visitor.get(index.url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        again = visitor.get(index.url)
    assert again.status_code == 200 and "Tin số 1" in again.content.decode()
    assert len(queries) == 0  # served from the cache, without the database

    article.title = "Tin số 1 (đã sửa)"
    article.save_revision().publish()
    assert "Tin số 1 (đã sửa)" in Client().get(index.url).content.decode()


def test_unpublishing_or_restricting_a_page_reaches_anonymous_visitors_at_once(news):
    from wagtail.models import PageViewRestriction

    index, article = news
    assert Client().get(article.url).status_code == 200
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    assert Client().get(article.url).status_code == 302  # to the login page, not the cached article
    assert Client().get(index.url).status_code == 200
    index.unpublish()
    assert Client().get(index.url).status_code == 404


def test_pages_of_logged_in_people_are_never_cached_nor_shared(news, home_page):
    index, _article = news
    first, second = CadreFactory(full_name="Nguyễn Thị Thu"), CadreFactory(full_name="Trần Văn Đông")
    pages = {}
    for cadre in (first, second):
        client = Client()
        client.post(reverse("accounts:login"), {"username": cadre.user.username, "password": TEST_PASSWORD})
        pages[cadre.full_name] = [client.get(url).content.decode() for url in (home_page.url, index.url)]
    assert all("Nguyễn Thị Thu" in page and "Trần Văn Đông" not in page for page in pages["Nguyễn Thị Thu"])
    assert all("Trần Văn Đông" in page and "Nguyễn Thị Thu" not in page for page in pages["Trần Văn Đông"])
    anonymous = [Client().get(url).content.decode() for url in (home_page.url, index.url)]
    assert not any(name in page for page in anonymous for name in ("Nguyễn Thị Thu", "Trần Văn Đông"))


def test_a_page_with_a_form_or_a_redirect_is_not_kept(home_page, client):
    assert client.get(reverse("accounts:login")).status_code == 200  # not a Wagtail page: never here
    with CaptureQueriesContext(connection) as queries:
        Client().get("/khong-co-trang-nay/")
        Client().get("/khong-co-trang-nay/")
    assert len(queries) > 0  # a 404 is answered afresh each time
