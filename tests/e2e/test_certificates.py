"""In a real browser: a learner completes a course and downloads its certificate; the QR code's address opens the
public page, which says valid, then revoked once an administrator revokes it; a manager's bulk ZIP holds exactly
their subtree's certificates."""

import io
import zipfile

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

from certificates.models import Certificate, CertificateTemplate
from courses.models import CourseCompletion, CourseIndexPage, CoursePage, LessonPage, LessonRule
from tests.e2e.helpers import log_in, overflow
from tests.factories import CadreFactory, UserFactory, publish
from units.roles import ADMINISTRATOR, MANAGER

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def course(home_page):
    template = CertificateTemplate.objects.create(
        name="Mẫu hoàn thành",
        issuer="Ban Tuyên giáo và Dân vận Thành ủy Hải Phòng",
        signatory_position="Phó Trưởng ban",
        signatory_name="Trần Thị Hương",
    )
    catalogue = publish(home_page, CourseIndexPage(title="Khóa học", slug="khoa-hoc"))
    course = publish(
        catalogue,
        CoursePage(
            title="Chữ ký số cho cán bộ",
            slug="chu-ky-so",
            topic="digital_skills",
            summary="Ký văn bản điện tử.",
            certificate_template=template,
        ),
    )
    for slug, title in (("ky-so", "Ký số là gì"), ("thuc-hanh", "Thực hành ký số")):
        body = [{"type": "paragraph", "value": f"<p>{title}.</p>"}]
        publish(course, LessonPage(title=title, slug=slug, body=body, completion_rule=LessonRule.MANUAL))
    return course


def qr_address(pdf_bytes):
    for page in PdfReader(io.BytesIO(pdf_bytes)).pages:
        for image in page.images:
            for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(image.data)).convert("L")):
                return code.text
    return None


def test_complete_download_verify_revoke_and_bulk(live_server, phone, desktop, course, tree, settings):
    settings.WAGTAILADMIN_BASE_URL = live_server.url  # the address printed in the QR code
    CadreFactory(staff_code="HP014001", full_name="Phan Thị Thu Hà", unit=tree["division"])
    elsewhere = CadreFactory(staff_code="HP014002", full_name="Người Sở Khác", unit=tree["other"])
    CourseCompletion.objects.create(
        user=elsewhere.user,
        course=course,
        course_title=course.title,
        completed_at="2026-05-04T10:00:00+07:00",
        lessons_completed=2,
        lessons_required=2,
    )

    log_in(phone, live_server.url, "HP014001")
    phone.goto(live_server.url + course.url)
    expect(phone.get_by_text("Hoàn thành khóa học để được cấp chứng nhận.")).to_be_visible()
    with phone.expect_navigation():
        phone.get_by_role("button", name="Ghi danh khóa học").click()
    for _lesson in range(2):
        with phone.expect_navigation():
            phone.get_by_role("button", name="Đánh dấu hoàn thành").click()
    phone.goto(live_server.url + course.url)
    expect(phone.get_by_text("Bạn đã được cấp chứng nhận số")).to_be_visible()
    assert overflow(phone) <= 0
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Tải chứng nhận (PDF)").click()
    with open(download.value.path(), "rb") as handle:
        content = handle.read()
    assert "Phan Thị Thu Hà" in "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)

    address = qr_address(content)
    certificate = Certificate.objects.get(user__cadre__staff_code="HP014001")
    assert address == f"{live_server.url}/xac-thuc/{certificate.code}/"
    phone.goto(address)
    expect(phone.get_by_role("heading", name="Còn hiệu lực")).to_be_visible()
    expect(phone.get_by_role("definition").filter(has_text="Phan Thị Thu Hà")).to_be_visible()
    assert "HP014001" not in phone.content()
    assert overflow(phone) <= 0

    UserFactory(username="quantri", groups=[ADMINISTRATOR])
    log_in(desktop, live_server.url, "quantri")
    desktop.goto(live_server.url + "/admin/chung-nhan/")
    row = desktop.get_by_role("row").filter(has_text="Phan Thị Thu Hà")
    row.locator("button[aria-haspopup], [data-w-dropdown-target=toggle]").first.click()
    with desktop.expect_navigation():
        row.get_by_role("link", name="Thu hồi").click()
    desktop.get_by_label("Lý do thu hồi").fill("Cấp nhầm khóa học")
    with desktop.expect_navigation():
        desktop.get_by_role("button", name="Thu hồi chứng nhận").click()
    phone.reload()
    expect(phone.get_by_role("heading", name="Đã thu hồi")).to_be_visible()

    manager = UserFactory(username="quanly.sott", groups=[MANAGER])
    tree["department"].managers.add(manager)
    desktop.context.clear_cookies()
    log_in(desktop, live_server.url, "quanly.sott")
    desktop.goto(live_server.url + "/admin/chung-nhan/")
    expect(desktop.get_by_role("row").filter(has_text="Phan Thị Thu Hà")).to_be_visible()
    expect(desktop.get_by_role("row").filter(has_text="Người Sở Khác")).to_have_count(0)
    with desktop.expect_navigation():
        desktop.get_by_role("link", name="Tải PDF hàng loạt (ZIP)").click()
    desktop.get_by_label("Đơn vị (gồm các đơn vị trực thuộc)").select_option(label=tree["department"].name)
    with desktop.expect_navigation():
        desktop.get_by_role("button", name="Tạo tệp ZIP").click()
    link = desktop.get_by_role("link", name="Tải tệp ZIP")
    expect(link).to_be_visible(timeout=20000)
    with desktop.expect_download() as download:
        link.click()
    with open(download.value.path(), "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    assert archive.namelist() == [f"{certificate.year}-{certificate.number:06d}.pdf"]
