"""The report charts, drawn on the server as inline SVG: geometry here, markup in templates/reports/includes/.

Pure functions of rows already computed by reports.queries (no database): `rate_bars` turns roll-up
rows into horizontal bars of the completion rate (0-100 %), `completions_line` turns
`queries.completions_by_month` into a line of completions per month. Coordinates are strings in
viewBox units, so templates never localise them (a decimal comma would break the SVG); the texts
shown (percent, counts, months) are formatted here the Vietnamese way.
"""

from dataclasses import dataclass, field
from math import ceil

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .queries import RowKind

MAX_BARS = 40  # child units drawn; the rest stay in the table
MAX_MONTHS = 60  # months drawn; a longer range shows its last months
LABEL_CHARS = 50  # a longer unit name is cut (the full name is in the bar's <title> and in the table)

# Bar chart layout (viewBox units): the label on one line, the bar below it, the percent at the right end.
BAR_WIDTH = 360
BAR_PLOT = 296
BAR_ROW = 36
BAR_TOP = 4
BAR_AXIS = 28

# Line chart layout.
LINE_WIDTH = 360
LINE_HEIGHT = 230
LINE_LEFT = 40
LINE_RIGHT = 16
LINE_TOP = 22
LINE_BOTTOM = 40
MONTH_LABEL_SPACE = 52  # room one "mm/yyyy" label needs


def _n(value):
    """A coordinate as SVG wants it: a dot, at most one decimal."""
    return f"{value:.1f}".removesuffix(".0")


def percent_text(rate):
    return f"{number_format(rate, 1)} %"


def _shorten(text, limit=LABEL_CHARS):
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass
class Bar:
    label: str
    short_label: str
    rate: float
    completed: int
    required: int
    label_y: str
    bar_y: str
    width: str
    text_y: str

    @property
    def rate_text(self):
        return percent_text(self.rate)


@dataclass
class BarChart:
    bars: list
    height: str
    ticks: list  # [(x, text)] of 0, 25, 50, 75, 100 %
    grid_bottom: str
    tick_y: str
    hidden: int = 0  # child units not drawn
    children: int = 0  # child units in all
    width: str = _n(BAR_WIDTH)
    plot: str = _n(BAR_PLOT)

    @property
    def description(self):
        return "; ".join(f"{bar.label}: {bar.rate_text}" for bar in self.bars)


def rate_bars(rows, limit=MAX_BARS):
    """Bars of the completion rate of the child rows (the first `limit`, in tree order), then the own members.

    `rows` are those of queries.unit_rollup; the totals row is left out. The own members row is
    drawn when it has someone to count or when there is no child row.
    """
    children = [row for row in rows if row.kind == RowKind.CHILD]
    own = [row for row in rows if row.kind == RowKind.OWN and (row.required or not children)]
    shown = children[:limit] + own
    bars = []
    for index, row in enumerate(shown):
        top = BAR_TOP + index * BAR_ROW
        bars.append(
            Bar(
                label=row.label,
                short_label=_shorten(row.label),
                rate=row.rate,
                completed=row.completed,
                required=row.required,
                label_y=_n(top + 11),
                bar_y=_n(top + 15),
                width=_n(BAR_PLOT * min(max(row.rate, 0), 100) / 100),
                text_y=_n(top + 25),
            )
        )
    bottom = BAR_TOP + len(bars) * BAR_ROW
    ticks = [(_n(BAR_PLOT * value / 100), f"{value} %") for value in (0, 25, 50, 75, 100)]
    return BarChart(
        bars=bars,
        height=_n(bottom + BAR_AXIS),
        ticks=ticks,
        grid_bottom=_n(bottom + 2),
        tick_y=_n(bottom + 16),
        hidden=max(len(children) - limit, 0),
        children=len(children),
    )


@dataclass
class Point:
    month: object  # date, first of the month
    count: int
    x: str
    y: str
    label_y: str
    month_text: str
    show_month: bool
    show_count: bool


@dataclass
class LineChart:
    points: list
    path: str
    y_ticks: list  # [(y, text)]
    width: str = _n(LINE_WIDTH)
    height: str = _n(LINE_HEIGHT)
    plot_left: str = _n(LINE_LEFT)
    plot_right: str = _n(LINE_WIDTH - LINE_RIGHT)
    plot_bottom: str = _n(LINE_HEIGHT - LINE_BOTTOM)
    tick_bottom: str = _n(LINE_HEIGHT - LINE_BOTTOM + 4)
    month_y: str = _n(LINE_HEIGHT - LINE_BOTTOM + 18)
    y_label_x: str = _n(LINE_LEFT - 6)
    total: int = 0
    hidden: int = 0  # earliest months of the range not drawn
    months: list = field(default_factory=list)  # every (month text, count) drawn, for the table

    @property
    def first(self):
        return self.points[0].month_text if self.points else ""

    @property
    def last(self):
        return self.points[-1].month_text if self.points else ""

    @property
    def peak(self):
        return max(self.points, key=lambda point: point.count) if self.points else None


def _nice_step(top, ticks=4):
    """A round step (1, 2 or 5 times a power of ten, at least 1) giving about `ticks` intervals up to `top`."""
    raw = max(top / ticks, 1)
    power = 10 ** (len(str(int(raw))) - 1)
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return factor * power
    return 10 * power


def month_text(month):
    return f"{month:%m/%Y}"


def completions_line(series, max_months=MAX_MONTHS):
    """The line of completions per month from [(first of month, count)], the last `max_months` of them."""
    hidden = max(len(series) - max_months, 0)
    series = series[hidden:]
    count = len(series)
    highest = max((n for _month, n in series), default=0)
    step = _nice_step(highest)
    top = max(step * ceil(highest / step), step)
    plot_width = LINE_WIDTH - LINE_LEFT - LINE_RIGHT
    plot_height = LINE_HEIGHT - LINE_TOP - LINE_BOTTOM
    band = plot_width / count if count else plot_width
    every = max(ceil(MONTH_LABEL_SPACE / band), 1)
    points = []
    for index, (month, n) in enumerate(series):
        x = LINE_LEFT + (index + 0.5) * band
        y = LINE_TOP + plot_height * (1 - n / top)
        points.append(
            Point(
                month=month,
                count=n,
                x=_n(x),
                y=_n(y),
                label_y=_n(y - 7),
                month_text=month_text(month),
                show_month=(count - 1 - index) % every == 0,  # the latest month always has its label
                show_count=n > 0 and (count <= 12 or n == highest),  # zeros sit on the axis
            )
        )
    path = " ".join(f"{'M' if index == 0 else 'L'}{point.x} {point.y}" for index, point in enumerate(points))
    y_ticks = [
        (_n(LINE_TOP + plot_height * (1 - value / top)), number_format(value, force_grouping=True))
        for value in range(0, top + 1, step)
    ]
    return LineChart(
        points=points,
        path=path,
        y_ticks=y_ticks,
        total=sum(n for _month, n in series),
        hidden=hidden,
        months=[(point.month_text, point.count) for point in points],
    )


def line_description(chart):
    """The line chart in one sentence, for its <desc>."""
    if not chart.points:
        return ""
    if not chart.total:
        return _("Không có lượt hoàn thành nào từ %(first)s đến %(last)s.") % {"first": chart.first, "last": chart.last}
    peak = chart.peak
    return _("Từ %(first)s đến %(last)s có %(total)s lượt hoàn thành; nhiều nhất %(peak)s lượt vào %(month)s.") % {
        "first": chart.first,
        "last": chart.last,
        "total": number_format(chart.total, force_grouping=True),
        "peak": number_format(peak.count, force_grouping=True),
        "month": peak.month_text,
    }
