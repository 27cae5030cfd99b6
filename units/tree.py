"""Idempotent writes to the unit tree: create a unit under its parent, or update it in place."""

from elearn.sync import CREATED, UNCHANGED, UPDATED
from elearn.text import normalize_code, normalize_text

from .models import Unit


def sync_unit(code, name, kind, parent=None, existing=None):
    """Make the unit `code` exist with this name and kind; return ``(unit, status)``.

    A missing unit is created below `parent` (a root when `parent` is None). An existing
    unit keeps its place in the tree: moving units is a separate, deliberate operation.
    Nothing is written when the unit is already as wanted. `existing` may be passed by a
    caller that loaded the units in bulk (None means: look it up).
    """
    code = normalize_code(code)
    name = normalize_text(name)
    unit = existing if existing is not None else Unit.objects.filter(code=code).first()
    if unit is None:
        unit = Unit(code=code, name=name, kind=kind)
        if parent is None:
            return Unit.add_root(instance=unit), CREATED
        # Re-read the parent: an earlier sorted insert may have shifted its path or numchild.
        return Unit.objects.get(pk=parent.pk).add_child(instance=unit), CREATED
    if unit.name == name and unit.kind == kind:
        return unit, UNCHANGED
    unit.name = name
    unit.kind = kind
    unit.save(update_fields=["name", "kind"])
    return unit, UPDATED
