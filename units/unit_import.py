"""Import of a unit list from Excel (.xlsx) or CSV: code, name, parent code, kind. No HTTP here.

All or nothing: every row is checked first (unknown parent code, duplicate code, cycle, unknown
kind, a unit already in the tree under another parent); with any error nothing is written.
Units are created parent first through units.tree.sync_unit, so importing the same file again
changes nothing. Moving an existing unit is not an import's business: it goes through the
reorganisation screens, with a preview.
"""

import io
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from elearn import spreadsheets
from elearn.spreadsheets import XLSX, XLSX_CONTENT_TYPE, SpreadsheetError, cell_text, fold  # noqa: F401
from elearn.sync import CREATED, UNCHANGED, UPDATED, SyncCounts
from elearn.text import normalize_code, normalize_text

from .models import Unit, UnitKind, UnitSuccession
from .tree import sync_unit

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ROWS = 20_000

# The file format: headers stay Vietnamese whatever the admin's language.
HEADERS = {"code": "Mã đơn vị", "name": "Tên đơn vị", "parent": "Mã đơn vị cấp trên", "kind": "Loại đơn vị"}
REQUIRED = ("code", "name")
KIND_WORDS = {
    UnitKind.PROVINCE: ("Tỉnh, thành phố", "Tỉnh", "Thành phố"),
    UnitKind.WARD: ("Phường",),
    UnitKind.COMMUNE: ("Xã",),
    UnitKind.SPECIAL_ZONE: ("Đặc khu",),
    UnitKind.DEPARTMENT: ("Sở, ban, ngành", "Sở", "Ban", "Ngành"),
    UnitKind.DIVISION: ("Phòng, ban trực thuộc", "Phòng"),
    UnitKind.PARTY: ("Tổ chức đảng",),
    UnitKind.MASS_ORGANISATION: ("Đoàn thể",),
    UnitKind.OTHER: ("Khác",),
}
KIND_LABELS = {kind: words[0] for kind, words in KIND_WORDS.items()}


HEADER_LOOKUP = {fold(header): key for key, header in HEADERS.items()} | {
    fold("Mã"): "code",
    fold("Tên"): "name",
    fold("Mã cấp trên"): "parent",
}
KIND_LOOKUP = {fold(word): kind for kind, words in KIND_WORDS.items() for word in words} | {
    fold(kind): kind for kind in UnitKind.values
}


class UnitFileError(SpreadsheetError):
    """The file cannot be read as a unit list; the message says why, in Vietnamese."""


class ImportRejected(Exception):
    """Rows that failed their checks when the import was applied: nothing was written."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class UnitRow:
    line: int
    code: str
    name: str
    parent: str = ""
    kind: str = UnitKind.OTHER
    action: str = ""


@dataclass
class ImportPlan:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action)

    @property
    def counts(self):
        return SyncCounts(self.count(CREATED), self.count(UPDATED), self.count(UNCHANGED))


def row_message(line, problem):
    return _("Dòng %(line)d: %(problem)s") % {"line": line, "problem": problem}


# Reading -----------------------------------------------------------------------------------------


def read_upload(name, data):
    """[(line, {key: text})] of an uploaded .xlsx or UTF-8 .csv. Raise UnitFileError when unreadable."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise UnitFileError(_("Tệp lớn hơn %(size)d MB.") % {"size": MAX_UPLOAD_BYTES // 2**20})
    with spreadsheets.reraise_as(UnitFileError):
        if spreadsheets.detect_format(name, data) == XLSX:
            rows = spreadsheets.iter_xlsx_rows(data, MAX_UNPACKED_BYTES)
        else:
            rows = spreadsheets.iter_csv_rows(data)
        too_many = _("Tệp có hơn %(count)d dòng: hãy chia thành nhiều tệp.") % {"count": MAX_ROWS}
        rows = list(spreadsheets.limited(rows, MAX_ROWS, too_many))
    return _table(rows)


def _table(rows):
    numbered = [(line, [cell_text(value) for value in row]) for line, row in enumerate(rows, start=1)]
    numbered = [(line, cells) for line, cells in numbered if any(cells)]
    if not numbered:
        raise UnitFileError(_("Tệp không có dữ liệu."))
    header_line, header = numbered[0]
    keys = [HEADER_LOOKUP.get(fold(text)) for text in header]
    missing = [HEADERS[key] for key in REQUIRED if key not in keys]
    if missing:
        raise UnitFileError(
            _("Dòng %(line)d phải là dòng tiêu đề của mẫu; thiếu cột: %(columns)s.")
            % {"line": header_line, "columns": ", ".join(f'"{name}"' for name in missing)}
        )
    table = []
    for line, cells in numbered[1:]:
        values = {}
        for key, text in zip(keys, cells, strict=False):
            if key and key not in values:
                values[key] = text
        table.append((line, values))
    if not table:
        raise UnitFileError(_("Tệp chỉ có dòng tiêu đề, chưa có đơn vị nào."))
    return table


# Checking ----------------------------------------------------------------------------------------


def plan_import(table):
    """Check every row of `table` against the file and the tree; say what each would do."""
    plan = ImportPlan()
    rows = [_parse(line, values, plan.errors) for line, values in table]
    rows = [row for row in rows if row is not None]
    by_code = {}
    for row in rows:
        if row.code in by_code:
            plan.errors.append(
                row_message(
                    row.line,
                    _('mã đơn vị "%(code)s" trùng với dòng %(first)d.')
                    % {"code": row.code, "first": by_code[row.code].line},
                )
            )
        else:
            by_code[row.code] = row
    existing = Unit.objects.in_bulk(set(by_code) | {row.parent for row in rows if row.parent}, field_name="code")
    retired = dict(
        UnitSuccession.objects.filter(old_code__in=set(by_code) - set(existing)).values_list(
            "old_code", "new_unit__code"
        )
    )
    parents = _parents(existing.values())
    for row in by_code.values():
        _check_row(row, by_code, existing, parents, retired, plan.errors)
    plan.errors += _cycles(by_code)
    plan.rows = sorted(by_code.values(), key=lambda row: row.line)
    plan.errors.sort(key=_line_of)
    return plan


def _parents(units):
    """{unit pk: its parent Unit (None for a root)}, in one query."""
    step = Unit.steplen
    by_path = Unit.objects.in_bulk({unit.path[:-step] for unit in units if unit.depth > 1}, field_name="path")
    return {unit.pk: by_path.get(unit.path[:-step]) for unit in units}


def _line_of(message):
    found = re.search(r"\d+", message)
    return int(found.group()) if found else 0


def _parse(line, values, errors):
    code, name = normalize_code(values.get("code")), normalize_text(values.get("name"))
    parent, kind_text = normalize_code(values.get("parent")), values.get("kind", "")
    problems = []
    if not code:
        problems.append(_("thiếu mã đơn vị."))
    elif len(code) > 40:
        problems.append(_("mã đơn vị dài quá 40 ký tự."))
    if not name:
        problems.append(_("thiếu tên đơn vị."))
    elif len(name) > 255:
        problems.append(_("tên đơn vị dài quá 255 ký tự."))
    kind = KIND_LOOKUP.get(fold(kind_text)) if kind_text else UnitKind.OTHER
    if kind is None:
        problems.append(
            _('loại đơn vị "%(kind)s" không có trong danh sách (%(choices)s).')
            % {"kind": kind_text, "choices": ", ".join(KIND_LABELS.values())}
        )
    errors += [row_message(line, problem) for problem in problems]
    return None if problems else UnitRow(line, code, name, parent, kind)


def _check_row(row, by_code, existing, parents, retired, errors):
    unit = existing.get(row.code)
    if row.parent == row.code:
        errors.append(row_message(row.line, _("đơn vị không thể là đơn vị cấp trên của chính nó.")))
        return
    if row.parent and row.parent not in by_code and row.parent not in existing:
        errors.append(
            row_message(
                row.line,
                _('mã đơn vị cấp trên "%(parent)s" không có trong tệp và trong cây đơn vị.') % {"parent": row.parent},
            )
        )
        return
    parent_unit = existing.get(row.parent)
    if unit is None:
        if row.code in retired:
            errors.append(
                row_message(
                    row.line,
                    _('mã "%(code)s" là mã cũ, nay là đơn vị "%(new)s": hãy dùng mã mới.')
                    % {"code": row.code, "new": retired[row.code]},
                )
            )
        elif parent_unit is not None and not parent_unit.is_active:
            errors.append(
                row_message(
                    row.line, _('đơn vị cấp trên "%(parent)s" đã ngừng hoạt động.') % {"parent": parent_unit.name}
                )
            )
        row.action = CREATED
        return
    current = parents.get(unit.pk)
    if (current.code if current else "") != row.parent:
        errors.append(
            row_message(
                row.line,
                _(
                    'đơn vị "%(code)s" đã có trong cây, thuộc "%(current)s", khác với mã đơn vị cấp trên trong tệp: '
                    "việc chuyển đơn vị làm ở Cây đơn vị (Chuyển đơn vị, có xem trước)."
                )
                % {"code": row.code, "current": current.code if current else _("cấp cao nhất")},
            )
        )
    row.action = UNCHANGED if (unit.name, unit.kind) == (row.name, row.kind) else UPDATED


def _cycles(by_code):
    """Rows whose parent chain inside the file comes back to themselves."""
    errors, reported = [], set()
    for row in by_code.values():
        seen, current = [], row
        while current is not None and current.code not in seen:
            seen.append(current.code)
            current = by_code.get(current.parent)
        if current is not None and current.code not in reported:
            loop = seen[seen.index(current.code) :]
            reported.update(loop)
            first = min((by_code[code] for code in loop), key=lambda item: item.line)
            errors.append(
                row_message(
                    first.line,
                    _("các đơn vị %(codes)s là cấp trên của nhau theo vòng tròn.")
                    % {"codes": " → ".join(loop + [loop[0]])},
                )
            )
    return errors


# Writing -----------------------------------------------------------------------------------------


def _parent_first(rows):
    by_code = {row.code: row for row in rows}
    ordered, done = [], set()

    def visit(row):
        chain = []
        while row is not None and row.code not in done:
            chain.append(row)
            row = by_code.get(row.parent)
        for item in reversed(chain):
            done.add(item.code)
            ordered.append(item)

    for row in rows:
        visit(row)
    return ordered


def apply_import(table):
    """Check the rows again against the tree as it is now, then write them all, or nothing. Return SyncCounts."""
    with transaction.atomic():
        plan = plan_import(table)
        if not plan.ok:
            raise ImportRejected(plan.errors)
        counts = SyncCounts()
        units = {}
        for row in _parent_first(plan.rows):
            if row.action == UNCHANGED:
                counts.record(UNCHANGED)
                continue
            parent = units.get(row.parent) or (Unit.objects.get(code=row.parent) if row.parent else None)
            unit, status = sync_unit(row.code, row.name, row.kind, parent)
            units[row.code] = unit
            counts.record(status)
    return counts


# The template ------------------------------------------------------------------------------------

EXAMPLE_ROWS = [
    ("31", "Thành phố Hải Phòng", "", "Tỉnh, thành phố"),
    ("31-SNV", "Sở Nội vụ", "31", "Sở, ban, ngành"),
    ("31-SNV-TCBC", "Phòng Tổ chức, biên chế", "31-SNV", "Phòng, ban trực thuộc"),
]


def template_xlsx():
    """The template workbook: headers, three example rows, and a guide sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Đơn vị"
    sheet.append(list(HEADERS.values()))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in EXAMPLE_ROWS:
        sheet.append(list(row))
    for letter, width in zip("ABCD", (18, 45, 22, 26), strict=True):
        sheet.column_dimensions[letter].width = width
    validation = DataValidation(
        type="list", formula1=f'"{";".join(KIND_LABELS.values())}"', allow_blank=True, showErrorMessage=False
    )
    validation.add(f"D2:D{MAX_ROWS + 1}")
    sheet.data_validations.append(validation)
    guide = workbook.create_sheet("Hướng dẫn")
    guide.column_dimensions["A"].width = 110
    for line in (
        _("Mỗi dòng một đơn vị. Mã đơn vị: bắt buộc, duy nhất, tối đa 40 ký tự."),
        _("Mã đơn vị cấp trên: mã của một đơn vị trong tệp hoặc đã có trong cây; để trống nếu là đơn vị cấp cao nhất."),
        _('Loại đơn vị: một trong %(kinds)s (không phân biệt hoa thường, có dấu hay không dấu); để trống là "Khác".')
        % {"kinds": ", ".join(f'"{label}"' for label in KIND_LABELS.values())},
        _("Đơn vị đã có (cùng mã) được cập nhật tên và loại; không nhập lại được để chuyển đơn vị sang cấp trên khác."),
        _("Nếu có bất kỳ dòng nào sai, không đơn vị nào được nhập: sửa các dòng được báo lỗi rồi tải lên lại."),
    ):
        guide.append([line])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
