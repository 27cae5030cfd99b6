"""Contest rankings: individuals and units, computed by the database.

The order is the one `grading.rank_key` states: score descending, then the distance of the prediction
from the real number of participants who answered every question right, then time taken, then
submission time. Each participant counts once, with their best attempt in that order.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import connection
from django.db.models import Count, F, Q, Window
from django.db.models.functions import Abs, RowNumber, Substr

from units.models import Cadre, Unit

from .models import Attempt, AttemptState


def finished_attempts(quiz):
    return Attempt.objects.filter(quiz=quiz, state=AttemptState.FINISHED)


def all_correct_count(quiz):
    """How many participants answered every question right (the answer to the prediction question)."""
    return finished_attempts(quiz).filter(all_correct=True).values("user").distinct().count()


def _rank_order(prefix=""):
    return [
        F(f"{prefix}percent").desc(),
        F(f"{prefix}distance").asc(nulls_last=True),
        F(f"{prefix}duration_seconds").asc(),
        F(f"{prefix}finished_at").asc(),
        F(f"{prefix}pk").asc(),
    ]


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

    @property
    def pk(self):
        return self.attempt_id

    @property
    def unit_id(self):
        return self.unit.pk if self.unit is not None else None


RANKED_COLUMNS = (
    "pk",
    "user_id",
    "unit_id",
    "number",
    "percent",
    "score",
    "max_score",
    "prediction",
    "distance",
    "duration_seconds",
    "finished_at",
    "user__cadre__full_name",
    "user__cadre__staff_code",
    "user__first_name",
    "user__last_name",
)


def individual_ranking(quiz, limit=None):
    """Ranked participants (RankedParticipant), best first; the first `limit` of them when given."""
    actual = all_correct_count(quiz)
    best = (
        finished_attempts(quiz)
        .annotate(distance=Abs(F("prediction") - actual))
        .annotate(row=Window(RowNumber(), partition_by=[F("user_id")], order_by=_rank_order()))
        .filter(row=1)
        .order_by(*_rank_order())
        .values_list(*RANKED_COLUMNS)
    )
    rows = list(best[:limit] if limit else best)
    units = Unit.objects.in_bulk({row[2] for row in rows if row[2] is not None})
    ranked = []
    for position, row in enumerate(rows, start=1):
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
        ) = row
        ranked.append(
            RankedParticipant(
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
            )
        )
    return ranked


@dataclass
class UnitRank:
    """A unit's line in the unit ranking: its subtree's participation and average score."""

    rank: int
    unit: Unit
    cadres: int
    participants: int
    average: Decimal | None

    @property
    def participation(self):
        """Share of the unit's cadres who took part, in percent."""
        if not self.cadres:
            return Decimal(0)
        return (Decimal(self.participants) * 100 / self.cadres).quantize(Decimal("0.1"))


def ranked_units(depth):
    return Unit.objects.filter(depth=depth, is_active=True)


def _participants_by_prefix(quiz, length):
    """{unit path prefix: (participants, average best score)}, grouped in the database."""
    sql = f"""
        SELECT prefix, COUNT(*), AVG(best) FROM (
            SELECT SUBSTR(u.path, 1, %s) AS prefix, a.user_id, MAX(a.percent) AS best
            FROM {Attempt._meta.db_table} a JOIN {Unit._meta.db_table} u ON u.id = a.unit_id
            WHERE a.quiz_id = %s AND a.state = %s
            GROUP BY SUBSTR(u.path, 1, %s), a.user_id
        ) best_per_participant
        GROUP BY prefix
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [length, quiz.pk, AttemptState.FINISHED, length])
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
    return finished_attempts(quiz).aggregate(
        participants=Count("user", distinct=True),
        attempts=Count("pk"),
        all_correct=Count("user", distinct=True, filter=Q(all_correct=True)),
    )
