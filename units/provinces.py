"""Import the real administrative units of a province from the `vietnam_provinces` package.

Since 1 July 2025 local government has two levels: 34 provinces and their wards (phường),
communes (xã) and special zones (đặc khu). A province becomes a unit coded by its two-digit
code ("31"), each ward a unit below it coded by its five-digit code ("11560").
"""

from vietnam_provinces import Province, ProvinceCode, VietNamDivisionType, Ward

from elearn.sync import SyncCounts
from elearn.text import normalize_text

from .models import Unit, UnitKind
from .tree import sync_unit

DIVISION_KINDS = {
    VietNamDivisionType.TINH: UnitKind.PROVINCE,
    VietNamDivisionType.THANH_PHO_TRUNG_UONG: UnitKind.PROVINCE,
    VietNamDivisionType.PHUONG: UnitKind.WARD,
    VietNamDivisionType.XA: UnitKind.COMMUNE,
    VietNamDivisionType.DAC_KHU: UnitKind.SPECIAL_ZONE,
}


def province_unit_code(province_code):
    """Unit code of a province: its two-digit code, e.g. "01", "31"."""
    return f"{int(province_code):02d}"


def ward_unit_code(ward_code):
    """Unit code of a ward, commune or special zone: its five-digit code, e.g. "00004", "11560"."""
    return f"{int(ward_code):05d}"


def province_name(province):
    """The province's official name: the package omits "Tỉnh" (but not "Thành phố")."""
    name = normalize_text(province.name)
    if province.division_type == VietNamDivisionType.TINH and not name.lower().startswith("tỉnh "):
        name = f"Tỉnh {name}"
    return name


def get_province(province_code):
    """The package's Province for a code given as int, string or ProvinceCode."""
    try:
        return Province.from_code(ProvinceCode(int(province_code)))
    except ValueError as error:
        raise ValueError(f"Unknown province code: {province_code!r}") from error


def import_province(province_code, parent=None):
    """Create or update a province and all its wards, communes and special zones.

    The province unit is created below `parent` (or as a root); its wards below it. Units
    are found by code, so running the import again writes nothing unless the source data
    changed. Returns the SyncCounts (created, updated, unchanged) over all these units.
    """
    province = get_province(province_code)
    wards = sorted(Ward.iter_by_province(province.code), key=lambda ward: normalize_text(ward.name))
    codes = [province_unit_code(province.code)] + [ward_unit_code(ward.code) for ward in wards]
    existing = Unit.objects.in_bulk(codes, field_name="code")

    counts = SyncCounts()
    root, status = sync_unit(
        codes[0], province_name(province), DIVISION_KINDS[province.division_type], parent, existing.get(codes[0])
    )
    counts.record(status)
    # Wards go in sorted by name, so each sorted insert lands after its siblings without shifting them.
    for code, ward in zip(codes[1:], wards, strict=True):
        _unit, status = sync_unit(code, ward.name, DIVISION_KINDS[ward.division_type], root, existing.get(code))
        counts.record(status)
    return counts
