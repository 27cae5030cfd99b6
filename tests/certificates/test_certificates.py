"""Certificates: issued once on completion with what they certify then, numbered per year, printed as a PDF with
intact Vietnamese and a QR code that decodes to the verification address, verified publicly, revoked with a
reason, listed for the learner, and registered and bulk-downloaded by managers for their subtree only."""

import io
import zipfile
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import zxingcpp
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader
from wagtail.models import ModelLogEntry

from certificates import issuing, pdf
from certificates.models import BulkDownload, BulkStatus, Certificate, CertificateTemplate
from courses import certificates as course_certificates
from courses.models import Assignment, CourseCompletion
from tests.factories import CadreFactory, UserFactory
from units.roles import ADMINISTRATOR, MANAGER

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def template():
    return CertificateTemplate.objects.create(
        name="Mẫu hoàn thành khóa học",
        issuer="Ban Tuyên giáo và Dân vận Thành ủy Hải Phòng",
        signatory_position="Phó Trưởng ban",
        signatory_name="Trần Thị Hương",
    )


@pytest.fixture
def course_with_certificate(course, template):
    course.certificate_template = template
    course.save_revision().publish()
    course.refresh_from_db()
    return course


def complete(user, course, capture, when=datetime(2026, 3, 2, 9, tzinfo=HCM), score=92, cycle=1):
    with capture(execute=True):
        return CourseCompletion.objects.create(
            user=user,
            course=course,
            course_title=course.title,
            completed_at=when,
            score=score,
            lessons_completed=3,
            lessons_required=3,
            cycle=cycle,
        )


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def qr_texts(content):
    """Every QR code in the PDF's images, decoded back to its text."""
    texts = []
    for page in PdfReader(io.BytesIO(content)).pages:
        for image in page.images:
            picture = Image.open(io.BytesIO(image.data)).convert("L")
            texts += [code.text for code in zxingcpp.read_barcodes(picture)]
    return texts


def test_a_completion_issues_one_certificate_that_keeps_what_it_certified(
    course_with_certificate, tree, django_capture_on_commit_callbacks
):
    cadre = CadreFactory(staff_code="HP011001", full_name="Đặng Thị Ánh Tuyết", unit=tree["division"])
    completion = complete(cadre.user, course_with_certificate, django_capture_on_commit_callbacks)
    (certificate,) = Certificate.objects.filter(user=cadre.user)
    assert (certificate.full_name, certificate.title, certificate.unit_name) == (
        "Đặng Thị Ánh Tuyết",
        "An ninh mạng cho cán bộ",
        "Phòng Bưu chính",
    )
    assert certificate.result == "hoàn thành với kết quả 92% khóa học"
    assert certificate.achieved_on.isoformat() == "2026-03-02" and certificate.number == 1
    assert len(certificate.code) >= 20 and certificate.display_number not in certificate.code

    # Issued once: the task again, the nightly sweep, a later edit of the course or the person change nothing.
    assert course_certificates.issue_for_completion(completion.pk) == certificate
    assert course_certificates.issue_missing() == 0
    course_with_certificate.title = "Tên mới của khóa học"
    course_with_certificate.save_revision().publish()
    cadre.full_name = "Tên Khác"
    cadre.save()
    certificate.refresh_from_db()
    assert Certificate.objects.count() == 1 and certificate.title == "An ninh mạng cho cán bộ"
    assert certificate.full_name == "Đặng Thị Ánh Tuyết"

    # A second cycle (recertification) is a second achievement: a second certificate, the next number.
    complete(cadre.user, course_with_certificate, django_capture_on_commit_callbacks, cycle=2)
    assert sorted(Certificate.objects.values_list("number", flat=True)) == [1, 2]


def test_a_course_without_template_issues_nothing_and_a_lost_task_is_caught_up(
    course, template, tree, django_capture_on_commit_callbacks
):
    cadre = CadreFactory(staff_code="HP011002", unit=tree["division"])
    complete(cadre.user, course, django_capture_on_commit_callbacks)
    assert not Certificate.objects.exists()
    course.certificate_template = template
    course.save_revision().publish()
    assert course_certificates.issue_missing() == 1  # the nightly sweep issues what is owed
    assert Certificate.objects.get().user == cadre.user


def test_expiry_follows_the_recertification_interval_of_the_assignment(
    course_with_certificate, tree, django_capture_on_commit_callbacks
):
    assignment = Assignment.objects.create(
        title="Bắt buộc", unit=tree["province"], starts_on=datetime(2026, 1, 1).date(), due_days=90, recert_months=12
    )
    assignment.courses.add(course_with_certificate)
    cadre = CadreFactory(staff_code="HP011003", unit=tree["division"])
    complete(cadre.user, course_with_certificate, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    assert certificate.valid_until.isoformat() == "2027-03-01"
    assert certificate.status(today=datetime(2027, 3, 1).date()) == "valid"
    assert certificate.status(today=datetime(2027, 3, 2).date()) == "expired"


def test_the_pdf_has_the_name_with_diacritics_and_a_qr_code_of_the_verification_address(
    course_with_certificate, tree, django_capture_on_commit_callbacks
):
    cadre = CadreFactory(staff_code="HP011004", full_name="Nguyễn Thị Hồng Nhung", unit=tree["division"])
    complete(cadre.user, course_with_certificate, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    content = pdf.render(certificate)
    text = pdf_text(content)
    assert "Nguyễn Thị Hồng Nhung" in text
    assert "GIẤY CHỨNG NHẬN" in text and "An ninh mạng cho cán bộ" in text
    assert f"Số: {certificate.display_number}" in text
    url = pdf.verification_url(certificate.code)
    assert url.endswith(f"/xac-thuc/{certificate.code}/")
    assert qr_texts(content) == [url]
    fonts = {
        str(font.get("/BaseFont"))
        for page in PdfReader(io.BytesIO(content)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert all("DejaVuSerif" in name or "CertSerif" in name for name in fonts), fonts  # embedded, not a viewer's


def test_the_pdf_is_made_once_then_read_from_storage(
    client, course_with_certificate, tree, django_capture_on_commit_callbacks
):
    cadre = CadreFactory(staff_code="HP011005", unit=tree["division"])
    complete(cadre.user, course_with_certificate, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    client.force_login(cadre.user)
    first = b"".join(client.get(reverse("certificates:download", args=[certificate.code])).streaming_content)
    certificate.refresh_from_db()
    assert certificate.pdf and first.startswith(b"%PDF")
    second = b"".join(client.get(reverse("certificates:download", args=[certificate.code])).streaming_content)
    assert second == first  # the stored file, not a new rendering

    stranger = CadreFactory(staff_code="HP011006", unit=tree["other"])
    client.force_login(stranger.user)
    assert client.get(reverse("certificates:download", args=[certificate.code])).status_code == 404


def test_the_public_page_shows_only_what_is_certified_and_its_status(
    client, course_with_certificate, tree, django_capture_on_commit_callbacks
):
    cadre = CadreFactory(staff_code="HP011007", full_name="Lý Văn Phúc", unit=tree["division"])
    cadre.user.email = "phuc@example.vn"
    cadre.user.save()
    complete(cadre.user, course_with_certificate, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    page = client.get(reverse("certificates:verify", args=[certificate.code])).content.decode()
    assert "Còn hiệu lực" in page and "Lý Văn Phúc" in page and "An ninh mạng cho cán bộ" in page
    assert "02/03/2026" in page and "Ban Tuyên giáo và Dân vận Thành ủy Hải Phòng" in page
    for private in ("HP011007", "phuc@example.vn", "Phòng Bưu chính"):
        assert private not in page
    assert client.get(reverse("certificates:verify", args=["khong-co-ma-nay"])).status_code == 404

    # Found by its number and the person's name (any case, with or without diacritics), not by either alone.
    lookup = reverse("certificates:lookup")
    found = client.get(lookup, {"number": certificate.display_number, "full_name": "ly van phuc"})
    assert found.status_code == 302 and found["Location"].endswith(f"/xac-thuc/{certificate.code}/")
    wrong = client.get(lookup, {"number": certificate.display_number, "full_name": "Lý Văn Khác"})
    assert wrong.status_code == 404 and "Không có chứng nhận nào khớp" in wrong.content.decode()
    bad = client.get(lookup, {"number": "abc", "full_name": "Lý Văn Phúc"})
    assert "Số chứng nhận có dạng" in bad.content.decode()

    # Revoked by an administrator with a reason, audited; the same page then says so.
    admin = UserFactory(username="quantri", groups=[ADMINISTRATOR])
    client.force_login(admin)
    url = reverse("certificate_register:revoke", args=[certificate.pk])
    assert "Hãy ghi lý do" in client.post(url, {"reason": " "}).content.decode()
    assert client.post(url, {"reason": "Cấp nhầm người"}).status_code == 302
    entry = ModelLogEntry.objects.get(action=issuing.REVOKED)
    assert entry.user == admin and "Cấp nhầm người" in entry.data["reason"]
    client.logout()
    page = client.get(reverse("certificates:verify", args=[certificate.code])).content.decode()
    assert "Đã thu hồi" in page and "Chứng nhận này đã bị thu hồi ngày" in page


def test_the_public_page_is_rate_limited(
    client, settings, course_with_certificate, tree, django_capture_on_commit_callbacks
):
    settings.CERTIFICATE_VERIFY_PER_MINUTE = 3
    cadre = CadreFactory(staff_code="HP011008", unit=tree["division"])
    complete(cadre.user, course_with_certificate, django_capture_on_commit_callbacks)
    url = reverse("certificates:verify", args=[Certificate.objects.get().code])
    assert [client.get(url).status_code for _ in range(4)] == [200, 200, 200, 429]
    assert "quá nhiều lần" in client.get(url).content.decode()


def test_only_administrators_revoke(client, course_with_certificate, tree, django_capture_on_commit_callbacks):
    manager = UserFactory(username="quanly", groups=[MANAGER])
    tree["department"].managers.add(manager)
    cadre = CadreFactory(staff_code="HP011009", unit=tree["division"])
    complete(cadre.user, course_with_certificate, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    client.force_login(manager)
    client.post(reverse("certificate_register:revoke", args=[certificate.pk]), {"reason": "thử"})
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_the_learner_lists_and_the_course_page_shows_the_certificate(
    client, course_with_certificate, tree, django_capture_on_commit_callbacks
):
    cadre = CadreFactory(staff_code="HP011010", unit=tree["division"])
    client.force_login(cadre.user)
    assert "Bạn chưa có chứng nhận nào" in client.get(reverse("certificates:mine")).content.decode()
    complete(cadre.user, course_with_certificate, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    page = client.get(reverse("certificates:mine")).content.decode()
    assert certificate.display_number in page and reverse("certificates:download", args=[certificate.code]) in page
    course_page = client.get(course_with_certificate.url).content.decode()
    assert reverse("certificates:download", args=[certificate.code]) in course_page


def test_the_register_and_the_bulk_zip_hold_exactly_the_managers_subtree(
    client, course_with_certificate, tree, django_capture_on_commit_callbacks
):
    manager = UserFactory(username="quanly", groups=[MANAGER])
    tree["department"].managers.add(manager)
    inside = [
        CadreFactory(staff_code=f"HP0120{n}", full_name=f"Trong Đơn Vị {n}", unit=unit)
        for n, unit in enumerate([tree["department"], tree["division"], tree["division"]])
    ]
    outside = CadreFactory(staff_code="HP012099", full_name="Ngoài Đơn Vị", unit=tree["other"])
    for cadre in [*inside, outside]:
        complete(cadre.user, course_with_certificate, django_capture_on_commit_callbacks)

    client.force_login(manager)
    listing = client.get(reverse("certificates_admin:index")).content.decode()
    assert all(f"Trong Đơn Vị {n}" in listing for n in range(3)) and "Ngoài Đơn Vị" not in listing
    export = client.get(reverse("certificates_admin:index") + "?export=xlsx")
    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(b"".join(export.streaming_content))).active.values)
    assert rows[0][:2] == ("Số", "Họ và tên") and len(rows) == 4
    assert "Ngoài Đơn Vị" not in {row[1] for row in rows}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("certificate_register:bulk"), {"unit": tree["department"].pk})
    job = BulkDownload.objects.get()
    assert response.status_code == 302 and job.status == BulkStatus.FINISHED and job.done == 3
    progress = client.get(reverse("certificate_register:job_status", args=[job.pk])).json()
    assert progress["finished"] and progress["percent"] == 100
    archive = zipfile.ZipFile(
        io.BytesIO(b"".join(client.get(reverse("certificate_register:job_download", args=[job.pk])).streaming_content))
    )
    expected = {f"{c.year}-{c.number:06d}.pdf" for c in Certificate.objects.filter(user__cadre__in=inside)}
    assert set(archive.namelist()) == expected
    names = {pdf_text(archive.read(name)).split("Ông/Bà ")[1].split(",")[0] for name in archive.namelist()}
    assert names == {f"Trong Đơn Vị {n}" for n in range(3)}

    # Another unit: refused; someone else's ZIP: not found.
    assert client.post(reverse("certificate_register:bulk"), {"unit": tree["other"].pk}).status_code == 200
    assert BulkDownload.objects.count() == 1
    other = UserFactory(username="quanly2", groups=[MANAGER])
    tree["department"].managers.add(other)
    client.force_login(other)
    assert client.get(reverse("certificate_register:job_download", args=[job.pk])).status_code == 404


def test_the_template_preview_is_a_pdf_of_demo_data_and_bad_placeholders_are_refused(client, template):
    response = template.serve_preview(None, "")
    assert response["Content-Type"] == "application/pdf"
    assert "Nguyễn Thị Minh Khai" in pdf_text(response.content)
    from django.core.exceptions import ValidationError

    template.body = "Chứng nhận {ten_sai} đã {ket_qua}"
    with pytest.raises(ValidationError, match=r"Chỗ điền không có: \{ten_sai\}"):
        template.full_clean()


def test_publishing_a_contests_ranking_gives_each_participant_one_certificate(
    template, tree, django_capture_on_commit_callbacks
):
    from quizzes import attempts
    from quizzes.models import QuestionCategory
    from tests.factories import correct_answers, make_question, make_quiz

    category = QuestionCategory.objects.create(name="Pháp luật")
    question = make_question(category, "Luật nào?", [("Luật An ninh mạng", True), ("Luật khác", False)])
    contest = make_quiz([question], title="Cuộc thi tìm hiểu chuyển đổi số", is_contest=True)
    people = [CadreFactory(staff_code=f"HP0150{n}", unit=tree["division"]).user for n in range(3)]
    for index, user in enumerate(people):
        attempt = attempts.start_attempt(user, contest)
        attempts.finish(attempt.pk, user=user, answers=correct_answers(attempt) if index else {})
    contest.certificate_template = template
    with django_capture_on_commit_callbacks(execute=True):
        contest.save()  # not published yet: nothing
    assert not Certificate.objects.exists()
    contest.ranking_published = True
    for _twice in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            contest.save()
    certificates = Certificate.objects.filter(kind="contest")
    assert sorted(c.user_id for c in certificates) == sorted(user.pk for user in people)
    assert {c.title for c in certificates} == {"Cuộc thi tìm hiểu chuyển đổi số"}
    assert {c.result for c in certificates} == {"tham gia"} and all(c.award == "" for c in certificates)


def test_the_register_filters_by_title_status_and_period(
    client, course_with_certificate, tree, django_capture_on_commit_callbacks
):
    admin = UserFactory(username="quantri", groups=[ADMINISTRATOR])
    first, second = (
        CadreFactory(staff_code=f"HP01600{n}", full_name=f"Người Lọc {n}", unit=tree["division"]) for n in range(2)
    )
    for cadre in (first, second):
        complete(cadre.user, course_with_certificate, django_capture_on_commit_callbacks)
    issuing.revoke(Certificate.objects.get(user=first.user), admin, "Thử")
    client.force_login(admin)
    index = reverse("certificates_admin:index")
    revoked = client.get(index, {"status": "revoked"}).content.decode()
    assert "Người Lọc 0" in revoked and "Người Lọc 1" not in revoked
    valid = client.get(index, {"status": "valid", "title": course_with_certificate.title}).content.decode()
    assert "Người Lọc 1" in valid and "Người Lọc 0" not in valid
    later = client.get(index, {"issued_at_from": "2099-01-01"}).content.decode()
    assert "Người Lọc" not in later
