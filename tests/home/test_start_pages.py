"""Each role's admin start page (Wagtail dashboard panels) on the demo data, and the way to the user guides."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.django_db


def start_page(username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    client.post("/tai-khoan/du-lieu-ca-nhan/", {"next": "/"})
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_editors_start_page(demo_output):
    text = start_page("bientap")
    for heading in (
        "Bản nháp của tôi",
        "Trang của tôi đang chờ duyệt",
        "Mới xuất bản",
        "Khóa học trích dẫn văn bản pháp luật đã bị thay thế",
    ):
        assert heading in text
    assert "Luật Giao dịch điện tử 2005" in text  # the demo course that still cites the replaced law


def test_the_moderators_start_page_lists_what_waits_with_its_age(demo_output):
    text = start_page("kiemduyet")
    assert "Chờ tôi duyệt" in text and "Đã chờ" in text


def test_the_managers_start_page_shows_the_subtrees_numbers(demo_output):
    text = start_page("quanly")
    assert "Tỷ lệ hoàn thành" in text and "Quá hạn" in text
    assert "Năm đơn vị cấp dưới có tỷ lệ thấp nhất" in text
    assert "/admin/bao-cao/?unit=" in text


def test_the_administrators_start_page_shows_the_system(demo_output):
    text = start_page("quantri")
    assert "Tình trạng hệ thống" in text
    assert "Worker xử lý nền" in text and "Lịch chạy định kỳ" in text and "Dung lượng tệp tải lên" in text


def test_the_user_guides_have_screenshots_and_each_start_page_links_its_role_guide(demo_output, client):
    from home.models import HelpPage

    guides = {guide.audience: guide for guide in HelpPage.objects.live()}
    assert set(guides) == {"learner", "editor", "moderator", "manager", "administrator"}
    for guide in guides.values():
        text = client.get(guide.url).content.decode()
        assert guide.title in text and "<img" in text  # real screenshots of the product
    assert f'href="{guides["manager"].url}"' in start_page("quanly")
    assert f'href="{guides["editor"].url}"' in start_page("bientap")
    response = Client()
    response.force_login(get_user_model().objects.get(username="quanly"))
    assert response.get("/admin/huong-dan/")["Location"] == guides["manager"].url
