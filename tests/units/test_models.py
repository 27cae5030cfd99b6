"""Unit tree and cadre profile."""

import unicodedata

import pytest

from tests.factories import CadreFactory, make_unit
from units.models import Cadre, Unit, UnitKind
from units.scope import can_view_unit, top_units_in_scope, units_in_scope

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    province = make_unit("31", "Thành phố Hải Phòng", kind=UnitKind.PROVINCE)
    department = make_unit("31-SKHCN", "Sở Khoa học và Công nghệ", province, UnitKind.DEPARTMENT)
    division = make_unit("31-SKHCN-CDS", "Phòng Chuyển đổi số", department, UnitKind.DIVISION)
    team = make_unit("31-SKHCN-CDS-1", "Tổ An toàn thông tin", division, UnitKind.OTHER)
    ward = make_unit("11560", unicodedata.normalize("NFD", "Phường Thuỷ Nguyên"), province, UnitKind.WARD)
    return {"province": province, "department": department, "division": division, "team": team, "ward": ward}


def test_tree_of_any_depth(tree):
    assert tree["team"].depth == 4
    assert set(tree["department"].subtree()) == {tree["department"], tree["division"], tree["team"]}
    assert tree["team"].get_ancestors().first() == tree["province"]


def test_unit_names_are_stored_nfc_in_one_spelling(tree):
    ward = Unit.objects.get(code="11560")
    assert ward.name == "Phường Thủy Nguyên"
    assert Unit.objects.filter(name="Phường Thủy Nguyên").exists()


def test_cadre_name_in_nfd_is_found_by_its_nfc_form(tree):
    CadreFactory(full_name=unicodedata.normalize("NFD", "Nguyễn Văn Hoà"), unit=tree["ward"], staff_code="hp 0001")
    cadre = Cadre.objects.get(full_name="Nguyễn Văn Hòa")
    assert cadre.staff_code == "HP0001"
    assert str(cadre) == "Nguyễn Văn Hòa (HP0001)"


def test_manager_scope_is_exactly_the_managed_subtrees(tree):
    manager = CadreFactory(unit=tree["department"]).user
    tree["division"].managers.add(manager)
    tree["ward"].managers.add(manager)
    assert set(units_in_scope(manager)) == {tree["division"], tree["team"], tree["ward"]}
    assert can_view_unit(manager, tree["team"])
    assert not can_view_unit(manager, tree["department"])
    assert not can_view_unit(manager, tree["province"])
    # The team lies inside the division: the scope has two tops, the ward and the division.
    tree["team"].managers.add(manager)
    assert top_units_in_scope(manager) == sorted([tree["division"], tree["ward"]], key=lambda unit: unit.path)


def test_learner_has_no_scope_and_administrator_sees_all(tree, django_user_model):
    learner = CadreFactory(unit=tree["ward"]).user
    assert not units_in_scope(learner).exists()
    admin = django_user_model.objects.create_superuser("root", "root@example.vn", "x")
    assert units_in_scope(admin).count() == Unit.objects.count()
    assert top_units_in_scope(admin) == [tree["province"]]
    assert top_units_in_scope(learner) == []
