"""Quiz statistics for editors: item analysis per bank question and the score distribution of a quiz.

The figures follow Moodle's quiz statistics, simplified:

- facility: the share of the times a question was asked in which it earned full points (%);
- discrimination index: the correlation between the points fraction on the question and the score
  fraction on the rest of the attempt, ×100. High means the question separates those who know from
  those who do not; negative usually means a wrong key or a misleading question.

Pure math comes first (no database); `quiz_statistics` gathers a quiz's finished attempts in four
queries, whatever their number.
"""

import html
import math
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import fmean, median

from django.utils.html import strip_tags
from django.utils.text import Truncator

from .models import Attempt, AttemptQuestion, AttemptState, Difficulty, Question, QuizQuestion

# Below this many attempts at a question, its discrimination index means nothing.
MIN_ATTEMPTS_FOR_DISCRIMINATION = 3
BUCKET_WIDTH = 10
BUCKET_COUNT = 100 // BUCKET_WIDTH


# Pure math


def share(part, whole):
    """`part` of `whole` in percent, or None when there is no whole."""
    return part * 100 / whole if whole else None


def correlation(xs, ys):
    """Pearson's correlation coefficient of two equally long series; None when undefined.

    Undefined means fewer than two pairs, or a series that does not vary (everyone got the same).
    """
    if len(xs) != len(ys):
        raise ValueError("correlation needs two series of the same length")
    if len(xs) < 2:
        return None
    mean_x, mean_y = fmean(xs), fmean(ys)
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    spread_x = sum((x - mean_x) ** 2 for x in xs)
    spread_y = sum((y - mean_y) ** 2 for y in ys)
    if spread_x <= 1e-12 or spread_y <= 1e-12:
        return None
    return covariance / math.sqrt(spread_x * spread_y)


def discrimination_index(question_fractions, rest_fractions, min_count=MIN_ATTEMPTS_FOR_DISCRIMINATION):
    """Moodle's discrimination index (−100 to 100), or None with too few attempts or no variation."""
    if len(question_fractions) < min_count:
        return None
    r = correlation(question_fractions, rest_fractions)
    return None if r is None else r * 100


def bucket_index(percent):
    """The 10-point band of a score in percent: 0 for [0, 10), ..., 9 for [90, 100] (100 included)."""
    return min(max(int(Decimal(percent) // BUCKET_WIDTH), 0), BUCKET_COUNT - 1)


def score_buckets(percents):
    """How many scores fall in each 10-point band, lowest band first."""
    counts = [0] * BUCKET_COUNT
    for percent in percents:
        counts[bucket_index(percent)] += 1
    return counts


@dataclass(frozen=True)
class Bucket:
    """A band of the score distribution, with the width of its bar relative to the fullest band."""

    low: int
    high: int
    count: int
    share: float | None
    bar_width: int

    @property
    def label(self):
        return f"{self.low}–{self.high}"


def distribution(percents):
    """The score distribution as Bucket lines, ready for a chart and a table."""
    counts = score_buckets(percents)
    total, fullest = sum(counts), max(counts)
    return [
        Bucket(
            low=index * BUCKET_WIDTH,
            high=(index + 1) * BUCKET_WIDTH,
            count=count,
            share=share(count, total),
            bar_width=round(count * 100 / fullest) if fullest else 0,
        )
        for index, count in enumerate(counts)
    ]


@dataclass(frozen=True)
class QuestionSample:
    """One time a question was asked: its points fraction, the rest of the attempt's score fraction."""

    fraction: float
    rest_fraction: float | None
    answered: bool
    fully_correct: bool


@dataclass(frozen=True)
class QuestionFigures:
    asked: int
    answered: int
    fully_correct: int
    average_fraction: float | None
    discrimination: float | None


def question_figures(samples):
    """Counts, average points fraction and discrimination index of one question's samples."""
    paired = [sample for sample in samples if sample.rest_fraction is not None]
    return QuestionFigures(
        asked=len(samples),
        answered=sum(1 for sample in samples if sample.answered),
        fully_correct=sum(1 for sample in samples if sample.fully_correct),
        average_fraction=fmean(sample.fraction for sample in samples) if samples else None,
        discrimination=discrimination_index(
            [sample.fraction for sample in paired], [sample.rest_fraction for sample in paired]
        ),
    )


def sample_of(points, max_points, attempt_score, attempt_max, answered):
    """A QuestionSample from one AttemptQuestion's points and its attempt's score (Decimals or numbers)."""
    points = Decimal(points or 0)
    max_points = Decimal(max_points or 0)
    rest_max = Decimal(attempt_max or 0) - max_points
    rest = Decimal(attempt_score or 0) - points
    return QuestionSample(
        fraction=float(points / max_points) if max_points else 0.0,
        rest_fraction=float(rest / rest_max) if rest_max > 0 else None,
        answered=answered,
        fully_correct=max_points > 0 and points >= max_points,
    )


# Read models


@dataclass
class QuestionStats:
    """One bank question's line in the item analysis of a quiz."""

    question_id: int
    stem: str
    category: str
    difficulty: str
    number: int | None  # its place in a fixed quiz's list; None for drawn questions
    asked: int
    answered: int
    fully_correct: int
    average_fraction: float | None
    discrimination: float | None

    @property
    def facility(self):
        """Share of the times asked that earned full points (%)."""
        return share(self.fully_correct, self.asked)

    @property
    def average_percent(self):
        return None if self.average_fraction is None else self.average_fraction * 100


@dataclass
class QuizStatistics:
    """A quiz's finished attempts summed up: counts, mean, median, pass rate, distribution and items."""

    attempts: int
    participants: int
    mean: float | None
    median: float | None
    passed: int
    buckets: list = field(default_factory=list)
    questions: list = field(default_factory=list)

    @property
    def pass_rate(self):
        """Share of finished attempts that passed (%)."""
        return share(self.passed, self.attempts)


SORT_KEYS = {
    "position": lambda stats: (stats.number is None, stats.number or 0, stats.category, stats.question_id),
    "facility": lambda stats: stats.facility,
    "discrimination": lambda stats: stats.discrimination,
    "asked": lambda stats: stats.asked,
}


def sort_questions(questions, sort="position"):
    """Questions ordered by `sort` (a SORT_KEYS name, "-" for descending); lines without a value go last."""
    descending = sort.startswith("-")
    key = SORT_KEYS.get(sort.lstrip("-"), SORT_KEYS["position"])
    known = [stats for stats in questions if key(stats) is not None]
    unknown = [stats for stats in questions if key(stats) is None]
    known.sort(key=lambda stats: (key(stats), SORT_KEYS["position"](stats)), reverse=descending)
    return known + unknown


def plain_stem(stem, length=160):
    """A question's rich-text stem as short plain text for a table cell."""
    return Truncator(html.unescape(strip_tags(stem)).strip()).chars(length)


def _question_lines(quiz, samples_by_question):
    """QuestionStats for the questions in `samples_by_question`, reading the bank and the quiz's list."""
    labels = dict(Difficulty.choices)
    numbers = {
        question_id: number
        for number, question_id in enumerate(
            QuizQuestion.objects.filter(quiz=quiz).order_by("sort_order").values_list("question_id", flat=True),
            start=1,
        )
    }
    bank = {
        pk: (stem, category, difficulty)
        for pk, stem, category, difficulty in Question.objects.filter(pk__in=samples_by_question).values_list(
            "pk", "stem", "category__name", "difficulty"
        )
    }
    lines = []
    for question_id, samples in samples_by_question.items():
        stem, category, difficulty = bank.get(question_id, ("", "", ""))
        figures = question_figures(samples)
        lines.append(
            QuestionStats(
                question_id=question_id,
                stem=plain_stem(stem),
                category=category,
                difficulty=labels.get(difficulty, difficulty),
                number=numbers.get(question_id),
                asked=figures.asked,
                answered=figures.answered,
                fully_correct=figures.fully_correct,
                average_fraction=figures.average_fraction,
                discrimination=figures.discrimination,
            )
        )
    return sort_questions(lines)


def quiz_statistics(quiz):
    """Statistics of a quiz's finished attempts (all of them, every attempt number)."""
    attempts = {
        pk: (user_id, score, max_score, percent, passed)
        for pk, user_id, score, max_score, percent, passed in Attempt.objects.filter(
            quiz=quiz, state=AttemptState.FINISHED
        ).values_list("pk", "user_id", "score", "max_score", "percent", "passed")
    }
    rows = AttemptQuestion.objects.filter(attempt__quiz=quiz, attempt__state=AttemptState.FINISHED).values_list(
        "attempt_id", "question_id", "points", "max_points", "selected_option_ids"
    )
    samples_by_question = {}
    for attempt_id, question_id, points, max_points, selected in rows:
        _user_id, score, max_score, _percent, _passed = attempts[attempt_id]
        samples_by_question.setdefault(question_id, []).append(
            sample_of(points, max_points, score, max_score, answered=bool(selected))
        )
    percents = [float(percent or 0) for _user, _score, _max, percent, _passed in attempts.values()]
    return QuizStatistics(
        attempts=len(attempts),
        participants=len({user_id for user_id, *_rest in attempts.values()}),
        mean=fmean(percents) if percents else None,
        median=median(percents) if percents else None,
        passed=sum(1 for *_rest, passed in attempts.values() if passed),
        buckets=distribution(percents),
        questions=_question_lines(quiz, samples_by_question) if samples_by_question else [],
    )
