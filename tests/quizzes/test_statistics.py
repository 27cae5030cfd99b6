"""Quiz statistics: the pure math on known numbers, then item analysis of real attempts."""

import math
from decimal import Decimal

import pytest

from quizzes import statistics
from quizzes.statistics import (
    QuestionSample,
    QuestionStats,
    bucket_index,
    correlation,
    discrimination_index,
    distribution,
    question_figures,
    sample_of,
    score_buckets,
    sort_questions,
)

# Pure math, no database


def test_correlation_of_known_series():
    assert correlation([1, 2, 3], [2, 4, 6]) == pytest.approx(1)
    assert correlation([1, 2, 3], [3, 2, 1]) == pytest.approx(-1)
    assert correlation([1, 1, 0, 0, 0], [3, 2, 2, 2, 1]) == pytest.approx(1 / math.sqrt(2.4))
    assert correlation([1, 0, 0, 1, 0], [3, 3, 2, 1, 1]) == pytest.approx(0)


def test_correlation_is_undefined_without_variation_or_pairs():
    assert correlation([1, 1, 1], [1, 2, 3]) is None
    assert correlation([1, 2, 3], [5, 5, 5]) is None
    assert correlation([1], [2]) is None
    with pytest.raises(ValueError):
        correlation([1, 2], [1])


def test_discrimination_index_needs_enough_attempts():
    assert discrimination_index([1, 0], [1, 0]) is None
    assert discrimination_index([1, 0, 0], [1, 0, 0]) == pytest.approx(100)
    assert discrimination_index([0, 1, 1], [1, 0, 0]) == pytest.approx(-100)


@pytest.mark.parametrize(
    ("percent", "index"),
    [(0, 0), (Decimal("9.99"), 0), (10, 1), (Decimal("55.5"), 5), (Decimal("89.99"), 8), (90, 9), (100, 9)],
)
def test_bucket_index_puts_100_in_the_last_band(percent, index):
    assert bucket_index(percent) == index


def test_score_buckets_and_distribution():
    percents = [0, 9.99, 10, 55, 99.99, 100]
    assert score_buckets(percents) == [2, 1, 0, 0, 0, 1, 0, 0, 0, 2]
    buckets = distribution(percents)
    assert [bucket.label for bucket in buckets][:2] == ["0–10", "10–20"]
    assert buckets[-1].label == "90–100"
    assert [bucket.bar_width for bucket in buckets] == [100, 50, 0, 0, 0, 50, 0, 0, 0, 100]
    assert buckets[0].share == pytest.approx(100 / 3)
    assert all(bucket.share is None and bucket.count == 0 for bucket in distribution([]))


def test_question_figures_from_samples():
    samples = [
        sample_of(Decimal("2"), Decimal("2"), Decimal("5"), Decimal("5"), answered=True),
        sample_of(Decimal("1"), Decimal("2"), Decimal("2.5"), Decimal("5"), answered=True),
        sample_of(Decimal("0"), Decimal("2"), Decimal("0"), Decimal("5"), answered=False),
    ]
    assert samples[1] == QuestionSample(fraction=0.5, rest_fraction=0.5, answered=True, fully_correct=False)
    figures = question_figures(samples)
    assert (figures.asked, figures.answered, figures.fully_correct) == (3, 2, 1)
    assert figures.average_fraction == pytest.approx(0.5)
    assert figures.discrimination == pytest.approx(100)


def test_a_one_question_quiz_has_no_rest_and_no_discrimination():
    sample = sample_of(1, 1, 1, 1, answered=True)
    assert sample.rest_fraction is None
    assert question_figures([sample] * 4).discrimination is None


def test_sort_questions_puts_unknown_values_last():
    def line(pk, correct, discrimination):
        return QuestionStats(pk, "", "", "", pk, 10, 10, correct, None, discrimination)

    lines = [line(1, 10, None), line(2, 2, 30.0), line(3, 5, -10.0)]
    assert [q.question_id for q in sort_questions(lines, "facility")] == [2, 3, 1]
    assert [q.question_id for q in sort_questions(lines, "-facility")] == [1, 3, 2]
    assert [q.question_id for q in sort_questions(lines, "-discrimination")] == [2, 3, 1]
    assert [q.question_id for q in sort_questions(lines, "nonsense")] == [1, 2, 3]


# Real attempts


def test_quiz_summary_and_distribution(played_quiz):
    stats = statistics.quiz_statistics(played_quiz)
    assert (stats.attempts, stats.participants, stats.passed) == (5, 5, 2)
    assert stats.mean == pytest.approx(60)
    assert stats.median == pytest.approx(50)
    assert stats.pass_rate == pytest.approx(40)
    assert [bucket.count for bucket in stats.buckets] == [0, 0, 1, 0, 0, 2, 0, 1, 0, 1]


def test_item_analysis_of_real_attempts(played_quiz, four_questions):
    stats = statistics.quiz_statistics(played_quiz)
    by_id = {line.question_id: line for line in stats.questions}
    everyone, top_two, top_three, mixed = (by_id[question.pk] for question in four_questions)

    assert (everyone.asked, everyone.answered, everyone.facility) == (5, 5, 100)
    assert everyone.discrimination is None  # no variation: it tells nobody apart

    assert top_two.facility == pytest.approx(40)
    assert top_two.discrimination == pytest.approx(100 / math.sqrt(2.4))
    assert top_three.discrimination == pytest.approx(100 * 0.6 / math.sqrt(1.2 * 2.8))
    assert top_two.discrimination > 0 and top_three.discrimination > 0

    assert (mixed.asked, mixed.answered) == (5, 4)
    assert mixed.discrimination == pytest.approx(0, abs=1e-9)
    assert mixed.average_percent == pytest.approx(40)
    assert top_two.stem == "Câu hỏi số 2"
    assert top_two.category == "An ninh mạng cơ bản"
    assert [line.number for line in stats.questions] == [1, 2, 3, 4]  # the fixed quiz's order


def test_statistics_take_four_queries_whatever_the_number_of_attempts(played_quiz, django_assert_num_queries):
    with django_assert_num_queries(4):
        statistics.quiz_statistics(played_quiz)


def test_a_quiz_without_attempts(quiz):
    stats = statistics.quiz_statistics(quiz)
    assert (stats.attempts, stats.mean, stats.median, stats.pass_rate, stats.questions) == (0, None, None, None, [])
