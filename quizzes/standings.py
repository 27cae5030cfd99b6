"""What a contest page shows: its rounds, each round's entry box and rankings, and the participant's own standing.

Read models only. A participant's own rank in a round and overall is counted from the entries above
theirs (an index read, quizzes.ranking.own_standing), so it shows even far outside the published top
list; the unit ranking is one grouped query, kept for CONTEST_STANDINGS_CACHE_SECONDS.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from . import grading, presentation, ranking
from .models import ContestEntry, Disqualification, OverallEntry, RoundSnapshot


def cache_seconds():
    return settings.CONTEST_STANDINGS_CACHE_SECONDS


def unit_ranking(quiz):
    """The round's unit ranking, computed at most once per cache period."""
    seconds = cache_seconds()
    if not seconds:
        return ranking.unit_ranking(quiz)
    key = f"contest-unit-ranking:{quiz.pk}"
    lines = cache.get(key)
    if lines is None:
        lines = ranking.unit_ranking(quiz)
        cache.set(key, lines, seconds)
    return lines


def own_unit_line(user, lines):
    """The line of the ranked unit the user's unit belongs to (or is), or None."""
    cadre = getattr(user, "cadre", None) if user.is_authenticated else None
    if cadre is None or cadre.unit_id is None:
        return None
    path = cadre.unit.path
    return next((line for line in lines if line.unit is not None and path.startswith(line.unit.path)), None)


def current_snapshot(quiz):
    return RoundSnapshot.objects.filter(quiz=quiz, reopened_at=None).first()


def frozen_standing(snapshot, user):
    """The participant's line in a frozen round, as an OwnStanding (None if they were not ranked)."""
    line = snapshot.lines.filter(user=user).first()
    if line is None:
        return None
    return ranking.OwnStanding(
        rank=line.rank,
        participants=snapshot.participants,
        percent=line.percent,
        prediction=line.prediction,
        distance=line.distance,
        duration_seconds=line.duration_seconds,
        finished_at=line.finished_ms,
    )


@dataclass
class RoundView:
    """A round as the contest page shows it."""

    round: object
    quiz: object
    status: object
    entry: object
    is_current: bool
    own: ranking.OwnStanding | None = None
    own_unit: object = None
    show_own: bool = False
    snapshot: RoundSnapshot | None = None
    ranking: list = field(default_factory=list)
    winners: list = field(default_factory=list)
    unit_ranking: list = field(default_factory=list)
    summary: dict | None = None
    disqualification: object = None

    @property
    def published(self):
        return self.quiz.ranking_published


@dataclass
class OverallStanding:
    rank: int
    participants: int
    total: Decimal
    rounds_taken: int


@dataclass
class ContestView:
    page: object
    rounds: list
    current: RoundView | None
    overall: OverallStanding | None
    overall_ranking: list

    @property
    def several_rounds(self):
        return len(self.rounds) > 1

    @property
    def published_any(self):
        return any(view.published for view in self.rounds)


def overall_ahead_of(entry):
    return Q(total__gt=entry.total) | Q(total=entry.total) & (
        Q(duration_seconds__lt=entry.duration_seconds)
        | Q(duration_seconds=entry.duration_seconds, finished_ms__lt=entry.finished_ms)
        | Q(duration_seconds=entry.duration_seconds, finished_ms=entry.finished_ms, user_id__lt=entry.user_id)
    )


def overall_participants(page):
    """How many have an overall result, counted once per CONTEST_STANDINGS_CACHE_SECONDS (as ranking.round_totals):
    a participant's overall rank then reads only the entries above theirs."""
    seconds = settings.CONTEST_STANDINGS_CACHE_SECONDS
    key = f"contest-overall-participants:{page.pk}"
    count = cache.get(key) if seconds else None
    if count is None:
        count = OverallEntry.objects.filter(page=page).count()
        if seconds:
            cache.set(key, count, seconds)
    return count


def overall_standing(page, user):
    """The participant's overall rank across the page's rounds (by its rule), or None before any round."""
    if not user.is_authenticated:
        return None
    entry = OverallEntry.objects.filter(page=page, user=user).first()
    if entry is None:
        return None
    entries = OverallEntry.objects.filter(page=page)
    return OverallStanding(
        rank=entries.filter(overall_ahead_of(entry)).count() + 1,
        participants=overall_participants(page),
        total=entry.total,
        rounds_taken=entry.rounds_taken,
    )


def overall_ranking(page, limit):
    """The top `limit` overall lines: rank, name, unit, total, rounds taken."""
    top = (
        OverallEntry.objects.filter(page=page)
        .select_related("user__cadre", "unit")
        .order_by("-total", "duration_seconds", "finished_ms", "user_id")[:limit]
    )
    return [(position, entry) for position, entry in enumerate(top, start=1)]


def round_view(item, user, page, is_current, now):
    quiz = item.quiz
    from .templatetags.contest_tags import contest_status_at

    view = RoundView(
        round=item,
        quiz=quiz,
        status=contest_status_at(quiz, now),
        entry=presentation.quiz_state(user, quiz),
        is_current=is_current,
    )
    view.show_own = grading.review_allowed(quiz.review_score, quiz.has_closed(now))
    if view.entry.attempts:
        view.disqualification = Disqualification.objects.filter(quiz=quiz, user=user).first()
    view.snapshot = current_snapshot(quiz)
    if view.show_own and view.entry.attempts:
        view.own = frozen_standing(view.snapshot, user) if view.snapshot else ranking.own_standing(quiz, user)
    if quiz.ranking_published:
        if view.snapshot is not None:
            view.ranking = list(view.snapshot.lines.order_by("rank")[: page.ranking_size])
            view.winners = list(view.snapshot.lines.exclude(prize="").order_by("rank"))
            view.unit_ranking = list(view.snapshot.unit_lines.select_related("unit").order_by("rank"))
        else:
            view.ranking = ranking.individual_ranking(quiz, limit=page.ranking_size)
            view.unit_ranking = unit_ranking(quiz)
        view.summary = ranking.contest_summary(quiz)
    if view.show_own and view.own is not None:
        view.own_unit = own_unit_line(user, view.unit_ranking or unit_ranking(quiz))
    return view


def contest_view(page, user, now=None):
    """Everything the contest page shows `user` now."""
    now = now or timezone.now()
    current = page.current_round(now)
    rounds = [round_view(item, user, page, item == current, now) for item in page.round_list()]
    published_any = any(view.published for view in rounds)
    return ContestView(
        page=page,
        rounds=rounds,
        current=next((view for view in rounds if view.is_current), None),
        overall=overall_standing(page, user) if len(rounds) > 1 else None,
        overall_ranking=overall_ranking(page, page.ranking_size) if len(rounds) > 1 and published_any else [],
    )


# A round's public results page


@dataclass
class Bar:
    """One bar of a chart: its label, its value and its length in percent of the longest bar."""

    label: str
    value: object
    share: int


def bars(pairs):
    top = max((float(value or 0) for _label, value in pairs), default=0)
    return [Bar(label, value, round(float(value or 0) * 100 / top) if top else 0) for label, value in pairs]


def score_distribution(quiz):
    """Participants by counted score, in bands of ten points (the last band holds 100)."""
    counts = [0] * 10
    for percent in ContestEntry.objects.filter(quiz=quiz, disqualified=False).values_list("percent", flat=True):
        counts[min(9, int(percent // 10))] += 1
    labels = [f"{band * 10}–{band * 10 + 9}" for band in range(9)] + ["90–100"]
    return bars(list(zip(labels, counts, strict=True)))


@dataclass
class RoundResults:
    round: object
    quiz: object
    snapshot: RoundSnapshot | None
    winners: list
    unit_winners: list
    summary: dict
    scores: list
    participation: list


def round_results(page, item):
    """The public results of a published round: from its frozen snapshot when there is one, else live."""
    quiz = item.quiz
    snapshot = current_snapshot(quiz)
    if snapshot is not None:
        winners = list(snapshot.lines.exclude(prize="").order_by("rank"))
        unit_lines = list(snapshot.unit_lines.order_by("rank"))
    else:
        winners = ranking.individual_ranking(quiz, limit=page.ranking_size)
        unit_lines = unit_ranking(quiz)
    return RoundResults(
        round=item,
        quiz=quiz,
        snapshot=snapshot,
        winners=winners,
        unit_winners=[line for line in unit_lines if getattr(line, "prize", "")],
        summary=ranking.contest_summary(quiz),
        scores=score_distribution(quiz),
        participation=bars([(line.unit_name, line.participation) for line in unit_lines[:20]]),
    )
