"""Contest rankings: individuals and units, computed by the database.

The order is the one `grading.rank_key` states: score descending, then the distance of the prediction
from the real number of participants who answered every question right, then time taken, then
submission time. Each participant counts once, with their best attempt in that order.
"""

from dataclasses import dataclass
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


def individual_ranking(quiz, limit=None):
    """Ranked participants: each a finished attempt annotated with `rank` and `distance`, best first."""
    actual = all_correct_count(quiz)
    best = (
        finished_attempts(quiz)
        .annotate(distance=Abs(F("prediction") - actual))
        .annotate(row=Window(RowNumber(), partition_by=[F("user_id")], order_by=_rank_order()))
        .filter(row=1)
        .select_related("user", "user__cadre", "unit")
        .order_by(*_rank_order())
    )
    ranked = list(best[:limit] if limit else best)
    for position, attempt in enumerate(ranked, start=1):
        attempt.rank = position
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
