"""The exam day's contest and officials, and the verifier that runs after every load test.

The verifier is what makes a load run mean something: these tests break the database the ways a fault
could (a second attempt, a score that is not the server's, an acknowledged submit that is missing, answers
that differ from what the client sent, counters behind the facts) and check that each is reported.
"""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from demo import exam_day
from quizzes import attempts
from quizzes.models import Attempt, AttemptState, Quiz
from reports import counters
from reports.models import UnitCadreCount

pytestmark = pytest.mark.django_db


@pytest.fixture
def exam(demo_output, tmp_path):
    prepared = exam_day.prepare(3, "HocTap@2026!", accounts_file=tmp_path / "officials.csv")
    # The refresh the new officials schedule joins load_demo's, pending in the module's transaction that a
    # test never commits: count as the commit would have.
    counters.rebuild()
    return prepared, Quiz.objects.get(pk=prepared.quiz_id)


def sit(quiz, username, log):
    """One official sits the exam through the same functions the pages call; returns the attempt."""
    user = get_user_model().objects.get(username=username)
    attempt = attempts.start_attempt(user, quiz)
    choices = {row.position: [1] for row in attempt.questions.all()}
    attempts.save_answers(user, attempt.pk, attempts.answers_from_choices(attempt, choices))
    attempt = attempts.finish(attempt.pk, user=user)
    log.write(json.dumps({"attempt": attempt.pk, "answers": {str(p): c for p, c in choices.items()}}) + "\n")
    return attempt


def test_prepare_makes_a_25_question_contest_and_officials_who_can_log_in(exam, client, tmp_path):
    prepared, quiz = exam
    assert quiz.question_count() == exam_day.QUESTIONS
    assert quiz.is_contest and quiz.max_attempts == 1 and quiz.opens_at < timezone.now() < quiz.closes_at
    rows = (tmp_path / "officials.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "username,password" and len(rows) == 4
    client.post(reverse("accounts:login"), {"username": "thisinh00002", "password": "HocTap@2026!"})
    assert "_auth_user_id" in client.session
    assert client.get(prepared.contest_url).status_code == 200
    again = exam_day.prepare(3, "HocTap@2026!")  # a rerun changes nothing
    assert again.quiz_id == prepared.quiz_id
    assert get_user_model().objects.filter(username__startswith="thisinh").count() == 3


def test_a_clean_run_passes_and_each_broken_promise_is_reported(exam, tmp_path):
    _prepared, quiz = exam
    log_path = tmp_path / "client.jsonl"
    with log_path.open("w") as log:
        first, second = sit(quiz, "thisinh00001", log), sit(quiz, "thisinh00002", log)
    verdict = exam_day.verify(quiz.pk, log_path)
    assert verdict.ok, verdict.problems
    assert (verdict.submitted, verdict.answers_checked) == (2, 2 * exam_day.QUESTIONS)

    Attempt.objects.filter(pk=first.pk).update(score=first.score + 1)  # a score that is not the server's
    row = second.questions.get(position=3)  # answers that differ from what the client sent
    row.selected_option_ids = [option for option in row.option_order if option not in row.selected_option_ids][:1]
    row.save(update_fields=["selected_option_ids"])
    duplicate = Attempt.objects.get(pk=second.pk)  # a second attempt of the same person
    duplicate.pk, duplicate.number, duplicate.state = None, 2, AttemptState.IN_PROGRESS
    duplicate.finished_at, duplicate.deadline = None, timezone.now() - timezone.timedelta(hours=1)
    duplicate.save()
    with log_path.open("a") as log:  # an acknowledged submit that the database does not hold
        log.write(json.dumps({"attempt": 999999, "answers": {}}) + "\n")
    UnitCadreCount.objects.filter(pk=UnitCadreCount.objects.order_by("pk").values("pk")[:1]).update(cadres=12345)

    problems = "\n".join(exam_day.verify(quiz.pk, log_path).problems)
    assert f"lượt {first.pk}: điểm lưu" in problems
    assert f"lượt {second.pk} câu 3" in problems
    assert "có 2 lượt (tối đa 1)" in problems
    assert f"lượt {duplicate.pk} vẫn mở sau hạn" in problems
    assert "lượt 999999 đã được xác nhận nộp nhưng không có trong CSDL" in problems
    assert "bộ đếm báo cáo (cadres)" in problems


def test_reset_lets_every_official_sit_again(exam, tmp_path):
    _prepared, quiz = exam
    with (tmp_path / "log.jsonl").open("w") as log:
        sit(quiz, "thisinh00003", log)
    exam_day.reset(quiz.pk)
    assert not Attempt.objects.filter(quiz=quiz).exists()
