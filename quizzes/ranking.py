"""Contest rankings: individuals and units, computed by the database.

The order is the one `grading.rank_key` states: score descending, then the distance of the prediction
from the real number of participants who answered every question right, then time taken, then
submission time to the millisecond, then the attempt recorded first (the lower attempt number of the
system). Each participant counts once, with their counted attempt (quizzes.entries: the best score,
then the shorter time, then the earlier submit), read from one entry row per participant.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Abs, Substr

from units.models import Cadre, Unit

from .models import Attempt, AttemptState, ContestEntry


def finished_attempts(quiz):
    return Attempt.objects.filter(quiz=quiz, state=AttemptState.FINISHED)


def all_correct_count(quiz):
    """How many participants answered every question right (the answer to the prediction question)."""
    return ContestEntry.objects.filter(quiz=quiz, all_correct=True, disqualified=False).count()


def _rank_order():
    return [
        F("percent").desc(),
        F("distance").asc(nulls_last=True),
        F("duration_seconds").asc(),
        F("finished_ms").asc(),
        F("attempt_id").asc(),
    ]


def ranked_entries(quiz, actual=None):
    """The quiz's entries (one per participant) in the ranking order, each annotated with its `distance`."""
    actual = all_correct_count(quiz) if actual is None else actual
    return (
        ContestEntry.objects.filter(quiz=quiz, disqualified=False)
        .annotate(distance=Abs(F("prediction") - Value(actual)))
        .order_by(*_rank_order())
    )


@dataclass
class RankedParticipant:
    """A participant's line in the individual ranking: their counted attempt and who they are.

    A read model, not an Attempt: building a few thousand model instances (attempt, user, cadre,
    unit) costs several times the query itself. `unit` is the unit at attempt time; `full_name`
    is the cadre's name (else the account's first and last name).
    """

    rank: int
    attempt_id: int
    user_id: int
    full_name: str
    staff_code: str
    unit: Unit | None
    number: int
    percent: Decimal
    score: Decimal | None
    max_score: Decimal
    prediction: int | None
    distance: int | None
    duration_seconds: int | None
    finished_at: datetime
    place: str = ""  # a citizen's commune or ward (they belong to no unit)

    @property
    def pk(self):
        return self.attempt_id

    @property
    def unit_id(self):
        return self.unit.pk if self.unit is not None else None

    @property
    def unit_name(self):
        return self.unit.name if self.unit is not None else self.place


RANKED_COLUMNS = (
    "attempt_id",
    "user_id",
    "unit_id",
    "attempt__number",
    "percent",
    "attempt__score",
    "attempt__max_score",
    "prediction",
    "distance",
    "duration_seconds",
    "finished_ms",
    "user__cadre__full_name",
    "user__cadre__staff_code",
    "user__first_name",
    "user__last_name",
    "user__citizen__ward_name",
)


def individual_ranking(quiz, limit=None, actual=None):
    """Ranked participants (RankedParticipant), best first; the first `limit` of them when given.

    With a limit the top entries are found first (an index read) and only they are joined to names.
    """
    ordered = ranked_entries(quiz, actual)
    if limit:
        top = list(ordered.values_list("pk", flat=True)[:limit])
        ordered = ordered.filter(pk__in=top)
    rows = list(ordered.values_list(*RANKED_COLUMNS))
    units = Unit.objects.in_bulk({row[2] for row in rows if row[2] is not None})
    return [_participant(position, row, units) for position, row in enumerate(rows, start=1)]


def _participant(position, row, units):
    (
        pk,
        user_id,
        unit_id,
        number,
        percent,
        score,
        max_score,
        prediction,
        distance,
        duration,
        finished_at,
        cadre_name,
        staff_code,
        first_name,
        last_name,
        place,
    ) = row
    return RankedParticipant(
        rank=position,
        attempt_id=pk,
        user_id=user_id,
        full_name=cadre_name or f"{first_name} {last_name}".strip(),
        staff_code=staff_code or "",
        unit=units.get(unit_id),
        number=number,
        percent=percent,
        score=score,
        max_score=max_score,
        prediction=prediction,
        distance=distance,
        duration_seconds=duration,
        finished_at=finished_at,
        place=place or "",
    )


@dataclass
class OwnStanding:
    """A participant's own line: their rank among how many, and their counted result."""

    rank: int
    participants: int
    percent: Decimal
    prediction: int | None
    distance: int | None
    duration_seconds: int
    finished_at: datetime


def round_totals(quiz):
    """{"participants", "actual"}: the ranked participants and the real number behind the prediction.

    Counted in one pass over the round's entries and kept for CONTEST_STANDINGS_CACHE_SECONDS, so
    that a participant's own rank reads only the entries that may rank above theirs. While a round
    runs, the rank it gives is provisional anyway (the page says so); once it closes the totals stop
    changing.
    """
    seconds = settings.CONTEST_STANDINGS_CACHE_SECONDS
    key = f"contest-round-totals:{quiz.pk}"
    totals = cache.get(key) if seconds else None
    if totals is None:
        totals = ContestEntry.objects.filter(quiz=quiz, disqualified=False).aggregate(
            participants=Count("pk"), actual=Count("pk", filter=Q(all_correct=True))
        )
        if seconds:
            cache.set(key, totals, seconds)
    return totals


def ahead_of(entry, actual):
    """A filter of the entries that rank above `entry` (an exact translation of the ranking order)."""
    distance = abs(entry.prediction - actual) if entry.prediction is not None else None
    if distance is None:
        closer, level = Q(prediction__isnull=False), Q(prediction__isnull=True)
    else:
        closer = Q(prediction__gt=actual - distance, prediction__lt=actual + distance)
        level = Q(prediction__in=[actual - distance, actual + distance])
    faster = (
        Q(duration_seconds__lt=entry.duration_seconds)
        | Q(duration_seconds=entry.duration_seconds, finished_ms__lt=entry.finished_ms)
        | Q(duration_seconds=entry.duration_seconds, finished_ms=entry.finished_ms, attempt_id__lt=entry.attempt_id)
    )
    return Q(percent__gt=entry.percent) | Q(percent=entry.percent) & (closer | level & faster)


def own_standing(quiz, user):
    """The participant's rank in the quiz's ranking, counted from the entries above theirs; None if they have none."""
    if not user.is_authenticated:
        return None
    entries = ContestEntry.objects.filter(quiz=quiz, disqualified=False)
    entry = entries.filter(user=user).first()
    if entry is None:
        return None
    totals = round_totals(quiz)
    actual = totals["actual"]
    return OwnStanding(
        rank=entries.filter(ahead_of(entry, actual)).count() + 1,
        participants=totals["participants"],
        percent=entry.percent,
        prediction=entry.prediction,
        distance=abs(entry.prediction - actual) if entry.prediction is not None else None,
        duration_seconds=entry.duration_seconds,
        finished_at=entry.finished_ms,
    )


@dataclass
class UnitRank:
    """A unit's line in the unit ranking: its subtree's participation and average score."""

    rank: int
    unit: Unit
    cadres: int
    participants: int
    average: Decimal | None

    @property
    def unit_name(self):
        return self.unit.name

    @property
    def participation(self):
        """Share of the unit's cadres who took part, in percent."""
        if not self.cadres:
            return Decimal(0)
        return (Decimal(self.participants) * 100 / self.cadres).quantize(Decimal("0.1"))


def ranked_units(depth):
    return Unit.objects.filter(depth=depth, is_active=True)


def _participants_by_prefix(quiz, length):
    """{unit path prefix: (participants, average counted score)}, grouped in the database.

    Each participant counts once, in the unit of their counted attempt; participants without a unit
    (citizens) are ranked as individuals but count in no unit.
    """
    sql = f"""
        SELECT SUBSTR(u.path, 1, %s) AS prefix, COUNT(*), AVG(e.percent)
        FROM {ContestEntry._meta.db_table} e JOIN {Unit._meta.db_table} u ON u.id = e.unit_id
        WHERE e.quiz_id = %s AND NOT e.disqualified
        GROUP BY SUBSTR(u.path, 1, %s)
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [length, quiz.pk, length])
        return {prefix: (count, average) for prefix, count, average in cursor.fetchall()}


def unit_ranking(quiz, depth=2):
    """Units at `depth` of the tree (by default, the units right under the province), each with its subtree.

    Participation counts a participant in the unit they belonged to when they took the contest; cadres
    are the subtree's active cadres today. Ordered by participation rate, then average score.
    """
    length = Unit.steplen * depth
    participants = _participants_by_prefix(quiz, length)
    cadres = dict(
        Cadre.objects.filter(user__is_active=True)
        .annotate(prefix=Substr("unit__path", 1, length))
        .values("prefix")
        .annotate(total=Count("pk"))
        .values_list("prefix", "total")
    )
    lines = []
    for unit in ranked_units(depth):
        count, average = participants.get(unit.path, (0, None))
        lines.append(
            UnitRank(
                rank=0,
                unit=unit,
                cadres=cadres.get(unit.path, 0),
                participants=count,
                average=Decimal(average).quantize(Decimal("0.01")) if average is not None else None,
            )
        )
    lines.sort(key=lambda line: (-line.participation, -(line.average or 0), line.unit.name))
    for position, line in enumerate(lines, start=1):
        line.rank = position
    return lines


def contest_summary(quiz):
    """Participants, attempts, and participants who answered every question right."""
    return {
        "participants": ContestEntry.objects.filter(quiz=quiz, disqualified=False).count(),
        "attempts": finished_attempts(quiz).count(),
        "all_correct": all_correct_count(quiz),
    }
