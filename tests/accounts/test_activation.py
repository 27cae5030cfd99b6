"""First access with an activation code: issuing, the two-step activation page, abuse, and the unit's sheet."""

import datetime
import re
from io import BytesIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.storage import storages
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts import activation, sheets
from accounts.models import ActivationCode, ActivationSheet, SheetStatus
from accounts.tasks import generate_activation_sheet
from tests.factories import TEST_PASSWORD, CadreFactory, UserFactory
from units.roles import MANAGER

START = "/tai-khoan/kich-hoat/"
STRONG = "Mùa@Thu2026!dài"


def imported(staff_code, unit, **fields):
    """A cadre as the HR import leaves them: an active account with no usable password."""
    cadre = CadreFactory(staff_code=staff_code, unit=unit, **fields)
    cadre.user.set_unusable_password()
    cadre.user.save()
    return cadre


@pytest.fixture
def people(tree):
    return {
        "an": imported("HP000501", tree["department"], full_name="Nguyễn Văn An"),
        "binh": imported("HP000502", tree["division"], full_name="Trần Thị Bình"),
        "cuong": imported("HP000503", tree["other"], full_name="Lê Văn Cường"),
    }


def issue_one(cadre):
    [(_user, code)] = activation.issue([cadre.user])
    return code


def step_one(client, identifier, code):
    return client.post(START, {"identifier": identifier, "code": code})


def test_a_code_is_random_readable_and_stored_only_as_a_hash(people):
    codes = [code for _user, code in activation.issue([cadre.user for cadre in people.values()])]
    assert len(set(codes)) == 3
    for code in codes:
        assert len(code) >= 10 and set(code) <= set(activation.ALPHABET)
        assert not set(code) & set("01OIL")
    stored = list(ActivationCode.objects.values_list("digest", flat=True))
    assert all(code not in digest for code in codes for digest in stored)
    assert ActivationCode.objects.usable().count() == 3


def test_an_imported_cadre_activates_sets_a_password_and_is_logged_in(client, people):
    an = people["an"]
    code = issue_one(an)
    response = step_one(client, "hp000501", activation.display_code(code).lower())  # as typed from paper
    assert response.status_code == 302 and response["Location"] == reverse("accounts:activate_password")

    weak = client.post(
        reverse("accounts:activate_password"), {"new_password1": "12345678", "new_password2": "12345678"}
    )
    assert weak.status_code == 200 and "mật khẩu" in weak.content.decode().lower()
    an.user.refresh_from_db()
    assert not an.user.has_usable_password()

    done = client.post(reverse("accounts:activate_password"), {"new_password1": STRONG, "new_password2": STRONG})
    assert done.status_code == 302 and done["Location"] == "/"
    assert client.get("/").context["user"] == an.user
    an.user.refresh_from_db()
    assert an.user.check_password(STRONG)
    assert ActivationCode.objects.get(user=an.user).used_at is not None

    client.logout()
    login = client.post(reverse("accounts:login"), {"username": "HP000501", "password": STRONG})
    assert login.status_code == 302


@pytest.mark.parametrize("case", ["wrong", "unknown person", "used", "reissued", "expired", "someone else's"])
def test_a_code_that_cannot_be_used_gets_one_message_and_changes_nothing(client, people, case, time_machine):
    an, binh = people["an"], people["binh"]
    code = issue_one(an)
    identifier = "HP000501"
    if case == "wrong":
        code = "ABCDEFGHJKMN"
    elif case == "unknown person":
        identifier = "HP999999"
    elif case == "used":
        activation.activate(ActivationCode.objects.get(user=an.user).pk, STRONG)
    elif case == "reissued":
        issue_one(an)
    elif case == "expired":
        time_machine.move_to(
            datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=settings.ACTIVATION_CODE_DAYS, minutes=1)
        )
    elif case == "someone else's":
        identifier = binh.staff_code
    before = list(ActivationCode.objects.order_by("pk").values())
    response = step_one(client, identifier, code)
    assert response.status_code == 400
    assert "không khớp, hoặc mã đã được dùng, đã hết hạn hay đã được cấp lại" in response.content.decode()
    assert list(ActivationCode.objects.order_by("pk").values()) == before
    assert "_auth_user_id" not in client.session


def test_repeated_guesses_lock_the_account_without_saying_whether_it_exists(client, people):
    code = issue_one(people["an"])
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert step_one(client, "HP000501", "ABCDEFGHJKMN").status_code == 400
    assert step_one(client, "HP000501", "ABCDEFGHJKMN").status_code == 429  # the last allowed guess locks
    locked = step_one(client, "HP000501", code)  # even the right code waits for the cool-off
    assert locked.status_code == 429
    assert "tạm khóa" in locked.content.decode()
    assert step_one(client, "HP000502", "ABCDEFGHJKMN").status_code == 400  # another person is not locked


def test_the_password_step_needs_a_passed_first_step(client, people):
    response = client.get(reverse("accounts:activate_password"))
    assert response.status_code == 302 and response["Location"] == START


# The unit's activation sheet


@pytest.fixture
def manager_client(client, tree):
    manager = UserFactory(username="quanly", groups=[MANAGER])
    tree["department"].managers.add(manager)
    client.force_login(manager)
    return client


def sheet_rows(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True))
    return rows[0], rows[1:]


def pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(b"".join(response.streaming_content)))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def issue_sheet(django_capture_on_commit_callbacks):
    def issue(client, unit, delivery="print"):
        """Ask for the unit's codes; the task the request queues runs (in-process) as after its commit."""
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("activation_admin:unit", args=[unit.pk]), {"delivery": delivery})
        assert response.status_code == 302, response.content.decode()[:500]
        page = client.get(response["Location"])
        assert page.status_code == 200
        return ActivationSheet.objects.latest("pk"), page.content.decode()

    return issue


def stored_files():
    storage = storages[sheets.STORAGE]
    return storage.listdir("activation")[1] if storage.exists("activation") else []


def download(client, sheet, kind):
    return client.get(reverse("activation_admin:sheet_download", args=[sheet.pk, kind]))


def test_a_manager_prints_the_sheet_of_their_subtree_and_its_codes_work(
    manager_client, client, people, tree, issue_sheet
):
    url = reverse("activation_admin:unit", args=[tree["department"].pk])
    page = manager_client.get(url)
    assert page.status_code == 200 and "2 người" in page.content.decode()

    sheet, text = issue_sheet(manager_client, tree["department"])
    assert "Đã xong: 2 người được cấp mã." in text and "Tải phiếu in (PDF)" in text
    header, rows = sheet_rows(download(manager_client, sheet, "xlsx"))
    assert header[:4] == ("Họ và tên", "Mã cán bộ", "Đơn vị", "Mã kích hoạt")
    assert [row[1] for row in rows] == ["HP000501", "HP000502"]  # the division's cadre too; not Sở Nội vụ
    assert rows[0][4].endswith(START)
    printed = pdf_text(download(manager_client, sheet, "pdf"))
    for row in rows:
        assert row[0] in printed and row[1] in printed and row[3] in printed
    assert "Lê Văn Cường" not in printed and "PHIẾU KÍCH HOẠT TÀI KHOẢN" in printed

    again, _text = issue_sheet(manager_client, tree["department"])  # a new issue replaces the first one's codes
    _header, new_rows = sheet_rows(download(manager_client, again, "xlsx"))
    manager_client.logout()
    assert step_one(client, "HP000501", rows[0][3]).status_code == 400
    assert step_one(client, "HP000501", new_rows[0][3]).status_code == 302


def test_the_qr_code_opens_the_activation_page_with_the_staff_code_filled_in(client, people):
    page = client.get(START + "?ma=HP000501")
    assert 'value="HP000501"' in page.content.decode()


def test_with_email_each_person_with_an_address_gets_their_code_once_the_others_a_slip(
    manager_client, client, people, tree, issue_sheet
):
    people["an"].user.email = "an.nguyen@haiphong.gov.vn"
    people["an"].user.save()
    people["binh"].user.email = ""
    people["binh"].user.save()
    sheet, text = issue_sheet(manager_client, tree["department"], delivery="email")
    assert sheet.emailed == 1 and sheet.printed == 1
    [message] = mail.outbox
    assert message.to == ["an.nguyen@haiphong.gov.vn"] and message.subject == "Mã kích hoạt tài khoản học tập CNTT"
    assert "Chào Nguyễn Văn An" in message.body and "?ma=HP000501" in message.body
    code = re.search(r"Mã kích hoạt: (\S+)", message.body).group(1)
    _header, rows = sheet_rows(download(manager_client, sheet, "xlsx"))
    assert [row[1] for row in rows] == ["HP000502"]  # only the one without an address

    generate_activation_sheet.delay(sheet.pk)  # a task delivered twice by the broker sends nothing again
    assert len(mail.outbox) == 1 and ActivationCode.objects.filter(emailed_at__isnull=False).count() == 1
    manager_client.logout()
    assert step_one(client, "an.nguyen@haiphong.gov.vn", code).status_code == 302


def test_a_sheet_that_fails_changes_no_code_and_leaves_no_file(
    manager_client, client, people, tree, monkeypatch, issue_sheet
):
    old = issue_one(people["an"])

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(sheets.slips, "build_pdf", broken)
    sheet, text = issue_sheet(manager_client, tree["department"])
    assert sheet.status == SheetStatus.FAILED and "mã cũ vẫn dùng được" in text
    assert not sheet.pdf_file and not stored_files()
    assert ActivationCode.objects.filter(user=people["an"].user).count() == 1
    manager_client.logout()
    assert step_one(client, "HP000501", old).status_code == 302


def test_only_the_requester_downloads_a_sheet_and_files_are_deleted_after_a_while(
    manager_client, people, tree, settings, time_machine, issue_sheet
):
    sheet, _text = issue_sheet(manager_client, tree["department"])
    other = UserFactory(username="quanly2", groups=[MANAGER])
    tree["department"].managers.add(other)
    manager_client.force_login(other)
    assert download(manager_client, sheet, "pdf").status_code == 403
    assert manager_client.get(reverse("activation_admin:sheet", args=[sheet.pk])).status_code == 403

    time_machine.move_to(timezone.localtime() + datetime.timedelta(hours=settings.ACTIVATION_SHEET_KEEP_HOURS + 1))
    assert sheets.delete_old_files() == 1
    sheet.refresh_from_db()
    assert not sheet.pdf_file and not stored_files()


def test_a_manager_cannot_open_or_issue_a_sheet_outside_their_subtree(manager_client, people, tree):
    url = reverse("activation_admin:unit", args=[tree["other"].pk])
    assert manager_client.get(url).status_code == 403
    assert manager_client.post(url, {"delivery": "print"}).status_code == 403
    assert not ActivationSheet.objects.exists()
    assert not ActivationCode.objects.filter(user=people["cuong"].user).exists()
    assert "Sở Nội vụ" not in manager_client.get(reverse("activation_admin:index")).content.decode()


def test_a_learner_has_no_sheet_screen(client, people, tree):
    client.force_login(get_user_model().objects.get(username="HP000501"))
    assert client.get(reverse("activation_admin:index")).status_code in (302, 403)


# One person's access


def test_a_manager_resets_a_persons_access_and_every_session_of_theirs_ends(manager_client, people, tree):
    from django.test import Client
    from wagtail.models import ModelLogEntry

    binh = CadreFactory(staff_code="HP000510", unit=tree["division"], full_name="Đỗ Văn Bình")
    elsewhere = Client()
    assert (
        elsewhere.post(reverse("accounts:login"), {"username": "HP000510", "password": TEST_PASSWORD}).status_code
        == 302
    )
    url = reverse("activation_admin:person", args=[binh.user.pk])
    page = manager_client.post(url, {"action": "reset"})
    assert page.status_code == 200
    code = page.context["code"]
    assert code and code in page.content.decode()
    assert elsewhere.get("/tai-khoan/doi-mat-khau/").status_code == 302  # that session has ended
    binh.user.refresh_from_db()
    assert not binh.user.has_usable_password()
    entry = ModelLogEntry.objects.get(action="accounts.access_reset")
    assert entry.user.username == "quanly" and entry.object_id == str(binh.user.pk)
    assert step_one(Client(), "HP000510", code).status_code == 302


def test_a_manager_deactivates_and_reactivates_an_account(manager_client, client, people, tree):
    an = people["an"]
    code = issue_one(an)
    url = reverse("activation_admin:person", args=[an.user.pk])
    assert manager_client.post(url, {"action": "deactivate"}).status_code == 200
    an.user.refresh_from_db()
    assert not an.user.is_active
    assert step_one(client, "HP000501", code).status_code == 400  # an inactive account cannot activate
    assert manager_client.post(url, {"action": "reactivate"}).status_code == 200
    an.user.refresh_from_db()
    assert an.user.is_active
    assert step_one(client, "HP000501", code).status_code == 302


def test_a_manager_cannot_touch_a_person_outside_their_subtree(manager_client, people):
    cuong = people["cuong"]
    url = reverse("activation_admin:person", args=[cuong.user.pk])
    assert manager_client.get(url).status_code == 403
    assert manager_client.post(url, {"action": "deactivate"}).status_code == 403
    cuong.user.refresh_from_db()
    assert cuong.user.is_active


def test_a_manager_cannot_lock_out_an_administrator_or_themselves(manager_client, tree):
    from units.roles import ADMINISTRATOR

    chief = CadreFactory(staff_code="HP000520", unit=tree["department"], full_name="Vũ Văn Trưởng")
    chief.user.groups.add(Group.objects.get_or_create(name=ADMINISTRATOR)[0])
    url = reverse("activation_admin:person", args=[chief.user.pk])
    assert "không được thay đổi quyền truy cập" in manager_client.get(url).content.decode()
    refused = manager_client.post(url, {"action": "deactivate"}, follow=True)
    assert "Bạn không được thay đổi quyền truy cập của tài khoản này." in refused.content.decode()
    chief.user.refresh_from_db()
    assert chief.user.is_active


def test_the_cadre_list_leads_to_a_persons_access_page(manager_client, people, tree):
    listing = manager_client.get(reverse("cadres:index")).content.decode()
    person_url = reverse("activation_admin:person", args=[people["an"].user_id])
    assert person_url in listing and "Quyền truy cập (mã kích hoạt, khóa)" in listing
    assert manager_client.get(person_url).status_code == 200
