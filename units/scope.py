"""Who may see which units: a manager sees exactly the subtrees of the units they manage."""

from django.db.models import Q

from .models import Unit
from .roles import ADMINISTRATOR


def is_administrator(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name=ADMINISTRATOR).exists())


def units_in_scope(user):
    """Every unit the user may report on (none for a learner)."""
    if not user.is_authenticated:
        return Unit.objects.none()
    if is_administrator(user):
        return Unit.objects.all()
    paths = list(user.managed_units.values_list("path", flat=True))
    if not paths:
        return Unit.objects.none()
    query = Q()
    for path in paths:
        query |= Q(path__startswith=path)
    return Unit.objects.filter(query)


def can_view_unit(user, unit):
    return units_in_scope(user).filter(pk=unit.pk).exists()


def top_units_in_scope(user):
    """The roots of the user's scope, in tree order: every root unit for an administrator, else the units
    they manage that are not below another unit they manage."""
    if not user.is_authenticated:
        return []
    if is_administrator(user):
        return list(Unit.get_root_nodes())
    managed = list(user.managed_units.order_by("path"))
    return [unit for unit in managed
            if not any(unit.path.startswith(other.path) and unit.pk != other.pk for other in managed)]
