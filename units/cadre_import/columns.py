"""The columns of the cadre file and the words accepted in its cells.

Headers and cell words ("Công chức", "Thôi công tác") are the file format, not interface text:
they stay the same whatever language the admin runs in. Matching ignores case, diacritics and
punctuation, so "cong chuc" and "CÔNG CHỨC" are the same category.
"""

from django.utils.translation import gettext_lazy as _

from elearn.spreadsheets import Column, fold
from units.models import CadreCategory

SHEET_TITLE = "Cán bộ"
GUIDE_TITLE = "Hướng dẫn"
ERROR_HEADER = "Lỗi"
ACTIVE_WORD = "Đang công tác"
LEFT_WORD = "Thôi công tác"


COLUMNS = [
    Column(
        "staff_code",
        "Mã cán bộ",
        _(
            "Bắt buộc, tối đa 40 ký tự, không trùng trong tệp. Mã đã có: cán bộ đó được cập nhật; mã mới: tạo cán bộ "
            "và tài khoản đăng nhập (tên đăng nhập là mã cán bộ; người dùng đặt mật khẩu qua chức năng quên mật khẩu "
            "hoặc do quản trị cấp)."
        ),
        True,
        ("Mã CB", "Mã số cán bộ"),
        40,
    ),
    Column("full_name", "Họ và tên", _("Bắt buộc, tối đa 150 ký tự."), True, ("Họ tên",), 150),
    Column(
        "unit_code",
        "Mã đơn vị",
        _("Bắt buộc. Mã của một đơn vị đang hoạt động trong cây đơn vị (xem danh sách ở mục Tổ chức → Đơn vị)."),
        True,
        ("Đơn vị",),
        40,
    ),
    Column("position", "Chức vụ", _("Không bắt buộc, tối đa 150 ký tự."), aliases=("Chức danh",), max_length=150),
    Column("category", "Đối tượng", _("Một trong: %(choices)s. Để trống: Công chức."), aliases=("Loại cán bộ",)),
    Column(
        "email",
        "Email",
        _("Không bắt buộc. Địa chỉ email hợp lệ, không trùng với tài khoản khác."),
        aliases=("Thư điện tử", "E-mail"),
        max_length=254,
    ),
    Column(
        "status",
        "Trạng thái",
        _(
            '"Đang công tác" (để trống cũng vậy) hoặc "Thôi công tác": tài khoản bị ngừng, hồ sơ và kết quả học '
            'tập vẫn được giữ. Dòng ghi lại "Đang công tác" sẽ mở lại tài khoản.'
        ),
        aliases=("Tình trạng",),
    ),
]
KEYS = [column.key for column in COLUMNS]
HEADERS = [column.header for column in COLUMNS]
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
REQUIRED_KEYS = [column.key for column in COLUMNS if column.required]


HEADER_LOOKUP = {fold(alias): column.key for column in COLUMNS for alias in (column.header, *column.aliases)}


def category_words():
    """The category labels as the file writes them (labels are lazy translations: build on use)."""
    return [str(label) for label in CadreCategory.labels]


def category_lookup():
    table = {}
    for value, label in CadreCategory.choices:
        table[fold(label)] = value
        table[fold(value)] = value
    table[fold("Lãnh đạo quản lý")] = CadreCategory.LEADER
    table[fold("Cán bộ cấp xã")] = CadreCategory.COMMUNE_CADRE
    table[fold("Công chức cấp xã")] = CadreCategory.COMMUNE_CADRE
    table[fold("Người lao động")] = CadreCategory.OTHER
    return table


def category_word(value):
    return str(CadreCategory(value).label) if value in CadreCategory.values else ""


STATUS_LOOKUP = {
    fold(ACTIVE_WORD): True,
    fold("Đang làm việc"): True,
    fold("Hoạt động"): True,
    fold(LEFT_WORD): False,
    fold("Đã thôi công tác"): False,
    fold("Nghỉ việc"): False,
    fold("Đã nghỉ việc"): False,
    fold("Nghỉ hưu"): False,
    fold("Chuyển công tác"): False,
}


def column_help(column):
    if column.key == "category":
        return str(column.help) % {"choices": "; ".join(category_words())}
    return str(column.help)


EXAMPLE_ROWS = [
    {
        "staff_code": "HP000001",
        "full_name": "Nguyễn Văn An",
        "unit_code": "31-SKHCN",
        "position": "Chuyên viên",
        "category": "Công chức",
        "email": "an.nv@haiphong.gov.vn",
        "status": ACTIVE_WORD,
    },
    {
        "staff_code": "HP000002",
        "full_name": "Trần Thị Bình",
        "unit_code": "11311",
        "position": "Chủ tịch UBND phường",
        "category": "Lãnh đạo, quản lý",
        "email": "",
        "status": ACTIVE_WORD,
    },
    {
        "staff_code": "HP000003",
        "full_name": "Lê Văn Cường",
        "unit_code": "11311",
        "position": "Công chức Văn phòng - Thống kê",
        "category": "Cán bộ, công chức cấp xã",
        "email": "",
        "status": LEFT_WORD,
    },
]
