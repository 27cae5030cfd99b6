"""Admin report pages of a quiz: statistics, results with export, and the contest ranking in Excel."""

import csv
import io
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from quizzes import ranking
from tests.factories import CadreFactory, UserFactory, make_quiz, make_unit
from tests.quizzes.played import play
from units.models import Cadre, UnitKind
from units.roles import ADMINISTRATOR, EDITOR, LEARNER, MANAGER, ORGANISER

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    user = UserFactory(groups=[EDITOR])
    user.user_permissions.add(Permission.objects.get(content_type__app_label="quizzes", codename="change_quiz"))
    return user


@pytest.fixture
def organiser():
    """Ban tổ chức: sees and exports the results of every unit."""
    return UserFactory(groups=[ORGANISER])


@pytest.fixture
def contest(four_questions, ward):
    """A contest with predictions: three participants in the ward, and a second unit with a cadre who stays away.

    Scores 100, 75, 50; the real number who got everything right is 1.
    """
    quiz = make_quiz(
        four_questions,
        title="Cuộc thi tìm hiểu Luật An ninh mạng",
        is_contest=True,
        prediction_enabled=True,
        pass_mark=50,
    )
    play(
        quiz,
        four_questions,
        ward,
        patterns=[(True,) * 4, (True, True, True, False), (True, True, False, False)],
        predictions=[3, 1, None],
        prefix="HP2",
    )
    other = make_unit("11312", "Phường Ngô Quyền", ward.get_parent(), UnitKind.WARD)
    CadreFactory(staff_code="HP3000", full_name="Vũ Thị Giang", unit=other)
    return quiz


def url(name, quiz):
    return reverse(f"quiz_reports:{name}", args=[quiz.pk])


def test_statistics_page_shows_the_numbers(client, editor, played_quiz, four_questions):
    client.force_login(editor)
    response = client.get(url("statistics", played_quiz))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thống kê bài kiểm tra" in html
    assert "Câu hỏi số 2" in html
    stats = response.context["stats"]
    assert (stats.attempts, stats.participants) == (5, 5)
    # mean 60 %, median 50 %, pass rate 40 %, discrimination of question 2 is 64,5 (Vietnamese decimal comma)
    for figure in ("60 %", "50 %", "40 %", "64,5"):
        assert figure in html
    assert [bucket.count for bucket in stats.buckets] == [0, 0, 1, 0, 0, 2, 0, 1, 0, 1]
    assert "90–100 %" in html


def test_statistics_questions_sort_by_facility(client, editor, played_quiz, four_questions):
    client.force_login(editor)
    hardest_first = client.get(url("statistics", played_quiz), {"sort": "facility"}).context["questions"]
    assert [line.facility for line in hardest_first] == [40, 40, 60, 100]
    easiest_first = client.get(url("statistics", played_quiz), {"sort": "-facility"}).context["questions"]
    assert easiest_first[0].question_id == four_questions[0].pk


def test_results_page_lists_attempts_with_local_times(client, organiser, played_quiz):
    client.force_login(organiser)
    response = client.get(url("results", played_quiz))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nguyễn Văn An" in html and "HP10000" in html and "Phường Hồng Bàng" in html
    assert "05/01/2026 09:10" in html  # finished 02:10 UTC
    assert "10:00" in html  # ten minutes
    assert response.context["items_count"] == 5


def test_results_page_queries_do_not_grow_with_attempts(client, organiser, played_quiz, four_questions, ward):
    client.force_login(organiser)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("results", played_quiz)).status_code == 200
        return len(captured)

    queries()  # the session's first request also caches once-a-session checks (second factor, privacy notice)
    before = queries()
    play(played_quiz, four_questions, ward, patterns=[(True, False, True, False)] * 3, prefix="HP9")
    assert queries() == before


def test_results_export_csv_and_xlsx(client, organiser, played_quiz):
    client.force_login(organiser)
    response = client.get(url("results", played_quiz), {"export": "csv", "ordering": "-percent"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [
        "Học viên",
        "Mã cán bộ",
        "Đơn vị khi làm bài",
        "Lượt thứ",
        "Điểm (%)",
        "Kết quả",
        "Thời gian làm bài",
        "Nộp lúc",
    ]
    assert rows[1] == [
        "Nguyễn Văn An",
        "HP10000",
        "Phường Hồng Bàng",
        "1",
        "100.00",
        "Đạt",
        "10:00",
        "05/01/2026 09:10",
    ]
    assert rows[-1][4:6] == ["25.00", "Chưa đạt"]

    response = client.get(url("results", played_quiz), {"export": "xlsx", "ordering": "-percent"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 6
    assert values[1][:5] == ("Nguyễn Văn An", "HP10000", "Phường Hồng Bàng", 1, 100)
    assert values[1][7] == datetime(2026, 1, 5, 9, 10)  # Asia/Ho_Chi_Minh, not UTC


def test_ranking_export_matches_the_ranking(client, organiser, contest):
    client.force_login(organiser)
    response = client.get(url("ranking_export", contest))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Xếp hạng cá nhân", "Xếp hạng đơn vị"]

    individuals = workbook["Xếp hạng cá nhân"]
    header = [cell.value for cell in individuals[1]]
    assert header == [
        "Hạng",
        "Họ và tên",
        "Mã cán bộ",
        "Đơn vị",
        "Điểm (%)",
        "Dự đoán",
        "Độ lệch dự đoán",
        "Thời gian làm bài",
        "Thời điểm nộp",
    ]
    assert all(cell.font.bold for cell in individuals[1])
    assert individuals.column_dimensions["B"].width >= 20
    rows = list(individuals.iter_rows(min_row=2, values_only=True))
    expected = ranking.individual_ranking(contest)
    assert [row[0] for row in rows] == [1, 2, 3]
    assert [row[2] for row in rows] == [Cadre.objects.get(user_id=line.user_id).staff_code for line in expected]
    assert [row[4] for row in rows] == [100, 75, 50]
    assert rows[0][5:7] == (3, 2)  # predicted 3, one got everything right
    assert rows[1][5:7] == (1, 0)
    assert rows[2][5:7] == (None, None)
    assert rows[0][7] == timedelta(minutes=10)
    assert rows[0][8] == datetime(2026, 1, 5, 9, 10)

    units = list(workbook["Xếp hạng đơn vị"].iter_rows(values_only=True))
    assert units[0] == ("Hạng", "Đơn vị", "Số cán bộ", "Số người dự thi", "Tỉ lệ tham gia (%)", "Điểm trung bình (%)")
    assert units[1] == (1, "Phường Hồng Bàng", 3, 3, 100, 75)
    assert units[2][:5] == (2, "Phường Ngô Quyền", 1, 0, 0)


def test_an_editor_sees_only_the_results_of_the_units_they_manage(client, editor, contest, ward):
    client.force_login(editor)
    response = client.get(url("results", contest))
    assert response.status_code == 200 and response.context["items_count"] == 0
    assert "Kết quả của mọi đơn vị chỉ dành cho Ban tổ chức và Quản trị" in response.content.decode()
    assert "HP2" not in b"".join(client.get(url("results", contest), {"export": "csv"}).streaming_content).decode()
    # The statistics are aggregates: every editor sees them.
    assert client.get(url("statistics", contest)).status_code == 200

    ward.managers.add(editor)
    assert client.get(url("results", contest)).context["items_count"] == 3
    other_ward = ward.get_parent().get_children().exclude(pk=ward.pk).get()
    ward.managers.remove(editor)
    other_ward.managers.add(editor)
    assert client.get(url("results", contest)).context["items_count"] == 0


def test_the_ranking_file_of_every_participant_is_for_the_organisers(client, editor, contest):
    client.force_login(editor)
    response = client.get(url("ranking_export", contest))
    assert response.status_code == 403
    assert "Chỉ Ban tổ chức và Quản trị được xuất bảng xếp hạng của mọi đơn vị." in response.content.decode()
    assert client.get(reverse("wagtailadmin_home")).status_code == 200  # refused, still logged in


def test_ranking_export_is_only_for_contests(client, editor, played_quiz):
    client.force_login(editor)
    assert client.get(url("ranking_export", played_quiz)).status_code == 404


def test_quiz_listing_links_to_the_reports(client, editor, contest):
    client.force_login(editor)
    response = client.get(reverse("wagtailsnippets_quizzes_quiz:list"))
    html = response.content.decode()
    for name in ("statistics", "results", "ranking_export"):
        assert url(name, contest) in html


def test_administrator_sees_the_reports(client, played_quiz):
    client.force_login(UserFactory(groups=[ADMINISTRATOR]))
    assert client.get(url("statistics", played_quiz)).status_code == 200


@pytest.mark.parametrize("name", ["statistics", "results", "ranking_export"])
def test_learner_and_manager_are_refused(client, contest, name):
    client.force_login(UserFactory(groups=[LEARNER]))
    response = client.get(url(name, contest))
    assert response.status_code == 403 and "không có quyền vào trang quản trị" in response.content.decode()
    # A manager may open the admin but not change quizzes: the admin's 403 page (home.errors).
    client.force_login(UserFactory(groups=[MANAGER]))
    response = client.get(url(name, contest))
    assert response.status_code == 403 and "Bạn không có quyền mở màn hình này" in response.content.decode()
