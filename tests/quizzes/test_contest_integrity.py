"""Contest integrity: one active device per attempt, the checks after a round closes, and disqualification."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from quizzes import attempts, integrity, ranking
from quizzes.models import Attempt, ContestPage, ContestRound, FlagKind, IntegrityFlag
from quizzes.tasks import check_closed_rounds
from tests.factories import CadreFactory, UserFactory, correct_answers, make_quiz, publish
from units.roles import ORGANISER

pytestmark = pytest.mark.django_db

START = timezone.now() - timedelta(days=1)


def wrong_answers(attempt):
    return {
        row.position: [next(option for option in row.option_order if option not in row.correct_option_ids)]
        for row in attempt.questions.all()
    }


@pytest.fixture
def contest(four_questions, home_page):
    quiz = make_quiz(
        four_questions,
        title="Cuộc thi trực tuyến – Đợt 1",
        is_contest=True,
        shuffle_questions=False,
        shuffle_options=False,
        max_attempts=1,
        opens_at=START - timedelta(days=1),
    )
    publish(
        home_page,
        ContestPage(
            title="Cuộc thi trực tuyến",
            slug="cuoc-thi",
            intro="Thi.",
            rules="<p>Một lượt.</p>",
            rounds=[ContestRound(name="Đợt 1", quiz=quiz)],
        ),
    )
    return quiz


def take(quiz, user, answers_of, started, seconds, address="203.0.113.9"):
    attempt = attempts.start_attempt(user, quiz, now=started)
    return attempts.finish(
        attempt.pk, user, answers=answers_of(attempt), now=started + timedelta(seconds=seconds), address=address
    )


def close(quiz):
    quiz.closes_at = timezone.now() - timedelta(minutes=5)
    quiz.save()


# One active device per attempt


def test_a_second_device_takes_over_only_after_confirming_and_the_first_is_refused(contest, ward):
    learner = CadreFactory(unit=ward).user
    phone, computer = Client(), Client()
    phone.force_login(learner)
    computer.force_login(learner)
    phone.post(reverse("quizzes:start", args=[contest.pk]))
    attempt = Attempt.objects.get(user=learner)
    page = reverse("quizzes:attempt", args=[attempt.pk])
    save = reverse("quizzes:save", args=[attempt.pk])
    ajax = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}

    assert "Câu hỏi số 1" in phone.get(page).content.decode()
    html = computer.get(page).content.decode()
    assert "Bài thi đang mở trên thiết bị khác" in html and "Câu hỏi số 1" not in html
    refused = computer.post(save, {"cau-1": "1"}, **ajax)
    assert refused.status_code == 409 and "thiết bị khác" in refused.json()["error"]
    assert not any(row.selected_option_ids for row in attempt.questions.all())

    computer.post(reverse("quizzes:take_over", args=[attempt.pk]))
    assert "Câu hỏi số 1" in computer.get(page).content.decode()
    assert computer.post(save, {"cau-1": "1"}, **ajax).status_code == 200
    assert phone.post(save, {"cau-2": "1"}, **ajax).status_code == 409
    assert phone.post(reverse("quizzes:submit", args=[attempt.pk])).status_code == 409
    attempt.refresh_from_db()
    assert attempt.is_open and [row.answered for row in attempt.questions.order_by("position")][:2] == [True, False]


def test_the_device_check_adds_no_query_to_an_answer(
    contest, four_questions, ward, client, django_assert_max_num_queries
):
    """An autosave of a contest costs what an autosave of an ordinary quiz costs (the check reads loaded rows)."""
    learner = CadreFactory(unit=ward).user
    client.force_login(learner)
    practice = make_quiz(four_questions, title="Bài luyện tập", shuffle_questions=False)
    counts = {}
    for quiz in (contest, practice):
        attempt = attempts.start_attempt(learner, quiz, device_token="abc" if quiz.is_contest else "")
        session = client.session
        session[integrity.session_key(attempt.pk)] = "abc"
        session.save()
        save = reverse("quizzes:save", args=[attempt.pk])
        client.post(save, {"cau-1": "1"}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")  # warm the session
        with django_assert_max_num_queries(100) as context:
            client.post(save, {"cau-1": "2"}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        counts[quiz.is_contest] = len(context.captured_queries)
    assert counts[True] == counts[False]


# The checks after a round closes


def test_the_checks_flag_patterns_and_leave_honest_offices_alone(contest, ward):
    people = [CadreFactory(unit=ward, full_name=f"Người {i}").user for i in range(10)]
    # Two identical sheets with the same wrong answers, submitted 20 s apart with the same time taken.
    twin_a = take(contest, people[0], wrong_answers, START, 300, address="198.51.100.1")
    twin_b = take(contest, people[1], wrong_answers, START + timedelta(seconds=20), 300, address="198.51.100.2")
    # Two perfect sheets at the same moment: what a perfect score looks like, not a pattern.
    take(contest, people[2], correct_answers, START, 200, address="198.51.100.3")
    take(contest, people[3], correct_answers, START, 200, address="198.51.100.4")
    # A perfect score in 4 seconds for 4 questions.
    fast = take(contest, people[4], correct_answers, START + timedelta(hours=1), 4, address="198.51.100.5")
    # Five accounts from one address within ten minutes ...
    cafe = [
        take(contest, user, correct_answers, START + timedelta(hours=2, minutes=i), 400 + i * 30, address="192.0.2.7")
        for i, user in enumerate(people[5:10])
    ]

    close(contest)
    assert check_closed_rounds() == 1  # the scheduled job found the closed round and checked it

    kinds = {(flag.attempt_id, flag.kind) for flag in IntegrityFlag.objects.filter(quiz=contest)}
    assert (twin_a.pk, FlagKind.SAME_ANSWERS) in kinds and (twin_b.pk, FlagKind.SAME_ANSWERS) in kinds
    assert (fast.pk, FlagKind.TOO_FAST) in kinds
    assert {attempt.pk for attempt in cafe} <= {pk for pk, kind in kinds if kind == FlagKind.SHARED_ADDRESS}
    assert len([1 for _pk, kind in kinds if kind == FlagKind.SAME_ANSWERS]) == 2  # not the perfect sheets
    assert ranking.contest_summary(contest)["participants"] == 10  # flags decide nothing
    contest.refresh_from_db()
    assert contest.integrity_checked_at is not None and check_closed_rounds() == 0

    # The same round with the café declared as an office address: no shared-address flag.
    IntegrityFlag.objects.all().delete()
    contest.office_addresses = "192.0.2.0/24"
    contest.save()
    integrity.scan(contest)
    assert not IntegrityFlag.objects.filter(kind=FlagKind.SHARED_ADDRESS).exists()


def test_a_score_jump_from_earlier_rounds_is_flagged(contest, four_questions, ward):
    page = ContestPage.objects.get()
    second = make_quiz(four_questions, title="Đợt 2", is_contest=True, shuffle_questions=False, opens_at=START)
    ContestRound.objects.create(page=page, quiz=second, name="Đợt 2", sort_order=1)
    learner = CadreFactory(unit=ward).user
    take(contest, learner, wrong_answers, START, 600)
    jumped = take(second, learner, correct_answers, START + timedelta(hours=1), 600)
    close(second)
    integrity.scan(second)
    flag = IntegrityFlag.objects.get(kind=FlagKind.SCORE_JUMP)
    assert flag.attempt_id == jumped.pk and "0.00% ở các đợt trước lên 100.00%" in flag.detail


# Decisions


def test_organisers_disqualify_with_a_reason_the_participant_sees(contest, ward, client):
    cheat, honest = CadreFactory(unit=ward).user, CadreFactory(unit=ward).user
    take(contest, cheat, correct_answers, START, 3)
    take(contest, honest, wrong_answers, START, 600)
    close(contest)
    integrity.scan(contest)
    organiser = UserFactory(groups=[ORGANISER])
    with pytest.raises(integrity.DecisionError, match="lý do"):
        integrity.disqualify(contest, cheat, organiser, "")
    with pytest.raises(integrity.DecisionError, match="Ban tổ chức"):
        integrity.disqualify(contest, cheat, honest, "Gian lận")

    client.force_login(organiser)
    client.post(
        reverse("quiz_reports:round_disqualify", args=[contest.pk]),
        {"user": cheat.pk, "reason": "Hoàn thành 4 câu trong 3 giây, đã xác minh"},
    )

    assert [line.user_id for line in ranking.individual_ranking(contest)] == [honest.pk]
    assert ranking.own_standing(contest, cheat) is None
    assert ModelLogEntry.objects.filter(action=integrity.DISQUALIFIED, object_id=str(contest.pk)).count() == 1
    client.force_login(cheat)
    html = client.get(ContestPage.objects.get().url).content.decode()
    assert "đã loại bài thi của bạn" in html and "Hoàn thành 4 câu trong 3 giây, đã xác minh" in html


def test_a_contest_submit_does_no_more_database_work_than_before_rounds(
    contest, four_questions, ward, client, django_assert_max_num_queries
):
    """Before rounds a contest submit cost what an ordinary quiz's submit cost (its last query re-read the
    finished attempt). Now the entry is one INSERT ... ON CONFLICT, the pages needing an overall result come
    from the cache, and the re-read is gone: a contest submit costs the same as before, an ordinary one less."""
    practice = make_quiz(four_questions, title="Bài luyện tập", shuffle_questions=False)
    counts = {}
    for quiz in (contest, contest, practice):  # the contest's first submit fills the round-pages cache
        learner = CadreFactory(unit=ward).user
        client.force_login(learner)
        attempt = attempts.start_attempt(learner, quiz, device_token="abc" if quiz.is_contest else "")
        session = client.session
        session[integrity.session_key(attempt.pk)] = "abc"
        session.save()
        with django_assert_max_num_queries(100) as context:
            assert client.post(reverse("quizzes:submit", args=[attempt.pk]), {"cau-1": "1"}).status_code == 302
        counts[quiz.is_contest] = len(context.captured_queries)
    assert counts[True] == counts[False] + 1  # the entry's one statement, in place of the re-read both made
