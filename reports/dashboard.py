"""A manager's start page in numbers: the subtree's required courses, from the same roll-up as the reports."""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.urls import reverse
from django.utils.http import urlencode

from courses.models import Assignment
from units.scope import top_units_in_scope

from .queries import Filters, RowKind, unit_rollup

LOWEST = 5
CACHE_SECONDS = 300  # the start page is opened often; the numbers move by the day


@dataclass
class SubUnitLine:
    unit_id: int
    name: str
    required: int = 0
    completed: int = 0
    overdue: int = 0

    @property
    def rate(self):
        return round(self.completed * 100 / self.required, 1) if self.required else 0.0

    @property
    def report_url(self):
        return f"{reverse('unit_reports:rollup')}?{urlencode({'unit': self.unit_id})}"


@dataclass
class SubtreeSummary:
    """Required courses (active assignments) in one unit's subtree."""

    unit_id: int
    unit_name: str
    assignments: list  # [(title, report url)]
    required: int = 0
    completed: int = 0
    overdue: int = 0
    lowest: list = field(default_factory=list)  # the sub-units with the lowest completion rate

    @property
    def rate(self):
        return round(self.completed * 100 / self.required, 1) if self.required else 0.0

    def report_links(self):
        """(label, url) of each report of the unit."""
        unit = {"unit": self.unit_id}
        return [
            ("rollup", f"{reverse('unit_reports:rollup')}?{urlencode(unit)}"),
            ("groups", f"{reverse('unit_reports:groups')}?{urlencode(unit)}"),
            ("course", f"{reverse('unit_reports:course')}?{urlencode(unit)}"),
        ]


def subtree_summaries(viewer, now=None):
    """One SubtreeSummary per top unit the viewer manages (usually one), cached for a few minutes."""
    units = list(top_units_in_scope(viewer))
    key = "reports:start-page:" + ",".join(str(unit.pk) for unit in units)
    summaries = cache.get(key) if now is None else None
    if summaries is None:
        summaries = [_summary(viewer, unit, now) for unit in units]
        if now is None:
            cache.set(key, summaries, CACHE_SECONDS)
    return summaries


def _summary(viewer, unit, now):
    assignments = list(Assignment.objects.filter(is_active=True).order_by("title"))
    rollup = reverse("unit_reports:rollup")
    links = [
        (assignment.title, f"{rollup}?{urlencode({'unit': unit.pk, 'subject': f'assignment-{assignment.pk}'})}")
        for assignment in assignments
    ]
    summary = SubtreeSummary(unit.pk, unit.name, links)
    children = {}
    for assignment in assignments:
        for row in unit_rollup(viewer, unit, Filters(assignment=assignment), now=now):
            if row.kind == RowKind.TOTAL:
                summary.required += row.required
                summary.completed += row.completed
                summary.overdue += row.overdue
            elif row.kind == RowKind.CHILD:
                line = children.setdefault(row.unit.pk, SubUnitLine(row.unit.pk, row.label))
                line.required += row.required
                line.completed += row.completed
                line.overdue += row.overdue
    ranked = sorted((line for line in children.values() if line.required), key=lambda line: (line.rate, line.name))
    summary.lowest = ranked[:LOWEST]
    return summary
