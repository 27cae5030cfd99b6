"""The emulation review (thi đua): criteria, points, ranks and grades; freezing and reopening; scope; the files."""

import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from wagtail.models import ModelLogEntry

from certificates.models import Certificate, CertificateTemplate
from courses.models import Assignment, CourseCompletion
from quizzes.models import Attempt, AttemptState, QuestionCategory
from reports import emulation
from reports.models import (
    EmulationCriterion,
    EmulationGroup,
    EmulationPeriod,
    EmulationScheme,
    EmulationSnapshot,
    Grade,
    Measure,
)
from tests.factories import CadreFactory, UserFactory, make_question, make_quiz, make_unit
from units.models import UnitKind
from units.roles import ADMINISTRATOR, MANAGER
from units.scope import OutOfScope

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 8, 1, 9, tzinfo=HCM)  # after the period: its figures are those of 30/06/2026


def at(day):
    return datetime(day.year, day.month, day.day, 10, tzinfo=HCM)


# Pure rules


def test_points_are_proportional_up_to_the_target_and_a_rate_over_nothing_earns_them_all():
    assert emulation.points(50, 40, 100, Measure.REQUIRED_COMPLETION) == 20
    assert emulation.points(95, 20, 90, Measure.ON_TIME) == 20  # above the target: the maximum, not more
    assert emulation.points(25, 20, 90, Measure.ON_TIME) == 5.56
    assert emulation.points(None, 20, 90, Measure.ON_TIME) == 20  # không phát sinh
    assert emulation.points(None, 15, 90, Measure.AVERAGE_SCORE) == 0  # nothing completed


def test_grades_follow_the_thresholds_and_equal_totals_share_a_rank():
    thresholds = {Grade.EXCELLENT: 90, Grade.GOOD: 75, Grade.COMPLETE: 50}
    assert [emulation.grade_for(total, thresholds) for total in (90, 89.99, 75, 50, 49.99)] == [
        "excellent",
        "good",
        "good",
        "complete",
        "incomplete",
    ]
    rows = emulation.ranked(
        [
            {"name": "Xã Bắc Sơn", "code": "3", "total": 70.0},
            {"name": "Phường An Biên", "code": "1", "total": 80.0},
            {"name": "Xã An Lão", "code": "2", "total": 70.0},
            {"name": "Xã Cát Hải", "code": "4", "total": 10.0},
        ]
    )
    assert [(row["rank"], row["name"]) for row in rows] == [
        (1, "Phường An Biên"),
        (2, "Xã An Lão"),
        (2, "Xã Bắc Sơn"),
        (4, "Xã Cát Hải"),
    ]


def test_the_checksum_does_not_depend_on_key_order():
    assert emulation.checksum({"a": 1, "b": [1.5, "Hải Phòng"]}) == emulation.checksum(
        {"b": [1.5, "Hải Phòng"], "a": 1}
    )
    assert emulation.checksum({"a": 1}) != emulation.checksum({"a": 2})


# A small province


@pytest.fixture
def world(db, course):
    province = make_unit("31", "Thành phố Hải Phòng", kind=UnitKind.PROVINCE)
    an_bien = make_unit("11311", "Phường An Biên", province, UnitKind.WARD)
    le_chan = make_unit("11312", "Phường Lê Chân", province, UnitKind.WARD)
    department = make_unit("SOTT", "Sở Thông tin", province, UnitKind.DEPARTMENT)
    division = make_unit("SOTT-P1", "Phòng Bưu chính", department, UnitKind.DIVISION)
    people = {
        "a1": CadreFactory(full_name="Nguyễn Văn An", staff_code="A1", unit=an_bien),
        "a2": CadreFactory(full_name="Trần Thị Bình", staff_code="A2", unit=an_bien),
        "a3": CadreFactory(full_name="Lê Văn Cường", staff_code="A3", unit=an_bien),
        "a4": CadreFactory(full_name="Phạm Thị Dung", staff_code="A4", unit=an_bien),
        "b1": CadreFactory(full_name="Hoàng Văn Em", staff_code="B1", unit=le_chan),
        "b2": CadreFactory(full_name="Vũ Thị Gấm", staff_code="B2", unit=le_chan),
        "d1": CadreFactory(full_name="Đỗ Văn Hải", staff_code="D1", unit=department),
        "d2": CadreFactory(full_name="Bùi Thị Khánh", staff_code="D2", unit=division),
    }
    assignment = Assignment.objects.create(
        title="An ninh mạng 2026", unit=province, starts_on=date(2026, 1, 1), due_on=date(2026, 3, 31)
    )
    assignment.courses.add(course)
    for key, day, score in (
        ("a1", date(2026, 3, 1), 90),  # on time
        ("a2", date(2026, 5, 1), 70),  # late, within the period
        ("a3", date(2026, 7, 15), 100),  # after the period's end: not counted
        ("b1", date(2026, 2, 1), 100),
        ("b2", date(2026, 2, 1), 100),
    ):
        CourseCompletion.objects.create(
            user=people[key].user,
            course=course,
            course_title=course.title,
            completed_at=at(day),
            score=score,
            lessons_completed=3,
            lessons_required=3,
        )
    category = QuestionCategory.objects.create(name="Pháp luật")
    question = make_question(category, "Luật An ninh mạng năm nào?", [("2018", True), ("2015", False)])
    contest = make_quiz([question], title="Cuộc thi tìm hiểu pháp luật", is_contest=True)
    Attempt.objects.create(
        quiz=contest,
        user=people["a1"].user,
        number=1,
        state=AttemptState.FINISHED,
        started_at=at(date(2026, 4, 2)),
        finished_at=at(date(2026, 4, 2)),
        max_score=4,
        score=4,
        percent=100,
    )
    template = CertificateTemplate.objects.create(name="Mẫu", issuer="Sở", signatory_position="Giám đốc")
    for key, revoked in (("b1", None), ("a2", at(date(2026, 4, 1)))):
        Certificate.objects.create(
            user=people[key].user,
            kind="course",
            source_key=f"course:{course.pk}:1",
            source_id=course.pk,
            template=template,
            year=2026,
            number=Certificate.objects.count() + 1,
            code=f"CODE{key}",
            full_name=people[key].full_name,
            title=course.title,
            result="Đạt",
            achieved_on=date(2026, 3, 1),
            issued_at=at(date(2026, 3, 1)),
            revoked_at=revoked,
        )
    scheme = EmulationScheme.objects.create(name="Bộ tiêu chí cấp xã")
    for order, (measure, weight, target) in enumerate(
        (
            (Measure.REQUIRED_COMPLETION, 40, 100),
            (Measure.ON_TIME, 20, 90),
            (Measure.AVERAGE_SCORE, 15, 90),
            (Measure.CONTEST_PARTICIPATION, 15, 70),
            (Measure.VALID_CERTIFICATE, 10, 80),
        )
    ):
        EmulationCriterion.objects.create(
            scheme=scheme, sort_order=order, measure=measure, weight=Decimal(weight), target=Decimal(target)
        )
    period = EmulationPeriod.objects.create(
        name="Thi đua 6 tháng đầu năm 2026",
        start_on=date(2026, 1, 1),
        end_on=date(2026, 6, 30),
        issuer_parent="UBND thành phố Hải Phòng",
        issuer="Hội đồng Thi đua – Khen thưởng thành phố",
        place="Hải Phòng",
        signer_title="Chủ tịch",
        signer_name="Nguyễn Văn Tùng",
        prepared_by="Lê Thị Lan",
    )
    EmulationGroup.objects.create(period=period, sort_order=0, name="Khối phường", unit_kinds=["ward"], scheme=scheme)
    EmulationGroup.objects.create(
        period=period, sort_order=1, name="Khối sở, ngành", unit_kinds=["department"], scheme=scheme
    )
    administrator = UserFactory(username="quantri", groups=[ADMINISTRATOR])
    manager = UserFactory(username="quanly", groups=[MANAGER])
    department.managers.add(manager)
    return {
        "period": period,
        "people": people,
        "course": course,
        "administrator": administrator,
        "manager": manager,
        "units": {"an_bien": an_bien, "le_chan": le_chan, "department": department, "province": province},
    }


def figures(row):
    return [(value["value"], value["points"]) for value in row["values"]]


def test_each_criterion_counts_what_its_explanation_says_and_units_are_ranked_within_their_group(world):
    data, evidence = emulation.compute(world["period"], now=NOW)
    assert data["as_of"] == "2026-06-30" and data["evidence_sha256"] == emulation.checksum(evidence)
    wards, departments = data["groups"]
    assert [(row["rank"], row["name"], row["total"], row["grade"]) for row in wards["rows"]] == [
        (1, "Phường Lê Chân", 81.25, "good"),
        (2, "Phường An Biên", 44.25, "incomplete"),
    ]
    le_chan, an_bien = wards["rows"]
    # An Biên: 2 of 4 completed by 30/06 (the July completion does not count), 1 of 4 on time, average of the
    # period's completions (90, 70), 1 of 4 in a contest, no valid certificate (the only one was revoked).
    assert figures(an_bien) == [(50.0, 20.0), (25.0, 5.56), (80.0, 13.33), (25.0, 5.36), (0.0, 0.0)]
    assert figures(le_chan) == [(100.0, 40.0), (100.0, 20.0), (100.0, 15.0), (0.0, 0.0), (50.0, 6.25)]
    # The department counts its division's cadre too; no completion: no average score.
    (department,) = departments["rows"]
    assert department["cadres"] == 2
    assert figures(department) == [(0.0, 0.0), (0.0, 0.0), (None, 0.0), (0.0, 0.0), (0.0, 0.0)]
    assert all(criterion["explanation"] for criterion in wards["criteria"])
    # The annex of An Biên: the cadres without a completion by 30/06, overdue since 31/03.
    annex = evidence[str(world["units"]["an_bien"].pk)]
    assert an_bien["missing"] == 2 and le_chan["missing"] == 0
    assert [(line["full_name"], line["overdue"]) for line in annex] == [("Lê Văn Cường", True), ("Phạm Thị Dung", True)]
    assert str(world["units"]["le_chan"].pk) not in evidence


def test_a_frozen_period_keeps_its_figures_whatever_changes_afterwards(world):
    period, people = world["period"], world["people"]
    snapshot = emulation.freeze(period, world["administrator"], now=NOW)
    frozen = emulation.report(period)[0]
    frozen_evidence = EmulationSnapshot.objects.get(pk=snapshot.pk).evidence
    assert snapshot.version == 1 and snapshot.checksum == emulation.checksum(frozen)
    # A late entry backdated into the period, a renamed unit, a cadre moved to another ward.
    CourseCompletion.objects.create(
        user=people["a4"].user,
        course=world["course"],
        course_title="",
        completed_at=at(date(2026, 3, 15)),
        score=100,
        lessons_completed=3,
        lessons_required=3,
    )
    world["units"]["an_bien"].name = "Phường An Biên mới"
    world["units"]["an_bien"].save()
    people["b2"].unit = world["units"]["an_bien"]
    people["b2"].save()
    data, current = emulation.report(EmulationPeriod.objects.get(pk=period.pk))
    assert current == snapshot and data == frozen
    assert EmulationSnapshot.objects.get(pk=snapshot.pk).checksum == emulation.checksum(data)
    assert emulation.compute(period, now=NOW)[0] != frozen  # the records did change
    kept = EmulationSnapshot.objects.get(pk=snapshot.pk).evidence
    assert kept == frozen_evidence and emulation.checksum(kept) == frozen["evidence_sha256"]
    assert emulation.compute(period, now=NOW)[1] != frozen_evidence  # Phạm Thị Dung is no longer missing
    with pytest.raises(emulation.EmulationError, match="đã được khóa"):
        emulation.freeze(period, world["administrator"], now=NOW)
    stored = EmulationSnapshot.objects.get(pk=snapshot.pk)
    stored.data["groups"] = []
    with pytest.raises(ValueError):
        stored.save()
    with pytest.raises(ValueError):
        stored.delete()
    assert ModelLogEntry.objects.filter(action=emulation.FROZEN, user=world["administrator"]).count() == 1


def test_only_an_administrator_with_a_reason_reopens_and_the_old_snapshot_is_kept(world):
    period, administrator = world["period"], world["administrator"]
    with pytest.raises(emulation.EmulationError, match="Chỉ quản trị"):
        emulation.freeze(period, world["manager"])
    first = emulation.freeze(period, administrator, now=NOW)
    with pytest.raises(emulation.EmulationError, match="Chỉ quản trị"):
        emulation.reopen(first, world["manager"], "Sai số liệu")
    with pytest.raises(emulation.EmulationError, match="lý do"):
        emulation.reopen(first, administrator, "   ")
    emulation.reopen(first, administrator, "Công văn số 12 đề nghị điều chỉnh")
    assert period.current_snapshot() is None
    second = emulation.freeze(period, administrator, now=NOW)
    assert second.version == 2
    kept = EmulationSnapshot.objects.get(pk=first.pk)
    assert kept.reopen_reason == "Công văn số 12 đề nghị điều chỉnh" and kept.checksum == emulation.checksum(kept.data)
    entry = ModelLogEntry.objects.get(action=emulation.REOPENED)
    assert entry.user == administrator and entry.data["reason"] == "Công văn số 12 đề nghị điều chỉnh"


def test_a_frozen_period_cannot_be_edited_until_it_is_reopened(world, client):
    period = world["period"]
    emulation.freeze(period, world["administrator"], now=NOW)
    client.force_login(world["administrator"])
    edit_url = f"/admin/ky-thi-dua/edit/{period.pk}/"
    assert client.get(edit_url).status_code == 200
    refused = client.post(edit_url, {"name": "Tên khác", "start_on": "2026-01-01", "end_on": "2026-06-30"})
    assert "đã khóa số liệu" in refused.content.decode()
    assert EmulationPeriod.objects.get(pk=period.pk).name == "Thi đua 6 tháng đầu năm 2026"


# Scope, pages and files


def test_a_manager_sees_only_their_subtree_in_the_ranking_the_files_and_the_annexes(world, client):
    period, manager = world["period"], world["manager"]
    data = emulation.visible(manager, emulation.compute(period, now=NOW)[0])
    assert [[row["name"] for row in group["rows"]] for group in data["groups"]] == [["Sở Thông tin"]]
    assert len(emulation.annex(manager, period, world["units"]["department"], now=NOW)[2]) == 2
    with pytest.raises(OutOfScope):
        emulation.annex(manager, period, world["units"]["an_bien"], now=NOW)

    client.force_login(manager)
    page = client.get(f"/admin/bao-cao/thi-dua/{period.pk}/")
    assert page.status_code == 200
    assert "Sở Thông tin" in page.content.decode() and "Phường Lê Chân" not in page.content.decode()
    assert b"Kh\xc3\xb3a s\xe1\xbb\x91 li\xe1\xbb\x87u</button>" not in page.content  # no freeze button
    workbook = load_workbook(io.BytesIO(client.get(f"/admin/bao-cao/thi-dua/{period.pk}/tep.xlsx").content))
    cells = [cell for row in workbook.active.iter_rows(values_only=True) for cell in row if cell]
    assert "Sở Thông tin" in cells and "Phường Lê Chân" not in cells
    ward = world["units"]["an_bien"].pk
    assert client.get(f"/admin/bao-cao/thi-dua/{period.pk}/minh-chung/{ward}.xlsx").status_code == 403
    assert client.post(f"/admin/bao-cao/thi-dua/{period.pk}/khoa/").status_code == 403
    assert not period.snapshots.exists()


def test_the_administrator_freezes_and_reopens_from_the_report_page(world, client):
    period = world["period"]
    client.force_login(world["administrator"])
    page = client.get(f"/admin/bao-cao/thi-dua/{period.pk}/").content.decode()
    assert "Phường Lê Chân" in page and "Sở Thông tin" in page and "chưa khóa" in page
    client.post(f"/admin/bao-cao/thi-dua/{period.pk}/khoa/")
    snapshot = period.current_snapshot()
    assert snapshot is not None and snapshot.frozen_by == world["administrator"]
    page = client.get(f"/admin/bao-cao/thi-dua/{period.pk}/").content.decode()
    assert snapshot.checksum in page and "Mở lại kỳ" in page
    refused = client.post(f"/admin/bao-cao/thi-dua/{period.pk}/mo-lai/", {"reason": ""})
    assert "Hãy ghi lý do" in refused.content.decode() and period.current_snapshot() == snapshot
    client.post(f"/admin/bao-cao/thi-dua/{period.pk}/mo-lai/", {"reason": "Điều chỉnh theo công văn 15"})
    assert period.current_snapshot() is None
    assert "Điều chỉnh theo công văn 15" in client.get(f"/admin/bao-cao/thi-dua/{period.pk}/").content.decode()


def test_the_excel_file_has_the_administrative_layout_and_the_numbers(world, client):
    period = world["period"]
    emulation.freeze(period, world["administrator"], now=NOW)
    client.force_login(world["administrator"])
    response = client.get(f"/admin/bao-cao/thi-dua/{period.pk}/tep.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    rows = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    text = [cell for row in rows for cell in row if isinstance(cell, str)]
    assert "UBND THÀNH PHỐ HẢI PHÒNG" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text and "Hải Phòng, ngày 01 tháng 08 năm 2026" in text
    assert any("BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM" in cell for cell in text)
    assert "I. Khối phường" in text and "II. Khối sở, ngành" in text
    assert {"STT", "Đơn vị", "Tổng điểm", "Xếp loại", "NGƯỜI LẬP BIỂU", "CHỦ TỊCH", "Nguyễn Văn Tùng"} <= set(text)
    lines = {row[1]: row for row in rows if row[1] in ("Phường Lê Chân", "Phường An Biên")}
    assert lines["Phường Lê Chân"][0] == 1 and lines["Phường An Biên"][0] == 2
    assert tuple(lines["Phường An Biên"][2:12]) == (50, 20, 25, 5.56, 80, 13.33, 25, 5.36, 0, 0)
    assert tuple(lines["Phường An Biên"][12:14]) == (44.25, "Chưa hoàn thành")
    assert tuple(lines["Phường Lê Chân"][12:14]) == (81.25, "Tốt")
    explained = [cell for row in workbook.worksheets[1].iter_rows(values_only=True) for cell in row if cell]
    assert any("Số lượt đã hoàn thành ÷ số lượt phải hoàn thành" in str(cell) for cell in explained)
    assert ModelLogEntry.objects.filter(action="reports.exported", user=world["administrator"]).exists()


def test_the_pdf_and_the_annex_say_the_same(world, client):
    period = world["period"]
    emulation.freeze(period, world["administrator"], now=NOW)
    client.force_login(world["administrator"])
    response = client.get(f"/admin/bao-cao/thi-dua/{period.pk}/tep.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Phường Lê Chân", "81,25", "44,25", "Chưa hoàn thành"):
        assert expected in text
    ward = world["units"]["an_bien"].pk
    annex = load_workbook(
        io.BytesIO(client.get(f"/admin/bao-cao/thi-dua/{period.pk}/minh-chung/{ward}.xlsx").content)
    ).active
    names = [row[1] for row in annex.iter_rows(values_only=True) if row[0] in (1, 2, 3)]
    assert names == ["Lê Văn Cường", "Phạm Thị Dung"]
    pdf = client.get(f"/admin/bao-cao/thi-dua/{period.pk}/minh-chung/{ward}.pdf").content
    annex_text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Phạm Thị Dung" in annex_text and "Nguyễn Văn An" not in annex_text and "31/03/2026" in annex_text
