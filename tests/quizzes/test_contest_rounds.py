"""Contests run from a rulebook: rounds, counted entries, own rank, freezing with prizes and tie reasons, reopening,
the prize list files, and the contest page of a two-round contest.

Attempts are written as finished rows and counted with quizzes.entries.record, as attempts.finish does.
"""

import io
import random
from datetime import timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import ModelLogEntry

from quizzes import entries, freezing, ranking, standings
from quizzes.models import (
    Attempt,
    AttemptState,
    ContestEntry,
    ContestPage,
    ContestRound,
    OverallRule,
    PrizeTier,
    Quiz,
    RoundSnapshot,
    SnapshotLine,
    UnitPrizeTier,
)
from tests.factories import CadreFactory, UserFactory, make_unit, publish
from units.models import UnitKind
from units.roles import ADMINISTRATOR, MANAGER, ORGANISER

pytestmark = pytest.mark.django_db

BASE = timezone.now().replace(microsecond=0) - timedelta(days=2)


def submit(quiz, user, percent, prediction=None, duration=600, at=None, unit=None):
    """A finished attempt submitted at `at` (a datetime, to the microsecond), counted as the submit counts it."""
    at = at or BASE
    attempt = Attempt.objects.create(
        quiz=quiz,
        user=user,
        unit=unit if unit is not None else getattr(getattr(user, "cadre", None), "unit", None),
        number=Attempt.objects.filter(quiz=quiz, user=user).count() + 1,
        state=AttemptState.FINISHED,
        started_at=at - timedelta(seconds=duration),
        finished_at=at,
        duration_seconds=duration,
        max_score=Decimal(10),
        score=Decimal(percent) / 10,
        percent=Decimal(percent),
        all_correct=Decimal(percent) == 100,
        prediction=prediction,
    )
    entries.record(attempt)
    return attempt


def make_round(title="Đợt 1", closed=True, **fields):
    return Quiz.objects.create(
        title=title,
        is_contest=True,
        prediction_enabled=True,
        max_attempts=1,
        opens_at=BASE - timedelta(days=1),
        closes_at=timezone.now() - timedelta(hours=1) if closed else timezone.now() + timedelta(days=1),
        **fields,
    )


@pytest.fixture
def province(db):
    return make_unit("31", "Thành phố Hải Phòng", kind=UnitKind.PROVINCE)


@pytest.fixture
def wards(province):
    return [
        make_unit("11311", "Phường Hồng Bàng", province, UnitKind.WARD),
        make_unit("11312", "Phường Lê Chân", province, UnitKind.WARD),
    ]


def cadres(count, unit, prefix="Nguyễn Văn"):
    return [CadreFactory(full_name=f"{prefix} Số {i + 1}", unit=unit).user for i in range(count)]


@pytest.fixture
def organiser():
    return UserFactory(groups=[ORGANISER])


@pytest.fixture
def administrator():
    return UserFactory(groups=[ADMINISTRATOR])


# Counted entries and own rank


def test_one_entry_per_participant_with_the_best_score_then_the_shorter_time(wards):
    quiz = make_round(closed=False)
    quiz.max_attempts = 3
    quiz.save()
    [an] = cadres(1, wards[0])
    submit(quiz, an, 70, duration=100)
    better = submit(quiz, an, 90, duration=500)
    submit(quiz, an, 80, duration=50)  # a lower score never replaces the counted attempt
    faster = submit(quiz, an, 90, duration=400)

    entry = ContestEntry.objects.get(quiz=quiz, user=an)
    assert entry.attempt_id == faster.pk != better.pk
    assert entries.rebuild(quiz) == 1
    assert ContestEntry.objects.get(quiz=quiz, user=an).attempt_id == faster.pk


def test_own_rank_equals_the_place_in_the_full_ranking_for_everyone(wards):
    """Random contests with many ties (scores, predictions, times and submits to the millisecond)."""
    quiz = make_round(closed=False)
    people = cadres(40, wards[0]) + cadres(20, wards[1], "Trần Thị")
    citizen = UserFactory(first_name="Lê", last_name="Văn Dân")  # no cadre, no unit: ranked, counted in no unit
    rng = random.Random(19)
    for user in [*people, citizen]:
        at = BASE + timedelta(milliseconds=rng.choice([0, 0, 1, 2, 500]))
        submit(
            quiz,
            user,
            rng.choice([60, 80, 100, 100]),
            prediction=rng.choice([None, 8, 10, 12, 14]),
            duration=rng.choice([300, 300, 301]),
            at=at,
        )

    full = ranking.individual_ranking(quiz)

    assert len(full) == 61 and [line.rank for line in full] == list(range(1, 62))
    for line in full:
        own = ranking.own_standing(quiz, type(citizen).objects.get(pk=line.user_id))
        assert (own.rank, own.participants, own.percent) == (line.rank, 61, line.percent)
    units = ranking.unit_ranking(quiz)
    assert sum(unit.participants for unit in units) == 60  # the citizen counts in no unit


def test_own_rank_is_an_index_read_of_a_few_queries(wards, django_assert_max_num_queries):
    quiz = make_round(closed=False)
    people = cadres(30, wards[0])
    for i, user in enumerate(people):
        submit(quiz, user, 50 + i, duration=300)
    with django_assert_max_num_queries(4):  # the entry, the all-correct count, the count above, the total
        own = ranking.own_standing(quiz, people[0])
    assert own.rank == 30


# Freezing: the order, its reasons, prizes, immutability


def test_freeze_orders_crafted_ties_down_to_the_millisecond_and_says_why(wards, organiser):
    quiz = make_round()
    people = cadres(7, wards[0])
    # Six answer everything right: the prediction's answer is 6.
    submit(quiz, people[0], 100, prediction=6, duration=200, at=BASE)
    submit(quiz, people[1], 100, prediction=6, duration=200, at=BASE + timedelta(microseconds=1500))  # 1 ms later
    submit(quiz, people[2], 100, prediction=6, duration=200, at=BASE + timedelta(microseconds=1900))  # same ms
    submit(quiz, people[3], 100, prediction=6, duration=201, at=BASE)
    submit(quiz, people[4], 100, prediction=9, duration=100, at=BASE)
    submit(quiz, people[5], 100, prediction=None, duration=50, at=BASE)
    submit(quiz, people[6], 90, prediction=6, duration=10, at=BASE)

    snapshot = freezing.freeze(quiz, organiser)

    lines = list(snapshot.lines.order_by("rank"))
    assert [line.user_id for line in lines] == [user.pk for user in people]
    assert snapshot.actual_all_correct == 6 and snapshot.participants == 7
    reasons = [line.reason for line in lines]
    assert reasons[0] == ""
    assert "nộp muộn hơn" in reasons[1] and ".001 sau" in reasons[1] and ".000" in reasons[1]
    assert "mili giây" in reasons[2] and "mã lượt" in reasons[2]
    assert "làm bài lâu hơn (201 giây > 200 giây)" in reasons[3]
    assert "dự đoán lệch nhiều hơn (3 > 0)" in reasons[4]
    assert "không dự đoán" in reasons[5]
    assert "Điểm thấp hơn (90.00% < 100.00%)" in reasons[6]
    assert snapshot.checksum == snapshot.computed_checksum() and len(snapshot.checksum) == 64


def test_prizes_follow_the_tiers_their_numbers_and_minimum_scores(wards, organiser):
    quiz = make_round()
    people = cadres(6, wards[0]) + cadres(2, wards[1], "Trần Thị")
    for i, user in enumerate(people):
        submit(quiz, user, 100 - i * 5, duration=300)  # 100, 95, ... 65
    PrizeTier.objects.create(quiz=quiz, name="Giải Nhất", winners=1, sort_order=0)
    PrizeTier.objects.create(quiz=quiz, name="Giải Nhì", winners=2, sort_order=1)
    PrizeTier.objects.create(quiz=quiz, name="Giải Khuyến khích", winners=5, min_percent=Decimal(80), sort_order=2)
    UnitPrizeTier.objects.create(
        quiz=quiz, name="Giải tập thể", winners=2, min_participation=Decimal(50), min_average=Decimal(70), sort_order=0
    )
    CadreFactory(unit=wards[1])  # a third cadre of Lê Chân who stays away: 2 of 3 take part

    snapshot = freezing.freeze(quiz, organiser)

    prizes = [line.prize for line in snapshot.lines.order_by("rank")]
    assert prizes == ["Giải Nhất", "Giải Nhì", "Giải Nhì", "Giải Khuyến khích", "Giải Khuyến khích", "", "", ""]
    units = {line.unit_name: (line.participation, line.average, line.prize) for line in snapshot.unit_lines.all()}
    assert units["Phường Hồng Bàng"] == (Decimal("100.0"), Decimal("87.50"), "Giải tập thể")
    assert units["Phường Lê Chân"][0] == Decimal("66.7") and units["Phường Lê Chân"][2] == ""  # average 67.5 < 70


def test_a_frozen_round_never_changes(wards, organiser):
    quiz = make_round()
    people = cadres(3, wards[0])
    for i, user in enumerate(people[:2]):
        submit(quiz, user, 80 + i * 10)
    snapshot = freezing.freeze(quiz, organiser)
    before = [(line.rank, line.user_id, line.full_name, line.unit_name) for line in snapshot.lines.all()]

    submit(quiz, people[2], 100)  # a late attempt written afterwards
    people[0].cadre.full_name = "Tên Đã Sửa"
    people[0].cadre.save()
    wards[0].name = "Phường Đổi Tên"
    wards[0].save()

    snapshot.refresh_from_db()
    assert [(line.rank, line.user_id, line.full_name, line.unit_name) for line in snapshot.lines.all()] == before
    line = snapshot.lines.first()
    with pytest.raises(ValidationError):
        line.save()
    with pytest.raises(ValidationError):
        line.delete()
    with pytest.raises(freezing.FreezeError, match="đã được chốt"):
        freezing.freeze(quiz, organiser)
    # Altered behind the application's back, the list no longer matches its checksum.
    SnapshotLine.objects.filter(pk=line.pk).update(percent=Decimal(1))
    assert snapshot.computed_checksum() != snapshot.checksum


def test_freezing_is_refused_while_the_round_runs_and_to_other_roles(wards, organiser):
    running = make_round(closed=False)
    with pytest.raises(freezing.FreezeError, match="chưa kết thúc"):
        freezing.freeze(running, organiser)
    with pytest.raises(freezing.FreezeError, match="Ban tổ chức"):
        freezing.freeze(make_round(), CadreFactory(unit=wards[0]).user)
    assert not RoundSnapshot.objects.exists()


def test_only_an_administrator_reopens_with_a_reason_and_the_old_snapshot_is_kept(wards, organiser, administrator):
    quiz = make_round()
    [an, binh] = cadres(2, wards[0])
    submit(quiz, an, 90)
    first = freezing.freeze(quiz, organiser)
    with pytest.raises(freezing.FreezeError, match="Quản trị"):
        freezing.reopen(first, organiser, "Sửa")
    with pytest.raises(freezing.FreezeError, match="lý do"):
        freezing.reopen(first, administrator, "  ")

    freezing.reopen(first, administrator, "Khiếu nại của thí sinh được chấp nhận")
    submit(quiz, binh, 100)  # e.g. an attempt restored after the complaint
    second = freezing.freeze(quiz, organiser)

    first.refresh_from_db()
    assert first.reopened_by == administrator and first.reopen_reason.startswith("Khiếu nại")
    assert first.lines.count() == 1 and second.lines.count() == 2 and second.is_current
    actions = list(ModelLogEntry.objects.filter(object_id=str(quiz.pk)).values_list("action", flat=True))
    assert actions.count(freezing.FROZEN) == 2 and actions.count(freezing.REOPENED) == 1
    entry = ModelLogEntry.objects.filter(action=freezing.REOPENED).get()
    assert "Khiếu nại của thí sinh được chấp nhận" in entry.message


# Rounds and the overall result


@pytest.mark.parametrize(
    ("rule", "expected"),
    [(OverallRule.BEST, ["Bình", "An"]), (OverallRule.SUM, ["An", "Bình"]), (OverallRule.LAST, ["An", "Bình"])],
)
def test_the_overall_result_follows_the_rulebook(home_page, wards, rule, expected):
    one, two = make_round("Đợt 1"), make_round("Đợt 2", closed=False)
    page = publish(
        home_page,
        ContestPage(
            title="Cuộc thi nhiều đợt",
            slug="cuoc-thi-nhieu-dot",
            intro="Hai đợt.",
            rules="<p>.</p>",
            overall_rule=rule,
            rounds=[ContestRound(name="Đợt 1", quiz=one), ContestRound(name="Đợt 2", quiz=two)],
        ),
    )
    an = CadreFactory(full_name="An", unit=wards[0]).user
    binh = CadreFactory(full_name="Bình", unit=wards[0]).user
    submit(one, an, 70)
    submit(two, an, 90)  # best 90, sum 160, last 90
    submit(one, binh, 100)  # best 100, sum 100, last 100 ... but Bình's last is round 1 only
    submit(two, binh, 40, duration=100)  # best 100, sum 140, last 40

    order = [line.user.cadre.full_name for _rank, line in standings.overall_ranking(page, 10)]
    assert order == expected
    assert standings.overall_standing(page, an).rank == expected.index("An") + 1
    assert entries.rebuild_overall(page) == 2
    assert [line.user.cadre.full_name for _rank, line in standings.overall_ranking(page, 10)] == expected


def test_the_contest_page_shows_each_round_and_the_own_rank_outside_the_top_list(client, home_page, wards):
    one, two = make_round("Đợt 1"), make_round("Đợt 2", closed=False)
    one.ranking_published = True
    one.save()
    page = publish(
        home_page,
        ContestPage(
            title="Cuộc thi tìm hiểu pháp luật",
            slug="cuoc-thi-phap-luat",
            intro="Hai đợt.",
            rules="<p>Mỗi đợt một lượt.</p>",
            ranking_size=2,
            rounds=[ContestRound(name="Đợt 1 (tuần 1)", quiz=one), ContestRound(name="Đợt 2 (tuần 2)", quiz=two)],
        ),
    )
    people = cadres(5, wards[0])
    for i, user in enumerate(people):
        submit(one, user, 100 - i * 10)
    me = people[-1]
    submit(two, me, 100)
    client.force_login(me)

    html = client.get(page.url).content.decode()

    assert "Đợt 1 (tuần 1)" in html and "Đợt 2 (tuần 2)" in html
    assert "Đợt thi hiện tại: <strong>Đợt 2 (tuần 2)</strong>" in html
    assert "Bạn xếp hạng <strong>5</strong> trên 5 người dự thi, điểm 60%" in html
    assert "Bạn xếp hạng <strong>1</strong> trên 1 người dự thi, điểm 100%" in html
    assert "Thứ hạng tạm thời" in html
    assert "Đơn vị Phường Hồng Bàng xếp hạng 1" in html
    assert "Chung cuộc" in html
    first_round = html[html.index(f'id="round-{one.pk}-title"') : html.index('id="overall-title"')]
    assert "contest-table__mine" not in first_round  # its top list (2 lines) does not hold me
    assert "Nguyễn Văn Số 1" in first_round and "Nguyễn Văn Số 3" not in first_round
    assert html.count("contest-table__mine") == 1  # but the overall list does (best round: 100)


# Admin: freeze, publish, prize list files


def test_organisers_freeze_publish_and_download_the_prize_list(client, wards, organiser, home_page):
    quiz = make_round(title="Cuộc thi tìm hiểu Luật An ninh mạng – Đợt 1")
    people = cadres(3, wards[0], "Đặng Thị")
    for i, user in enumerate(people):
        submit(quiz, user, 100 - i * 10, prediction=3)
    PrizeTier.objects.create(quiz=quiz, name="Giải Nhất", winners=1, sort_order=0)
    PrizeTier.objects.create(quiz=quiz, name="Giải Nhì", winners=1, sort_order=1)
    client.force_login(organiser)
    page_url = reverse("quiz_reports:round", args=[quiz.pk])

    assert "Chốt kết quả đợt thi" in client.get(page_url).content.decode()
    client.post(reverse("quiz_reports:round_freeze", args=[quiz.pk]))
    client.post(reverse("quiz_reports:round_publish", args=[quiz.pk]), {"publish": "1"})

    quiz.refresh_from_db()
    assert quiz.ranking_published and RoundSnapshot.objects.filter(quiz=quiz).count() == 1
    html = client.get(page_url).content.decode()
    assert "Khớp với dữ liệu đang lưu" in html and "Đặng Thị Số 1" in html
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("quiz_reports:round_prizes", args=[quiz.pk, "xlsx"])).content)
    ).active
    assert [cell.value for cell in sheet[4]] == [
        "STT",
        "Họ và tên",
        "Đơn vị",
        "Điểm (%)",
        "Dự đoán",
        "Thời gian làm bài",
        "Giải",
    ]
    assert [sheet.cell(row, 2).value for row in (5, 6)] == ["Đặng Thị Số 1", "Đặng Thị Số 2"]
    assert sheet.cell(5, 7).value == "Giải Nhất" and sheet.cell(7, 2).value is None
    pdf = client.get(reverse("quiz_reports:round_prizes", args=[quiz.pk, "pdf"]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Đặng Thị Số 1" in text and "Giải Nhì" in text and "Phường Hồng Bàng" in text


def test_a_manager_cannot_freeze_nor_download(client, wards):
    quiz = make_round()
    submit(quiz, cadres(1, wards[0])[0], 90)
    client.force_login(UserFactory(groups=[MANAGER]))
    client.post(reverse("quiz_reports:round_freeze", args=[quiz.pk]))
    assert not RoundSnapshot.objects.exists()


# Concurrency (PostgreSQL)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="DATABASE_URL (PostgreSQL) is not set")
@pytest.mark.django_db(transaction=True)
def test_concurrent_submits_keep_the_ranking_exact(wards):
    import threading

    quiz = make_round(closed=False)
    people = cadres(12, wards[0])
    barrier = threading.Barrier(len(people))
    errors = []

    def run(index):
        from django.db import connection as thread_connection
        from django.db import transaction

        try:
            barrier.wait()
            with transaction.atomic():
                submit(quiz, people[index], 50 + index * 4, duration=300, at=BASE + timedelta(milliseconds=index))
        except Exception as error:  # noqa: BLE001 - reported to the test
            errors.append(error)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(people))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert [line.user_id for line in ranking.individual_ranking(quiz)] == [user.pk for user in reversed(people)]
    assert ranking.own_standing(quiz, people[0]).rank == 12


def test_the_public_results_page_of_a_round_shows_winners_unit_prizes_and_charts(client, home_page, wards, organiser):
    quiz = make_round()
    page = publish(
        home_page,
        ContestPage(
            title="Cuộc thi tìm hiểu pháp luật",
            slug="cuoc-thi-ket-qua",
            intro="Một đợt.",
            rules="<p>.</p>",
            rounds=[ContestRound(name="Đợt 1 (tuần 1)", quiz=quiz)],
        ),
    )
    item = page.rounds.get()
    url = page.url + page.reverse_subpage("round_results", args=[item.pk])
    assert client.get(url).status_code == 404  # not published yet
    for user, percent in zip(cadres(4, wards[0], "Phạm Thị"), (95, 95, 75, 55), strict=True):
        submit(quiz, user, percent, duration=300)
    PrizeTier.objects.create(quiz=quiz, name="Giải Nhất", winners=1, sort_order=0)
    UnitPrizeTier.objects.create(quiz=quiz, name="Giải tập thể xuất sắc", winners=1, sort_order=0)
    freezing.freeze(quiz, organiser)
    quiz.ranking_published = True
    quiz.save()

    html = client.get(url).content.decode()

    assert "Danh sách đạt giải cá nhân" in html and "Phạm Thị Số 1" in html and "Phạm Thị Số 2" not in html
    assert "Giải tập thể xuất sắc</strong>: Phường Hồng Bàng" in html
    assert html.count('class="contest-chart__bar" style="width: 100%"') == 2  # the fullest band and unit
    assert html.count('class="contest-chart__bar" style="width: 50%"') == 2  # the 70s and the 50s
    assert '<span class="contest-chart__label">90–100</span>' in html
    assert "Trang kết quả đợt thi" in client.get(page.url).content.decode()


def test_an_editor_cannot_open_the_frozen_list_of_every_unit(client, wards):
    from django.contrib.auth.models import Permission

    quiz = make_round()
    submit(quiz, cadres(1, wards[0])[0], 90)
    editor = UserFactory(groups=["Biên tập viên"])
    editor.user_permissions.add(Permission.objects.get(content_type__app_label="quizzes", codename="change_quiz"))
    client.force_login(editor)
    assert client.get(reverse("quiz_reports:round", args=[quiz.pk])).status_code == 403
