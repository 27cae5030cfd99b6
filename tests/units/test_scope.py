"""Scope by construction: the cadre and user screens of the admin show a manager only their subtree."""

import csv
import io
import logging

import pytest
from django.contrib.auth.models import Permission
from django.core.checks import run_checks
from openpyxl import load_workbook
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import ModelLogEntry

from tests.factories import CadreFactory, UserFactory, make_unit
from units import scope
from units.models import Cadre, UnitKind
from units.roles import ADMINISTRATOR, MANAGER
from units.viewsets import CadreViewSet


@pytest.fixture
def tree(db):
    province = make_unit("31", "Thành phố Hải Phòng", kind=UnitKind.PROVINCE)
    inside = make_unit("31-SKHCN", "Sở Khoa học và Công nghệ", province, UnitKind.DEPARTMENT)
    below = make_unit("31-SKHCN-CDS", "Phòng Chuyển đổi số", inside, UnitKind.DIVISION)
    outside = make_unit("31-STP", "Sở Tư pháp", province, UnitKind.DEPARTMENT)
    people = {
        "in": CadreFactory(staff_code="HP000101", full_name="Nguyễn Văn Trong", unit=inside),
        "below": CadreFactory(staff_code="HP000102", full_name="Trần Thị Dưới", unit=below),
        "out": CadreFactory(staff_code="HP000123", full_name="Lê Văn Ngoài", unit=outside),
    }
    manager = UserFactory(username="quanly", groups=[MANAGER])
    inside.managers.add(manager)
    return {"inside": inside, "outside": outside, "manager": manager, **people}


@pytest.fixture
def manager_client(client, tree):
    client.force_login(tree["manager"])
    return client


def codes_listed(response):
    return {cadre.staff_code for cadre in response.context["object_list"]}


def test_the_cadre_list_search_and_exports_hold_only_the_subtree(manager_client, tree):
    response = manager_client.get("/admin/cadres/")
    assert response.status_code == 200
    assert codes_listed(response) == {"HP000101", "HP000102"}
    assert "HP000123" not in response.content.decode()

    assert codes_listed(manager_client.get("/admin/cadres/", {"q": "HP000123"})) == set()
    assert codes_listed(manager_client.get("/admin/cadres/results/", {"q": "HP0001"})) == {"HP000101", "HP000102"}

    exported = manager_client.get("/admin/cadres/", {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(exported.streaming_content).decode("utf-8-sig"))))
    assert {row[1] for row in rows[1:]} == {"HP000101", "HP000102"}
    assert "Trần Thị Dưới" in {row[0] for row in rows}

    exported = manager_client.get("/admin/cadres/", {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(exported.streaming_content))).active
    assert {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)} == {"HP000101", "HP000102"}


def test_an_out_of_scope_cadre_answers_a_vietnamese_403_and_is_logged(manager_client, tree, caplog):
    outsider = tree["out"]
    assert manager_client.get(f"/admin/cadres/inspect/{tree['below'].pk}/").status_code == 200

    with caplog.at_level(logging.WARNING, logger="elearn.scope"):
        response = manager_client.get(f"/admin/cadres/inspect/{outsider.pk}/")
    assert response.status_code == 403  # not a redirect to the dashboard
    page = response.content.decode()
    assert "ngoài phạm vi" in page and "Lê Văn Ngoài" not in page and "HP000123" not in page
    assert f"/admin/cadres/inspect/{outsider.pk}/" in caplog.text and "quanly" in caplog.text

    entry = ModelLogEntry.objects.get(action="units.out_of_scope")
    assert entry.user_id == tree["manager"].pk
    assert entry.data["url"] == f"/admin/cadres/inspect/{outsider.pk}/"
    assert entry.data["target"] == f"units.Cadre:{outsider.pk}"


def test_the_user_screens_are_scoped_too(manager_client, tree):
    tree["manager"].user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "change_user"], content_type__app_label="auth")
    )
    response = manager_client.get("/admin/users/")
    assert response.status_code == 200
    listed = {user.username for user in response.context["object_list"]}
    assert tree["in"].user.username in listed and tree["out"].user.username not in listed
    assert manager_client.get(f"/admin/users/history/{tree['in'].user_id}/").status_code == 200
    assert manager_client.get(f"/admin/users/history/{tree['out'].user_id}/").status_code == 403


def test_an_administrator_keeps_the_whole_province(client, tree):
    client.force_login(UserFactory(username="quantri", groups=[ADMINISTRATOR]))
    assert codes_listed(client.get("/admin/cadres/")) == {"HP000101", "HP000102", "HP000123"}
    assert client.get(f"/admin/cadres/inspect/{tree['out'].pk}/").status_code == 200


def test_a_viewset_of_people_without_the_scope_mixin_fails_the_system_check(monkeypatch):
    assert not [error for error in run_checks() if error.id == "units.E001"]

    class LeakyCadreViewSet(ModelViewSet):
        model = Cadre

    monkeypatch.setattr(scope, "registered_admin_viewsets", lambda: [LeakyCadreViewSet("leaky"), CadreViewSet("ok")])
    errors = [error for error in run_checks() if error.id == "units.E001"]
    assert len(errors) == 1 and "LeakyCadreViewSet" in errors[0].msg


def test_a_model_without_a_scope_rule_is_refused_not_shown(tree):
    with pytest.raises(LookupError, match="no scope rule"):
        scope.restrict(tree["manager"], ModelLogEntry.objects.all())
