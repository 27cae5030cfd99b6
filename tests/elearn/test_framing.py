"""Framing: the site denies it everywhere, except where the site frames itself (Wagtail's preview, H5P files)."""

from wagtail.test.utils.form_data import nested_form_data, streamfield


def test_a_site_page_and_an_admin_page_may_not_be_framed(client, admin_client, home_page):
    assert client.get(home_page.url)["X-Frame-Options"] == "DENY"
    assert admin_client.get("/admin/")["X-Frame-Options"] == "DENY"
    assert client.get("/tai-khoan/dang-nhap/")["X-Frame-Options"] == "DENY"


def test_the_page_editors_live_preview_may_be_framed_by_the_admin(admin_client, home_page):
    """The editor's preview panel is an iframe of the admin: it must show the page being written."""
    url = f"/admin/pages/add/home/articlepage/{home_page.pk}/preview/"
    data = nested_form_data(
        {
            "title": "Tin xem trước",
            "slug": "tin-xem-truoc",
            "date": "07/12/2026",
            "intro": "Tóm tắt tin xem trước",
            "body": streamfield([]),
        }
    )
    assert admin_client.post(url, data).json()["is_valid"] is True
    preview = admin_client.get(url)
    assert preview.status_code == 200
    assert "Tin xem trước" in preview.content.decode()
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
