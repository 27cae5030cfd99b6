"""A manager's start page in numbers: the subtree's required courses, from the same roll-up as the reports."""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.urls import reverse
from django.utils.http import urlencode

from courses.models import Assignment
from units.scope import top_units_in_scope

from .queries import Filters, RollupRow, RowKind, unit_rollup

LOWEST = 5
CACHE_SECONDS = 300  # the start page is opened often; the numbers move by the day


def report_url(name, unit, **params):
    return f"{reverse(f'unit_reports:{name}')}?{urlencode({'unit': unit.pk, **params})}"


@dataclass
class SubtreeSummary:
    """Required courses (the active assignments, summed) in one unit's subtree."""

    total: RollupRow
    assignments: list  # [(title, report url)]
    lowest: list = field(default_factory=list)  # [(RollupRow, report url)] of the sub-units with the lowest rate

    def report_links(self):
        """(kind, url) of each report of the unit."""
        return [(name, report_url(name, self.total.unit)) for name in ("rollup", "groups", "course")]


def subtree_summaries(viewer):
    """One SubtreeSummary per top unit the viewer manages (usually one), cached for a few minutes."""
    units = list(top_units_in_scope(viewer))
    key = "reports:start-page:" + ",".join(str(unit.pk) for unit in units)
    summaries = cache.get(key)
    if summaries is None:
        summaries = [_summary(viewer, unit) for unit in units]
        cache.set(key, summaries, CACHE_SECONDS)
    return summaries


def _summary(viewer, unit):
    assignments = list(Assignment.objects.filter(is_active=True).order_by("title"))
    total = RollupRow(RowKind.TOTAL, unit.name, unit)
    children = {}
    for assignment in assignments:
        for row in unit_rollup(viewer, unit, Filters(assignment=assignment)):
            if row.kind == RowKind.TOTAL:
                total.add(row)
            elif row.kind == RowKind.CHILD:
                children.setdefault(row.unit.pk, RollupRow(RowKind.CHILD, row.label, row.unit)).add(row)
    ranked = sorted((row for row in children.values() if row.required), key=lambda row: (row.rate, row.label))
    return SubtreeSummary(
        total,
        [(a.title, report_url("rollup", unit, subject=f"assignment-{a.pk}")) for a in assignments],
        [(row, report_url("rollup", row.unit)) for row in ranked[:LOWEST]],
    )
