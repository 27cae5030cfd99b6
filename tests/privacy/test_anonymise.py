"""Anonymisation: a person's identity goes, their learning stays as anonymous facts, and every report counts
exactly what it counted before; deleting people with learning history is not offered."""

import io
import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts.models import ActivationCode, PrivacyConsent
from certificates import issuing, pdf
from certificates.models import CertificateTemplate
from courses.models import Assignment, CourseCompletion, Enrolment
from privacy import anonymise
from privacy.models import Anonymisation, AnonymisationReason, CorrectionRequest, DataExport, ExportStatus
from privacy.tasks import anonymise_departed
from reports import counters, queries
from tests.factories import TEST_PASSWORD, CadreFactory, UserFactory
from units.cadre_import.importing import import_file
from units.models import Cadre
from units.roles import ADMINISTRATOR, MANAGER

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
FIELDS = ("cadres", "required", "enrolled", "in_progress", "completed", "overdue")


@pytest.fixture
def administrator():
    return UserFactory(username="quantri", groups=[ADMINISTRATOR])


@pytest.fixture
def people(tree, course):
    """Forty cadres over the tree, at random enrolled, completed or neither, with positions and categories."""
    rng = random.Random(16)
    units = list(tree.values())
    cadres = []
    for number in range(40):
        cadre = CadreFactory(
            staff_code=f"HP7{number:04d}",
            full_name=f"Người Số {number}",
            unit=rng.choice(units),
            position=rng.choice(["Chuyên viên", "Trưởng phòng", "Văn thư"]),
            category=rng.choice(["civil_servant", "public_employee"]),
        )
        state = rng.choice(["none", "enrolled", "completed"])
        if state != "none":
            Enrolment.objects.create(user=cadre.user, course=course, course_title=course.title, source="self")
        if state == "completed":
            CourseCompletion.objects.create(
                user=cadre.user,
                course=course,
                course_title=course.title,
                completed_at=datetime(2026, 2, rng.randint(1, 27), 9, tzinfo=HCM),
                score=80,
                lessons_completed=3,
                lessons_required=3,
            )
        cadres.append(cadre)
    return cadres


def snapshot(viewer, tree, course, assignment):
    """Every report's numbers for every unit: the rollup (stored counters and a past date range), by
    category, the totals by position, completions per month, and the assignment's rollup."""
    now = datetime(2026, 12, 7, 9, tzinfo=HCM)

    def rows(result):
        return [(row.kind, row.label, *(getattr(row, name) for name in FIELDS)) for row in result]

    figures = {}
    for key, unit in tree.items():
        figures[key, "rollup"] = rows(queries.unit_rollup(viewer, unit, queries.Filters(), now=now))
        past = queries.Filters(course=course, date_from=date(2026, 2, 1), date_to=date(2026, 2, 28))
        figures[key, "past"] = rows(queries.unit_rollup(viewer, unit, past, now=now))
        figures[key, "category"] = rows(queries.group_report(viewer, unit, queries.Filters(), "category", now=now))
        figures[key, "position total"] = rows(
            queries.group_report(viewer, unit, queries.Filters(), "position", now=now)[-1:]
        )
        figures[key, "months"] = queries.completions_by_month(viewer, unit, queries.Filters(course=course), now=now)
        figures[key, "assignment"] = rows(
            queries.unit_rollup(viewer, unit, queries.Filters(assignment=assignment), now=now)
        )
    return figures


def test_every_report_counts_the_same_after_anonymisation(
    administrator, people, tree, course, django_capture_on_commit_callbacks
):
    assignment = Assignment.objects.create(
        title="An ninh mạng 2026", unit=tree["province"], starts_on=date(2026, 1, 1), due_on=date(2026, 3, 31)
    )
    assignment.courses.add(course)
    counters.rebuild()
    before = snapshot(administrator, tree, course, assignment)
    assert before["province", "rollup"][-1][2] == 40  # the figures are not empty

    completed = [c for c in people if CourseCompletion.objects.filter(user=c.user).exists()][:3]
    enrolled_only = [c for c in people if Enrolment.objects.filter(user=c.user).exists() and c not in completed][:2]
    with django_capture_on_commit_callbacks(execute=True):  # the counters' refreshes run as in production
        for cadre in [*completed, *enrolled_only]:
            anonymise.anonymise(cadre.user, by=administrator)
    assert Cadre.objects.filter(anonymised_at__isnull=False).count() == 5
    assert snapshot(administrator, tree, course, assignment) == before
    counters.rebuild()  # and the nightly recount agrees
    assert snapshot(administrator, tree, course, assignment) == before


@pytest.fixture
def lan(tree, course):
    cadre = CadreFactory(staff_code="HP008001", full_name="Phạm Thị Lan", position="Kế toán", unit=tree["division"])
    user = cadre.user
    user.email = "lan@example.vn"
    user.first_name = "Lan"
    user.save()
    Enrolment.objects.create(user=user, course=course, course_title=course.title, source="self")
    return user


def test_anonymising_removes_the_identity_and_the_login_and_keeps_the_learning(
    client, administrator, lan, tree, course
):
    code = ActivationCode.objects.create(user=lan, digest="x" * 64, expires_at=datetime(2027, 1, 1, tzinfo=HCM))
    template = CertificateTemplate.objects.create(
        name="Mẫu", issuer="Ban Tuyên giáo", signatory_position="Trưởng ban", signatory_name="Lê Văn Ký"
    )
    achievement = issuing.Achievement(
        kind="course",
        source_key="course:1:1",
        source_id=course.pk,
        title=course.title,
        result="hoàn thành",
        achieved_on=date(2026, 3, 2),
    )
    certificate, _created = issuing.issue(lan, template, achievement, "Phạm Thị Lan", tree["division"])
    certificate_pdf = pdf.stored_pdf(certificate)
    Authenticator.objects.create(user=lan, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "abc"})
    consent = PrivacyConsent.objects.filter(user=lan).first()
    stored = storages["private"].save("data-exports/lan.zip", ContentFile(b"zip"))
    DataExport.objects.create(user=lan, status=ExportStatus.FINISHED, file=stored)
    CorrectionRequest.objects.create(
        user=lan,
        unit=tree["division"],
        current={"full_name": "Phạm Thị Lan"},
        full_name="Phạm Thị Lan Anh",
        reply_due_on=date(2026, 12, 9),
    )
    assert (
        client.post(reverse("accounts:login"), {"username": "HP008001", "password": "sai-mat-khau"}).status_code == 200
    )
    client.logout()

    client.force_login(administrator)
    page = client.get(reverse("privacy_admin:anonymise", args=[lan.pk])).content.decode()
    assert "Phạm Thị Lan" in page and "1 lượt ghi danh khóa học" in page
    response = client.post(
        reverse("privacy_admin:anonymise", args=[lan.pk]),
        {"reason": AnonymisationReason.REQUEST, "note": "Đơn ngày 01/12/2026", "confirm": "on"},
    )
    assert response.status_code == 302

    lan.refresh_from_db()
    cadre = lan.cadre
    assert cadre.anonymised_at is not None
    assert cadre.staff_code.startswith("AN-") and cadre.full_name.startswith("Người dùng ẩn danh")
    assert cadre.position == "" and cadre.unit == tree["division"]
    assert (lan.email, lan.first_name, lan.is_active, lan.has_usable_password()) == ("", "", False, False)
    assert lan.get_username() == cadre.staff_code.lower()
    assert not ActivationCode.objects.filter(pk=code.pk).exists()
    assert not Authenticator.objects.filter(user=lan).exists()
    assert not DataExport.objects.filter(user=lan).exists() and not storages["private"].exists(stored)
    assert not CorrectionRequest.objects.filter(user=lan).exists()
    assert consent is None or PrivacyConsent.objects.get(pk=consent.pk).address is None
    assert Enrolment.objects.filter(user=lan, course=course).count() == 1  # the learning stays
    certificate.refresh_from_db()
    assert certificate.full_name == cadre.full_name and certificate.revoked_at is None
    assert not storages["private"].exists(certificate_pdf)
    public = client.get(reverse("certificates:verify", args=[certificate.code])).content.decode()
    assert "Phạm Thị Lan" not in public and cadre.full_name in public

    record = Anonymisation.objects.get(user=lan)
    assert (record.performed_by, record.reason, record.note) == (administrator, "request", "Đơn ngày 01/12/2026")
    entry = ModelLogEntry.objects.get(action=anonymise.ANONYMISED)
    assert entry.user_id == administrator.pk and "Theo yêu cầu của người đó" in entry.data["reason"]
    assert not ModelLogEntry.objects.for_instance(lan).filter(label__contains="HP008001").exists()

    listing = client.get(reverse("cadres:index")).content.decode()
    assert "Phạm Thị Lan" not in listing and "HP008001" not in listing
    client.logout()
    for identifier in ("HP008001", "lan@example.vn", lan.get_username()):
        response = client.post(reverse("accounts:login"), {"username": identifier, "password": TEST_PASSWORD})
        assert response.status_code != 302, identifier
    # Nobody hands the account a new way in.
    client.force_login(administrator)
    person = reverse("activation_admin:person", args=[lan.pk])
    client.post(person, {"action": "reactivate"})
    lan.refresh_from_db()
    assert not lan.is_active


def test_an_import_that_brings_an_anonymised_code_back_is_refused(administrator, lan, tree):
    anonymise.anonymise(lan, by=administrator)
    content = "Mã cán bộ,Họ và tên,Mã đơn vị\nHP008001,Phạm Thị Lan,SOTT-P1\nHP008002,Vũ Văn Mới,SOTT-P1\n"

    result = import_file(lambda: io.BytesIO(content.encode("utf-8-sig")), "can-bo.csv")
    assert (result.created, result.error_count) == (1, 1)
    assert "đã được ẩn danh hóa" in result.errors[0]["message"]
    assert not Cadre.objects.filter(staff_code="HP008001").exists()
    assert not Cadre.objects.filter(full_name="Phạm Thị Lan").exists()


def test_the_nightly_task_anonymises_those_who_left_longer_ago_than_the_retention(settings, tree, course):
    settings.ANONYMISE_AFTER_LEFT_MONTHS = 24
    today = date.today()
    long_gone = CadreFactory(
        staff_code="HP009001", full_name="Đã Nghỉ Lâu", unit=tree["other"], left_on=today - timedelta(days=800)
    )
    recent = CadreFactory(
        staff_code="HP009002", full_name="Mới Nghỉ", unit=tree["other"], left_on=today - timedelta(days=600)
    )
    working = CadreFactory(staff_code="HP009003", full_name="Đang Làm", unit=tree["other"])
    for cadre in (long_gone, recent):
        cadre.user.is_active = False
        cadre.user.save()

    assert anonymise_departed() == 1
    long_gone.refresh_from_db()
    recent.refresh_from_db()
    working.refresh_from_db()
    assert long_gone.anonymised_at is not None and long_gone.full_name != "Đã Nghỉ Lâu"
    assert Anonymisation.objects.get(user=long_gone.user).reason == AnonymisationReason.RETENTION
    assert recent.anonymised_at is None and working.anonymised_at is None
    assert anonymise_departed() == 0  # once only

    settings.ANONYMISE_AFTER_LEFT_MONTHS = 0  # switched off
    recent.left_on = today - timedelta(days=5000)
    recent.save()
    assert anonymise_departed() == 0


def test_only_administrators_anonymise_and_never_themselves(client, administrator, lan, tree):
    manager = UserFactory(username="quanly", groups=[MANAGER])
    tree["province"].managers.add(manager)
    client.force_login(manager)
    assert "Ẩn danh hóa dữ liệu cá nhân" not in client.get(reverse("cadres:index")).content.decode()
    url = reverse("privacy_admin:anonymise", args=[lan.pk])
    assert client.get(url).status_code in (302, 403)  # Wagtail sends a refused page back to the dashboard
    assert client.post(url, {"reason": "request", "confirm": "on"}).status_code in (302, 403)
    lan.cadre.refresh_from_db()
    assert lan.cadre.anonymised_at is None

    client.force_login(administrator)
    listing = client.get(reverse("cadres:index")).content.decode()
    assert reverse("privacy_admin:anonymise", args=[lan.pk]) in listing
    assert (
        reverse("privacy_admin:anonymise", args=[lan.pk])
        in client.get(reverse("wagtailusers_users:index")).content.decode()
    )
    page = client.get(reverse("privacy_admin:anonymise", args=[administrator.pk])).content.decode()
    assert "Không thể tự ẩn danh hóa" in page
    response = client.post(reverse("privacy_admin:anonymise", args=[lan.pk]), {"reason": "request"})
    assert response.status_code == 200  # the confirmation box is required
    lan.refresh_from_db()
    assert lan.is_active


def test_people_with_learning_history_cannot_be_deleted_only_anonymised(client, administrator, lan, tree):
    newcomer = CadreFactory(staff_code="HP008009", full_name="Chưa Học", unit=tree["division"])
    client.force_login(administrator)
    User = get_user_model()

    response = client.post(reverse("wagtailusers_users:delete", args=[lan.pk]), follow=True)
    assert "Không xóa được Phạm Thị Lan: đã có 1 lượt ghi danh khóa học" in response.content.decode()
    response = client.post(reverse("cadres:delete", args=[lan.cadre.pk]), follow=True)
    assert "Ẩn danh hóa" in response.content.decode()
    bulk = reverse("wagtail_bulk_action", args=(User._meta.app_label, User._meta.model_name, "delete"))
    client.post(f"{bulk}?id={lan.pk}", {})
    assert User.objects.filter(pk=lan.pk).exists() and Cadre.objects.filter(user=lan).exists()

    # Someone without any learning history can still be deleted (a typo in an import, say).
    client.post(reverse("wagtailusers_users:delete", args=[newcomer.user.pk]))
    assert not User.objects.filter(pk=newcomer.user.pk).exists()
