"""Import of real administrative units from the vietnam_provinces package."""

import unicodedata

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from vietnam_provinces import Province, ProvinceCode, Ward

from units.models import Unit, UnitKind
from units.provinces import import_province, province_name, province_unit_code, ward_unit_code

WRITES = ("INSERT", "UPDATE", "DELETE")


def writes(queries):
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]


def test_unit_codes_are_zero_padded():
    assert province_unit_code(1) == "01"
    assert province_unit_code(ProvinceCode(31)) == "31"
    assert ward_unit_code(4) == "00004"
    assert ward_unit_code(11560) == "11560"


def test_province_names_say_what_they_are():
    assert province_name(Province.from_code(ProvinceCode(31))) == "Thành phố Hải Phòng"
    # The package gives provinces without "Tỉnh" (cities keep their "Thành phố").
    assert province_name(Province.from_code(ProvinceCode(4))) == "Tỉnh Cao Bằng"


@pytest.mark.django_db
def test_hai_phong_is_one_root_with_its_114_wards():
    created, updated, unchanged = import_province(31)

    assert (created, updated, unchanged) == (115, 0, 0)
    root = Unit.objects.get(code="31")
    assert root.is_root()
    assert Unit.get_root_nodes().count() == 1
    assert root.name == "Thành phố Hải Phòng"
    assert root.kind == UnitKind.PROVINCE
    wards = list(root.get_children())
    assert len(wards) == 114
    assert Unit.objects.count() == 115
    assert all(len(ward.code) == 5 and ward.code.isdigit() for ward in wards)
    kinds = {ward.kind for ward in wards}
    assert kinds == {UnitKind.WARD, UnitKind.COMMUNE, UnitKind.SPECIAL_ZONE}
    assert Unit.objects.get(code="11914").kind == UnitKind.SPECIAL_ZONE  # Đặc khu Cát Hải
    assert Unit.find_problems() == ([], [], [], [], [])


@pytest.mark.django_db
def test_names_are_nfc_in_the_modern_tone_style():
    import_province(31)

    for name in Unit.objects.values_list("name", flat=True):
        assert unicodedata.is_normalized("NFC", name)
    # The package spells it "Phường Hoà Bình" and "Phường Thuỷ Nguyên".
    assert Unit.objects.get(code="11533").name == "Phường Hòa Bình"
    assert Unit.objects.get(code="11560").name == "Phường Thủy Nguyên"


@pytest.mark.django_db
def test_second_import_reports_everything_unchanged_and_writes_nothing():
    import_province(31)

    with CaptureQueriesContext(connection) as context:
        counts = import_province(31)

    assert tuple(counts) == (0, 0, 115)
    assert writes(context.captured_queries) == []


@pytest.mark.django_db
def test_import_restores_a_changed_name_and_kind():
    import_province(31)
    Unit.objects.filter(code="11311").update(name="Phường Hồng Bàng cũ", kind=UnitKind.OTHER)

    counts = import_province(31)

    assert tuple(counts) == (0, 1, 114)
    ward = Unit.objects.get(code="11311")
    assert (ward.name, ward.kind) == ("Phường Hồng Bàng", UnitKind.WARD)


@pytest.mark.django_db
def test_another_province_imports_too_and_can_sit_below_a_parent():
    country = Unit.add_root(instance=Unit(code="VN", name="Việt Nam", kind=UnitKind.OTHER))
    expected_wards = len(list(Ward.iter_by_province(ProvinceCode(1))))

    counts = import_province("1", parent=country)

    assert tuple(counts) == (expected_wards + 1, 0, 0)
    hanoi = Unit.objects.get(code="01")
    assert hanoi.name == "Thành phố Hà Nội"
    assert hanoi.get_parent() == country
    assert hanoi.get_children_count() == expected_wards
    assert Unit.objects.get(code="00004").get_parent() == hanoi  # zero-padded ward code


def test_unknown_province_code_is_refused():
    with pytest.raises(ValueError, match="Unknown province code"):
        import_province(99)
