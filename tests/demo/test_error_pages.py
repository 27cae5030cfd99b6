"""What a person sees when the server fails: Django's 500 page, and the page nginx shows while the app is down."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import path

from elearn.urls import urlpatterns as site_urls


def broken(request):
    raise RuntimeError("database went away")


urlpatterns = [path("hong/", broken), *site_urls]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_server_error_shows_the_vietnamese_error_page_without_a_traceback():
    response = Client(raise_request_exception=False).get("/hong/")
    text = response.content.decode()
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in text and "Vui lòng thử lại sau ít phút" in text
    assert "RuntimeError" not in text and "Traceback" not in text


def test_render_error_pages_writes_the_retry_page_nginx_shows(tmp_path):
    call_command("render_error_pages", tmp_path)
    text = (tmp_path / "retry.html").read_text(encoding="utf-8")
    assert '<meta charset="utf-8">' in text and 'lang="vi"' in text
    assert "Hệ thống đang bận, vui lòng thử lại" in text
    assert "Các câu trả lời đã lưu của bạn không bị mất" in text
    assert "{%" not in text and "{{" not in text
