"""The editor's report of an H5P activity: summary, attempts table, export, permissions."""

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from h5p import tracking
from tests.factories import CadreFactory, UserFactory, make_unit
from tests.h5p.test_tracking import make_activity, question, statement
from units.models import UnitKind
from units.roles import ADMINISTRATOR, EDITOR, LEARNER, MANAGER, ORGANISER

pytestmark = pytest.mark.django_db

FINISHED = datetime(2026, 1, 5, 9, 10, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def activity(db):
    return make_activity()


@pytest.fixture
def played(activity, learner, other_learner):
    """Nguyễn Văn An: 1/4 failed then 4/4 passed; Trần Thị Bình: 2/4 not completed, and one attempt running."""
    tracking.record_statement(
        learner, activity, statement(activity, raw=1, top=4, success=False), now=FINISHED - timedelta(days=1)
    )
    tracking.record_statement(learner, activity, statement(activity, raw=4, top=4, success=True), now=FINISHED)
    tracking.record_statement(
        other_learner, activity, statement(activity, raw=2, top=4, completion=False), now=FINISHED - timedelta(hours=1)
    )
    tracking.record_statement(
        other_learner, activity, question(activity, "q-1", raw=1, success=True), now=FINISHED + timedelta(hours=1)
    )
    return activity


def url(activity):
    return reverse("h5p_reports:attempts", args=[activity.pk])


def test_report_shows_the_summary_and_the_attempts(client, played):
    client.force_login(UserFactory(groups=[ORGANISER]))
    response = client.get(url(played))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Báo cáo hoạt động H5P" in html and played.title in html
    summary = response.context["summary"]
    assert (summary.attempts, summary.learners, summary.unfinished) == (3, 2, 1)
    # Average 58.3 %, completion 66.7 %, success 50 % (Vietnamese decimal comma); the score is labelled practice.
    for figure in ("58,3 %", "66,7 %", "50 %", "chỉ dùng để luyện tập"):
        assert figure in html
    assert "Nguyễn Văn An" in html and "HP000001" in html and "Phường Hồng Bàng" in html
    assert "05/01/2026 09:10" in html and "05/01/2026 09:08" in html  # finished, started 65 s before
    assert "1:05" in html  # duration
    assert "Chưa kết thúc" in html and "Đạt" in html and "Chưa đạt" in html
    assert response.context["items_count"] == 4


def test_report_queries_do_not_grow_with_attempts(client, played, ward):
    client.force_login(UserFactory(groups=[ORGANISER]))

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(played)).status_code == 200
        return len(captured)

    queries()  # the session's first request also caches once-a-session checks (second factor, privacy notice)
    before = queries()
    for number in range(3):
        user = CadreFactory(staff_code=f"HP10{number}", full_name="Lê Văn Cường", unit=ward).user
        tracking.record_statement(user, played, statement(played, raw=number, top=4))
    assert queries() == before


def test_report_export_csv_and_xlsx(client, played):
    client.force_login(UserFactory(groups=[ORGANISER]))
    response = client.get(url(played), {"export": "csv", "ordering": "-finished_at"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [
        "Học viên",
        "Mã cán bộ",
        "Đơn vị khi làm",
        "Bắt đầu",
        "Kết thúc",
        "Điểm",
        "Điểm tối đa",
        "Tỉ lệ điểm (%)",
        "Thời gian làm",
        "Kết quả",
    ]
    assert [
        "Nguyễn Văn An",
        "HP000001",
        "Phường Hồng Bàng",
        "05/01/2026 09:08",
        "05/01/2026 09:10",
        "4.00",
        "4.00",
        "100.00",
        "1:05",
        "Đạt",
    ] in rows
    assert len(rows) == 5

    response = client.get(url(played), {"export": "xlsx", "ordering": "started_at"})
    values = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True))
    assert len(values) == 5
    first = values[1]
    assert first[:3] == ("Nguyễn Văn An", "HP000001", "Phường Hồng Bàng")
    assert first[4] == datetime(2026, 1, 4, 9, 10)  # local time, not UTC
    assert first[5:8] == (1, 4, 25)


def test_an_editor_sees_only_the_attempts_of_the_units_they_manage(client, played, ward, learner):
    editor = UserFactory(groups=[EDITOR])
    client.force_login(editor)
    response = client.get(url(played))
    assert response.status_code == 200
    html = response.content.decode()
    assert "HP000001" not in html and "HP000002" not in html
    assert "Lượt làm của mọi đơn vị chỉ dành cho Ban tổ chức và Quản trị" in html
    assert "HP000001" not in b"".join(client.get(url(played), {"export": "csv"}).streaming_content).decode()

    # Given the ward to manage, the editor sees its people, and no one else's.
    outsider_unit = make_unit("11312", "Phường Ngô Quyền", ward.get_parent(), UnitKind.WARD)
    outsider = CadreFactory(staff_code="HP3000", full_name="Vũ Thị Giang", unit=outsider_unit).user
    tracking.record_statement(outsider, played, statement(played, raw=3, top=4))
    ward.managers.add(editor)
    html = client.get(url(played)).content.decode()
    assert "HP000001" in html and "HP000002" in html and "HP3000" not in html


def test_activity_listing_links_to_the_report(client, played):
    client.force_login(UserFactory(groups=[EDITOR]))
    response = client.get(reverse("wagtailsnippets_h5p_h5pactivity:list"))
    assert url(played) in response.content.decode()


def test_administrator_sees_the_report(client, played):
    client.force_login(UserFactory(groups=[ADMINISTRATOR]))
    assert client.get(url(played)).status_code == 200


def test_learner_and_manager_are_refused(client, played):
    client.force_login(UserFactory(groups=[LEARNER]))
    response = client.get(url(played))
    assert response.status_code == 403 and "không có quyền vào trang quản trị" in response.content.decode()
    client.force_login(UserFactory(groups=[MANAGER]))
    response = client.get(url(played))
    assert response.status_code == 403 and "Bạn không có quyền mở màn hình này" in response.content.decode()
    assert url(played) not in client.get(reverse("wagtailadmin_home"), follow=True).content.decode()


def test_an_activity_without_attempts_says_so_in_vietnamese(client, activity):
    client.force_login(UserFactory(groups=[ORGANISER]))
    html = client.get(url(activity)).content.decode()
    assert "Chưa có lượt làm nào kết thúc." in html and "Chưa có lượt làm nào." in html
    assert "There are no" not in html


def test_unknown_activity_is_404(client, db):
    client.force_login(UserFactory(groups=[EDITOR]))
    assert client.get(reverse("h5p_reports:attempts", args=[999999])).status_code == 404
