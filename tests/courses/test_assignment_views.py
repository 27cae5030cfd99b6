"""Required courses over HTTP: the learner's dashboard section and the administrators' screens."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from courses.models import Assignment
from tests.factories import CadreFactory, UserFactory, make_unit
from units.membership import record_units
from units.roles import ADMINISTRATOR, MANAGER

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def assignment(course, ward):
    assignment = Assignment.objects.create(
        title="An ninh mạng 2026", unit=ward.get_parent(), starts_on=date(2026, 1, 1), due_on=date(2026, 3, 31)
    )
    assignment.courses.add(course)
    return assignment


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="quantri", groups=[ADMINISTRATOR]))
    return client


def test_dashboard_lists_required_courses_with_due_date_and_overdue_in_words(
    client, learner, course, assignment, time_machine
):
    time_machine.move_to(datetime(2026, 4, 2, 9, 0, tzinfo=HCM))
    client.force_login(learner)
    html = client.get(reverse("learning:dashboard")).content.decode()
    section = html[html.index('id="required-title"') : html.index('id="in-progress-title"')]
    assert "Khóa học bắt buộc" in section
    assert f'<a href="{course.url}">An ninh mạng cho cán bộ</a>' in section
    assert '<time datetime="2026-03-31">31/03/2026</time>' in section
    assert 'class="status status--overdue">Quá hạn</span>' in section
    assert "my-course--overdue" in section


def test_dashboard_before_the_due_date_says_not_started_and_hides_the_section_for_others(
    client, learner, course, assignment, time_machine
):
    time_machine.move_to(datetime(2026, 3, 1, 9, 0, tzinfo=HCM))
    outsider = CadreFactory(staff_code="NV0001", unit=make_unit("NV", "Sở Nội vụ"))
    record_units([outsider.pk])
    client.force_login(learner)
    html = client.get(reverse("learning:dashboard")).content.decode()
    assert "Chưa bắt đầu" in html and "Quá hạn" not in html
    client.force_login(outsider.user)
    assert 'id="required-title"' not in client.get(reverse("learning:dashboard")).content.decode()


def form_data(course, **overrides):
    data = {
        "title": "Kỹ năng số 2026",
        "courses": [course.pk],
        "unit": "",
        "include_subunits": "on",
        "categories": ["civil_servant"],
        "positions": "chuyên viên\nChuyên viên\nTrưởng phòng",
        "starts_on": "2026-01-01",
        "due_on": "2026-06-30",
        "due_days": "",
        "recert_months": "",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_administrator_creates_an_assignment_and_bad_dates_are_refused_in_vietnamese(admin_client, course):
    url = reverse("assignments:add")
    both = admin_client.post(url, form_data(course, due_days="30"))
    assert "Chỉ chọn một cách tính hạn" in both.content.decode()
    neither = admin_client.post(url, form_data(course, due_on=""))
    assert "Cần nhập hạn hoàn thành" in neither.content.decode()
    backwards = admin_client.post(url, form_data(course, due_on="2025-12-31"))
    assert "Hạn hoàn thành không được trước ngày bắt đầu." in backwards.content.decode()
    assert not Assignment.objects.exists()

    response = admin_client.post(url, form_data(course))
    assert response.status_code == 302
    created = Assignment.objects.get()
    assert list(created.courses.all()) == [course]
    assert created.positions == ["chuyên viên", "Trưởng phòng"]
    assert created.categories == ["civil_servant"]
    assert created.created_by.username == "quantri"


def test_status_page_counts_statuses_and_lists_the_overdue(
    admin_client, learner, other_learner, assignment, time_machine
):
    time_machine.move_to(datetime(2026, 4, 2, 9, 0, tzinfo=HCM))
    index = admin_client.get(reverse("assignments:index")).content.decode()
    status_url = reverse("assignments:status", args=[assignment.pk])
    assert status_url in index
    assert status_url in admin_client.get(reverse("assignments:edit", args=[assignment.pk])).content.decode()
    assert "Toàn bộ tổ chức" in admin_client.get(reverse("assignments:add")).content.decode()
    html = admin_client.get(status_url).content.decode()
    assert "Tình trạng tính đến ngày 02/04/2026" in html
    assert "Cán bộ quá hạn (2)" in html
    assert "Nguyễn Văn An" in html and "Trần Thị Bình" in html


def test_managers_and_learners_cannot_open_the_assignment_screens(client, learner, assignment):
    client.force_login(UserFactory(username="quanly", groups=[MANAGER]))
    assert client.get(reverse("assignments:status", args=[assignment.pk])).status_code in (302, 403)
    assert client.get(reverse("assignments:index")).status_code in (302, 403)
    client.force_login(learner)
    assert client.get(reverse("assignments:status", args=[assignment.pk])).status_code in (302, 403)


def test_administrators_set_the_reminder_schedule_in_wagtail_settings(admin_client):
    from courses.models import ReminderSettings

    url = reverse("wagtailsettings:edit", args=["courses", "remindersettings"])
    assert "Nhắc trước hạn (ngày)" in admin_client.get(url, follow=True).content.decode()
    url = admin_client.get(url)["Location"]
    response = admin_client.post(url, {"enabled": "on", "days_before_due": "5", "digest_weekday": "4"})
    assert response.status_code == 302
    config = ReminderSettings.load()
    assert (config.days_before_due, config.digest_weekday, config.overdue_weekly) == (5, 4, False)


def test_creating_and_changing_an_assignment_is_in_the_audit_trail_with_the_address(admin_client, course):
    admin_client.post(reverse("assignments:add"), form_data(course), REMOTE_ADDR="10.16.0.7")
    created = Assignment.objects.get()
    admin_client.post(
        reverse("assignments:edit", args=[created.pk]), form_data(course, due_on="2026-09-30"), REMOTE_ADDR="10.16.0.8"
    )
    entries = ModelLogEntry.objects.for_instance(created).order_by("pk")
    assert [(e.action, e.user.username, e.data.get("ip")) for e in entries] == [
        ("wagtail.create", "quantri", "10.16.0.7"),
        ("wagtail.edit", "quantri", "10.16.0.8"),
    ]
    history = admin_client.get(reverse("wagtailadmin_reports:site_history"), {"action": "wagtail.edit"})
    assert "Kỹ năng số 2026" in history.content.decode()
