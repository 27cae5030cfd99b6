"""Contest rankings: the ranking order (grading.rank), the SQL rankings (quizzes.ranking) and the contest page.

Attempts are created directly as finished rows: the attempt flow that produces them is tested elsewhere.
"""

import random
import re
from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from quizzes import entries, grading, ranking
from quizzes.models import Attempt, AttemptState, ContestPage, ContestRound, Quiz
from quizzes.templatetags.contest_tags import contest_status_at
from tests.factories import CadreFactory, make_unit, publish
from units.models import UnitKind

START = timezone.now().replace(microsecond=0) - timedelta(days=1)


def entry(user_id, percent, prediction=None, duration=600, finished=0):
    return grading.RankEntry(user_id, Decimal(percent), prediction, duration, START + timedelta(seconds=finished))


def finish(quiz, user, percent, prediction=None, duration=600, finished=0, unit=None, all_correct=None, **fields):
    """A finished attempt of `user`, numbered after their previous ones."""
    number = Attempt.objects.filter(quiz=quiz, user=user).count() + 1
    finished_at = START + timedelta(seconds=finished)
    percent = Decimal(percent)
    attempt = Attempt.objects.create(
        quiz=quiz,
        user=user,
        unit=unit if unit is not None else getattr(getattr(user, "cadre", None), "unit", None),
        number=number,
        state=AttemptState.FINISHED,
        started_at=finished_at - timedelta(seconds=duration),
        finished_at=finished_at,
        duration_seconds=duration,
        max_score=Decimal(10),
        score=percent / 10,
        percent=percent,
        all_correct=percent == 100 if all_correct is None else all_correct,
        prediction=prediction,
        **fields,
    )
    if attempt.state == AttemptState.FINISHED:
        entries.record(attempt)  # as attempts.finish does in the submit's transaction
    return attempt


@pytest.fixture
def contest(db):
    return Quiz.objects.create(
        title="Cuộc thi tìm hiểu pháp luật về an toàn thông tin mạng",
        is_contest=True,
        prediction_enabled=True,
        max_attempts=2,
        time_limit_minutes=15,
    )


@pytest.fixture
def province(db):
    return make_unit("31", "Thành phố Hải Phòng", kind=UnitKind.PROVINCE)


@pytest.fixture
def people(province):
    """Five cadres of one ward, by name."""
    ward = make_unit("11311", "Phường Hồng Bàng", province, UnitKind.WARD)
    names = ["An", "Bình", "Cường", "Dung", "Em"]
    return {name: CadreFactory(full_name=f"Nguyễn Văn {name}", unit=ward).user for name in names}


# The ranking order, in Python and in SQL


# Each case: attempts as (name, percent, prediction, duration, finished offset) and the expected order.
# Two other participants ("Dung", "Em") answered every question right: the prediction's answer is 2.
ACTUAL = 2
TIE_CASES = {
    "score first": ([("An", 80, 2, 60, 1), ("Bình", 90, None, 900, 9)], ["Bình", "An"]),
    "same score: prediction distance decides": (
        [("An", 80, 6, 100, 1), ("Bình", 80, 2, 900, 9), ("Cường", 80, 0, 500, 5)],
        ["Bình", "Cường", "An"],
    ),
    "no prediction ranks after any prediction": ([("An", 80, None, 60, 1), ("Bình", 80, 5000, 900, 9)], ["Bình", "An"]),
    "same distance, over or under: shorter time": ([("An", 80, 4, 700, 1), ("Bình", 80, 0, 600, 9)], ["Bình", "An"]),
    "same time: earlier submission": (
        [("An", 80, 2, 600, 20), ("Bình", 80, 2, 600, 10), ("Cường", 80, None, 600, 5)],
        ["Bình", "An", "Cường"],
    ),
    "several attempts count once, with the best": (
        [
            ("An", 70, 2, 60, 1),
            ("Bình", 80, 9, 900, 2),
            ("An", 90, None, 800, 3),
            ("Bình", 80, 3, 900, 4),
            ("An", 90, 9, 900, 5),
        ],
        ["An", "Bình"],
    ),
}
NAMES = ["An", "Bình", "Cường", "Dung", "Em"]


@pytest.mark.parametrize(("attempts", "expected"), TIE_CASES.values(), ids=TIE_CASES.keys())
def test_tie_breaks_in_python(attempts, expected):
    entries = [entry(NAMES.index(name), *rest) for name, *rest in attempts]
    ranked = grading.rank(entries, ACTUAL)
    assert [NAMES[e.user_id] for e in ranked] == expected


@pytest.mark.parametrize(("attempts", "expected"), TIE_CASES.values(), ids=TIE_CASES.keys())
def test_tie_breaks_in_sql(contest, people, attempts, expected):
    for name in ["Dung", "Em"]:
        finish(contest, people[name], 100, finished=-100)
    for name, *rest in attempts:
        finish(contest, people[name], *rest)

    ranked = ranking.individual_ranking(contest)

    assert ranking.all_correct_count(contest) == ACTUAL
    assert [a.full_name.split()[-1] for a in ranked] == ["Dung", "Em", *expected]
    assert [a.rank for a in ranked] == list(range(1, len(ranked) + 1))


def test_the_counted_attempt_is_the_best_score_then_the_shorter_time_never_the_prediction(contest, people):
    # The real number behind the prediction is known only when the round closes, so it cannot pick
    # among a participant's own attempts: of two attempts with the same score the faster counts.
    finish(contest, people["An"], 70, prediction=2, duration=60)
    finish(contest, people["An"], 90, prediction=9, duration=900)
    best = finish(contest, people["An"], 90, prediction=None, duration=30)

    [line] = ranking.individual_ranking(contest)

    assert line.pk == best.pk and line.distance is None and line.duration_seconds == 30


def test_unfinished_attempts_and_other_quizzes_do_not_count(contest, people):
    finish(contest, people["An"], 50)
    other = Quiz.objects.create(title="Bài kiểm tra khác")
    finish(other, people["Bình"], 100)
    Attempt.objects.create(quiz=contest, user=people["Cường"], number=1, started_at=START, max_score=10)

    assert [a.user_id for a in ranking.individual_ranking(contest)] == [people["An"].pk]
    assert ranking.all_correct_count(contest) == 0


def test_lines_carry_the_participant_s_name_and_unit_in_three_queries(contest, people, django_assert_num_queries):
    for offset, name in enumerate(NAMES):
        finish(contest, people[name], 50 + offset * 10)
    with django_assert_num_queries(3):  # the count of all-correct participants, the ranking, the units
        ranked = ranking.individual_ranking(contest)

    line = ranked[0]
    assert (line.full_name, line.unit.name, line.unit_id) == ("Nguyễn Văn Em", "Phường Hồng Bàng", line.unit.pk)
    assert line.staff_code == people["Em"].cadre.staff_code


def test_limit_keeps_the_top(contest, people):
    for offset, name in enumerate(NAMES):
        finish(contest, people[name], 50 + offset * 10)

    top = ranking.individual_ranking(contest, limit=2)

    assert [(a.rank, a.user_id) for a in top] == [(1, people["Em"].pk), (2, people["Dung"].pk)]


def test_sql_ranking_equals_the_python_rules_on_random_attempts(contest, province):
    """A few hundred random attempts, with many ties on score, prediction distance and time."""
    rng = random.Random(20260401)
    ward = make_unit("11312", "Phường Ngô Quyền", province, UnitKind.WARD)
    users = [CadreFactory(unit=ward).user for _ in range(150)]
    for i in range(300):
        percent = rng.choice(range(0, 101, 10))
        finish(
            contest,
            rng.choice(users),
            percent,
            prediction=rng.choice([None, *range(0, 30)]),
            duration=rng.choice(range(60, 901, 60)),
            finished=i * 7 + rng.randrange(7),
        )

    actual = ranking.all_correct_count(contest)
    entries = [
        grading.RankEntry(a.user_id, a.percent, a.prediction, a.duration_seconds, a.finished_at, a.pk)
        for a in Attempt.objects.filter(quiz=contest).order_by("pk")
    ]
    expected = [
        (e.user_id, e.percent, e.prediction, e.duration_seconds, e.finished_at) for e in grading.rank(entries, actual)
    ]

    ranked = ranking.individual_ranking(contest)

    assert actual > 0
    assert [(a.user_id, a.percent, a.prediction, a.duration_seconds, a.finished_at) for a in ranked] == [
        (user_id, percent, prediction, duration, grading.to_millisecond(finished_at))
        for user_id, percent, prediction, duration, finished_at in expected
    ]
    assert len(ranked) == len({e.user_id for e in entries})


# Unit ranking


@pytest.fixture
def tree(province):
    """Units right under the province (depth 2) with a unit below one of them, and their cadres."""
    units = {
        "A": make_unit("31-SA", "Sở A", province, UnitKind.DEPARTMENT),
        "B": make_unit("31-PB", "Phường B", province, UnitKind.WARD),
        "C": make_unit("31-XC", "Xã C", province, UnitKind.COMMUNE),
        "E": make_unit("31-XE", "Xã E", province, UnitKind.COMMUNE),
        "closed": make_unit("31-XD", "Xã D (đã sáp nhập)", province, UnitKind.COMMUNE, is_active=False),
    }
    units["A1"] = make_unit("31-SA-P1", "Phòng A1", units["A"], UnitKind.DIVISION)
    homes = {
        "a1": "A",
        "a2": "A1",
        "a3": "A1",
        "a4": "A1",
        "b1": "B",
        "b2": "B",
        "moved": "B",
        "left": "B",
        "c1": "C",
        "c2": "C",
    }
    users = {key: CadreFactory(full_name=f"Cán bộ {key}", unit=units[home]).user for key, home in homes.items()}
    users["left"].is_active = False
    users["left"].save()
    return units, users


def test_unit_ranking_participation_and_average_of_best_scores(contest, tree):
    units, users = tree
    finish(contest, users["a1"], 70)
    finish(contest, users["a2"], 50)
    finish(contest, users["a2"], 90)  # counts once, with the best
    finish(contest, users["moved"], 60, unit=units["A1"])  # in A1 when taking the contest, in B today
    finish(contest, users["b1"], 100)
    finish(contest, users["c1"], 40)
    Attempt.objects.create(quiz=contest, user=users["b2"], unit=units["B"], number=1, started_at=START, max_score=10)

    lines = {line.unit.name: line for line in ranking.unit_ranking(contest)}

    assert set(lines) == {"Sở A", "Phường B", "Xã C", "Xã E"}  # depth 2, active units only
    a, b, c, e = lines["Sở A"], lines["Phường B"], lines["Xã C"], lines["Xã E"]
    assert (a.cadres, a.participants, a.participation, a.average) == (4, 3, Decimal("75.0"), Decimal("73.33"))
    assert (b.cadres, b.participants, b.participation, b.average) == (3, 1, Decimal("33.3"), Decimal("100.00"))
    assert (c.cadres, c.participants, c.participation, c.average) == (2, 1, Decimal("50.0"), Decimal("40.00"))
    assert (e.cadres, e.participants, e.participation, e.average) == (0, 0, Decimal("0"), None)
    assert [(line.rank, line.unit.name) for line in ranking.unit_ranking(contest)] == [
        (1, "Sở A"),
        (2, "Xã C"),
        (3, "Phường B"),
        (4, "Xã E"),
    ]


def test_unit_ranking_same_participation_is_ordered_by_average(contest, tree):
    _units, users = tree
    finish(contest, users["a1"], 80)
    finish(contest, users["a2"], 60)  # A: 2 of 4, average 70
    finish(contest, users["c1"], 90)  # C: 1 of 2, average 90
    finish(contest, users["b1"], 100)  # B: 1 of 3

    ranked = [(line.unit.name, line.participation, line.average) for line in ranking.unit_ranking(contest)]

    assert ranked == [
        ("Xã C", Decimal("50.0"), Decimal("90.00")),
        ("Sở A", Decimal("50.0"), Decimal("70.00")),
        ("Phường B", Decimal("33.3"), Decimal("100.00")),
        ("Xã E", Decimal("0"), None),
    ]


def test_contest_summary(contest, people):
    finish(contest, people["An"], 100)
    finish(contest, people["An"], 90)
    finish(contest, people["Bình"], 60)

    assert ranking.contest_summary(contest) == {"participants": 2, "attempts": 3, "all_correct": 1}


# The contest page


@pytest.fixture
def contest_page(home_page, contest, people):
    contest.opens_at = START
    contest.closes_at = START + timedelta(days=30)
    contest.save()
    finish(contest, people["An"], 100, prediction=1, duration=300)
    finish(contest, people["Bình"], 80, prediction=None, duration=125)
    return publish(
        home_page,
        ContestPage(
            title="Cuộc thi tìm hiểu pháp luật về an toàn thông tin mạng",
            slug="cuoc-thi",
            intro="Thi trực tuyến.",
            rules="<p>Mỗi cán bộ được dự thi tối đa hai lượt.</p>",
            rounds=[ContestRound(name="Đợt 1", quiz=contest)],
        ),
    )


def test_anonymous_visitors_read_the_rules_and_are_asked_to_log_in(client, contest_page):
    response = client.get(contest_page.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Cuộc thi tìm hiểu pháp luật về an toàn thông tin mạng" in html
    assert "Mỗi cán bộ được dự thi tối đa hai lượt." in html
    assert "Đang diễn ra" in html
    assert START.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%d/%m/%Y %H:%M") in html
    assert "15 phút" in html and "Tối đa 2 lượt" in html
    assert "Dự đoán số người trả lời đúng tất cả các câu hỏi" in html
    assert f"{reverse('accounts:login')}?next={contest_page.url}" in html
    assert "css/contest.css" in html


def test_unpublished_ranking_is_announced_not_shown(client, contest_page):
    html = client.get(contest_page.url).content.decode()

    assert "sẽ được Ban Tổ chức công bố" in html
    assert "Nguyễn Văn An" not in html and "<table" not in html


def test_published_ranking_shows_names_and_units_but_no_staff_codes(client, contest, contest_page, people):
    contest.ranking_published = True
    contest.save()

    html = client.get(contest_page.url).content.decode()

    assert "Xếp hạng cá nhân" in html and "Xếp hạng đơn vị" in html
    assert html.index("Nguyễn Văn An") < html.index("Nguyễn Văn Bình")
    assert "Phường Hồng Bàng" in html and "2 phút 5 giây" in html
    assert '<caption class="visually-hidden">Bảng xếp hạng cá nhân: 2 người đứng đầu' in html
    assert "Bảng xếp hạng đơn vị theo tỉ lệ tham gia</caption>" in html
    assert html.count('scope="col"') == 12 and 'scope="row"' in html
    assert 'class="table-scroll contest-table" role="region"' in html
    for user in people.values():
        assert user.cadre.staff_code not in html
        assert user.email not in html
    assert "sẽ được Ban Tổ chức công bố" not in html
    # The summary: 2 participants, 2 attempts, 1 with every answer right.
    assert re.search(r"Người dự thi</dt>\s*<dd>2</dd>", html)
    assert re.search(r"Người trả lời đúng tất cả các câu hỏi</dt>\s*<dd>1</dd>", html)


def test_learner_sees_the_entry_form_and_their_attempts(client, contest, contest_page, people):
    try:
        start_url = reverse("quizzes:start", args=[contest.pk])
    except NoReverseMatch:
        pytest.skip("quizzes:start is not wired yet")
    client.force_login(people["Cường"])
    html = client.get(contest_page.url).content.decode()
    assert f'action="{start_url}"' in html and "Vào thi" in html and "Bạn còn 2 lượt dự thi." in html

    client.force_login(people["An"])
    html = client.get(contest_page.url).content.decode()
    assert "Thi lại" in html and "Lượt 1" in html and "Bạn còn 1 lượt dự thi." in html
    finish(contest, people["An"], 90)
    html = client.get(contest_page.url).content.decode()
    assert f'action="{start_url}"' not in html and "Bạn đã dùng hết 2 lượt làm bài." in html


def test_status_follows_the_dates(contest):
    now = timezone.now()
    contest.opens_at, contest.closes_at = now + timedelta(hours=1), now + timedelta(days=1)
    assert contest_status_at(contest, now).label == "Sắp diễn ra"
    assert contest_status_at(contest, now + timedelta(hours=2)).label == "Đang diễn ra"
    assert contest_status_at(contest, now + timedelta(days=2)).label == "Đã kết thúc"


def test_a_closed_contest_offers_no_entry(client, home_page, contest):
    from django.utils import timezone

    from quizzes.models import ContestPage, ContestRound
    from tests.factories import publish

    contest.opens_at, contest.closes_at = timezone.now() - timedelta(days=30), timezone.now() - timedelta(days=1)
    contest.save()
    page = publish(
        home_page,
        ContestPage(
            title="Cuộc thi đã qua",
            slug="cuoc-thi-da-qua",
            intro="Đã kết thúc.",
            rules="<p>Thể lệ.</p>",
            rounds=[ContestRound(name="Đợt 1", quiz=contest)],
        ),
    )
    html = client.get(page.url).content.decode()
    assert "Cuộc thi đã kết thúc." in html
    assert "Đăng nhập để dự thi" not in html
