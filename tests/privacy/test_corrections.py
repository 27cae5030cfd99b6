"""Correction requests: a learner asks, the managers of their unit (and only they) answer; applying goes through
the import's code path; every step is audited and the person learns the outcome."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import ModelLogEntry

from privacy import corrections
from privacy.models import CorrectionRequest, CorrectionStatus
from tests.factories import TEST_PASSWORD, CadreFactory, UserFactory
from units.models import Membership
from units.roles import ADMINISTRATOR, MANAGER

pytestmark = pytest.mark.django_db
FRIDAY = datetime.datetime(2026, 12, 4, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))


@pytest.fixture
def hoa(tree):
    cadre = CadreFactory(staff_code="HP006001", full_name="Lê Thi Hoa", position="Chuyên viên", unit=tree["division"])
    cadre.user.email = "hoa@example.vn"
    cadre.user.save()
    return cadre.user


@pytest.fixture
def manager(tree):
    """Manages Sở Thông tin, the department above Hoa's division (which has no manager of its own)."""
    user = UserFactory(username="quanlysott", email="quanly@example.vn", groups=[MANAGER])
    tree["department"].managers.add(user)
    return user


@pytest.fixture
def other_manager(tree):
    user = UserFactory(username="quanlysonv", email="sonv@example.vn", groups=[MANAGER])
    tree["other"].managers.add(user)
    return user


def log_in(client, username):
    client.logout()
    assert client.post(reverse("accounts:login"), {"username": username, "password": TEST_PASSWORD}).status_code == 302


def ask(client, capture, **fields):
    data = {"full_name": "", "position": "", "new_unit": "", "note": "", **fields}
    with capture(execute=True):
        return client.post(reverse("privacy:corrections"), data)


def answer(client, correction, capture, decision, reply=""):
    url = reverse(f"{corrections.ADMIN_VIEWSET}:edit", args=[correction.pk])
    with capture(execute=True):
        return client.post(url, {"decision": decision, "reply": reply})


def test_a_learner_asks_and_the_managers_of_their_unit_are_told_with_a_deadline(
    client, hoa, manager, other_manager, tree, mailoutbox, django_capture_on_commit_callbacks
):
    log_in(client, "HP006001")
    assert "Đề nghị sửa thông tin cá nhân" in client.get(reverse("accounts:mine")).content.decode()
    with time_machine.travel(FRIDAY, tick=False):
        log_in(client, "HP006001")
        response = ask(client, django_capture_on_commit_callbacks, full_name="Lê Thị Hoa", note="Tên bị gõ thiếu dấu")
    assert response.status_code == 302
    correction = CorrectionRequest.objects.get(user=hoa)
    assert correction.status == CorrectionStatus.NEW
    assert correction.unit == tree["division"]
    assert correction.reply_due_on == datetime.date(2026, 12, 8)  # two working days after a Friday: Tuesday
    assert correction.current["full_name"] == "Lê Thi Hoa"

    (mail,) = mailoutbox
    assert mail.to == ["quanly@example.vn"]  # the nearest managers above; not those of Sở Nội vụ
    assert "Lê Thi Hoa" in mail.subject
    assert "“Lê Thi Hoa” → “Lê Thị Hoa”" in mail.body and "08/12/2026" in mail.body
    assert reverse(f"{corrections.ADMIN_VIEWSET}:edit", args=[correction.pk]) in mail.body

    entry = ModelLogEntry.objects.get(action=corrections.REQUESTED)
    assert entry.object_id == str(hoa.pk) and entry.user_id == hoa.pk

    log_in(client, "HP006001")  # back from the Friday: the session of then has ended
    page = client.get(reverse("privacy:corrections")).content.decode()
    assert "Đề nghị đang chờ" in page and "Mới" in page and "08/12/2026" in page
    assert 'name="full_name"' not in page  # one open request at a time


def test_a_request_that_changes_nothing_is_refused_and_nothing_is_filed(
    client, hoa, manager, mailoutbox, django_capture_on_commit_callbacks
):
    log_in(client, "HP006001")
    response = ask(client, django_capture_on_commit_callbacks, full_name="Lê Thi Hoa", position="Chuyên viên")
    assert response.status_code == 400
    assert "Bạn chưa sửa mục nào" in response.content.decode()
    assert not CorrectionRequest.objects.exists() and not mailoutbox


def test_applying_a_correction_changes_the_cadre_record_as_an_import_does_and_tells_the_person(
    client, hoa, manager, tree, mailoutbox, django_capture_on_commit_callbacks
):
    log_in(client, "HP006001")
    ask(
        client,
        django_capture_on_commit_callbacks,
        full_name="Lê Thị Hoa",
        position="Phó trưởng phòng",
        new_unit=str(tree["department"].pk),
    )
    correction = CorrectionRequest.objects.get()
    mailoutbox.clear()

    log_in(client, "quanlysott")
    listing = client.get(reverse(f"{corrections.ADMIN_VIEWSET}:index")).content.decode()
    assert "Lê Thi Hoa" in listing and "Mới" in listing
    page = client.get(reverse(f"{corrections.ADMIN_VIEWSET}:edit", args=[correction.pk])).content.decode()
    assert "Phó trưởng phòng" in page and "Sở Thông tin" in page
    response = answer(client, correction, django_capture_on_commit_callbacks, "apply", "Đã sửa theo quyết định")
    assert response.status_code == 302

    cadre = hoa.cadre
    cadre.refresh_from_db()
    assert (cadre.full_name, cadre.position, cadre.unit) == ("Lê Thị Hoa", "Phó trưởng phòng", tree["department"])
    open_periods = Membership.objects.filter(cadre=cadre, ended_on__isnull=True).values_list("unit__code", flat=True)
    assert list(open_periods) == ["SOTT"]  # the unit history follows, as after an import
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.DONE and correction.handled_by == manager
    entry = ModelLogEntry.objects.get(action=corrections.APPLIED)
    assert entry.user_id == manager.pk and entry.object_id == str(hoa.pk)
    assert "“Chuyên viên” → “Phó trưởng phòng”" in entry.data["changes"]

    (mail,) = mailoutbox
    assert mail.to == ["hoa@example.vn"] and "đã sửa như đề nghị" in mail.body

    log_in(client, "HP006001")
    page = client.get(reverse("privacy:corrections")).content.decode()
    assert "Đã xử lý" in page and "Đã sửa theo quyết định" in page
    assert 'name="full_name"' in page  # a new request may be filed again


def test_a_refusal_needs_a_reason_which_the_person_then_reads(
    client, hoa, manager, mailoutbox, django_capture_on_commit_callbacks
):
    log_in(client, "HP006001")
    ask(client, django_capture_on_commit_callbacks, position="Trưởng phòng")
    correction = CorrectionRequest.objects.get()
    log_in(client, "quanlysott")
    assert answer(client, correction, django_capture_on_commit_callbacks, "start").status_code == 302
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.IN_PROGRESS

    response = answer(client, correction, django_capture_on_commit_callbacks, "reject", "  ")
    assert response.status_code == 200 and "Hãy ghi lý do từ chối" in response.content.decode()
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.IN_PROGRESS

    answer(client, correction, django_capture_on_commit_callbacks, "reject", "Chưa có quyết định bổ nhiệm")
    correction.refresh_from_db()
    hoa.cadre.refresh_from_db()
    assert correction.status == CorrectionStatus.REJECTED and hoa.cadre.position == "Chuyên viên"
    assert "Chưa có quyết định bổ nhiệm" in mailoutbox[-1].body
    assert ModelLogEntry.objects.filter(action=corrections.REJECTED, object_id=str(hoa.pk)).exists()
    log_in(client, "HP006001")
    page = client.get(reverse("privacy:corrections")).content.decode()
    assert "Từ chối" in page and "Chưa có quyết định bổ nhiệm" in page


def test_requests_are_scoped_to_the_managers_of_the_persons_unit(
    client, hoa, manager, other_manager, tree, django_capture_on_commit_callbacks
):
    log_in(client, "HP006001")
    ask(client, django_capture_on_commit_callbacks, full_name="Lê Thị Hoa")
    correction = CorrectionRequest.objects.get()

    log_in(client, "quanlysonv")
    assert "Lê Thi Hoa" not in client.get(reverse(f"{corrections.ADMIN_VIEWSET}:index")).content.decode()
    assert client.get(reverse(f"{corrections.ADMIN_VIEWSET}:edit", args=[correction.pk])).status_code == 403
    assert answer(client, correction, django_capture_on_commit_callbacks, "apply").status_code == 403
    hoa.cadre.refresh_from_db()
    assert hoa.cadre.full_name == "Lê Thi Hoa"

    log_in(client, "HP006001")  # a learner has no admin at all
    assert client.get(reverse(f"{corrections.ADMIN_VIEWSET}:index")).status_code in (302, 403)


def test_a_move_to_a_unit_outside_the_managers_scope_is_refused_with_the_way_forward(
    client, hoa, manager, tree, django_capture_on_commit_callbacks
):
    log_in(client, "HP006001")
    ask(client, django_capture_on_commit_callbacks, new_unit=str(tree["other"].pk))
    correction = CorrectionRequest.objects.get()
    log_in(client, "quanlysott")
    response = answer(client, correction, django_capture_on_commit_callbacks, "apply")
    assert "nằm ngoài phạm vi bạn quản lý" in response.content.decode()
    hoa.cadre.refresh_from_db()
    correction.refresh_from_db()
    assert hoa.cadre.unit == tree["division"] and correction.status == CorrectionStatus.NEW

    admin = UserFactory(username="quantri", groups=[ADMINISTRATOR])
    log_in(client, admin.username)
    answer(client, correction, django_capture_on_commit_callbacks, "apply")
    hoa.cadre.refresh_from_db()
    assert hoa.cadre.unit == tree["other"]


def test_nobody_answers_their_own_request(client, tree, django_capture_on_commit_callbacks):
    boss = CadreFactory(staff_code="HP006009", full_name="Đỗ Văn Sếp", unit=tree["department"]).user
    boss.groups.add(Group.objects.get(name=MANAGER))
    tree["department"].managers.add(boss)
    log_in(client, "HP006009")
    ask(client, django_capture_on_commit_callbacks, position="Giám đốc")
    correction = CorrectionRequest.objects.get()
    assert client.get(reverse(f"{corrections.ADMIN_VIEWSET}:edit", args=[correction.pk])).status_code == 403
    answer(client, correction, django_capture_on_commit_callbacks, "apply")
    assert not CorrectionRequest.objects.exclude(status=CorrectionStatus.NEW).exists()
    boss.cadre.refresh_from_db()
    assert boss.cadre.position != "Giám đốc"
