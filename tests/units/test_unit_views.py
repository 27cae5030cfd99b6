"""The unit tree admin: the tree as a tree, reorganisation through preview and confirmation, imports, permissions."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import CadreFactory, UserFactory, make_unit
from units.models import Cadre, Reorganisation, Unit, UnitKind, UnitSuccession
from units.roles import ADMINISTRATOR, MANAGER
from units.unit_import import template_xlsx


@pytest.fixture
def tree(db):
    province = make_unit("31", "Thành phố Hải Phòng", kind=UnitKind.PROVINCE)
    a = make_unit("31-SKHCN", "Sở Khoa học và Công nghệ", province, UnitKind.DEPARTMENT)
    b = make_unit("31-STTTT", "Sở Thông tin và Truyền thông", province, UnitKind.DEPARTMENT)
    division = make_unit("31-STTTT-BC", "Phòng Báo chí", b, UnitKind.DIVISION)
    for code, name, unit in [
        ("A1", "Nguyễn Văn An", a),
        ("A2", "Trần Thị Bình", a),
        ("B1", "Lê Văn Cường", b),
        ("D1", "Phạm Thị Dung", division),
    ]:
        CadreFactory(staff_code=code, full_name=name, unit=unit)
    return {"province": province, "a": a, "b": b, "division": division}


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="quantri", groups=[ADMINISTRATOR]))
    return client


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_tree_page_nests_units_with_their_cadre_counts(admin_client, tree):
    response = admin_client.get(reverse("unit_admin:tree"))
    assert response.status_code == 200
    html = text_of(response)
    # The division sits inside the details of its department, which sits inside the province's.
    province_at = html.index('data-unit="31"')
    department_at = html.index('data-unit="31-STTTT"')
    division_at = html.index('data-unit="31-STTTT-BC"')
    assert province_at < department_at < division_at
    between = html[department_at:division_at]
    assert "<ul>" in between and "</details>" not in between
    assert "1 cán bộ, cả cấp dưới: 2" in html  # the department: B1 directly, D1 below
    assert html.count("<details") == html.count("</details>") == 2


def test_the_tree_search_ignores_accents_and_keeps_the_path_to_each_match(admin_client, tree):
    html = text_of(admin_client.get(reverse("unit_admin:tree"), {"q": "bao chi"}))
    assert "<mark>Phòng Báo chí</mark>" in html
    assert 'data-unit="31-STTTT"' in html  # its parent, for context
    assert 'data-unit="31-SKHCN"' not in html
    assert "1 đơn vị khớp" in html


def test_merge_through_preview_and_confirmation(admin_client, tree):
    a, b, province = tree["a"], tree["b"], tree["province"]
    url = reverse("unit_admin:reorganise", args=[a.pk, "hop-nhat"])
    assert admin_client.get(url).status_code == 200
    preview = admin_client.post(
        url,
        {
            "others": "31-sttt",
            "target": "new",
            "new_code": "31-SKHCNTT",
            "new_name": "Sở Khoa học",
            "new_kind": UnitKind.DEPARTMENT,
            "new_parent": "31",
        },
    )
    assert "Không có đơn vị mã" in text_of(preview)  # a typo in a code is caught before any preview

    preview = admin_client.post(
        url,
        {
            "others": "31-STTTT",
            "target": "new",
            "new_code": "31-SKHCNTT",
            "new_name": "Sở Khoa học, Công nghệ và Truyền thông",
            "new_kind": UnitKind.DEPARTMENT,
            "new_parent": "31",
        },
    )
    html = text_of(preview)
    assert "2 cán bộ chuyển từ <strong>Sở Khoa học và Công nghệ</strong>" in html
    assert "Nguyễn Văn An, Trần Thị Bình" in html
    assert "Phòng Báo chí</strong> (31-STTTT-BC) cùng các đơn vị cấp dưới" in html
    assert not Unit.objects.filter(code="31-SKHCNTT").exists()  # a preview writes nothing

    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    response = admin_client.post(
        reverse("unit_admin:confirm"),
        {"token": token, "effective_on": timezone.localdate().isoformat(), "decision": "Quyết định 12/QĐ-UBND"},
    )
    merged = Unit.objects.get(code="31-SKHCNTT")
    assert response.status_code == 302 and response.url == reverse("unit_admin:unit", args=[merged.pk])
    assert merged.get_parent() == province
    assert set(Cadre.objects.filter(unit=merged).values_list("staff_code", flat=True)) == {"A1", "A2", "B1"}
    assert not Unit.objects.get(pk=a.pk).is_active and not Unit.objects.get(pk=b.pk).is_active
    assert Reorganisation.objects.get().decision == "Quyết định 12/QĐ-UBND"
    # The same confirmation cannot run twice.
    again = admin_client.post(reverse("unit_admin:confirm"), {"token": token, "effective_on": "2026-01-01"})
    assert again.status_code == 302 and Reorganisation.objects.count() == 1

    history = text_of(admin_client.get(reverse("unit_admin:history")))
    assert "31-SKHCN (Sở Khoa học và Công nghệ) →" in history
    export = admin_client.get(reverse("unit_admin:mapping"))
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Mã cũ", "Tên cũ", "Mã mới")
    assert {row[0]: row[2] for row in rows[1:]} == {"31-SKHCN": "31-SKHCNTT", "31-STTTT": "31-SKHCNTT"}


def test_a_refused_plan_shows_why_and_changes_nothing(admin_client, tree):
    response = admin_client.post(
        reverse("unit_admin:reorganise", args=[tree["b"].pk, "chuyen"]), {"parent": "31-STTTT-BC"}
    )
    assert "Không thể chuyển" in text_of(response)
    assert Unit.objects.get(code="31-STTTT").get_parent().code == "31"
    response = admin_client.post(reverse("unit_admin:reorganise", args=[tree["b"].pk, "ngung-hoat-dong"]))
    assert "còn 2 cán bộ đang công tác" in text_of(response)
    assert Unit.objects.get(code="31-STTTT").is_active


def test_cancel_leaves_everything_as_it_was(admin_client, tree):
    html = text_of(
        admin_client.post(reverse("unit_admin:reorganise", args=[tree["b"].pk, "chuyen"]), {"parent": "31-SKHCN"})
    )
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    admin_client.post(reverse("unit_admin:confirm"), {"token": token, "cancel": "1"})
    assert Unit.objects.get(code="31-STTTT").get_parent().code == "31"
    assert not Reorganisation.objects.exists()


def test_rename_and_add_child(admin_client, tree):
    url = reverse("unit_admin:reorganise", args=[tree["a"].pk, "doi-ten"])
    html = text_of(admin_client.post(url, {"code": "31-KHCN", "name": "Sở KH&CN", "kind": UnitKind.DEPARTMENT}))
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    admin_client.post(
        reverse("unit_admin:confirm"), {"token": token, "effective_on": timezone.localdate().strftime("%d/%m/%Y")}
    )
    assert UnitSuccession.objects.get().old_code == "31-SKHCN"
    assert Unit.objects.get(pk=tree["a"].pk).code == "31-KHCN"
    response = admin_client.post(
        reverse("unit_admin:add_child", args=[tree["a"].pk]),
        {"code": "31-KHCN-VP", "name": "Văn phòng Sở", "kind": UnitKind.DIVISION},
    )
    assert response.status_code == 302
    assert Unit.objects.get(code="31-KHCN-VP").get_parent().pk == tree["a"].pk
    response = admin_client.post(
        reverse("unit_admin:add_child", args=[tree["a"].pk]),
        {"code": "31-skhcn", "name": "Trùng mã cũ", "kind": UnitKind.DIVISION},
    )
    assert "là mã cũ" in text_of(response)


def test_unit_list_import_upload_preview_confirm(admin_client, db):
    upload = io.BytesIO(template_xlsx())
    upload.name = "don-vi.xlsx"
    preview = admin_client.post(reverse("unit_admin:import"), {"file": upload})
    html = text_of(preview)
    assert "3 đơn vị sẽ được tạo mới" in html
    assert not Unit.objects.exists()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    admin_client.post(reverse("unit_admin:import_confirm"), {"token": token})
    assert Unit.objects.count() == 3


def test_unit_list_import_with_errors_shows_them_by_row(admin_client, db):
    upload = io.BytesIO("Mã đơn vị;Tên đơn vị;Mã đơn vị cấp trên\n31;Hải Phòng;\n31-A;A;KHONG\n".encode())
    upload.name = "loi.csv"
    html = text_of(admin_client.post(reverse("unit_admin:import"), {"file": upload}))
    assert "Dòng 3: mã đơn vị cấp trên &quot;KHONG&quot;" in html
    assert "Không đơn vị nào được nhập" in html
    assert 'name="token"' not in html and not Unit.objects.exists()


def test_province_import_reports_counts(admin_client, db):
    response = admin_client.post(reverse("unit_admin:provinces"), {"province": "31"}, follow=True)
    assert "115 đơn vị tạo mới, 0 cập nhật, 0 không đổi" in text_of(response)
    response = admin_client.post(reverse("unit_admin:provinces"), {"province": "31"}, follow=True)
    assert "0 đơn vị tạo mới, 0 cập nhật, 115 không đổi" in text_of(response)
    assert len(list(admin_client.get(reverse("unit_admin:provinces")).context["form"].fields["province"].choices)) == 34


@pytest.mark.parametrize("name", ["tree", "history", "provinces", "import", "mapping"])
def test_managers_and_learners_are_kept_out(client, tree, name):
    manager = UserFactory(username="quanly", groups=[MANAGER])
    tree["a"].managers.add(manager)
    client.force_login(manager)
    assert client.get(reverse(f"unit_admin:{name}")).status_code in (302, 403)
    assert client.get(reverse("unit_admin:reorganise", args=[tree["a"].pk, "hop-nhat"])).status_code in (302, 403)
    assert client.post(reverse("unit_admin:confirm"), {"token": "x"}).status_code in (302, 403)
    assert Unit.objects.filter(is_active=True).count() == 4


def test_the_menu_shows_the_tree_to_administrators_only(admin_client, client, tree):
    assert reverse("unit_admin:tree") in admin_client.get(reverse("units:index")).content.decode()
    manager = UserFactory(username="quanly2", groups=[MANAGER])
    client.force_login(manager)
    assert reverse("unit_admin:tree") not in client.get(reverse("units:index")).content.decode()


def test_a_large_tree_shows_its_upper_levels_and_links_to_each_branch(admin_client, tree):
    from units.unit_views.tree import tree_items

    units = list(Unit.objects.order_by("path"))
    items = tree_items(units, {}, limit=3)  # 4 units: the division is left for its branch page
    assert [item.unit.code for item in items] == ["31", "31-SKHCN", "31-STTTT"]
    assert [item.hidden for item in items] == [0, 0, 1]
    html = text_of(admin_client.get(reverse("unit_admin:tree"), {"goc": tree["b"].pk}))
    assert 'data-unit="31-STTTT-BC"' in html and 'data-unit="31-SKHCN"' not in html
    assert "Đang xem nhánh" in html


def test_split_through_the_admin(admin_client, tree):
    url = reverse("unit_admin:reorganise", args=[tree["b"].pk, "chia-tach"])
    form_page = text_of(admin_client.get(url))
    assert "<code>B1</code> Lê Văn Cường" in form_page and "<code>31-STTTT-BC</code>" in form_page
    html = text_of(
        admin_client.post(
            url,
            {
                "parent": "31",
                "part1_code": "31-SBC",
                "part1_name": "Sở Báo chí",
                "part1_kind": UnitKind.DEPARTMENT,
                "part1_members": "B1",
                "part2_code": "31-SKHCN",
                "part2_kind": UnitKind.DEPARTMENT,
                "part2_members": "31-STTTT-BC",
                "part3_kind": UnitKind.DEPARTMENT,
            },
        )
    )
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    admin_client.post(
        reverse("unit_admin:confirm"), {"token": token, "effective_on": timezone.localdate().strftime("%d/%m/%Y")}
    )
    assert Cadre.objects.get(staff_code="B1").unit.code == "31-SBC"
    assert Unit.objects.get(code="31-STTTT-BC").get_parent().code == "31-SKHCN"
    assert not Unit.objects.get(code="31-STTTT").is_active
