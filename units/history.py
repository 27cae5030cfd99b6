"""The unit tree as it was on a past day, and who belonged where: for reports "as of" a date (tính đến ngày).

Units are never deleted and every reorganisation keeps in Reorganisation.summary what it changed: the units it
renamed (with their old code and name), moved (with their old parent), created and deactivated. `tree_on(day)`
starts from today's tree and undoes, newest first, each reorganisation that took effect after `day`. Who belonged
to which unit on a day comes from the Membership history (`memberships_on`).

Edits made in the unit admin form outside a reorganisation (a name corrected by hand) are not undone.
"""

from dataclasses import dataclass, replace

from django.db.models import Q

from .models import Membership, Reorganisation, Unit


@dataclass(frozen=True)
class UnitState:
    pk: int
    parent_id: int | None
    code: str
    name: str
    is_active: bool
    path: str  # today's: orders the children as the tree does


class TreeOnDay:
    """The tree of one day: each unit's state, and the subtrees and children as they were."""

    def __init__(self, states):
        self.states = states
        self.children = {}
        for state in sorted(states.values(), key=lambda state: state.path):
            self.children.setdefault(state.parent_id, []).append(state.pk)

    def __contains__(self, unit_id):
        return unit_id in self.states

    def name(self, unit_id):
        return self.states[unit_id].name

    def children_of(self, unit_id):
        return list(self.children.get(unit_id, []))

    def subtree(self, unit_id):
        """`unit_id` and every unit below it that day."""
        found, queue = [], [unit_id] if unit_id in self.states else []
        while queue:
            current = queue.pop()
            found.append(current)
            queue.extend(self.children.get(current, []))
        return found

    def ancestors(self, unit_id):
        """From the root down to the parent of `unit_id`."""
        chain, parent = [], self.states[unit_id].parent_id if unit_id in self.states else None
        while parent is not None and parent in self.states:
            chain.append(parent)
            parent = self.states[parent].parent_id
        return chain[::-1]


def _resolve(ref, by_code):
    if ref is None:
        return None
    return ref.get("id") or by_code.get(ref["code"])


def tree_on(day):
    """TreeOnDay of the end of `day`."""
    units = list(Unit.objects.values_list("pk", "path", "code", "name", "is_active"))
    by_path = {path: pk for pk, path, _code, _name, _active in units}
    by_code = {code: pk for pk, _path, code, _name, _active in units}
    states = {
        pk: UnitState(pk, by_path.get(path[: -Unit.steplen]), code, name, is_active, path)
        for pk, path, code, name, is_active in units
    }
    later = Reorganisation.objects.filter(effective_on__gt=day).order_by("-effective_on", "-performed_at", "-pk")
    for summary in later.values_list("summary", flat=True):
        for rename in summary.get("renames", []):
            unit_id = _resolve({**rename["old"], "code": rename["new"]["code"]}, by_code)
            if unit_id in states:
                states[unit_id] = replace(states[unit_id], code=rename["old"]["code"], name=rename["old"]["name"])
        for move in summary.get("unit_moves", []):
            unit_id = _resolve(move["unit"], by_code)
            if unit_id in states:
                states[unit_id] = replace(states[unit_id], parent_id=_resolve(move["from"], by_code))
        for ref in summary.get("deactivated", []):
            unit_id = _resolve(ref, by_code)
            if unit_id in states:
                states[unit_id] = replace(states[unit_id], is_active=True)
        for ref in summary.get("new_units", []):
            states.pop(_resolve(ref, by_code), None)
    return TreeOnDay(states)


def memberships_on(day):
    """The Membership rows in force on `day` (each cadre has at most one)."""
    return Membership.objects.filter(started_on__lte=day).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day))
