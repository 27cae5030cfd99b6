"""Every report endpoint refuses a unit, a person or an export outside the viewer's reach with 403 (IDOR)."""

from datetime import date

import pytest
from django.urls import reverse

from reports.models import (
    EmulationCriterion,
    EmulationGroup,
    EmulationPeriod,
    EmulationScheme,
    Measure,
    ReportExport,
    ReportSubscription,
)
from reports.views import urlpatterns
from tests.factories import CadreFactory, UserFactory
from units.roles import MANAGER

pytestmark = pytest.mark.django_db


def test_every_report_endpoint_answers_403_outside_the_managers_reach(client, tree, course, manager):
    outsider = CadreFactory(staff_code="NV0001", unit=tree["other"])
    insider = CadreFactory(staff_code="TT0001", unit=tree["division"])
    colleague = UserFactory(username="quanly-khac", groups=[MANAGER])
    tree["department"].managers.add(colleague)
    export = ReportExport.objects.create(
        requested_by=colleague, kind="course", fmt="xlsx", state="done", params={"unit": tree["department"].pk}
    )
    own_export = ReportExport.objects.create(
        requested_by=manager, kind="course", fmt="xlsx", state="pending", params={"unit": tree["department"].pk}
    )
    subject = f"subject=course-{course.pk}"
    # For each endpoint: (URL outside the manager's reach, the same URL inside it).
    cases = {
        "rollup": lambda unit, cadre, job: reverse("unit_reports:rollup") + f"?unit={unit.pk}",
        "export": lambda unit, cadre, job: reverse("unit_reports:export", args=["xlsx"]) + f"?unit={unit.pk}",
        "groups": lambda unit, cadre, job: reverse("unit_reports:groups") + f"?unit={unit.pk}&by=position",
        "groups_export": lambda unit, cadre, job: (
            reverse("unit_reports:groups_export", args=["csv"]) + f"?unit={unit.pk}"
        ),
        "course": lambda unit, cadre, job: reverse("unit_reports:course") + f"?unit={unit.pk}&{subject}",
        "course_export": lambda unit, cadre, job: (
            reverse("unit_reports:course_export", args=["xlsx"]) + f"?unit={unit.pk}&{subject}"
        ),
        "transcript": lambda unit, cadre, job: reverse("unit_reports:transcript", args=[cadre.pk]),
        "transcript_export": lambda unit, cadre, job: reverse("unit_reports:transcript_export", args=[cadre.pk, "csv"]),
        "export_status": lambda unit, cadre, job: reverse("unit_reports:export_status", args=[job.pk]),
        "export_download": lambda unit, cadre, job: reverse("unit_reports:export_download", args=[job.pk]),
        "emulation_evidence": lambda unit, cadre, job: reverse(
            "unit_reports:emulation_evidence", args=[period.pk, unit.pk, "xlsx"]
        ),
    }
    # The emulation pages of a whole period: cut to the manager's subtree (tests/reports/test_emulation.py);
    # freezing and reopening are the administrators'.
    period = emulation_period()
    period_cases = {
        "emulation_periods": (reverse("unit_reports:emulation_periods"), 200),
        "emulation": (reverse("unit_reports:emulation", args=[period.pk]), 200),
        "emulation_export": (reverse("unit_reports:emulation_export", args=[period.pk, "pdf"]), 200),
        "emulation_freeze": (reverse("unit_reports:emulation_freeze", args=[period.pk]), 403),
        "emulation_reopen": (reverse("unit_reports:emulation_reopen", args=[period.pk]), 403),
        "subscriptions": (reverse("unit_reports:subscriptions"), 200),  # the viewer's own subscriptions only
    }
    theirs = ReportSubscription.objects.create(user=colleague, unit=tree["department"])
    names = {pattern.name for pattern in urlpatterns}
    assert set(cases) | set(period_cases) | {"subscription_cancel"} == names, "a report endpoint has no scope test"

    client.force_login(manager)
    for name, url in cases.items():
        for refused in (url(tree["other"], outsider, export), url(tree["province"], outsider, export)):
            response = client.get(refused)
            assert response.status_code == 403, refused
            # A sentence the manager can read, not an empty page.
            assert "phạm vi" in response.text or "người yêu cầu" in response.text, refused
        inside = url(tree["division"], insider, own_export)
        # The own export is still pending: its download is not there yet (404), everything else answers.
        assert client.get(inside).status_code == (404 if name == "export_download" else 200), inside
    for url, status in period_cases.values():
        assert client.get(url).status_code == status, url
    assert client.post(period_cases["emulation_freeze"][0]).status_code == 403
    assert not period.snapshots.exists()
    assert client.post(reverse("unit_reports:subscription_cancel", args=[theirs.pk])).status_code == 404
    assert ReportSubscription.objects.filter(pk=theirs.pk).exists()
    client.force_login(UserFactory(username="quanly-moi", groups=[MANAGER]))  # a manager of no unit yet
    for url, _status in period_cases.values():
        assert client.get(url).status_code == 403, url


def emulation_period():
    scheme = EmulationScheme.objects.create(name="Bộ tiêu chí")
    EmulationCriterion.objects.create(scheme=scheme, measure=Measure.REQUIRED_COMPLETION, weight=100)
    period = EmulationPeriod.objects.create(
        name="Thi đua 2026", start_on=date(2026, 1, 1), end_on=date(2026, 12, 31), issuer="Hội đồng", place="Hải Phòng"
    )
    EmulationGroup.objects.create(period=period, name="Khối sở", unit_kinds=["department"], scheme=scheme)
    return period


def test_a_manager_of_no_unit_is_told_why_there_is_no_report(client, db):
    client.force_login(UserFactory(username="quanly-moi", groups=[MANAGER]))
    response = client.get(reverse("unit_reports:rollup"))
    assert response.status_code == 403
    assert "chưa được giao quản lý đơn vị nào" in response.text
