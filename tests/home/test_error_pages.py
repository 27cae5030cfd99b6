"""Error pages in Vietnamese: 403 and 404 on the site and in the admin; the 500 page needs no database."""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from tests.factories import CadreFactory, UserFactory
from units.roles import EDITOR, MANAGER


@pytest.mark.django_db
def test_an_admin_screen_the_editor_may_not_open_is_a_403_page_with_a_way_back(client, home_page):
    client.force_login(UserFactory(groups=[EDITOR]))
    response = client.get("/admin/users/", HTTP_REFERER="http://testserver/admin/pages/")
    text = response.content.decode()
    assert response.status_code == 403  # not Wagtail's redirect to the dashboard
    assert "Bạn không có quyền mở màn hình này" in text
    assert 'href="http://testserver/admin/pages/"' in text  # back to where they were
    assert 'href="/admin/"' in text


@pytest.mark.django_db
def test_a_403_without_a_referer_leads_back_to_the_dashboard(client, home_page):
    client.force_login(UserFactory(groups=[MANAGER]))
    response = client.get("/admin/images/")
    assert response.status_code == 403
    assert "Quay lại" in response.content.decode()


@pytest.mark.django_db
def test_a_learner_opening_the_admin_sees_why_instead_of_the_login_page(client, home_page):
    client.force_login(CadreFactory().user)
    response = client.get("/admin/")
    text = response.content.decode()
    assert response.status_code == 403
    assert "không có quyền vào trang quản trị" in text
    assert "site-header" in text  # the site's frame: a learner has never seen the admin


@pytest.mark.django_db
def test_someone_signed_out_is_still_sent_to_the_login_page(client, home_page):
    response = client.get("/admin/pages/")
    assert response.status_code == 302 and response["Location"].startswith("/tai-khoan/dang-nhap/")


@pytest.mark.django_db
def test_a_missing_page_is_a_vietnamese_404_on_the_site_and_in_the_admin(client, home_page):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()

    client.force_login(UserFactory(groups=[EDITOR]))
    response = client.get("/admin/pages/999999/edit/")
    text = response.content.decode()
    assert response.status_code == 404
    assert "Lỗi 404" in text and 'href="/admin/"' in text  # the admin's 404 page, back to the dashboard
    assert "Page not found" not in text


def test_the_500_page_renders_without_a_database_or_a_request_context():
    """Not a django_db test: any query would raise. Django's view renders 500.html with no context."""
    response = server_error(RequestFactory().get("/"))
    text = response.content.decode()
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in text and 'lang="vi"' in text
