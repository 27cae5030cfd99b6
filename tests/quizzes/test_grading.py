"""The pure scoring, grading, deadline and review rules (no database)."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from quizzes import grading
from quizzes.grading import FinishedAttempt, RankEntry
from quizzes.models import GradingMethod, QuestionType, ReviewWhen, Scoring

D = Decimal


@pytest.mark.parametrize(
    ("question_type", "selected", "expected"),
    [
        (QuestionType.SINGLE, [2], D("1.00")),
        (QuestionType.SINGLE, [1], D("0.00")),
        (QuestionType.SINGLE, [], D("0.00")),
        (QuestionType.TRUE_FALSE, [2], D("1.00")),
        (QuestionType.TRUE_FALSE, [1], D("0.00")),
    ],
)
def test_single_and_true_false_score_the_one_correct_option(question_type, selected, expected):
    assert grading.score_answer(question_type, Scoring.ALL_OR_NOTHING, [2], selected, 3, 1) == expected


@pytest.mark.parametrize(
    ("selected", "expected"),
    [([1, 2], D("2.00")), ([1], D("0.00")), ([1, 2, 3], D("0.00")), ([3], D("0.00")), ([], D("0.00"))],
)
def test_multiple_all_or_nothing_needs_exactly_the_correct_set(selected, expected):
    assert grading.score_answer(QuestionType.MULTIPLE, Scoring.ALL_OR_NOTHING, [1, 2], selected, 4, 2) == expected


@pytest.mark.parametrize(
    ("selected", "expected"),
    [
        ([1, 2, 3], D("3.00")),  # every correct option
        ([1, 2], D("2.00")),  # two of three correct
        ([1], D("1.00")),
        ([1, 2, 3, 4], D("0.00")),  # the one wrong option takes its whole share: 1 - 1
        ([1, 4], D("0.00")),  # never below zero
        ([4], D("0.00")),
    ],
)
def test_multiple_partial_credit(selected, expected):
    # Options 1, 2, 3 correct, 4 wrong; 3 points. A correct option earns 1/3, the wrong one takes 1/1 away.
    assert grading.score_answer(QuestionType.MULTIPLE, Scoring.PARTIAL, [1, 2, 3], selected, 4, 3) == expected


def test_partial_credit_with_several_wrong_options_takes_a_share_per_wrong_option():
    # 2 correct of 5 options: each correct is worth 1/2, each of the 3 wrong takes 1/3 away.
    score = grading.score_answer(QuestionType.MULTIPLE, Scoring.PARTIAL, [1, 2], [1, 2, 3], 5, 6)
    assert score == D("4.00")  # 6 × (1 - 1/3)


def test_scoring_does_not_depend_on_the_order_options_or_answers_come_in():
    a = grading.score_answer(QuestionType.MULTIPLE, Scoring.PARTIAL, [3, 1], [1, 5], 5, 4)
    b = grading.score_answer(QuestionType.MULTIPLE, Scoring.PARTIAL, [1, 3], [5, 1], 5, 4)
    assert a == b == D("0.67")  # 4 × (1/2 - 1/3)


@pytest.mark.parametrize(
    ("question_type", "flags", "ok"),
    [
        (QuestionType.SINGLE, [True, False, False], True),
        (QuestionType.SINGLE, [True, True, False], False),
        (QuestionType.SINGLE, [False, False], False),
        (QuestionType.TRUE_FALSE, [False, True], True),
        (QuestionType.TRUE_FALSE, [False, True, False], False),
        (QuestionType.MULTIPLE, [True, True, False], True),
        (QuestionType.MULTIPLE, [False, False, False], False),
        (QuestionType.MULTIPLE, [True], False),
    ],
)
def test_key_problem(question_type, flags, ok):
    assert (grading.key_problem(question_type, flags) == "") is ok


ATTEMPTS = [FinishedAttempt(2, D("80")), FinishedAttempt(1, D("40")), FinishedAttempt(3, D("60"))]


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        (GradingMethod.HIGHEST, D("80")),
        (GradingMethod.FIRST, D("40")),
        (GradingMethod.LAST, D("60")),
        (GradingMethod.AVERAGE, D("60.00")),
    ],
)
def test_grading_methods(method, expected):
    assert grading.final_grade(method, ATTEMPTS) == expected


def test_no_finished_attempt_has_no_grade():
    assert grading.final_grade(GradingMethod.HIGHEST, []) is None


def test_deadline_is_the_time_limit_or_the_closing_whichever_is_first():
    start = datetime(2026, 11, 25, 8, 0)
    assert grading.attempt_deadline(start, 15, None) == start + timedelta(minutes=15)
    assert grading.attempt_deadline(start, 15, start + timedelta(minutes=5)) == start + timedelta(minutes=5)
    assert grading.attempt_deadline(start, None, None) is None


def test_grace_after_the_deadline():
    deadline = datetime(2026, 11, 25, 8, 15)
    assert not grading.is_overdue(deadline, deadline + timedelta(seconds=30), 30)
    assert grading.is_overdue(deadline, deadline + timedelta(seconds=31), 30)
    assert not grading.is_overdue(None, deadline, 30)


@pytest.mark.parametrize(
    ("when", "closed", "shown"),
    [
        (ReviewWhen.NEVER, True, False),
        (ReviewWhen.AFTER_ATTEMPT, False, True),
        (ReviewWhen.AFTER_CLOSE, False, False),
        (ReviewWhen.AFTER_CLOSE, True, True),
    ],
)
def test_review_options(when, closed, shown):
    assert grading.review_allowed(when, closed) is shown


def test_shuffle_is_a_permutation_and_reproducible():
    items = list(range(20))
    assert sorted(grading.shuffled(items, 7)) == items
    assert grading.shuffled(items, 7) == grading.shuffled(items, 7)
    assert grading.shuffled(items, 7) != items
    assert grading.shuffled(items, 7, shuffle=False) == items


def entry(user, percent, prediction=None, duration=600, minute=0):
    return RankEntry(user, D(percent), prediction, duration, datetime(2026, 11, 25, 9, minute))


def test_rank_order_and_ties():
    actual = 10  # participants who answered everything right
    entries = [
        entry(1, 90, prediction=15, duration=300),
        entry(2, 100, prediction=None, duration=100),
        entry(3, 90, prediction=9, duration=500),  # distance 1: beats user 1 (distance 5)
        entry(4, 90, prediction=11, duration=400, minute=5),  # distance 1, faster than user 3
        entry(5, 90, prediction=11, duration=400, minute=1),  # same distance and time, earlier submit
        entry(6, 90, prediction=None, duration=10),  # no prediction ranks after every prediction
    ]
    assert [e.user_id for e in grading.rank(entries, actual)] == [2, 5, 4, 3, 1, 6]


def test_a_participant_counts_once_with_the_best_attempt():
    ranked = grading.rank([entry(1, 50), entry(1, 80, duration=900), entry(2, 70)], actual_all_correct=0)
    assert [(e.user_id, e.percent) for e in ranked] == [(1, D("80")), (2, D("70"))]
