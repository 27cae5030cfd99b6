"""Scoring, grading methods, deadlines and ranking order: pure rules, no database and no HTTP."""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from .models.bank import QuestionType, Scoring
from .models.quiz import GradingMethod, ReviewWhen

CENT = Decimal("0.01")


def key_problem(question_type, correct_flags):
    """Why the correct-answer flags do not fit the question type, or "" when they do."""
    correct = sum(1 for flag in correct_flags if flag)
    if len(correct_flags) < 2:
        return _("Câu hỏi cần ít nhất hai phương án.")
    if question_type == QuestionType.TRUE_FALSE and len(correct_flags) != 2:
        return _("Câu Đúng/Sai có đúng hai phương án.")
    if question_type in (QuestionType.SINGLE, QuestionType.TRUE_FALSE) and correct != 1:
        return _("Câu một đáp án phải có đúng một phương án đúng.")
    if question_type == QuestionType.MULTIPLE and correct < 1:
        return _("Câu nhiều đáp án phải có ít nhất một phương án đúng.")
    return ""


def score_answer(question_type, scoring, correct_ids, selected_ids, option_count, max_points):
    """Points for one answer.

    Single choice and true/false: full points for the one correct option. Multiple choice, all or
    nothing: full points only for exactly the correct set. Partial credit: each correct option chosen
    earns its share, each wrong option chosen takes a wrong option's share away, never below zero.
    """
    max_points = Decimal(max_points)
    correct, selected = set(correct_ids), set(selected_ids)
    if not selected:
        return Decimal("0.00")
    if question_type != QuestionType.MULTIPLE or scoring != Scoring.PARTIAL:
        return max_points.quantize(CENT) if selected == correct else Decimal("0.00")
    wrong_count = max(option_count - len(correct), 1)
    fraction = Decimal(len(selected & correct)) / len(correct) - Decimal(len(selected - correct)) / wrong_count
    return (max_points * max(fraction, Decimal(0))).quantize(CENT, rounding=ROUND_HALF_UP)


def percent(score, max_score):
    if not max_score:
        return Decimal("0.00")
    return (Decimal(score) * 100 / Decimal(max_score)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class FinishedAttempt:
    """What grading needs of a finished attempt."""

    number: int
    percent: Decimal


def final_grade(method, attempts):
    """The learner's grade (%) on a quiz from their finished attempts, by the quiz's grading method."""
    if not attempts:
        return None
    ordered = sorted(attempts, key=lambda attempt: attempt.number)
    if method == GradingMethod.FIRST:
        return ordered[0].percent
    if method == GradingMethod.LAST:
        return ordered[-1].percent
    if method == GradingMethod.AVERAGE:
        return (sum(attempt.percent for attempt in ordered) / len(ordered)).quantize(CENT, rounding=ROUND_HALF_UP)
    return max(attempt.percent for attempt in ordered)


def attempt_deadline(started_at, time_limit_minutes, closes_at):
    """When an attempt must be in: the time limit or the quiz's closing, whichever comes first."""
    candidates = []
    if time_limit_minutes:
        candidates.append(started_at + timedelta(minutes=time_limit_minutes))
    if closes_at:
        candidates.append(closes_at)
    return min(candidates) if candidates else None


def is_overdue(deadline, now, grace_seconds):
    """An attempt is past its deadline once the grace for network delay has passed too."""
    return deadline is not None and now > deadline + timedelta(seconds=grace_seconds)


def review_allowed(when, quiz_closed):
    """Whether a review option (score, answers, explanations) shows for a finished attempt."""
    return when == ReviewWhen.AFTER_ATTEMPT or (when == ReviewWhen.AFTER_CLOSE and quiz_closed)


def shuffled(items, seed, shuffle=True):
    """A reproducible per-attempt order of `items` (a copy)."""
    items = list(items)
    if shuffle:
        random.Random(seed).shuffle(items)
    return items


@dataclass(frozen=True)
class RankEntry:
    """A participant's counted attempt, as the ranking compares it."""

    user_id: int
    percent: Decimal
    prediction: int | None
    duration_seconds: int
    finished_at: datetime
    attempt_id: int = 0


def prediction_distance(prediction, actual):
    """How far a prediction is from the actual number; no prediction ranks after every prediction."""
    return abs(prediction - actual) if prediction is not None else None


def to_millisecond(moment):
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def rank_key(entry, actual_all_correct):
    """Ranking order: score descending, then prediction distance, then time taken, then submission time to the
    millisecond, then the attempt recorded first."""
    distance = prediction_distance(entry.prediction, actual_all_correct)
    return (
        -entry.percent,
        distance is None,
        distance if distance is not None else 0,
        entry.duration_seconds,
        to_millisecond(entry.finished_at),
        entry.attempt_id,
    )


def counted_key(entry):
    """Which of a participant's attempts counts: the higher score, then the shorter time, then the earlier submit
    (the real number behind the prediction is known only once the round closes)."""
    return (-entry.percent, entry.duration_seconds, to_millisecond(entry.finished_at), entry.attempt_id)


def rank(entries, actual_all_correct):
    """Each participant once (their counted attempt), best first."""
    best = {}
    for entry in entries:
        current = best.get(entry.user_id)
        if current is None or counted_key(entry) < counted_key(current):
            best[entry.user_id] = entry
    return sorted(best.values(), key=lambda entry: rank_key(entry, actual_all_correct))
