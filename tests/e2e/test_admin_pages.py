"""The admin in a real browser: the editor's first day in Vietnamese, ASCII slugs as the title is typed, and no
request from the admin or the site to any other host (an offline provincial network)."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from home.workflows import ensure_review_workflow
from tests.e2e.helpers import log_in
from tests.factories import UserFactory
from units.roles import EDITOR, sync_roles

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_editor_writes_a_course_in_vietnamese_with_an_ascii_slug_and_nothing_loads_from_outside(
    live_server, desktop, catalogue
):
    sync_roles()  # a transactional test before this one flushed the roles' page permissions
    ensure_review_workflow()
    UserFactory(username="bientap", groups=[EDITOR])
    requested = []
    desktop.on("request", lambda request: requested.append(request.url))

    log_in(desktop, live_server.url, "bientap")
    assert urlsplit(desktop.url).path == "/admin/"  # staff land on their start page
    assert desktop.get_by_role("heading", name="Biên tập nội dung").is_visible()
    assert desktop.get_by_role("heading", name="Khóa học trích dẫn văn bản pháp luật đã bị thay thế").is_visible()

    desktop.goto(f"{live_server.url}/admin/pages/add/courses/coursepage/{catalogue.pk}/")
    title = desktop.get_by_role("textbox", name="Tiêu đề").first
    title.press_sequentially("Khóa học Đảng viên và An toàn thông tin")  # typed: Wagtail fills the slug as you type
    desktop.get_by_role("tab", name="Quảng bá").click()
    expect(desktop.locator("#id_slug")).to_have_value("khoa-hoc-dang-vien-va-an-toan-thong-tin")  # đ as d, no tones

    desktop.get_by_role("tab", name="Nội dung").click()
    desktop.locator("#id_topic").select_option(index=1)
    desktop.locator("#id_summary").fill("Kiến thức cơ bản cho đảng viên.")
    with desktop.expect_navigation():
        desktop.get_by_role("button", name="Lưu bản nháp").click()
    message = desktop.locator(".messages").inner_text()
    assert "Đã tạo trang" in message and "Khóa học Đảng viên và An toàn thông tin" in message

    desktop.goto(live_server.url + "/")
    desktop.goto(live_server.url + catalogue.url)
    own = urlsplit(live_server.url).netloc
    outside = sorted(
        {url for url in requested if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != own}
    )
    assert not outside, f"requests to other hosts: {outside}"
    assert len(requested) > 20  # the admin's scripts, styles, icons and the site's pages were all fetched
