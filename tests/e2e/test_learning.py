"""A learner's journey in a real browser on a phone: find a course, enrol, study, see progress."""

import pytest
from django.utils import timezone

from courses.models import CourseCompletion, CourseIndexPage, CoursePage, LessonPage, LessonRule
from tests.e2e.helpers import log_in, overflow
from tests.factories import CadreFactory, publish

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


@pytest.fixture
def course(home_page):
    catalogue = publish(home_page, CourseIndexPage(title="Khóa học", slug="khoa-hoc"))
    course = publish(
        catalogue,
        CoursePage(
            title="An ninh mạng cho cán bộ",
            slug="an-ninh-mang",
            topic="security",
            summary="Những thói quen an toàn hằng ngày.",
        ),
    )
    publish(
        course,
        LessonPage(
            title="Mật khẩu mạnh",
            slug="mat-khau",
            body=paragraph("Dùng cụm mật khẩu dài."),
            completion_rule=LessonRule.MANUAL,
        ),
    )
    publish(
        course,
        LessonPage(
            title="Thư giả mạo",
            slug="thu-gia-mao",
            body=paragraph("Kiểm tra địa chỉ gửi."),
            completion_rule=LessonRule.MANUAL,
        ),
    )
    return course


def test_learner_finds_enrols_studies_and_completes_a_course(live_server, phone, course):
    cadre = CadreFactory(staff_code="HP000050", full_name="Vũ Minh Châu")
    log_in(phone, live_server.url, "HP000050")

    # Search without diacritics from the header.
    search = phone.get_by_role("search").get_by_role("searchbox")
    if not search.is_visible():
        phone.get_by_role("button", name="Danh mục").click()
    search.fill("an ninh mang")
    with phone.expect_navigation():
        search.press("Enter")
    with phone.expect_navigation():
        phone.get_by_role("link", name="An ninh mạng cho cán bộ").click()
    assert overflow(phone) <= 0

    with phone.expect_navigation():
        phone.get_by_role("button", name="Ghi danh khóa học").click()
    assert "Mật khẩu mạnh" in phone.locator("h1").inner_text()
    assert overflow(phone) <= 0

    with phone.expect_navigation():
        phone.get_by_role("button", name="Đánh dấu hoàn thành").click()
    assert "Thư giả mạo" in phone.locator("h1").inner_text()

    phone.goto(live_server.url + "/hoc-tap/")
    assert "50%" in phone.content()
    assert overflow(phone) <= 0
    with phone.expect_navigation():
        phone.get_by_role("link", name="Thư giả mạo").first.click()
    with phone.expect_navigation():
        phone.get_by_role("button", name="Đánh dấu hoàn thành").click()
    assert "hoàn thành khóa học" in phone.content()

    completion = CourseCompletion.objects.get(user=cadre.user)
    phone.goto(live_server.url + "/hoc-tap/ket-qua/")
    assert "An ninh mạng cho cán bộ" in phone.content()
    assert timezone.localtime(completion.completed_at).strftime("%d/%m/%Y") in phone.content()
    assert overflow(phone) <= 0
