"""Demo organisation of Thành phố Hải Phòng: its real wards, some agencies, generated cadres, role accounts.

The data is deterministic (a seeded random generator over fixed lists), so loading it
twice gives the same people with the same staff codes, and the second load writes nothing.
"""

import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from vietnam_provinces import Ward

from elearn.sync import SyncCounts

from .models import CadreCategory, Unit, UnitKind
from .people import CadreRow, SharedPassword, sync_cadres
from .provinces import get_province, import_province, province_unit_code, ward_unit_code
from .roles import ADMINISTRATOR, EDITOR, LEARNER, MANAGER, MODEL_PERMISSIONS, MODERATOR, sync_roles
from .tree import sync_unit

DEMO_PROVINCE_CODE = 31  # Thành phố Hải Phòng
PROVINCE = province_unit_code(DEMO_PROVINCE_CODE)
DEMO_PASSWORD = "HocTap@2026!"
EMAIL_DOMAIN = "haiphong.example"  # a reserved documentation domain: mail never reaches anyone
STAFF_CODE_PREFIX = "HP"
SEED = 2026

# Demo accounts' home units and the ward quanly manages besides Sở Khoa học và Công nghệ.
DEMO_WARD = "11311"  # Phường Hồng Bàng


@dataclass(frozen=True)
class AgencySpec:
    """A provincial agency or one of its sub-units, with the titles of its leaders and its staff size."""

    code: str
    name: str
    kind: str
    parent: str
    leaders: tuple
    staff: int


AGENCIES = [
    AgencySpec(
        "31-VPUBND",
        "Văn phòng Ủy ban nhân dân thành phố",
        UnitKind.DEPARTMENT,
        PROVINCE,
        ("Chánh Văn phòng", "Phó Chánh Văn phòng", "Phó Chánh Văn phòng"),
        7,
    ),
    AgencySpec("31-SNV", "Sở Nội vụ", UnitKind.DEPARTMENT, PROVINCE, ("Giám đốc Sở", "Phó Giám đốc Sở"), 4),
    AgencySpec("31-SNV-VP", "Văn phòng Sở", UnitKind.DIVISION, "31-SNV", ("Chánh Văn phòng",), 3),
    AgencySpec(
        "31-SNV-CCVC",
        "Phòng Công chức, viên chức",
        UnitKind.DIVISION,
        "31-SNV",
        ("Trưởng phòng", "Phó Trưởng phòng"),
        3,
    ),
    AgencySpec(
        "31-SKHCN", "Sở Khoa học và Công nghệ", UnitKind.DEPARTMENT, PROVINCE, ("Giám đốc Sở", "Phó Giám đốc Sở"), 4
    ),
    AgencySpec("31-SKHCN-VP", "Văn phòng Sở", UnitKind.DIVISION, "31-SKHCN", ("Chánh Văn phòng",), 3),
    AgencySpec(
        "31-SKHCN-CDS", "Phòng Chuyển đổi số", UnitKind.DIVISION, "31-SKHCN", ("Trưởng phòng", "Phó Trưởng phòng"), 4
    ),
    AgencySpec("31-STP", "Sở Tư pháp", UnitKind.DEPARTMENT, PROVINCE, ("Giám đốc Sở", "Phó Giám đốc Sở"), 6),
    AgencySpec("31-STC", "Sở Tài chính", UnitKind.DEPARTMENT, PROVINCE, ("Giám đốc Sở", "Phó Giám đốc Sở"), 6),
    AgencySpec(
        "31-BTGDV", "Ban Tuyên giáo và Dân vận Thành ủy", UnitKind.PARTY, PROVINCE, ("Trưởng ban", "Phó Trưởng ban"), 6
    ),
    AgencySpec(
        "31-MTTQ",
        "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố",
        UnitKind.MASS_ORGANISATION,
        PROVINCE,
        ("Chủ tịch", "Phó Chủ tịch"),
        4,
    ),
    AgencySpec(
        "31-MTTQ-HLHPN",
        "Hội Liên hiệp Phụ nữ thành phố",
        UnitKind.MASS_ORGANISATION,
        "31-MTTQ",
        ("Chủ tịch", "Phó Chủ tịch"),
        2,
    ),
    AgencySpec(
        "31-MTTQ-DTN",
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh thành phố",
        UnitKind.MASS_ORGANISATION,
        "31-MTTQ",
        ("Bí thư", "Phó Bí thư"),
        2,
    ),
]

AGENCY_STAFF_POSITIONS = ["Chuyên viên", "Chuyên viên", "Chuyên viên", "Chuyên viên chính"]
WARD_LEADER_POSITIONS = ["Chủ tịch UBND", "Phó Chủ tịch UBND", "Phó Chủ tịch UBND"]
WARD_STAFF_POSITIONS = [
    ("Công chức Văn phòng - Thống kê", CadreCategory.COMMUNE_CADRE),
    ("Công chức Văn hóa - Xã hội", CadreCategory.COMMUNE_CADRE),
    ("Công chức Tư pháp - Hộ tịch", CadreCategory.COMMUNE_CADRE),
    ("Công chức Địa chính - Xây dựng", CadreCategory.COMMUNE_CADRE),
    ("Công chức Tài chính - Kế toán", CadreCategory.COMMUNE_CADRE),
    ("Viên chức Trung tâm Phục vụ hành chính công", CadreCategory.PUBLIC_EMPLOYEE),
]
CADRES_PER_WARD = 4
WARD_STEP = 3  # every third ward (in code order) has demo cadres

# Family names repeat with their rough frequency in Vietnam.
FAMILY_NAMES = (
    ["Nguyễn"] * 12
    + ["Trần"] * 4
    + ["Lê"] * 3
    + ["Phạm"] * 3
    + ["Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ"] * 2
    + ["Hồ", "Ngô", "Dương", "Lý", "Phan", "Đinh", "Đoàn", "Lương", "Mai", "Trịnh", "Cao", "Tô", "Lưu", "Vương"]
)
MIDDLE_NAMES = {
    "male": ["Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Thành", "Công", "Xuân", "Mạnh", "Tiến", "Ngọc"],
    "female": ["Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Phương", "Hồng", "Minh", "Thùy", "Bích", "Kim"],
}
GIVEN_NAMES = {
    "male": [
        "Anh",
        "Bình",
        "Cường",
        "Dũng",
        "Duy",
        "Đạt",
        "Giang",
        "Hải",
        "Hiếu",
        "Hoàng",
        "Hùng",
        "Huy",
        "Khánh",
        "Kiên",
        "Lâm",
        "Long",
        "Nam",
        "Phong",
        "Quân",
        "Sơn",
        "Thắng",
        "Thịnh",
        "Trung",
        "Tuấn",
        "Tùng",
        "Việt",
    ],
    "female": [
        "Anh",
        "Chi",
        "Diệp",
        "Dung",
        "Giang",
        "Hà",
        "Hạnh",
        "Hằng",
        "Hoa",
        "Hòa",
        "Huyền",
        "Hương",
        "Lan",
        "Linh",
        "Loan",
        "Mai",
        "Ngân",
        "Nhung",
        "Oanh",
        "Phương",
        "Quỳnh",
        "Thảo",
        "Thủy",
        "Trang",
        "Vân",
        "Yến",
    ],
}


@dataclass(frozen=True)
class DemoAccount:
    """A ready-made login for one role."""

    role: str
    username: str
    staff_code: str
    full_name: str
    unit_code: str
    position: str
    category: str
    manages: tuple = ()
    is_staff: bool = False

    @property
    def email(self):
        return f"{self.username}@{EMAIL_DOMAIN}"

    def row(self):
        return CadreRow(
            staff_code=self.staff_code,
            full_name=self.full_name,
            unit_code=self.unit_code,
            position=self.position,
            category=self.category,
            email=self.email,
            username=self.username,
            groups=(self.role,),
            is_staff=self.is_staff,
        )


DEMO_ACCOUNTS = [
    DemoAccount(
        LEARNER,
        "hocvien",
        "HP900001",
        "Trần Thị Thu Hà",
        DEMO_WARD,
        "Công chức Văn hóa - Xã hội",
        CadreCategory.COMMUNE_CADRE,
    ),
    DemoAccount(
        EDITOR, "bientap", "HP900002", "Phạm Minh Tuấn", "31-BTGDV", "Chuyên viên", CadreCategory.CIVIL_SERVANT
    ),
    DemoAccount(
        MODERATOR,
        "kiemduyet",
        "HP900005",
        "Nguyễn Thị Thanh Hương",
        "31-BTGDV",
        "Chuyên viên chính",
        CadreCategory.CIVIL_SERVANT,
    ),
    DemoAccount(
        MANAGER,
        "quanly",
        "HP900003",
        "Lê Thị Hồng Nhung",
        "31-SKHCN",
        "Phó Giám đốc Sở",
        CadreCategory.LEADER,
        manages=("31-SKHCN", DEMO_WARD),
    ),
    DemoAccount(
        ADMINISTRATOR,
        "quantri",
        "HP900004",
        "Đỗ Quang Huy",
        "31-VPUBND",
        "Chuyên viên",
        CadreCategory.CIVIL_SERVANT,
        is_staff=True,
    ),
]


def random_full_name(rng):
    """A plausible Vietnamese full name: family name, middle name, given name."""
    gender = rng.choice(("male", "female"))
    return " ".join((rng.choice(FAMILY_NAMES), rng.choice(MIDDLE_NAMES[gender]), rng.choice(GIVEN_NAMES[gender])))


def demo_ward_codes():
    """Unit codes of the wards that get demo cadres: every WARD_STEP-th ward of the province by code."""
    codes = sorted(ward_unit_code(ward.code) for ward in Ward.iter_by_province(get_province(DEMO_PROVINCE_CODE).code))
    return codes[::WARD_STEP]


def _agency_people(agency):
    """(position, category) of every demo cadre of an agency: its leaders, then its staff."""
    people = [(title, CadreCategory.LEADER) for title in agency.leaders]
    people += [
        (AGENCY_STAFF_POSITIONS[i % len(AGENCY_STAFF_POSITIONS)], CadreCategory.CIVIL_SERVANT)
        for i in range(agency.staff)
    ]
    return people


def _ward_people(rng):
    leader = (rng.choice(WARD_LEADER_POSITIONS), CadreCategory.LEADER)
    return [leader] + rng.sample(WARD_STAFF_POSITIONS, CADRES_PER_WARD - 1)


def demo_cadre_rows(seed=SEED):
    """The generated demo cadres (not the role accounts), the same list on every call."""
    rng = random.Random(seed)
    placements = [(agency.code, person) for agency in AGENCIES for person in _agency_people(agency)]
    placements += [(code, person) for code in demo_ward_codes() for person in _ward_people(rng)]
    rows = []
    for number, (unit_code, (position, category)) in enumerate(placements, start=1):
        staff_code = f"{STAFF_CODE_PREFIX}{number:06d}"
        rows.append(
            CadreRow(
                staff_code=staff_code,
                full_name=random_full_name(rng),
                unit_code=unit_code,
                position=position,
                category=category,
                email=f"{staff_code.lower()}@{EMAIL_DOMAIN}",
                groups=(LEARNER,),
            )
        )
    return rows


def check_demo_password():
    """Raise ValidationError if the demo password fails the project's validators for any demo account."""
    User = get_user_model()
    for account in DEMO_ACCOUNTS:
        validate_password(DEMO_PASSWORD, User(username=account.username, email=account.email))


def load_demo_units():
    """The province with its real wards, then the agencies below it; return SyncCounts."""
    counts = import_province(DEMO_PROVINCE_CODE)
    existing = Unit.objects.in_bulk([agency.code for agency in AGENCIES], field_name="code")
    for agency in AGENCIES:
        parent = Unit.objects.get(code=agency.parent)
        _unit, status = sync_unit(agency.code, agency.name, agency.kind, parent, existing.get(agency.code))
        counts.record(status)
    return counts


def ensure_roles():
    """The role groups exist after migrate; create them (with their permissions) if someone removed one."""
    if Group.objects.filter(name__in=MODEL_PERMISSIONS).count() < len(MODEL_PERMISSIONS):
        sync_roles()


@dataclass
class DemoPeople:
    """What loading the demo people did."""

    cadres: SyncCounts
    accounts: SyncCounts
    manager_links_added: int


def load_demo_people(password=DEMO_PASSWORD):
    """Generated cadres and the role accounts, all with `password`, and the demo manager's units."""
    ensure_roles()
    password = SharedPassword(password)
    cadres = sync_cadres(demo_cadre_rows(), password=password)
    accounts = sync_cadres([account.row() for account in DEMO_ACCOUNTS], password=password)
    return DemoPeople(cadres, accounts, _sync_managed_units())


def _sync_managed_units():
    """Make each demo account a manager of its units; return how many unit-manager links were added."""
    User = get_user_model()
    added = 0
    for account in DEMO_ACCOUNTS:
        if not account.manages:
            continue
        user = User.objects.get(username=account.username)
        managed = set(user.managed_units.values_list("code", flat=True))
        missing = [code for code in account.manages if code not in managed]
        if missing:
            user.managed_units.add(*Unit.objects.filter(code__in=missing))
            added += len(missing)
    return added
