"""The activation sheet of a unit (phiếu kích hoạt): who must activate, with a fresh code each, as Excel."""

from io import BytesIO

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from elearn.formatting import format_local
from elearn.spreadsheets import formula_safe_cell
from units.models import Unit

from . import activation

COLUMNS = [  # (heading, width)
    (gettext_lazy("Họ và tên"), 28),
    (gettext_lazy("Mã cán bộ"), 14),
    (gettext_lazy("Đơn vị"), 40),
    (gettext_lazy("Mã kích hoạt"), 18),
    (gettext_lazy("Địa chỉ kích hoạt"), 40),
    (gettext_lazy("Hết hạn"), 18),
]


def people_to_activate(unit):
    """Active accounts of cadres serving in `unit` or below it that have no usable password, by unit and name."""
    units = Unit.get_tree(unit)
    users = (
        get_user_model()
        .objects.filter(cadre__unit__in=units, cadre__left_on__isnull=True)
        .select_related("cadre__unit")
        .order_by("cadre__unit__path", "cadre__full_name", "pk")
    )
    return activation.needs_activation(users)


def issue_sheet(unit, issued_by, activation_url):
    """New codes for everyone of `unit` who must activate (their earlier codes stop working): (xlsx bytes, count)."""
    people = people_to_activate(unit)
    now = timezone.now()
    issued = activation.issue(people, issued_by=issued_by, now=now)
    expires = format_local(now + activation.valid_for())
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Phiếu kích hoạt")[:31])
    for index, (_heading, width) in enumerate(COLUMNS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    bold = Font(bold=True)
    sheet.append([formula_safe_cell(sheet, str(heading), font=bold) for heading, _width in COLUMNS])
    for user, code in issued:
        cadre = user.cadre
        row = [
            cadre.full_name,
            cadre.staff_code,
            cadre.unit.name,
            activation.display_code(code),
            activation_url,
            expires,
        ]
        sheet.append([formula_safe_cell(sheet, value) for value in row])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), len(issued)
