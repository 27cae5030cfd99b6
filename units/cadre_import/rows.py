"""One row of a cadre file checked on its own, against the whole file and against the accounts.

`index_file` is the first pass over the file (row count, staff codes and emails used twice);
`parse_row` turns one row into a CadreRow or a list of problems; `check_accounts` adds, for a chunk
of rows, the problems only the database knows (an email or a login name owned by another account).
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from elearn.text import normalize_code, normalize_text
from units.models import Cadre, CadreCategory, Unit, UnitSuccession
from units.people import CadreRow, anonymised_code
from units.roles import LEARNER

from .columns import ACTIVE_WORD, COLUMN_BY_KEY, LEFT_WORD, STATUS_LOOKUP, category_lookup, category_words, fold

STAFF_CODE_PATTERN = re.compile(r"^[\w.@+-]+$")
SHOWN_LINES = 10


@dataclass
class FileIndex:
    """What the first pass over a file learns: its size and the keys used on more than one row."""

    total_rows: int = 0
    duplicate_codes: dict = field(default_factory=dict)  # staff code -> [line, ...]
    duplicate_emails: dict = field(default_factory=dict)  # email -> [line, ...] (rows of different cadres)


def index_file(rows):
    """Read every (line, values) once; return a FileIndex."""
    code_lines, email_lines, email_code = defaultdict(list), defaultdict(list), {}
    total = 0
    for line, values in rows:
        total += 1
        code = normalize_code(values.get("staff_code", ""))
        if code:
            code_lines[code].append(line)
        email = normalize_text(values.get("email", "")).lower()
        if email:
            email_lines[email].append(line)
            email_code.setdefault(email, set()).add(code)
    return FileIndex(
        total_rows=total,
        duplicate_codes={code: lines for code, lines in code_lines.items() if len(lines) > 1},
        duplicate_emails={email: lines for email, lines in email_lines.items() if len(email_code[email]) > 1},
    )


@dataclass
class Reference:
    """What every row is checked against, loaded once per import."""

    units: dict  # code -> is_active
    successors: dict  # old code -> (new code, new name)
    categories: dict
    anonymised: frozenset = frozenset()  # staff codes of anonymised people (units.people.anonymised_code)

    @classmethod
    def load(cls):
        successors = {
            old: (new_code, new_name)
            for old, new_code, new_name in UnitSuccession.objects.order_by(
                "reorganisation__effective_on", "pk"
            ).values_list("old_code", "new_unit__code", "new_unit__name")
        }
        return cls(
            units=dict(Unit.objects.values_list("code", "is_active")),
            successors=successors,
            categories=category_lookup(),
            anonymised=frozenset(
                Cadre.objects.filter(anonymised_at__isnull=False).values_list("staff_code", flat=True)
            ),
        )


@dataclass
class ParsedRow:
    line: int
    values: dict
    row: CadreRow | None = None
    problems: list = field(default_factory=list)

    @property
    def message(self):
        return row_message(self.line, self.problems)


def row_message(line, problems):
    return _("Dòng %(line)d: %(problem)s") % {"line": line, "problem": " ".join(problems)}


def _lines(lines):
    shown = ", ".join(str(line) for line in lines[:SHOWN_LINES])
    return shown + (", …" if len(lines) > SHOWN_LINES else "")


def _too_long(key, text):
    column = COLUMN_BY_KEY[key]
    if len(text) > column.max_length:
        return _("%(column)s dài %(length)d ký tự, tối đa %(limit)d.") % {
            "column": column.header,
            "length": len(text),
            "limit": column.max_length,
        }
    return None


def parse_row(line, values, reference, index):
    """Check one row on its own and against the file; return a ParsedRow (row set only when no problem)."""
    parsed = ParsedRow(line, values)
    problems = parsed.problems
    code = normalize_code(values.get("staff_code", ""))
    full_name = values.get("full_name", "")
    unit_code = normalize_code(values.get("unit_code", ""))
    position = values.get("position", "")
    email = values.get("email", "").lower()

    if not code:
        problems.append(_("Thiếu mã cán bộ."))
    elif _too_long("staff_code", code):
        problems.append(_too_long("staff_code", code))
    elif not STAFF_CODE_PATTERN.match(code):
        problems.append(_('Mã cán bộ "%(code)s" chỉ được gồm chữ, số và các ký tự . @ + - _.') % {"code": code})
    elif code in index.duplicate_codes:
        problems.append(
            _('Mã cán bộ "%(code)s" xuất hiện ở nhiều dòng (dòng %(lines)s): không dòng nào trong số đó được nhập.')
            % {"code": code, "lines": _lines(index.duplicate_codes[code])}
        )
    elif anonymised_code(code) in reference.anonymised:
        problems.append(
            _(
                'Cán bộ mã "%(code)s" đã được ẩn danh hóa dữ liệu (theo yêu cầu hoặc hết thời hạn lưu trữ): '
                "dòng này không được nhập để không tạo lại hồ sơ; hãy bỏ dòng này khỏi tệp."
            )
            % {"code": code}
        )
    if not full_name:
        problems.append(_("Thiếu họ và tên."))
    elif _too_long("full_name", full_name):
        problems.append(_too_long("full_name", full_name))
    problems.extend(_unit_problems(unit_code, reference))
    if position and _too_long("position", position):
        problems.append(_too_long("position", position))
    category = _category(values.get("category", ""), reference, problems)
    active = _status(values.get("status", ""), problems)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems.append(_('Email "%(email)s" không hợp lệ.') % {"email": email})
        else:
            if email in index.duplicate_emails:
                problems.append(
                    _('Email "%(email)s" được dùng cho nhiều cán bộ trong tệp (dòng %(lines)s).')
                    % {"email": email, "lines": _lines(index.duplicate_emails[email])}
                )
    if not problems:
        parsed.row = CadreRow(
            staff_code=code,
            full_name=full_name,
            unit_code=unit_code,
            position=position,
            category=category,
            email=email,
            groups=(LEARNER,),
            is_staff=None,
            active=active,
        )
    return parsed


def _unit_problems(unit_code, reference):
    if not unit_code:
        return [_("Thiếu mã đơn vị.")]
    is_active = reference.units.get(unit_code)
    successor = reference.successors.get(unit_code)
    if is_active:
        return []
    if successor and successor[0] != unit_code:
        return [
            _('Mã đơn vị "%(code)s" là mã cũ: đơn vị nay là "%(name)s" (mã %(new)s).')
            % {"code": unit_code, "name": successor[1], "new": successor[0]}
        ]
    if is_active is None:
        return [_('Mã đơn vị "%(code)s" không tồn tại.') % {"code": unit_code}]
    return [_('Đơn vị "%(code)s" đã ngừng hoạt động.') % {"code": unit_code}]


def _category(text, reference, problems):
    if not text:
        return CadreCategory.CIVIL_SERVANT
    value = reference.categories.get(fold(text))
    if value is None:
        problems.append(
            _('Đối tượng "%(value)s" không có trong danh sách (%(choices)s).')
            % {"value": text, "choices": "; ".join(category_words())}
        )
    return value


def _status(text, problems):
    if not text:
        return True
    active = STATUS_LOOKUP.get(fold(text))
    if active is None:
        problems.append(
            _('Trạng thái "%(value)s" không hợp lệ: điền "%(active)s" hoặc "%(left)s".')
            % {"value": text, "active": ACTIVE_WORD, "left": LEFT_WORD}
        )
        return True
    return active


def check_accounts(parsed_rows):
    """Add the problems of rows whose email or login name belongs to another account (a few queries)."""
    User = get_user_model()
    candidates = [parsed for parsed in parsed_rows if parsed.row is not None]
    if not candidates:
        return
    own_user = dict(
        Cadre.objects.filter(staff_code__in=[parsed.row.staff_code for parsed in candidates]).values_list(
            "staff_code", "user_id"
        )
    )
    emails = {parsed.row.email for parsed in candidates if parsed.row.email}
    email_owners = defaultdict(set)
    if emails:
        for pk, email in (
            User.objects.annotate(email_key=Lower("email")).filter(email_key__in=emails).values_list("pk", "email_key")
        ):
            email_owners[email].add(pk)
    new_names = {parsed.row.staff_code.lower() for parsed in candidates if parsed.row.staff_code not in own_user}
    taken_names = set()
    if new_names:
        taken_names = set(
            User.objects.annotate(name_key=Lower("username"))
            .filter(name_key__in=new_names)
            .values_list("name_key", flat=True)
        )
    for parsed in candidates:
        row = parsed.row
        user_id = own_user.get(row.staff_code)
        if row.email and email_owners.get(row.email, set()) - {user_id}:
            parsed.problems.append(_('Email "%(email)s" đã được dùng cho tài khoản khác.') % {"email": row.email})
        if user_id is None and row.staff_code.lower() in taken_names:
            parsed.problems.append(
                _('Mã cán bộ "%(code)s" trùng tên đăng nhập của một tài khoản khác (không phải cán bộ này).')
                % {"code": row.staff_code}
            )
        if parsed.problems:
            parsed.row = None
