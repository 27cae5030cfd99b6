"""Demo emulation review: the default schemes and groups, the first half of 2026 frozen and the year 2026 open."""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model

from units.models import UnitKind

from . import emulation
from .models import EmulationCriterion, EmulationGroup, EmulationPeriod, EmulationScheme, Measure

# (measure, points, full points from %, note): the province's rules as a demo writes them.
COMMUNE_CRITERIA = [
    (Measure.REQUIRED_COMPLETION, 40, 100, "Kế hoạch bồi dưỡng kỹ năng số của tỉnh."),
    (Measure.ON_TIME, 20, 90, ""),
    (Measure.AVERAGE_SCORE, 15, 90, ""),
    (Measure.CONTEST_PARTICIPATION, 15, 70, "Cuộc thi tìm hiểu pháp luật về chuyển đổi số."),
    (Measure.VALID_CERTIFICATE, 10, 80, ""),
]
AGENCY_CRITERIA = [
    (Measure.REQUIRED_COMPLETION, 35, 100, "Kế hoạch bồi dưỡng kỹ năng số của tỉnh."),
    (Measure.ON_TIME, 25, 95, ""),
    (Measure.AVERAGE_SCORE, 15, 90, ""),
    (Measure.CONTEST_PARTICIPATION, 15, 80, "Cuộc thi tìm hiểu pháp luật về chuyển đổi số."),
    (Measure.VALID_CERTIFICATE, 10, 90, ""),
]
SCHEMES = {
    "Bộ tiêu chí thi đua cấp xã": COMMUNE_CRITERIA,
    "Bộ tiêu chí thi đua cơ quan, tổ chức cấp tỉnh": AGENCY_CRITERIA,
}
GROUPS = [
    (
        "Khối xã, phường, đặc khu",
        [UnitKind.WARD, UnitKind.COMMUNE, UnitKind.SPECIAL_ZONE],
        "Bộ tiêu chí thi đua cấp xã",
    ),
    ("Khối sở, ban, ngành", [UnitKind.DEPARTMENT], "Bộ tiêu chí thi đua cơ quan, tổ chức cấp tỉnh"),
    (
        "Khối cơ quan Đảng, đoàn thể",
        [UnitKind.PARTY, UnitKind.MASS_ORGANISATION],
        "Bộ tiêu chí thi đua cơ quan, tổ chức cấp tỉnh",
    ),
]
PERIODS = [
    ("Thi đua 6 tháng đầu năm 2026", date(2026, 1, 1), date(2026, 6, 30), True),
    ("Thi đua năm 2026", date(2026, 1, 1), date(2026, 12, 31), False),
]
DESCRIPTION = "Theo quy định chấm điểm thi đua về ứng dụng công nghệ thông tin, chuyển đổi số của tỉnh (bản mẫu)."


def _scheme(name, criteria):
    scheme, created = EmulationScheme.objects.get_or_create(name=name, defaults={"description": DESCRIPTION})
    if created:
        for order, (measure, weight, target, note) in enumerate(criteria):
            EmulationCriterion.objects.create(
                scheme=scheme,
                sort_order=order,
                measure=measure,
                weight=Decimal(weight),
                target=Decimal(target),
                note=note,
            )
    return scheme


def load_demo_emulation(administrator="quantri"):
    """The schemes, the two periods and the first one frozen; return "created" or "unchanged"."""
    schemes = {name: _scheme(name, criteria) for name, criteria in SCHEMES.items()}
    status = "unchanged"
    for name, start_on, end_on, frozen in PERIODS:
        period, created = EmulationPeriod.objects.get_or_create(
            name=name,
            defaults={
                "start_on": start_on,
                "end_on": end_on,
                "issuer_parent": "UBND THÀNH PHỐ HẢI PHÒNG",
                "issuer": "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG THÀNH PHỐ",
                "place": "Hải Phòng",
                "signer_title": "CHỦ TỊCH",
                "signer_name": "",
                "prepared_by": "",
            },
        )
        if not created:
            continue
        status = "created"
        for order, (group_name, kinds, scheme_name) in enumerate(GROUPS):
            EmulationGroup.objects.create(
                period=period,
                sort_order=order,
                name=group_name,
                unit_kinds=[str(kind) for kind in kinds],
                scheme=schemes[scheme_name],
            )
        if frozen:
            emulation.freeze(period, get_user_model().objects.get(username=administrator))
    return status
