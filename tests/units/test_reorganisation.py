"""Reorganisations: merge, split, move, rename, deactivate, and the history they must keep."""

from datetime import UTC, date, datetime

import pytest

from courses.models import CourseCompletion, Enrolment, EnrolmentSource
from quizzes.attempts import finish, start_attempt
from quizzes.models import Attempt
from tests.factories import CadreFactory, UserFactory, make_question, make_quiz, make_unit
from units import reorganisation as reorg
from units.membership import record_units
from units.models import Cadre, Membership, Reorganisation, Unit, UnitKind, UnitSuccession
from units.reorganisation import NewUnit, ReorganisationError

BEFORE = date(2026, 3, 2)
EFFECTIVE = date(2026, 7, 1)


@pytest.fixture
def tree(db, time_machine):
    """A province with two departments (one with a division) and their staff, since 2 March 2026."""
    time_machine.move_to(datetime(2026, 3, 2, 3, 0, tzinfo=UTC))
    province = make_unit("31", "Thành phố Hải Phòng", kind=UnitKind.PROVINCE)
    a = make_unit("31-SKHCN", "Sở Khoa học và Công nghệ", province, UnitKind.DEPARTMENT)
    b = make_unit("31-STTTT", "Sở Thông tin và Truyền thông", province, UnitKind.DEPARTMENT)
    division = make_unit("31-STTTT-BC", "Phòng Báo chí", b, UnitKind.DIVISION)
    other = make_unit("31-SNV", "Sở Nội vụ", province, UnitKind.DEPARTMENT)
    people = {
        "A1": CadreFactory(staff_code="A1", full_name="Nguyễn Văn An", unit=a),
        "A2": CadreFactory(staff_code="A2", full_name="Trần Thị Bình", unit=a),
        "B1": CadreFactory(staff_code="B1", full_name="Lê Văn Cường", unit=b),
        "D1": CadreFactory(staff_code="D1", full_name="Phạm Thị Dung", unit=division),
    }
    record_units([cadre.pk for cadre in people.values()])
    time_machine.move_to(datetime(2026, 7, 15, 3, 0, tzinfo=UTC))
    return {"province": province, "a": a, "b": b, "division": division, "other": other, **people}


def history_of(tree, quiz_questions):
    """An enrolment, a completion and a finished quiz attempt for each of A1 and B1, in their units."""
    quiz = make_quiz(quiz_questions)
    for cadre in (tree["A1"], tree["B1"]):
        Enrolment.objects.create(
            user=cadre.user, course_title="An ninh mạng", unit=cadre.unit, source=EnrolmentSource.SELF
        )
        CourseCompletion.objects.create(
            user=cadre.user,
            course_title="An ninh mạng",
            unit=cadre.unit,
            completed_at=datetime(2026, 4, 1, tzinfo=UTC),
            lessons_completed=3,
            lessons_required=3,
        )
        attempt = start_attempt(cadre.user, quiz, now=datetime(2026, 4, 2, 2, 0, tzinfo=UTC))
        finish(attempt.pk, user=cadre.user, answers={}, now=datetime(2026, 4, 2, 2, 5, tzinfo=UTC))


@pytest.fixture
def quiz_questions(db):
    from quizzes.models import QuestionCategory

    category = QuestionCategory.objects.create(name="An ninh mạng", topic="security")
    return [make_question(category, "Mật khẩu nào mạnh?", [("123456", False), ("Mùa@Thu2026!", True)])]


def refresh(*units):
    return [Unit.objects.get(pk=unit.pk) for unit in units]


def test_merging_two_units_into_a_new_one_moves_people_and_keeps_every_record_in_its_old_unit(tree, quiz_questions):
    history_of(tree, quiz_questions)
    province, a, b = tree["province"], tree["a"], tree["b"]
    plan = reorg.plan_merge(
        [a, b], NewUnit("31-SKHCN-MOI", "Sở Khoa học và Công nghệ", UnitKind.DEPARTMENT, province), EFFECTIVE
    )
    assert [(move.source.code, move.count) for move in plan.cadre_moves] == [("31-SKHCN", 2), ("31-STTTT", 1)]
    assert [move.unit.code for move in plan.unit_moves] == ["31-STTTT-BC"]

    reorganisation = reorg.apply(plan, UserFactory(), decision="Nghị quyết 01/NQ-HĐND")

    c = Unit.objects.get(code="31-SKHCN-MOI")
    a, b = refresh(a, b)
    assert c.get_parent() == province
    assert set(Cadre.objects.filter(unit=c).values_list("staff_code", flat=True)) == {"A1", "A2", "B1"}
    assert not a.is_active and not b.is_active
    assert Unit.objects.get(code="31-STTTT-BC").get_parent() == c
    assert set(UnitSuccession.objects.values_list("old_code", "new_unit__code")) == {
        ("31-SKHCN", "31-SKHCN-MOI"),
        ("31-STTTT", "31-SKHCN-MOI"),
    }
    assert reorganisation.decision == "Nghị quyết 01/NQ-HĐND"
    assert reorganisation.summary["cadres_moved"] == 3
    # Every record made before the merge still names the unit it happened in.
    for model in (Enrolment, CourseCompletion, Attempt):
        assert {(row.user.cadre.staff_code, row.unit.code) for row in model.objects.all()} == {
            ("A1", "31-SKHCN"),
            ("B1", "31-STTTT"),
        }, model
    # A report on the old unit as of a past date still finds its people.
    assert set(reorg.members_on(a, date(2026, 6, 30)).values_list("staff_code", flat=True)) == {"A1", "A2"}
    assert not reorg.members_on(a, EFFECTIVE).exists()
    assert set(reorg.members_on(c, EFFECTIVE).values_list("staff_code", flat=True)) == {"A1", "A2", "B1", "D1"}
    periods = list(Membership.objects.filter(cadre=tree["A1"]).values_list("unit__code", "started_on", "ended_on"))
    assert periods == [("31-SKHCN", BEFORE, date(2026, 6, 30)), ("31-SKHCN-MOI", EFFECTIVE, None)]
    assert reorg.successor_of("31-STTTT") == c
    assert Unit.find_problems() == ([], [], [], [], [])


def test_merging_into_an_existing_unit_and_following_the_chain_of_successors(tree):
    a, b, other = tree["a"], tree["b"], tree["other"]
    reorg.apply(reorg.plan_merge([a], b, EFFECTIVE))
    assert Cadre.objects.get(staff_code="A1").unit == b
    reorg.apply(reorg.plan_rename(b, name="Sở Khoa học, Công nghệ và Truyền thông", code="31-SKHCNTT"))
    reorg.apply(reorg.plan_merge([Unit.objects.get(pk=b.pk)], other))
    assert reorg.successor_of("31-SKHCN") == other
    assert reorg.successor_of("31-STTTT") == other
    assert reorg.successor_of("31-SNV") == other
    assert reorg.successor_of("KHONG-CO") is None


def test_a_cadre_who_left_stays_in_the_old_unit(tree):
    a, b = tree["a"], tree["b"]
    Cadre.objects.filter(staff_code="A2").update(left_on=date(2026, 5, 1))
    reorg.apply(reorg.plan_merge([a], b, EFFECTIVE))
    assert Cadre.objects.get(staff_code="A2").unit == a
    assert not Membership.objects.filter(cadre__staff_code="A2", unit=b).exists()


def test_split_moves_the_listed_members_and_sub_units(tree):
    b, province = tree["b"], tree["province"]
    CadreFactory(staff_code="B2", full_name="Đỗ Văn Em", unit=b)
    plan = reorg.plan_split(
        b,
        {
            NewUnit("31-SBC", "Sở Báo chí", UnitKind.DEPARTMENT, province): ["b1", "31-STTTT-BC"],
            NewUnit("31-SVT", "Sở Viễn thông", UnitKind.DEPARTMENT, province): ["B2"],
        },
        EFFECTIVE,
    )
    reorg.apply(plan)
    assert Cadre.objects.get(staff_code="B1").unit.code == "31-SBC"
    assert Cadre.objects.get(staff_code="B2").unit.code == "31-SVT"
    assert Unit.objects.get(code="31-STTTT-BC").get_parent().code == "31-SBC"
    assert not Unit.objects.get(code="31-STTTT").is_active
    assert reorg.successor_of("31-STTTT") is None  # split: no single successor
    assert {unit.code for unit in reorg.successors_of("31-STTTT")} == {"31-SBC", "31-SVT"}


def test_split_refuses_to_leave_members_unassigned(tree):
    b, province = tree["b"], tree["province"]
    with pytest.raises(ReorganisationError) as refused:
        reorg.plan_split(
            b,
            {
                NewUnit("31-SBC", "Sở Báo chí", parent=province): ["B1"],
                NewUnit("31-SVT", "Sở Viễn thông", parent=province): ["XYZ"],
            },
        )
    text = str(refused.value)
    assert "Còn 1 đơn vị trực thuộc chưa được giao: Phòng Báo chí" in text
    assert 'Mã "XYZ" không phải cán bộ' in text


def test_move_keeps_the_subtree_paths_consistent(tree):
    b, other, division = tree["b"], tree["other"], tree["division"]
    reorg.apply(reorg.plan_move(b, other))
    b, division = refresh(b, division)
    assert b.get_parent() == other
    assert division.get_parent() == b and division.path.startswith(other.path)
    assert Unit.find_problems() == ([], [], [], [], [])
    reorg.apply(reorg.plan_move(b, None))
    assert Unit.objects.get(pk=b.pk).is_root()
    assert Unit.find_problems() == ([], [], [], [], [])
    assert Membership.objects.filter(ended_on__isnull=False).count() == 0  # a move changes nobody's unit


def test_rename_keeps_the_old_code_and_name(tree):
    reorg.apply(reorg.plan_rename(tree["a"], name="Sở KH&CN", code="31-khcn"))
    unit = Unit.objects.get(pk=tree["a"].pk)
    assert (unit.code, unit.name) == ("31-KHCN", "Sở KH&CN")
    succession = UnitSuccession.objects.get()
    assert (succession.old_code, succession.old_name, succession.new_unit) == (
        "31-SKHCN",
        "Sở Khoa học và Công nghệ",
        unit,
    )
    assert reorg.successor_of("31-SKHCN") == unit


def test_deactivate_needs_an_empty_subtree(tree):
    with pytest.raises(ReorganisationError, match="còn 2 cán bộ đang công tác"):
        reorg.plan_deactivate(tree["b"])
    reorg.apply(reorg.plan_deactivate(tree["other"]))
    assert not Unit.objects.get(code="31-SNV").is_active
    assert Unit.objects.filter(code="31-SNV").exists()  # never deleted


@pytest.mark.parametrize(
    "make_plan, message",
    [
        (lambda t: reorg.plan_merge([t["b"]], t["division"]), "cấp dưới của nó"),
        (lambda t: reorg.plan_merge([t["b"]], NewUnit("X", "X", parent=t["division"])), "sắp ngừng hoạt động"),
        (lambda t: reorg.plan_merge([], t["b"]), "ít nhất một đơn vị"),
        (lambda t: reorg.plan_merge([t["a"]], NewUnit("31-snv", "Trùng mã", parent=t["province"])), "đã được dùng"),
        (lambda t: reorg.plan_move(t["b"], t["division"]), "chính nó hoặc đơn vị cấp dưới"),
        (lambda t: reorg.plan_move(t["b"], t["b"]), "chính nó hoặc đơn vị cấp dưới"),
        (lambda t: reorg.plan_rename(t["a"], code="31-SNV"), "đã được dùng"),
        (lambda t: reorg.plan_merge([t["a"]], t["b"], date(2099, 1, 1)), "chưa tới"),
        (lambda t: reorg.plan_merge([t["a"]], t["b"], date(2026, 1, 1)), "sớm hơn ngày 02/03/2026"),
    ],
)
def test_impossible_plans_are_refused_with_a_message(tree, make_plan, message):
    with pytest.raises(ReorganisationError, match=message):
        make_plan(tree)


def test_inactive_target_is_refused_and_nothing_is_written(tree):
    reorg.apply(reorg.plan_deactivate(tree["other"]))
    units, memberships = Unit.objects.count(), Membership.objects.count()
    with pytest.raises(ReorganisationError, match="đã ngừng hoạt động"):
        reorg.plan_merge([tree["a"]], tree["other"])
    assert (Unit.objects.count(), Membership.objects.count(), Reorganisation.objects.count()) == (units, memberships, 1)


def test_a_plan_that_went_stale_after_the_preview_writes_nothing(tree):
    plan = reorg.plan_merge([tree["a"]], tree["b"], EFFECTIVE)
    CadreFactory(staff_code="A9", full_name="Người mới", unit=tree["a"])
    with pytest.raises(ReorganisationError, match="xem trước lại"):
        reorg.apply(plan)
    assert Cadre.objects.get(staff_code="A1").unit == tree["a"]
    assert not Reorganisation.objects.exists()


def test_a_merged_unit_s_course_assignments_follow_its_successor(tree):
    from courses.models import Assignment

    a, b = tree["a"], tree["b"]
    assignment = Assignment.objects.create(
        title="An toàn thông tin 2026",
        unit=a,
        include_subunits=True,
        starts_on=date(2026, 1, 1),
        due_on=date(2026, 12, 31),
    )
    reorg.apply(reorg.plan_merge([a], b, EFFECTIVE))
    assignment.refresh_from_db()
    assert assignment.unit == b
