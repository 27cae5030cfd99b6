"""Membership history: which unit a cadre belonged to, when. The only writer of Membership rows.

Call `record_units` after any write that sets cadres' units (import, admin form, reorganisation):
it closes the open period of each cadre whose unit changed and opens one in the new unit, in a
few queries whatever the number of cadres.
"""

from datetime import timedelta

from django.utils import timezone

from .models import Cadre, Membership
from .signals import members_changed


def record_units(cadre_ids, on_date=None):
    """Bring the history of `cadre_ids` in line with their current units, as of `on_date` (default today).

    Returns how many cadres changed unit. A cadre with no history gets an open period from `on_date`.
    """
    on_date = on_date or timezone.localdate()
    current = dict(Cadre.objects.filter(pk__in=cadre_ids).values_list("pk", "unit_id"))
    open_periods = {
        membership.cadre_id: membership
        for membership in Membership.objects.filter(cadre_id__in=current, ended_on__isnull=True)
    }
    to_close, to_open, touched = [], [], set()
    for cadre_id, unit_id in current.items():
        period = open_periods.get(cadre_id)
        if period is not None and period.unit_id == unit_id:
            continue
        if period is not None:
            period.ended_on = max(on_date - timedelta(days=1), period.started_on)
            to_close.append(period)
            touched.add(period.unit_id)
        to_open.append(Membership(cadre_id=cadre_id, unit_id=unit_id, started_on=on_date))
        touched.add(unit_id)
    Membership.objects.bulk_update(to_close, ["ended_on"], batch_size=5000)
    Membership.objects.bulk_create(to_open, batch_size=5000)
    if touched:
        members_changed.send(sender=Membership, unit_ids=touched)
    return len(to_close)


def close_memberships(cadre_ids, on_date=None):
    """End the open periods of cadres who leave (they keep their history)."""
    on_date = on_date or timezone.localdate()
    periods = Membership.objects.filter(cadre_id__in=cadre_ids, ended_on__isnull=True)
    touched = set(periods.values_list("unit_id", flat=True))
    closed = periods.update(ended_on=on_date)
    if touched:
        members_changed.send(sender=Membership, unit_ids=touched)
    return closed


def unit_on(cadre, on_date):
    """The unit a cadre belonged to on `on_date`, or None."""
    period = (
        Membership.objects.filter(cadre=cadre, started_on__lte=on_date)
        .exclude(ended_on__lt=on_date)
        .order_by("-started_on")
        .first()
    )
    return period.unit if period else None
