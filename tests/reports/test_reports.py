"""Completion reports by unit (reports.queries and reports.views)."""

import csv
import io
import random
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from courses.models import Assignment, CourseCompletion, Enrolment
from reports import counters, queries
from tests.factories import CadreFactory, UserFactory, make_unit
from tests.reports.helpers import course_report
from units.roles import ADMINISTRATOR
from units.scope import OutOfScope

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
FIELDS = ["cadres", "required", "enrolled", "in_progress", "completed", "overdue"]


@pytest.fixture
def people(tree, course):
    """Cadres spread over the tree with random enrolments and completions (and two who do not count)."""
    rng = random.Random(7)
    units = list(tree.values())
    cadres = []
    for number in range(40):
        person = CadreFactory(staff_code=f"HP{number:04d}", unit=rng.choice(units))
        state = rng.choice(["none", "enrolled", "completed", "completed_only"])
        if state in ("enrolled", "completed"):
            Enrolment.objects.create(user=person.user, course=course, course_title=course.title, source="self")
        if state in ("completed", "completed_only"):
            CourseCompletion.objects.create(
                user=person.user,
                course=course,
                course_title=course.title,
                completed_at=datetime(2026, 2, 1, 9, tzinfo=HCM),
                score=80,
                lessons_completed=3,
                lessons_required=3,
            )
        cadres.append(person)
    CadreFactory(staff_code="HPLEFT", unit=tree["division"], left_on=date(2025, 12, 31))
    gone = CadreFactory(staff_code="HPGONE", unit=tree["other"])
    gone.user.is_active = False
    gone.user.save()
    counters.rebuild()  # the test's transaction never commits, so the scheduled refreshes never run
    return cadres


def expected(tree, people, course, unit, assignment_mode, today):
    """Per-cadre computation from the raw records: [child rows..., own, total] as tuples of FIELDS."""
    enrolled = set(Enrolment.objects.filter(course=course).values_list("user_id", flat=True))
    completed = set(CourseCompletion.objects.filter(course=course).values_list("user_id", flat=True))

    def counts(selected):
        total = [0] * 6
        for person in selected:
            done = person.user_id in completed
            started = person.user_id in enrolled
            if assignment_mode:
                overdue = not done and today > date(2026, 3, 31)
                in_progress = started and not done and not overdue
            else:
                overdue, in_progress = False, started and not done
            for index, value in enumerate([1, 1, started, in_progress, done, overdue]):
                total[index] += value
        return tuple(total)

    children = list(unit.get_children())
    rows = [counts([p for p in people if p.unit.path.startswith(child.path)]) for child in children]
    rows.append(counts([p for p in people if p.unit_id == unit.pk]))
    rows.append(counts([p for p in people if p.unit.path.startswith(unit.path)]))
    return rows


def as_tuples(rows):
    return [tuple(getattr(row, name) for name in FIELDS) for row in rows]


@pytest.mark.parametrize("unit_name", ["province", "department", "division"])
def test_course_rollup_matches_a_per_cadre_computation(tree, people, course, administrator, unit_name):
    unit = tree[unit_name]
    rows = queries.unit_rollup(administrator, unit, queries.Filters(course=course))
    assert [row.kind for row in rows] == ["child"] * unit.get_children_count() + ["own", "total"]
    assert as_tuples(rows) == expected(tree, people, course, unit, False, None)
    total = rows[-1]
    assert total.rate == round(total.completed * 100 / total.cadres, 1)


@pytest.mark.parametrize("today", [date(2026, 3, 1), date(2026, 4, 2)])
def test_assignment_rollup_matches_a_per_cadre_computation(tree, people, course, administrator, today):
    assignment = Assignment.objects.create(
        title="An ninh mạng 2026", unit=tree["province"], starts_on=date(2026, 1, 1), due_on=date(2026, 3, 31)
    )
    assignment.courses.add(course)
    now = datetime(today.year, today.month, today.day, 9, tzinfo=HCM)
    for unit in tree.values():
        rows = queries.unit_rollup(administrator, unit, queries.Filters(assignment=assignment), now=now)
        assert as_tuples(rows) == expected(tree, people, course, unit, True, today)


def test_course_mode_counts_as_overdue_what_the_assignments_have_overdue_once_per_person_and_course(
    tree, people, course, administrator
):
    for title, due_on in (("An ninh mạng 2026", date(2026, 3, 31)), ("Nhắc lại an ninh mạng", date(2026, 3, 15))):
        assignment = Assignment.objects.create(
            title=title, unit=tree["province"], starts_on=date(2026, 1, 1), due_on=due_on
        )
        assignment.courses.add(course)
    now = datetime(2026, 4, 2, 9, tzinfo=HCM)
    for unit in tree.values():
        course_rows = queries.unit_rollup(administrator, unit, queries.Filters(course=course), now=now)
        # The same pairs as the later assignment's own report, which has every unfinished pair overdue by now.
        by_assignment = queries.unit_rollup(administrator, unit, queries.Filters(assignment=assignment), now=now)
        assert [row.overdue for row in course_rows] == [row.overdue for row in by_assignment]
        assert course_rows[-1].overdue == course_rows[-1].required - course_rows[-1].completed > 0
    province = queries.unit_rollup(administrator, tree["province"], queries.Filters(course=course), now=now)
    groups = queries.group_report(administrator, tree["province"], queries.Filters(course=course), "category", now=now)
    assert groups[-1].overdue == province[-1].overdue
    before = queries.unit_rollup(administrator, tree["province"], queries.Filters(course=course), now=date(2026, 3, 1))
    assert before[-1].overdue == 0  # nothing is due yet


def test_out_of_scope_is_refused_and_course_report_lists_the_subtree(tree, people, course, manager):
    with pytest.raises(OutOfScope):
        queries.unit_rollup(manager, tree["other"], queries.Filters(course=course))
    with pytest.raises(OutOfScope):
        course_report(manager, tree["province"], course)
    lines = course_report(manager, tree["department"], course)
    inside = [p for p in people if p.unit.path.startswith(tree["department"].path)]
    assert sorted(line.staff_code for line in lines) == sorted(p.staff_code for p in inside)
    completed = set(CourseCompletion.objects.values_list("user__cadre__staff_code", flat=True))
    assert {line.staff_code for line in lines if line.status == "completed"} == completed & {
        p.staff_code for p in inside
    }


def urls(unit, course):
    query = f"?unit={unit.pk}&subject=course-{course.pk}"
    return [
        reverse("unit_reports:rollup") + query,
        reverse("unit_reports:export", args=["xlsx"]) + query,
        reverse("unit_reports:export", args=["csv"]) + query,
    ]


def test_manager_gets_403_outside_their_subtree_and_sees_their_own(client, tree, people, course, manager):
    client.force_login(manager)
    for unit in (tree["other"], tree["province"]):
        for url in urls(unit, course):
            assert client.get(url).status_code == 403, url
    for url in urls(tree["division"], course):
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("unit_reports:rollup") + f"?subject=course-{course.pk}").content.decode()
    assert "Phòng Bưu chính" in page and f"?unit={tree['division'].pk}&amp;subject=course-{course.pk}" in page
    assert "Sở Nội vụ" not in page
    learner = people[0].user
    client.force_login(learner)
    assert client.get(urls(tree["division"], course)[0]).status_code in (302, 403)


def test_administrator_sees_everything_and_exports_match_the_page(client, tree, people, course, administrator):
    client.force_login(administrator)
    for unit in tree.values():
        for url in urls(unit, course):
            assert client.get(url).status_code == 200
    page_url, xlsx_url, csv_url = urls(tree["province"], course)
    response = client.get(page_url)
    html = response.content.decode()
    assert "Sở Thông tin" in html and "Sở Nội vụ" in html and "Tổng cộng" in html
    rows = queries.unit_rollup(administrator, tree["province"], queries.Filters(course=course))
    sheet = load_workbook(io.BytesIO(client.get(xlsx_url).content)).active
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    assert values[0][0] == "Đơn vị" and values[0][-1] == "Tỷ lệ hoàn thành (%)"
    assert [list(row) for row in values[1:]] == [
        [row.label, row.cadres, row.required, row.enrolled, row.in_progress, row.completed, row.overdue, row.rate]
        for row in rows
    ]
    for row in rows:
        assert f">{row.completed}</td>" in html
    body = client.get(csv_url).content
    assert body.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert lines[0][0] == "Đơn vị" and lines[-1][0] == "Tổng cộng" and int(lines[-1][1]) == rows[-1].cadres


def test_reports_menu_item_is_shown_to_managers_only(client, tree, manager):
    editor = UserFactory(username="bientap", groups=["Biên tập viên"])
    client.force_login(manager)
    assert reverse("unit_reports:rollup") in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(editor)
    assert reverse("unit_reports:rollup") not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_report_page_is_titled_as_a_report(client, db):
    from django.urls import reverse

    from tests.factories import UserFactory

    make_unit("31", "Thành phố Hải Phòng")
    client.force_login(UserFactory(groups=[ADMINISTRATOR], is_superuser=True))
    response = client.get(reverse("unit_reports:rollup"))
    assert response.status_code == 200
    assert response.context["breadcrumbs_items"][-1]["label"] == "Báo cáo hoàn thành theo đơn vị"
