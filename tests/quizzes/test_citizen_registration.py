"""Open registration of citizens for a contest: the form, the email code, protections, and the ranking."""

import re
from datetime import timedelta

import pytest
from captcha.models import CaptchaStore
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from quizzes import entries, ranking, registration
from quizzes.models import Attempt, AttemptState, Citizen, ContestPage, ContestRound, Quiz
from tests.factories import CadreFactory, publish
from units.models import Unit, UnitKind

pytestmark = pytest.mark.django_db
PASSWORD = "Thi@Dua2026-an-toan"


@pytest.fixture
def province(db):
    return Unit.add_root(instance=Unit(code="31", name="Thành phố Hải Phòng", kind=UnitKind.PROVINCE))


@pytest.fixture
def contest_page(home_page, province):
    quiz = Quiz.objects.create(title="Đợt 1", is_contest=True, max_attempts=1)
    return publish(
        home_page,
        ContestPage(
            title="Cuộc thi tìm hiểu pháp luật",
            slug="cuoc-thi-mo",
            intro="Mở cho mọi người.",
            rules="<p>.</p>",
            open_registration=True,
            rounds=[ContestRound(name="Đợt 1", quiz=quiz)],
        ),
    )


def a_ward():
    code, place = next(iter(registration.places().items()))
    return code, place


def form_data(client, url, **overrides):
    html = client.get(url).content.decode()
    key = re.search(r'name="captcha_0" value="([^"]+)"', html).group(1)
    code, _place = a_ward()
    data = {
        "full_name": "Nguyễn Thị Hoa",
        "email": "Hoa.Nguyen@Example.VN",
        "phone": "+84 912 345 678",
        "ward": code,
        "birth_year": "1990",
        "consent": "on",
        "captcha_0": key,
        "captcha_1": CaptchaStore.objects.get(hashkey=key).response,
    }
    data.update(overrides)
    return data


def urls(page):
    return page.url + page.reverse_subpage("register"), page.url + page.reverse_subpage("confirm")


def test_a_citizen_registers_confirms_by_email_code_and_logs_in(
    client, contest_page, django_capture_on_commit_callbacks
):
    register_url, confirm_url = urls(contest_page)
    assert "Công dân đăng ký dự thi" in client.get(contest_page.url).content.decode()
    html = client.get(register_url).content.decode()
    assert "Hải Phòng" in html and 'class="captcha"' in html and "Hình các ký tự cần nhập" in html

    data = form_data(client, register_url)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url, data)
    assert response.status_code == 302 and response.url == confirm_url
    citizen = Citizen.objects.get()
    assert (citizen.email, citizen.phone, citizen.birth_year) == ("hoa.nguyen@example.vn", "0912345678", 1990)
    assert not citizen.user.is_active and "Hải Phòng" in citizen.province_name
    [message] = mail.outbox
    code = re.search(r"\b(\d{6})\b", message.body).group(1)
    assert message.to == ["hoa.nguyen@example.vn"] and code not in citizen.code_digest

    wrong = client.post(
        confirm_url, {"code": "000000" if code != "000000" else "111111", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert "Mã xác nhận không đúng. Bạn còn 4 lần nhập." in wrong.content.decode()
    done = client.post(confirm_url, {"code": code, "password1": PASSWORD, "password2": PASSWORD})
    assert done.status_code == 302 and done.url == contest_page.url
    citizen.refresh_from_db()
    assert citizen.confirmed_at and citizen.user.is_active and citizen.user.check_password(PASSWORD)
    assert "Vào thi" in client.get(contest_page.url).content.decode()


def test_bad_input_and_bulk_sign_ups_are_refused_and_leave_nothing(client, contest_page, settings):
    register_url, _confirm = urls(contest_page)
    refused = client.post(register_url, form_data(client, register_url, captcha_1="sai"))
    assert refused.status_code == 200 and not Citizen.objects.exists()
    refused = client.post(register_url, form_data(client, register_url, phone="12345", birth_year="2030"))
    html = refused.content.decode()
    assert "Số điện thoại không hợp lệ" in html and "Năm sinh không hợp lệ" in html
    assert not Citizen.objects.exists() and not get_user_model().objects.filter(is_active=False).exists()

    client.post(register_url, form_data(client, register_url))
    again = client.post(register_url, form_data(client, register_url, phone=""))
    assert "Thư điện tử này đã được dùng để đăng ký" in again.content.decode()
    same_phone = client.post(register_url, form_data(client, register_url, email="khac@example.vn"))
    assert "Số điện thoại này đã được dùng để đăng ký" in same_phone.content.decode()

    settings.CONTEST_REGISTRATIONS_PER_ADDRESS_HOUR = 2
    client.post(register_url, form_data(client, register_url, email="hai@example.vn", phone=""))
    third = client.post(register_url, form_data(client, register_url, email="ba@example.vn", phone=""))
    assert "quá nhiều lượt đăng ký từ địa chỉ mạng này" in third.content.decode()
    assert Citizen.objects.count() == 2


def test_a_contest_without_open_registration_has_no_form(client, contest_page):
    contest_page.open_registration = False
    contest_page.save_revision().publish()
    register_url, _confirm = urls(contest_page)
    assert client.get(register_url).status_code == 404
    assert "Công dân đăng ký dự thi" not in client.get(contest_page.url).content.decode()


def test_unconfirmed_registrations_are_deleted_after_a_day(contest_page):
    code, _place = a_ward()
    data = registration.Registration("Trần Văn Nam", "nam@example.vn", "", code, 1985)
    registration.register(data, "192.0.2.1", "http://testserver/", now=timezone.now() - timedelta(hours=25))
    registration.register(
        registration.Registration("Lê Thị Mai", "mai@example.vn", "", code, 1988), "192.0.2.1", "http://testserver/"
    )
    assert registration.delete_unconfirmed() == 1
    assert list(Citizen.objects.values_list("email", flat=True)) == ["mai@example.vn"]


def test_citizens_are_ranked_by_name_and_ward_but_counted_in_no_unit(contest_page, province):
    quiz = contest_page.quizzes()[0]
    ward = Unit.objects.get(pk=province.pk).add_child(
        instance=Unit(code="11311", name="Phường Hồng Bàng", kind=UnitKind.WARD)
    )
    code, place = a_ward()
    citizen = registration.register(
        registration.Registration("Nguyễn Thị Hoa", "hoa@example.vn", "0912345678", code, 1990),
        "192.0.2.1",
        "http://testserver/",
    )
    cadre = CadreFactory(unit=ward).user
    now = timezone.now()
    for user, percent in ((citizen.user, 100), (cadre, 80)):
        attempt = Attempt.objects.create(
            quiz=quiz,
            user=user,
            number=1,
            state=AttemptState.FINISHED,
            started_at=now,
            finished_at=now,
            duration_seconds=60,
            max_score=10,
            score=percent / 10,
            percent=percent,
            unit=getattr(getattr(user, "cadre", None), "unit", None),
        )
        entries.record(attempt)

    first, second = ranking.individual_ranking(quiz)
    assert (first.full_name, first.unit_name) == ("Nguyễn Thị Hoa", place.ward_name)
    assert [(line.unit.name, line.participants) for line in ranking.unit_ranking(quiz, depth=2)] == [
        ("Phường Hồng Bàng", 1)
    ]
    quiz.ranking_published = True
    quiz.save()
    from django.test import Client

    html = Client().get(contest_page.url).content.decode()
    assert "Nguyễn Thị Hoa" in html and place.ward_name in html
    assert "0912345678" not in html and "hoa@example.vn" not in html and "1990" not in html
