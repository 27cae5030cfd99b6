"""Reorganisations of the unit tree: merge, split, move, rename, deactivate. No HTTP here.

Each operation is planned first (`plan_merge`, `plan_split`, ...): the plan is checked against the
tree as it is and says what would change, for a preview. `apply(plan, user)` then performs it as
one transaction, after planning it again from the database and refusing if anything changed since
the preview. Units are never deleted: an old unit stays in the tree, inactive, so every past
enrolment, attempt and completion keeps pointing at the unit it happened in, and
`members_on(old_unit, past_date)` still answers who belonged to it then.
"""

from dataclasses import dataclass, field
from datetime import date
from functools import partial

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from elearn.audit import record
from elearn.formatting import format_date
from elearn.text import normalize_code, normalize_text

from . import audit
from .membership import record_units
from .models import Cadre, Membership, Reorganisation, ReorganisationKind, Unit, UnitKind, UnitSuccession
from .signals import units_succeeded

PREVIEW_NAMES = 5
CHUNK = 5000


class ReorganisationError(Exception):
    """A plan the rules refuse; `messages` are Vietnamese sentences for the administrator."""

    def __init__(self, messages):
        self.messages = [str(message) for message in ([messages] if isinstance(messages, str) else messages)]
        super().__init__("\n".join(self.messages))


@dataclass(frozen=True)
class NewUnit:
    """A unit a reorganisation creates, below `parent` (a root when None)."""

    code: str
    name: str
    kind: str = UnitKind.OTHER
    parent: Unit | None = None

    def normalized(self):
        return NewUnit(normalize_code(self.code), normalize_text(self.name), self.kind, self.parent)

    @property
    def is_new(self):
        return True


@dataclass
class CadreMove:
    """Active cadres who leave `source` for `target` (a Unit or a NewUnit)."""

    source: Unit
    target: object
    cadre_ids: list
    names: list  # the first few full names, for the preview

    @property
    def count(self):
        return len(self.cadre_ids)

    @property
    def more(self):
        return max(0, self.count - len(self.names))


@dataclass
class UnitMove:
    """A unit that moves, with its whole subtree, below `new_parent` (a Unit, a NewUnit, or None: a root)."""

    unit: Unit
    old_parent: Unit | None
    new_parent: object
    cadre_count: int = 0  # active cadres in the moving subtree (they stay in their units)


@dataclass
class Rename:
    unit: Unit
    code: str
    name: str
    kind: str


@dataclass
class Plan:
    """What a reorganisation will do, shown as a preview and then applied as one transaction."""

    kind: str
    effective_on: date
    sources: list = field(default_factory=list)
    new_units: list = field(default_factory=list)
    renames: list = field(default_factory=list)
    unit_moves: list = field(default_factory=list)
    cadre_moves: list = field(default_factory=list)
    deactivations: list = field(default_factory=list)
    successions: list = field(default_factory=list)  # [(old Unit, Unit or NewUnit)]
    rebuild: object = field(default=None, repr=False, compare=False)

    @property
    def kind_label(self):
        return ReorganisationKind(self.kind).label

    @property
    def cadre_count(self):
        return sum(move.count for move in self.cadre_moves)

    def fingerprint(self):
        """Everything the plan would write, as plain values: equal fingerprints mean the same operation."""
        return (
            self.kind,
            self.effective_on,
            tuple((spec.code, spec.name, spec.kind, _key(spec.parent)) for spec in self.new_units),
            tuple((rename.unit.pk, rename.code, rename.name, rename.kind) for rename in self.renames),
            tuple((move.unit.pk, move.unit.path, _key(move.new_parent)) for move in self.unit_moves),
            tuple((move.source.pk, _key(move.target), tuple(sorted(move.cadre_ids))) for move in self.cadre_moves),
            tuple(unit.pk for unit in self.deactivations),
            tuple((old.pk, _key(new)) for old, new in self.successions),
        )

    def summary(self):
        """The plan as JSON for Reorganisation.summary."""
        return {
            "sources": [_ref(unit) for unit in self.sources],
            "new_units": [{**_ref(spec), "parent": _ref(spec.parent)} for spec in self.new_units],
            "renames": [
                {"old": _ref(rename.unit), "new": {"code": rename.code, "name": rename.name}} for rename in self.renames
            ],
            "unit_moves": [
                {"unit": _ref(move.unit), "from": _ref(move.old_parent), "to": _ref(move.new_parent)}
                for move in self.unit_moves
            ],
            "cadre_moves": [
                {"from": _ref(move.source), "to": _ref(move.target), "count": move.count} for move in self.cadre_moves
            ],
            "deactivated": [_ref(unit) for unit in self.deactivations],
            "cadres_moved": self.cadre_count,
        }


def _key(target):
    if target is None:
        return None
    return ("new", target.code) if isinstance(target, NewUnit) else ("unit", target.pk)


def _ref(target):
    """A unit in Reorganisation.summary: its code and name then, and its id (units.history undoes by id)."""
    if target is None:
        return None
    ref = {"code": target.code, "name": target.name}
    if isinstance(target, Unit):
        ref["id"] = target.pk
    return ref


# Checks shared by the plans ----------------------------------------------------------------------


def _fresh(unit):
    """The unit as the database has it now (paths change when the tree moves)."""
    try:
        return Unit.objects.get(pk=unit.pk)
    except Unit.DoesNotExist as error:
        raise ReorganisationError(_('Đơn vị "%(name)s" không còn trong cây đơn vị.') % {"name": unit}) from error


def _fresh_or_none(unit):
    return _fresh(unit) if unit is not None else None


def _within(unit, ancestor):
    """True when `unit` is `ancestor` or below it."""
    return unit.path.startswith(ancestor.path)


def _effective_on(effective_on):
    today = timezone.localdate()
    effective_on = effective_on or today
    if effective_on > today:
        raise ReorganisationError(
            _("Ngày có hiệu lực %(date)s chưa tới: hãy thực hiện vào hoặc sau ngày đó.")
            % {"date": format_date(effective_on)}
        )
    return effective_on


def _require_active(unit):
    if not unit.is_active:
        raise ReorganisationError(
            _('Đơn vị "%(name)s" (%(code)s) đã ngừng hoạt động.') % {"name": unit.name, "code": unit.code}
        )


def code_problem(code, unit=None):
    """Why `code` cannot be given to a unit (`unit` when renaming), or None when it is free.

    A code in use, or the old code of another unit, is refused: the old-code → new-code
    mapping must never point two ways.
    """
    code = normalize_code(code)
    if not code:
        return _("Mã đơn vị không được để trống.")
    if len(code) > Unit._meta.get_field("code").max_length:
        return _('Mã đơn vị "%(code)s" dài quá 40 ký tự.') % {"code": code}
    holder = Unit.objects.filter(code=code).exclude(pk=getattr(unit, "pk", None)).first()
    if holder is not None:
        return _('Mã đơn vị "%(code)s" đã được dùng cho đơn vị "%(name)s".') % {"code": code, "name": holder.name}
    old = UnitSuccession.objects.filter(old_code=code).exclude(old_unit_id=getattr(unit, "pk", None)).first()
    if old is not None:
        return _(
            'Mã "%(code)s" là mã cũ của đơn vị "%(name)s": không dùng lại để bảng chuyển đổi mã không bị nhầm.'
        ) % {"code": code, "name": old.old_name}
    return None


def _check_new_unit(spec, sources, errors):
    spec = spec.normalized()
    problem = code_problem(spec.code)
    if problem:
        errors.append(problem)
    if not spec.name:
        errors.append(_("Tên đơn vị mới không được để trống."))
    if spec.kind not in UnitKind.values:
        errors.append(_('Loại đơn vị "%(kind)s" không hợp lệ.') % {"kind": spec.kind})
    parent = _fresh_or_none(spec.parent)
    if parent is not None:
        if not parent.is_active:
            errors.append(_('Đơn vị cấp trên "%(name)s" đã ngừng hoạt động.') % {"name": parent.name})
        for source in sources:
            if _within(parent, source):
                errors.append(
                    _(
                        'Không thể đặt đơn vị mới dưới "%(parent)s" vì đơn vị này nằm trong "%(source)s", '
                        "đơn vị sắp ngừng hoạt động."
                    )
                    % {"parent": parent.name, "source": source.name}
                )
    return NewUnit(spec.code, spec.name, spec.kind, parent)


def _active_cadres(unit):
    return Cadre.objects.filter(unit=unit, left_on__isnull=True)


def _cadre_move(source, target, cadres):
    rows = list(cadres.order_by("full_name", "pk").values_list("pk", "full_name"))
    return CadreMove(source, target, [pk for pk, _name in rows], [name for _pk, name in rows[:PREVIEW_NAMES]])


def _subtree_cadre_count(unit):
    return Cadre.objects.filter(unit__path__startswith=unit.path, left_on__isnull=True).count()


def _unit_move(unit, new_parent):
    return UnitMove(unit, unit.get_parent(), new_parent, _subtree_cadre_count(unit))


def _check_dates(plan):
    """The effective date may not fall before a moving cadre joined their current unit."""
    ids = [pk for move in plan.cadre_moves for pk in move.cadre_ids]
    latest = None
    for start in range(0, len(ids), CHUNK):
        found = Membership.objects.filter(cadre_id__in=ids[start : start + CHUNK], ended_on__isnull=True).aggregate(
            latest=Max("started_on")
        )["latest"]
        latest = max(filter(None, (latest, found)), default=None)
    if latest and plan.effective_on < latest:
        raise ReorganisationError(
            _(
                "Ngày có hiệu lực %(date)s sớm hơn ngày %(latest)s, khi có cán bộ bắt đầu công tác ở đơn vị hiện tại: "
                "hãy chọn từ ngày %(latest)s trở đi."
            )
            % {"date": format_date(plan.effective_on), "latest": format_date(latest)}
        )
    return plan


# Plans -------------------------------------------------------------------------------------------


def plan_merge(sources, target, effective_on=None):
    """Merge `sources` into `target`: an existing unit, or a NewUnit created for the occasion.

    Active cadres of each source move to the target, active sub-units move below it with their
    subtrees, and the sources are deactivated with a succession source → target.
    """
    effective_on = _effective_on(effective_on)
    sources = list({unit.pk: _fresh(unit) for unit in sources}.values())
    if not sources:
        raise ReorganisationError(_("Chọn ít nhất một đơn vị cần hợp nhất."))
    errors = []
    for source in sources:
        if not source.is_active:
            errors.append(_('Đơn vị "%(name)s" đã ngừng hoạt động.') % {"name": source.name})
        for other in sources:
            if other is not source and _within(source, other):
                errors.append(
                    _('Đơn vị "%(inner)s" nằm trong "%(outer)s": chỉ cần chọn "%(outer)s".')
                    % {"inner": source.name, "outer": other.name}
                )
    if isinstance(target, NewUnit):
        target = _check_new_unit(target, sources, errors)
    else:
        target = _fresh(target)
        if not target.is_active:
            errors.append(_('Đơn vị nhận "%(name)s" đã ngừng hoạt động.') % {"name": target.name})
        for source in sources:
            if _within(target, source):
                errors.append(
                    _('Không thể hợp nhất "%(source)s" vào "%(target)s", là chính nó hoặc đơn vị cấp dưới của nó.')
                    % {"source": source.name, "target": target.name}
                )
    if errors:
        raise ReorganisationError(errors)
    plan = Plan(
        ReorganisationKind.MERGE,
        effective_on,
        sources=sources,
        rebuild=partial(plan_merge, sources, target, effective_on),
    )
    if isinstance(target, NewUnit):
        plan.new_units.append(target)
    for source in sources:
        plan.cadre_moves.append(_cadre_move(source, target, _active_cadres(source)))
        plan.unit_moves += [_unit_move(child, target) for child in source.get_children().filter(is_active=True)]
        plan.deactivations.append(source)
        plan.successions.append((source, target))
    return _check_dates(plan)


def plan_split(source, parts, effective_on=None):
    """Split `source` into `parts`: {NewUnit or existing Unit: [staff codes and codes of sub-units]}.

    Every active cadre of the source and every active sub-unit must go to exactly one part;
    the source is then deactivated with a succession to each part.
    """
    effective_on = _effective_on(effective_on)
    source = _fresh(source)
    _require_active(source)
    if len(parts) < 2:
        raise ReorganisationError(_("Chia tách cần ít nhất hai đơn vị nhận."))
    errors = []
    cadres = {
        code: (pk, name) for pk, code, name in _active_cadres(source).values_list("pk", "staff_code", "full_name")
    }
    children = {child.code: child for child in source.get_children().filter(is_active=True)}
    assigned, targets, new_codes = {}, [], set()
    for part, items in parts.items():
        if isinstance(part, NewUnit):
            part = _check_new_unit(part, [source], errors)
            if part.code in new_codes:
                errors.append(_('Mã đơn vị mới "%(code)s" bị lặp.') % {"code": part.code})
            new_codes.add(part.code)
        else:
            part = _fresh(part)
            if not part.is_active:
                errors.append(_('Đơn vị nhận "%(name)s" đã ngừng hoạt động.') % {"name": part.name})
            if _within(part, source):
                errors.append(
                    _('Không thể chia "%(source)s" vào "%(part)s", là chính nó hoặc đơn vị cấp dưới của nó.')
                    % {"source": source.name, "part": part.name}
                )
        targets.append(part)
        for code in map(normalize_code, items):
            if code in assigned:
                errors.append(_('Mã "%(code)s" được giao cho hai đơn vị.') % {"code": code})
            elif code not in cadres and code not in children:
                errors.append(
                    _('Mã "%(code)s" không phải cán bộ đang công tác hay đơn vị trực thuộc của "%(source)s".')
                    % {"code": code, "source": source.name}
                )
            assigned.setdefault(code, part)
    missing = [cadres[code][1] for code in cadres if code not in assigned]
    if missing:
        errors.append(
            _("Còn %(count)d cán bộ chưa được giao cho đơn vị nào: %(names)s.")
            % {"count": len(missing), "names": ", ".join(missing[:10]) + ("…" if len(missing) > 10 else "")}
        )
    missing_units = [unit.name for code, unit in children.items() if code not in assigned]
    if missing_units:
        errors.append(
            _("Còn %(count)d đơn vị trực thuộc chưa được giao: %(names)s.")
            % {"count": len(missing_units), "names": ", ".join(missing_units)}
        )
    if errors:
        raise ReorganisationError(errors)
    plan = Plan(
        ReorganisationKind.SPLIT,
        effective_on,
        sources=[source],
        rebuild=partial(plan_split, source, parts, effective_on),
    )
    for part in targets:
        if isinstance(part, NewUnit):
            plan.new_units.append(part)
        codes = [code for code, target in assigned.items() if target == part]
        ids = [cadres[code][0] for code in codes if code in cadres]
        plan.cadre_moves.append(_cadre_move(source, part, Cadre.objects.filter(pk__in=ids)))
        plan.unit_moves += [_unit_move(children[code], part) for code in codes if code in children]
        plan.successions.append((source, part))
    plan.deactivations.append(source)
    return _check_dates(plan)


def plan_move(unit, new_parent, effective_on=None):
    """Move `unit` and its whole subtree below `new_parent` (None: to the top level). Cadres stay in their units."""
    effective_on = _effective_on(effective_on)
    unit = _fresh(unit)
    new_parent = _fresh_or_none(new_parent)
    old_parent = unit.get_parent()
    if new_parent is not None:
        if _within(new_parent, unit):
            raise ReorganisationError(
                _('Không thể chuyển "%(unit)s" vào chính nó hoặc đơn vị cấp dưới của nó.') % {"unit": unit.name}
            )
        if not new_parent.is_active:
            raise ReorganisationError(
                _('Đơn vị cấp trên mới "%(name)s" đã ngừng hoạt động.') % {"name": new_parent.name}
            )
    if new_parent == old_parent:
        raise ReorganisationError(_('Đơn vị "%(unit)s" đã nằm ở vị trí này.') % {"unit": unit.name})
    return Plan(
        ReorganisationKind.MOVE,
        effective_on,
        sources=[unit],
        unit_moves=[UnitMove(unit, old_parent, new_parent, _subtree_cadre_count(unit))],
        rebuild=partial(plan_move, unit, new_parent, effective_on),
    )


def plan_rename(unit, name=None, code=None, kind=None, effective_on=None):
    """Give `unit` a new name, code and/or kind; the old code and name are kept as a succession."""
    effective_on = _effective_on(effective_on)
    unit = _fresh(unit)
    _require_active(unit)
    new_code = normalize_code(code) if code else unit.code
    new_name = normalize_text(name) if name else unit.name
    new_kind = kind or unit.kind
    if new_kind not in UnitKind.values:
        raise ReorganisationError(_('Loại đơn vị "%(kind)s" không hợp lệ.') % {"kind": new_kind})
    if (new_code, new_name, new_kind) == (unit.code, unit.name, unit.kind):
        raise ReorganisationError(_("Tên, mã và loại đơn vị không thay đổi."))
    if new_code != unit.code and (problem := code_problem(new_code, unit)):
        raise ReorganisationError(problem)
    plan = Plan(
        ReorganisationKind.RENAME,
        effective_on,
        sources=[unit],
        renames=[Rename(unit, new_code, new_name, new_kind)],
        rebuild=partial(plan_rename, unit, name, code, kind, effective_on),
    )
    if (new_code, new_name) != (unit.code, unit.name):
        plan.successions.append((unit, unit))
    return plan


def plan_deactivate(unit, effective_on=None):
    """Deactivate `unit` and every active unit below it; refused while any of them has active cadres."""
    effective_on = _effective_on(effective_on)
    unit = _fresh(unit)
    _require_active(unit)
    members = _subtree_cadre_count(unit)
    if members:
        raise ReorganisationError(
            _(
                'Đơn vị "%(name)s" và các đơn vị cấp dưới còn %(count)d cán bộ đang công tác: hãy hợp nhất, chia tách '
                "hoặc chuyển cán bộ sang đơn vị khác trước khi ngừng hoạt động."
            )
            % {"name": unit.name, "count": members}
        )
    return Plan(
        ReorganisationKind.DEACTIVATE,
        effective_on,
        sources=[unit],
        deactivations=list(Unit.get_tree(unit).filter(is_active=True)),
        rebuild=partial(plan_deactivate, unit, effective_on),
    )


# Applying ----------------------------------------------------------------------------------------


def apply(plan, user=None, decision=""):
    """Perform `plan` as one transaction and return its Reorganisation.

    The plan is built again from the database first: if the tree or the members changed since the
    preview, nothing is written and the administrator is asked to look at the preview again.
    """
    with transaction.atomic():
        fresh = plan.rebuild() if plan.rebuild else plan
        if fresh.fingerprint() != plan.fingerprint():
            raise ReorganisationError(_("Đơn vị hoặc cán bộ đã thay đổi sau khi xem trước: hãy xem trước lại."))
        created = {spec.code: _create(spec) for spec in fresh.new_units}

        def resolve(target):
            return created[target.code] if isinstance(target, NewUnit) else target

        for rename in fresh.renames:
            unit = _fresh(rename.unit)
            unit.code, unit.name, unit.kind = rename.code, rename.name, rename.kind
            unit.save(update_fields=["code", "name", "kind"])
        for move in fresh.unit_moves:
            _move(move.unit, resolve(move.new_parent))
        moved = []
        for move in fresh.cadre_moves:
            target = resolve(move.target)
            for start in range(0, move.count, CHUNK):
                Cadre.objects.filter(pk__in=move.cadre_ids[start : start + CHUNK]).update(unit=target)
            moved += move.cadre_ids
        for start in range(0, len(moved), CHUNK):
            record_units(moved[start : start + CHUNK], on_date=fresh.effective_on)
        Unit.objects.filter(pk__in=[unit.pk for unit in fresh.deactivations]).update(is_active=False)
        reorganisation = Reorganisation.objects.create(
            kind=fresh.kind,
            effective_on=fresh.effective_on,
            decision=normalize_text(decision)[:255],
            performed_by=user if getattr(user, "is_authenticated", False) else None,
            summary=_with_new_ids(fresh.summary(), created),
        )
        UnitSuccession.objects.bulk_create(
            UnitSuccession(
                reorganisation=reorganisation, old_unit=old, old_code=old.code, old_name=old.name, new_unit=resolve(new)
            )
            for old, new in fresh.successions
        )
        _hand_over_managers(fresh, created)
        units = sorted({unit.code for unit in fresh.sources} | set(created))
        record(
            reorganisation,
            audit.REORGANISED,
            user=reorganisation.performed_by,
            data={
                "kind": str(fresh.kind_label),
                "effective_on": fresh.effective_on.strftime("%d/%m/%Y"),
                "units": ", ".join(units),
                "cadres": fresh.cadre_count,
                "decision": reorganisation.decision,
            },
        )
        units_succeeded.send(
            sender=Reorganisation,
            reorganisation=reorganisation,
            successions=[(old, resolve(new)) for old, new in fresh.successions],
        )
    return reorganisation


def _with_new_ids(summary, created):
    for ref in summary["new_units"]:
        ref["id"] = created[ref["code"]].pk
    return summary


def _create(spec):
    unit = Unit(code=spec.code, name=spec.name, kind=spec.kind)
    parent = _fresh_or_none(spec.parent)
    return parent.add_child(instance=unit) if parent else Unit.add_root(instance=unit)


def _move(unit, new_parent):
    node = _fresh(unit)
    if new_parent is None:
        node.move(Unit.get_last_root_node(), "last-sibling")
    else:
        node.move(_fresh(new_parent), "last-child")


def _hand_over_managers(plan, created):
    """A unit created by a merge or split is managed by whoever managed the units it replaces."""
    for old, new in plan.successions:
        if isinstance(new, NewUnit):
            created[new.code].managers.add(*old.managers.all())


# Queries over the history ------------------------------------------------------------------------


def successors_of(code):
    """The current units that carry on the unit known by `code` (old or current), following every succession."""
    code = normalize_code(code)
    start = Unit.objects.filter(code=code).first()
    if start is None:
        succession = (
            UnitSuccession.objects.filter(old_code=code)
            .select_related("old_unit")
            .order_by("-reorganisation__performed_at", "-pk")
            .first()
        )
        if succession is None:
            return []
        start = succession.old_unit
    found, seen, queue = [], {start.pk}, [start]
    while queue:
        unit = queue.pop(0)
        following = [
            succession.new_unit
            for succession in UnitSuccession.objects.filter(old_unit=unit)
            .exclude(new_unit=unit)
            .select_related("new_unit")
            .order_by("pk")
        ]
        if not following:
            found.append(unit)
        for successor in following:
            if successor.pk not in seen:
                seen.add(successor.pk)
                queue.append(successor)
    return found


def successor_of(code):
    """The one current unit that carries on `code`; None when the code is unknown or was split into several."""
    found = successors_of(code)
    return found[0] if len(found) == 1 else None


def members_on(unit, on_date):
    """Cadres who belonged, on `on_date`, to `unit` or a unit below it (in the tree as it is now)."""
    periods = Membership.objects.filter(unit__path__startswith=unit.path, started_on__lte=on_date).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=on_date)
    )
    return Cadre.objects.filter(pk__in=periods.values("cadre_id"))
