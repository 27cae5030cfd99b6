"""Nothing on the site loads from outside it: every live page, as a visitor and as a learner, references only
the site's own origin (the admin's pages: tests/elearn/test_admin_language.py; a real browser's requests:
tests/e2e/test_offline.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Page

from tests.elearn.admin_language import outside_references

pytestmark = [pytest.mark.django_db, pytest.mark.markup]


@pytest.mark.parametrize("who", ["visitor", "hocvien"])
def test_every_live_page_loads_only_from_the_site(demo_output, who):
    client = Client()
    if who != "visitor":
        client.force_login(get_user_model().objects.get(username=who))
        client.post("/tai-khoan/du-lieu-ca-nhan/", {"next": "/"})
    urls = [page.url for page in Page.objects.live().filter(depth__gt=1).specific()]
    urls += ["/tai-khoan/dang-nhap/", "/tim-kiem/?q=an+toan", "/hoc-tap/", "/khong-co-trang-nay/"]
    opened, outside = 0, {}
    for url in urls:
        response = client.get(url)
        if response.status_code not in (200, 404) or "html" not in response.get("Content-Type", ""):
            continue
        opened += 1
        found = outside_references(response.content.decode())
        if found:
            outside[url] = sorted(found)
    assert opened > 20
    assert not outside, f"pages that load from outside the site: {outside}"
