"""Helpers for the statistics and report tests: learners who answer a quiz by a known pattern."""

from datetime import UTC, datetime, timedelta

from quizzes.attempts import finish, start_attempt
from tests.factories import CadreFactory

# Right (True), wrong (False) or left blank (None), per question, per learner, best learner first.
PATTERNS = [
    (True, True, True, True),
    (True, True, True, False),
    (True, False, True, False),
    (True, False, False, True),
    (True, False, False, None),
]
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"]
STARTED = datetime(2026, 1, 5, 2, 0, tzinfo=UTC)  # 09:00 in Asia/Ho_Chi_Minh


def answers_for(attempt, outcomes):
    """{position: option ids} giving each question of the attempt its outcome; `outcomes` by question id."""
    answers = {}
    for row in attempt.questions.all():
        outcome = outcomes[row.question_id]
        if outcome is None:
            continue
        if outcome:
            answers[row.position] = list(row.correct_option_ids)
        else:
            answers[row.position] = [next(pk for pk in row.option_order if pk not in row.correct_option_ids)]
    return answers


def play(quiz, questions, unit, patterns=PATTERNS, predictions=None, prefix="HP1"):
    """One learner per pattern, each finishing one attempt; the n-th takes 10 + n minutes. Returns users."""
    users = []
    for index, pattern in enumerate(patterns):
        user = CadreFactory(staff_code=f"{prefix}{index:04d}", full_name=NAMES[index % len(NAMES)], unit=unit).user
        attempt = start_attempt(user, quiz, now=STARTED)
        outcomes = {question.pk: outcome for question, outcome in zip(questions, pattern, strict=True)}
        finish(
            attempt.pk,
            user=user,
            answers=answers_for(attempt, outcomes),
            prediction=predictions[index] if predictions else None,
            now=STARTED + timedelta(minutes=10 + index),
        )
        users.append(user)
    return users
