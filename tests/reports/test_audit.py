"""Who looked at or exported whose data: report views and exports in the audit trail, readable by administrators."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.factories import CadreFactory, UserFactory
from units.roles import ADMINISTRATOR, MANAGER

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(tree):
    user = UserFactory(username="quanly-audit", groups=[MANAGER])
    tree["department"].managers.add(user)
    return user


def test_the_people_list_its_export_and_a_transcript_are_recorded(client, tree, course, manager):
    person = CadreFactory(staff_code="HP002001", full_name="Đào Văn Xem", unit=tree["division"])
    client.force_login(manager)
    query = {"unit": tree["department"].pk, "subject": f"course-{course.pk}"}
    assert client.get(reverse("unit_reports:course"), query).status_code == 200
    assert client.get(reverse("unit_reports:course_export", args=["xlsx"]), query).status_code == 200
    assert client.get(reverse("unit_reports:transcript", args=[person.pk])).status_code == 200

    entries = ModelLogEntry.objects.for_instance(manager)
    viewed = entries.get(action="reports.people_viewed")
    exported = entries.get(action="reports.exported")
    transcript = entries.get(action="reports.transcript_viewed")
    assert viewed.data["unit_code"] == exported.data["unit_code"] == "SOTT" and viewed.user == manager
    assert exported.data["rows"] == 1 and exported.data["format"] == "xlsx"
    assert f"subject=course-{course.pk}" in exported.data["filters"] and exported.data["ip"] == "127.0.0.1"
    assert transcript.data["person"] == "Đào Văn Xem (HP002001)"


def test_an_administrator_finds_who_exported_a_units_people_and_a_manager_does_not(client, tree, course, manager):
    client.force_login(manager)
    client.get(reverse("unit_reports:export", args=["csv"]), {"unit": tree["division"].pk})
    admin = CadreFactory(staff_code="HP002002", unit=tree["province"]).user
    admin.groups.add(Group.objects.get(name=ADMINISTRATOR))
    client.force_login(admin)
    page = client.get(reverse("wagtailadmin_reports:site_history"), {"action": "reports.exported"})
    text = page.content.decode()
    assert "Xuất" in text and "Phòng Bưu chính (SOTT-P1)" in text and "quanly-audit" in text

    client.force_login(manager)
    own = client.get(reverse("wagtailadmin_reports:site_history"), {"action": "reports.exported"}).content.decode()
    assert "Phòng Bưu chính (SOTT-P1)" not in own  # entries are filed under accounts, which managers cannot see
