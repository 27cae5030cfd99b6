"""Roles as groups with permissions, and the admin screens they open."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from tests.factories import CadreFactory, UserFactory, make_unit
from units.models import Cadre, Unit, UnitKind
from units.roles import ADMINISTRATOR, EDITOR, LEARNER, MANAGER, MODERATOR, ORGANISER, sync_roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def province():
    return make_unit("31", "Thành phố Hải Phòng", kind=UnitKind.PROVINCE)


def user_with(role, **kwargs):
    return UserFactory(groups=[role], **kwargs)


def test_the_five_roles_exist_after_migrate():
    names = set(Group.objects.values_list("name", flat=True))
    assert {LEARNER, EDITOR, MODERATOR, MANAGER, ADMINISTRATOR} <= names


def test_sync_roles_restores_a_removed_permission_and_is_idempotent():
    manager = Group.objects.get(name=MANAGER)
    manager.permissions.remove(Permission.objects.get(codename="view_cadre"))
    sync_roles()
    sync_roles()
    assert manager.permissions.filter(codename="view_cadre").count() == 1
    assert manager.page_permissions.count() == 0


def test_learner_cannot_open_the_admin(client):
    client.force_login(user_with(LEARNER))
    response = client.get("/admin/")
    assert response.status_code == 403 and "không có quyền vào trang quản trị" in response.content.decode()


def test_admin_is_in_vietnamese(client):
    client.force_login(user_with(EDITOR))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Trang tổng quan" in response.content.decode()


def test_editor_drafts_pages_but_does_not_publish(home_page):
    editor = user_with(EDITOR)
    permissions = home_page.permissions_for_user(editor)
    assert permissions.can_add_subpage()
    assert permissions.can_edit()
    assert not permissions.can_publish()


def test_moderator_publishes_pages_but_does_not_manage_units(client, home_page, province):
    moderator = user_with(MODERATOR)
    permissions = home_page.permissions_for_user(moderator)
    assert permissions.can_publish() and permissions.can_edit() and permissions.can_unlock()
    client.force_login(moderator)
    assert client.get("/admin/").status_code == 200
    assert client.get(reverse("units:index")).status_code in (302, 403)


def test_administrator_publishes_and_manages_units(client, home_page, province):
    admin = user_with(ADMINISTRATOR)
    assert home_page.permissions_for_user(admin).can_publish()
    client.force_login(admin)
    assert client.get(reverse("units:index")).status_code == 200
    assert client.get(reverse("cadres:add")).status_code == 200


def test_manager_views_units_and_cadres_but_cannot_change_them(client, province):
    manager = user_with(MANAGER)
    client.force_login(manager)
    assert client.get(reverse("cadres:index")).status_code == 200
    assert client.get(reverse("units:index")).status_code == 200
    assert client.get(reverse("units:add")).status_code in (302, 403)
    assert client.get(reverse("cadres:add")).status_code in (302, 403)


def test_administrator_adds_a_unit_under_a_parent(client, province):
    client.force_login(user_with(ADMINISTRATOR))
    response = client.post(
        reverse("units:add"),
        {"code": "31-stp", "name": "Sở Tư pháp", "kind": UnitKind.DEPARTMENT, "is_active": "on", "parent": province.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    unit = Unit.objects.get(code="31-STP")
    assert unit.get_parent() == province


def test_the_unit_edit_form_leaves_moves_and_renames_to_the_reorganisation_screens(client, province):
    department = make_unit("31-SNV", "Sở Nội vụ", province, UnitKind.DEPARTMENT)
    division = make_unit("31-SNV-1", "Phòng Tổ chức", department, UnitKind.DIVISION)
    other = make_unit("31-SKHCN", "Sở Khoa học và Công nghệ", province, UnitKind.DEPARTMENT)
    client.force_login(user_with(ADMINISTRATOR))
    url = reverse("units:edit", args=[division.pk])
    assert reverse("unit_admin:unit", args=[division.pk]) in client.get(url).content.decode()
    response = client.post(
        url,
        {"code": "X-1", "name": "Phòng khác", "kind": UnitKind.OTHER, "parent": other.pk},
    )
    assert response.status_code == 302
    division.refresh_from_db()
    assert (division.get_parent(), division.code, division.name, division.is_active) == (
        department,
        "31-SNV-1",
        "Phòng Tổ chức",
        True,
    )
    assert division.kind == UnitKind.OTHER  # the kind is edited here


def test_administrator_adds_a_cadre_with_a_login_account(client, province):
    client.force_login(user_with(ADMINISTRATOR))
    response = client.post(
        reverse("cadres:add"),
        {
            "full_name": "Lê Thị Hoà",
            "staff_code": "hp000777",
            "email": "hoa.lt@haiphong.example.vn",
            "unit": province.pk,
            "position": "Chuyên viên",
            "category": "civil_servant",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    cadre = Cadre.objects.get(staff_code="HP000777")
    assert cadre.full_name == "Lê Thị Hòa"
    assert cadre.user.username == "HP000777"
    assert cadre.user.email == "hoa.lt@haiphong.example.vn"
    assert not cadre.user.has_usable_password()
    assert cadre.user.groups.filter(name=LEARNER).exists()


def test_a_staff_code_taken_by_another_account_is_refused(client, province):
    CadreFactory(staff_code="HP000778")
    client.force_login(user_with(ADMINISTRATOR))
    response = client.post(
        reverse("cadres:add"),
        {"full_name": "Phạm Văn Nam", "staff_code": "HP000778", "unit": province.pk, "category": "civil_servant"},
    )
    assert response.status_code == 200
    assert Cadre.objects.filter(staff_code="HP000778").count() == 1


def test_administrator_role_cannot_make_or_touch_superusers(client, django_user_model):
    admin = user_with(ADMINISTRATOR)
    superuser = django_user_model.objects.create_superuser("root", "root@example.vn", "Mat-khau-2026!")
    target = UserFactory(username="hocvien")
    client.force_login(admin)

    assert "is_superuser" not in client.get(reverse("wagtailusers_users:add")).content.decode()
    response = client.get(reverse("wagtailusers_users:edit", args=[target.pk]))
    assert response.status_code == 200
    assert 'name="is_superuser"' not in response.content.decode()
    client.post(
        reverse("wagtailusers_users:edit", args=[target.pk]),
        {"username": "hocvien", "email": "hv@example.vn", "is_active": "on", "is_superuser": "on"},
    )
    target.refresh_from_db()
    assert not target.is_superuser

    # A refused admin action is the admin's 403 page (home.errors), not Wagtail's redirect to the dashboard.
    assert client.get(reverse("wagtailusers_users:edit", args=[superuser.pk])).status_code == 403
    client.post(reverse("wagtailusers_users:edit", args=[superuser.pk]), {"username": "root", "password1": "x"})
    client.post(reverse("wagtailusers_users:delete", args=[superuser.pk]))
    superuser.refresh_from_db()
    assert superuser.check_password("Mat-khau-2026!")
    assert django_user_model.objects.filter(pk=superuser.pk).exists()


def test_superuser_still_grants_superuser(client, django_user_model):
    superuser = django_user_model.objects.create_superuser("root", "root@example.vn", "Mat-khau-2026!")
    client.force_login(superuser)
    assert 'name="is_superuser"' in client.get(reverse("wagtailusers_users:add")).content.decode()


def test_only_the_products_roles_and_workflow_remain():
    from wagtail.models import Workflow

    assert set(Group.objects.values_list("name", flat=True)) == {
        LEARNER,
        EDITOR,
        MODERATOR,
        ORGANISER,
        MANAGER,
        ADMINISTRATOR,
    }
    assert list(Workflow.objects.values_list("name", flat=True)) == ["Duyệt trước khi xuất bản"]
