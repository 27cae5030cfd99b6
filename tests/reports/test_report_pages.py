"""The roll-up and by-category/by-position report pages: filters, drill-down, charts, exports and scope."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from courses.models import Assignment, CourseCompletion, CoursePage, Enrolment
from reports import charts, counters, queries
from tests.factories import CadreFactory, publish

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
ENROLLED = "enrolled"
FIGURES = ["cadres", "required", "enrolled", "in_progress", "completed", "overdue"]


@dataclass
class Person:
    code: str
    unit: str
    category: str
    position: str
    progress: dict = field(default_factory=dict)  # course key -> ENROLLED or the completion date


# Who is where, and how far each got: "security" is the course fixture (topic security), "skills" another topic.
PEOPLE = [
    Person("P1", "department", "civil_servant", "Chuyên viên", {"security": date(2026, 2, 10)}),
    Person("P2", "department", "leader", "Trưởng phòng", {"security": ENROLLED}),
    Person("P3", "department", "leader", "trưởng phòng", {"security": date(2026, 5, 5), "skills": ENROLLED}),
    Person("P4", "division", "civil_servant", "Chuyên viên", {"security": date(2026, 3, 3)}),
    Person("P5", "division", "public_employee", "TRUONG PHONG"),
    Person("P6", "other", "civil_servant", "Chuyên viên", {"security": date(2026, 2, 20)}),
    Person("P7", "province", "leader", "Giám đốc", {"skills": date(2026, 1, 15), "security": ENROLLED}),
]
SUBTREES = {
    "province": {"province", "department", "division", "other"},
    "department": {"department", "division"},
    "division": {"division"},
    "other": {"other"},
}


@pytest.fixture
def courses(catalogue, course):
    skills = publish(
        catalogue,
        CoursePage(
            title="Kỹ năng số cơ bản", slug="ky-nang-so", topic="digital_skills", summary="Kỹ năng số cho công chức."
        ),
    )
    return {"security": course, "skills": skills}


@pytest.fixture
def people(tree, courses):
    for person in PEOPLE:
        cadre = CadreFactory(
            staff_code=person.code, unit=tree[person.unit], category=person.category, position=person.position
        )
        for key, state in person.progress.items():
            course = courses[key]
            Enrolment.objects.create(user=cadre.user, course=course, course_title=course.title, source="self")
            if state != ENROLLED:
                CourseCompletion.objects.create(
                    user=cadre.user,
                    course=course,
                    course_title=course.title,
                    score=90,
                    lessons_completed=3,
                    lessons_required=3,
                    completed_at=datetime(state.year, state.month, state.day, 10, tzinfo=HCM),
                )
    Enrolment.objects.update(enrolled_at=datetime(2025, 10, 1, 9, tzinfo=HCM))
    counters.rebuild()  # the test's transaction never commits, so the scheduled refreshes never run
    return PEOPLE


def expected(units, course_keys, category="", start=None, end=None):
    """The six figures of the people of `units`, computed straight from PEOPLE (course mode)."""
    chosen = [p for p in PEOPLE if p.unit in units and (not category or p.category == category)]
    enrolled = completed = in_progress = 0
    for person in chosen:
        for key in course_keys:
            state = person.progress.get(key)
            if state is None:
                continue
            enrolled += 1  # every enrolment is dated 01/10/2025, before any range used here
            done = state != ENROLLED
            done_by_end = done and (end is None or state <= end)
            completed += done_by_end and (start is None or state >= start)
            in_progress += not done_by_end
    return {
        "cadres": len(chosen),
        "required": len(chosen) * len(course_keys),
        "enrolled": enrolled,
        "in_progress": in_progress,
        "completed": completed,
        "overdue": 0,
    }


def page(client, name="unit_reports:rollup", **params):
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def table(soup, selector="table.unit-report__table"):
    """{row label: {figure: number}} of the report table, as the page shows it."""
    rows = {}
    for tr in soup.select(f"{selector} tbody tr"):
        cells = [td.get_text(strip=True) for td in tr.find_all("td")]
        values = {name: int(cell) for name, cell in zip(FIGURES, cells, strict=False)}
        values["rate"] = cells[-1]
        rows[tr.th.get_text(strip=True)] = values
    return rows


def figures(row):
    return {name: row[name] for name in FIGURES}


def own_label(tree, key):
    return f"Cán bộ trực thuộc {tree[key].name}"


# Filters


def test_filters_change_the_figures(client, tree, courses, people, administrator):
    client.force_login(administrator)
    province, department = tree["province"], tree["department"]
    security = f"course-{courses['security'].pk}"

    rows = table(page(client, unit=province.pk, subject=security))
    assert figures(rows["Sở Thông tin"]) == expected(SUBTREES["department"], ["security"])
    assert figures(rows["Sở Nội vụ"]) == expected(SUBTREES["other"], ["security"])
    assert figures(rows[own_label(tree, "province")]) == expected({"province"}, ["security"])
    assert figures(rows["Tổng cộng"]) == expected(SUBTREES["province"], ["security"])
    assert rows["Tổng cộng"]["rate"] == "57,1"  # 4 of the 7 cadres completed the course

    leaders = table(page(client, unit=province.pk, subject=security, category="leader"))
    assert figures(leaders["Sở Thông tin"]) == expected(SUBTREES["department"], ["security"], "leader")
    assert figures(leaders["Tổng cộng"]) == expected(SUBTREES["province"], ["security"], "leader")
    assert leaders["Tổng cộng"]["cadres"] == 3

    own_only = page(client, unit=department.pk, subject=security, subunits="0")
    rows = table(own_only)
    assert list(rows) == [own_label(tree, "department"), "Tổng cộng"]  # no row for Phòng Bưu chính
    assert figures(rows["Tổng cộng"]) == expected({"department"}, ["security"])
    assert "không gồm đơn vị cấp dưới" in own_only.select_one(".report-about").get_text()

    topic = page(client, unit=province.pk, subject="topic-digital_skills")
    assert figures(table(topic)["Tổng cộng"]) == expected(SUBTREES["province"], ["skills"])
    everything = page(client, unit=province.pk)
    assert figures(table(everything)["Tổng cộng"]) == expected(SUBTREES["province"], ["security", "skills"])
    assert "Số lượt phải hoàn thành = số cán bộ × số khóa học (2 khóa học)" in everything.get_text()


def test_a_date_range_counts_only_the_completions_within_it(client, tree, courses, people, administrator):
    client.force_login(administrator)
    start, end = date(2026, 2, 1), date(2026, 3, 31)
    soup = page(
        client,
        unit=tree["province"].pk,
        subject=f"course-{courses['security'].pk}",
        date_from="2026-02-01",
        date_to="31/03/2026",
    )
    rows = table(soup)
    for label, units in (("Sở Thông tin", SUBTREES["department"]), ("Tổng cộng", SUBTREES["province"])):
        assert figures(rows[label]) == expected(units, ["security"], start=start, end=end)
    # P3 completed in May: outside the range, and still learning at its end.
    assert rows["Sở Thông tin"]["completed"] == 2 and rows["Sở Thông tin"]["in_progress"] == 2
    about = soup.select_one(".report-about").get_text(" ", strip=True)
    assert (
        "Đã hoàn thành: số lượt hoàn thành trong khoảng từ 01/02/2026 đến 31/03/2026; đã ghi danh và đang học "
        "tính đến hết ngày 31/03/2026."
    ) in about
    months = {
        row.th.get_text(strip=True): int(row.td.get_text())
        for row in soup.select("#chart-months-heading ~ details tbody tr")
    }
    assert months == {"02/2026": 2, "03/2026": 1}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "31/02/2026"}, "Ngày bắt đầu không hợp lệ (dd/mm/yyyy)."),
        ({"date_to": "hôm qua"}, "Ngày kết thúc không hợp lệ (dd/mm/yyyy)."),
        ({"date_from": "2026-04-01", "date_to": "2026-03-01"}, "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc."),
    ],
)
def test_invalid_dates_show_a_vietnamese_error_and_the_default_report(
    client, tree, courses, people, administrator, params, message
):
    client.force_login(administrator)
    soup = page(client, unit=tree["province"].pk, subject=f"course-{courses['security'].pk}", **params)
    summary = soup.select_one("#report-filter-errors")
    assert summary["role"] == "alert" and message in summary.get_text()
    invalid = soup.select('[aria-invalid="true"]')
    assert invalid and all(field["aria-describedby"] == "report-filter-errors" for field in invalid)
    # The default report (every course, no date range) is shown, and its links do not carry the bad filters.
    assert figures(table(soup)["Tổng cộng"]) == expected(SUBTREES["province"], ["security", "skills"])
    department_link = soup.find("a", string="Sở Thông tin")["href"]
    assert parse_qs(urlsplit(department_link).query) == {"unit": [str(tree["department"].pk)]}
    for name in ("unit_reports:groups", "unit_reports:export"):
        args = ["xlsx"] if name.endswith("export") else []
        response = client.get(reverse(name, args=args), {"unit": tree["province"].pk, **params})
        assert response.status_code == 200


def test_an_assignment_report_counts_the_overdue_and_says_how(client, tree, courses, people, administrator):
    assignment = Assignment.objects.create(
        title="An ninh mạng 2026", unit=tree["province"], starts_on=date(2026, 1, 1), due_on=date(2026, 3, 31)
    )
    assignment.courses.add(courses["security"])
    client.force_login(administrator)
    soup = page(client, unit=tree["province"].pk, subject=f"assignment-{assignment.pk}", date_from="2026-02-01")
    rows = table(soup)
    shown = queries.unit_rollup(administrator, tree["province"], queries.Filters(assignment=assignment))
    assert [figures(rows[row.label]) for row in shown] == [
        {name: getattr(row, name) for name in FIGURES} for row in shown
    ]
    # Today is past the due date: whoever has not completed the course is overdue.
    unfinished = [p for p in PEOPLE if not isinstance(p.progress.get("security"), date)]
    assert rows["Tổng cộng"]["overdue"] == len(unfinished) and rows["Tổng cộng"]["cadres"] == len(PEOPLE)
    about = soup.select_one(".report-about").get_text(" ", strip=True)
    assert "quá hạn: chưa hoàn thành khi đã qua hạn hoàn thành" in about
    assert "chỉ áp dụng cho biểu đồ theo tháng" in about


# Drill-down and links between the reports


def test_drill_down_and_report_links_keep_the_filters(client, tree, courses, people, administrator):
    client.force_login(administrator)
    filters = {
        "subject": f"course-{courses['security'].pk}",
        "category": "leader",
        "date_from": "2026-01-01",
        "date_to": "2026-06-30",
        "subunits": "1",
    }
    soup = page(client, unit=tree["province"].pk, **filters)
    link = soup.select_one("table.unit-report__table").find("a", string="Sở Thông tin")["href"]
    query = {key: values[0] for key, values in parse_qs(urlsplit(link).query).items()}
    assert query == {"unit": str(tree["department"].pk), **filters}

    below = page(client, **query)
    assert below.select_one("#id_category option[selected]")["value"] == "leader"
    assert below.select_one("#id_date_from")["value"] == "2026-01-01"
    assert figures(table(below)["Tổng cộng"]) == expected(
        SUBTREES["department"], ["security"], "leader", date(2026, 1, 1), date(2026, 6, 30)
    )
    trail = below.select(".report-trail li")
    assert [item.get_text(strip=True) for item in trail] == ["Thành phố Hải Phòng", "Sở Thông tin"]
    back = parse_qs(urlsplit(trail[0].a["href"]).query)
    assert back["unit"] == [str(tree["province"].pk)] and back["category"] == ["leader"]

    nav = {a.get_text(strip=True): a["href"] for a in below.select(".report-nav a")}
    assert set(nav) == {"Theo đơn vị", "Theo đối tượng", "Theo chức vụ", "Danh sách cán bộ"}
    assert nav["Danh sách cán bộ"].startswith(reverse("unit_reports:course"))
    by_position = parse_qs(urlsplit(nav["Theo chức vụ"]).query)
    assert by_position["by"] == ["position"] and by_position["unit"] == [str(tree["department"].pk)]
    assert by_position["subject"] == [filters["subject"]]

    all_courses = page(client, unit=tree["department"].pk)
    assert "Danh sách cán bộ" not in {a.get_text(strip=True) for a in all_courses.select(".report-nav a")}
    assert "chọn một khóa học" in all_courses.select_one(".report-nav").get_text()


# Charts


def test_charts_show_the_rollup_numbers_as_bars_and_tables(client, tree, courses, people, administrator):
    client.force_login(administrator)
    soup = page(client, unit=tree["province"].pk, subject=f"course-{courses['security'].pk}")
    rows = queries.unit_rollup(administrator, tree["province"], queries.Filters(course=courses["security"]))
    drawn = [row for row in rows if row.kind != queries.RowKind.TOTAL]

    bars = soup.select_one("svg.report-chart__svg--bars")
    assert bars["role"] == "img" and bars["viewbox"].startswith("0 0 360 ") and bars["width"] == "100%"
    title_id, desc_id = bars["aria-labelledby"].split()
    assert bars.find(id=title_id).get_text() and bars.find(id=desc_id).get_text()
    groups = bars.select("g.report-chart__bar-row")
    assert len(groups) == len(drawn)
    for group, row in zip(groups, drawn, strict=True):
        assert group.select_one(".report-chart__value").get_text() == f"{row.rate:.1f} %".replace(".", ",")
        assert float(group.select_one("rect.report-chart__bar")["width"]) == pytest.approx(296 * row.rate / 100, 0.01)
        assert group.title.get_text() == f"{row.label}: {row.rate:.1f} % ({row.completed}/{row.required})".replace(
            ".", ","
        )
        assert f"{row.label}: {row.rate:.1f} %".replace(".", ",") in bars.find(id=desc_id).get_text()

    data = soup.select("#chart-rates-heading ~ details tbody tr")
    assert [[cell.get_text(strip=True) for cell in tr.find_all(["th", "td"])] for tr in data] == [
        [row.label, str(row.completed), str(row.required), f"{row.rate:.1f}".replace(".", ",")] for row in drawn
    ]

    line = soup.select_one("svg.report-chart__svg--line")
    assert line["role"] == "img" and line.find("desc").get_text().startswith("Từ ")
    today = timezone.localdate()
    first = date(today.year - (today.month <= 11), (today.month - 12) % 12 + 1, 1)  # 12 months up to this one
    per_month = {}
    for person in PEOPLE:
        state = person.progress.get("security")
        if isinstance(state, date) and state >= first:
            per_month[f"{state:%m/%Y}"] = per_month.get(f"{state:%m/%Y}", 0) + 1
    table_rows = {
        tr.th.get_text(strip=True): int(tr.td.get_text())
        for tr in soup.select("#chart-months-heading ~ details tbody tr")
    }
    assert len(table_rows) == 12 and f"{today:%m/%Y}" in table_rows
    assert {month: n for month, n in table_rows.items() if n} == per_month
    points = {g.title.get_text() for g in line.select("g.report-chart__point")}
    assert points == {f"{month}: {n}" for month, n in table_rows.items()}


def test_bar_chart_draws_forty_child_units_and_says_so():
    rows = [queries.RollupRow(queries.RowKind.CHILD, f"Xã {n}", completed=n, required=50) for n in range(45)]
    rows += [
        queries.RollupRow(queries.RowKind.OWN, "Cán bộ trực thuộc", completed=1, required=2),
        queries.RollupRow(queries.RowKind.TOTAL, "Tổng cộng"),
    ]
    chart = charts.rate_bars(rows)
    assert [bar.label for bar in chart.bars] == [f"Xã {n}" for n in range(40)] + ["Cán bộ trực thuộc"]
    assert chart.hidden == 5 and chart.children == 45
    assert chart.bars[0].width == "0" and chart.bars[-1].width == "148"  # 50 % of the 296-unit plot
    assert [text for _x, text in chart.ticks] == ["0 %", "25 %", "50 %", "75 %", "100 %"]


def test_line_chart_scales_to_round_ticks_and_keeps_the_latest_month_labelled():
    series = [
        (date(2025, month, 1), n) for month, n in zip(range(1, 13), [0, 3, 7, 0, 0, 0, 0, 0, 0, 0, 0, 1], strict=True)
    ]
    chart = charts.completions_line(series)
    assert [text for _y, text in chart.y_ticks] == ["0", "2", "4", "6", "8"]
    assert chart.points[-1].show_month and chart.points[-1].month_text == "12/2025"
    assert chart.total == 11 and chart.months[2] == ("03/2025", 7)
    long = charts.completions_line([(date(2020 + index // 12, index % 12 + 1, 1), 1) for index in range(70)])
    assert long.hidden == 10 and len(long.points) == 60 and long.first == "11/2020"


# By category and by position


def test_groups_report_by_category_and_position_with_exports(client, tree, courses, people, administrator):
    client.force_login(administrator)
    params = {"unit": tree["province"].pk, "subject": f"course-{courses['security'].pk}"}
    by_category = page(client, "unit_reports:groups", **params)
    assert by_category.select_one("table.report-table thead th").get_text() == "Đối tượng"
    rows = table(by_category, "table.report-table")
    leaders = [p for p in PEOPLE if p.category == "leader"]
    assert figures(rows["Lãnh đạo, quản lý"]) == expected(SUBTREES["province"], ["security"], "leader")
    assert rows["Lãnh đạo, quản lý"]["cadres"] == len(leaders)
    assert figures(rows["Tổng cộng"]) == expected(SUBTREES["province"], ["security"])

    by_position = page(client, "unit_reports:groups", by="position", **params)
    assert by_position.select_one("table.report-table thead th").get_text() == "Chức vụ"
    rows = table(by_position, "table.report-table")
    heads = [label for label in rows if label.casefold() in ("trưởng phòng", "truong phong")]
    assert len(heads) == 1  # "Trưởng phòng", "trưởng phòng" and "TRUONG PHONG" are one position
    assert rows[heads[0]]["cadres"] == 3 and rows[heads[0]]["completed"] == 1
    assert rows["Chuyên viên"]["cadres"] == 3 and rows["Tổng cộng"]["cadres"] == len(PEOPLE)

    response = client.get(reverse("unit_reports:groups_export", args=["xlsx"]), {**params, "by": "position"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    assert "theo chức vụ" in values[0][0] and tree["province"].name in values[0][0]
    assert values[1] == (
        "Chức vụ",
        "Số cán bộ",
        "Số lượt phải hoàn thành",
        "Đã ghi danh",
        "Đang học",
        "Đã hoàn thành",
        "Quá hạn",
        "Tỷ lệ hoàn thành (%)",
    )
    exported = {row[0]: row[1:] for row in values[2:]}
    assert exported.keys() == rows.keys()
    for label, shown in rows.items():
        assert list(exported[label][:6]) == [shown[name] for name in FIGURES]
        assert f"{exported[label][6]:.1f}".replace(".", ",") == shown["rate"]
    notes = dict(workbook.worksheets[1].iter_rows(values_only=True))
    assert notes["Báo cáo về"] == courses["security"].title

    body = client.get(reverse("unit_reports:groups_export", args=["csv"]), params).content
    assert body.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert lines[0][0] == "Đối tượng" and lines[-1][0] == "Tổng cộng"
    assert {line[0]: int(line[1]) for line in lines[1:]} == {
        label: values["cadres"] for label, values in table(by_category, "table.report-table").items()
    }


def test_an_unknown_grouping_is_not_found(client, tree, people, administrator):
    client.force_login(administrator)
    assert client.get(reverse("unit_reports:groups"), {"by": "unit"}).status_code == 404
    assert client.get(reverse("unit_reports:groups_export", args=["csv"]), {"by": "x"}).status_code == 404


def test_a_position_that_looks_like_a_formula_is_exported_as_text(client, tree, people, administrator):
    CadreFactory(staff_code="P8", unit=tree["division"], position='=HYPERLINK("http://x")')
    counters.rebuild()
    client.force_login(administrator)
    response = client.get(reverse("unit_reports:groups_export", args=["xlsx"]), {"by": "position"})
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    labels = [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert '=HYPERLINK("http://x")' in labels
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


# Scope


def test_manager_sees_groups_of_their_subtree_only(client, tree, people, manager):
    client.force_login(manager)
    for unit in (tree["other"], tree["province"]):
        for name, args in (
            ("unit_reports:groups", []),
            ("unit_reports:groups_export", ["xlsx"]),
            ("unit_reports:groups_export", ["csv"]),
        ):
            for by in ("category", "position"):
                assert client.get(reverse(name, args=args), {"unit": unit.pk, "by": by}).status_code == 403
    for name, args in (
        ("unit_reports:groups", []),
        ("unit_reports:groups_export", ["xlsx"]),
        ("unit_reports:groups_export", ["csv"]),
    ):
        assert client.get(reverse(name, args=args), {"unit": tree["division"].pk}).status_code == 200
    rows = table(page(client, "unit_reports:groups", by="position"), "table.report-table")
    assert rows["Tổng cộng"]["cadres"] == len([p for p in PEOPLE if p.unit in SUBTREES["department"]])


def test_the_pages_render_for_a_manager_without_filters(client, tree, people, manager):
    client.force_login(manager)
    soup = page(client)
    assert soup.select_one(".report-trail [aria-current=page]").get_text() == "Sở Thông tin"
    assert "Sở Nội vụ" not in soup.get_text()
    assert soup.find("link", href=lambda href: href and href.endswith("css/reports.css"))
    assert soup.select_one("svg.report-chart__svg--bars") and soup.select_one("svg.report-chart__svg--line")
    assert figures(table(soup)["Tổng cộng"]) == expected(SUBTREES["department"], ["security", "skills"])
    groups = page(client, "unit_reports:groups")
    assert groups.select_one(".report-nav [aria-current=page]").get_text(strip=True) == "Theo đối tượng"


def test_a_manager_of_two_units_can_switch_between_them(client, tree, people, manager):
    tree["other"].managers.add(manager)
    client.force_login(manager)
    soup = page(client, unit=tree["other"].pk)
    tops = {a.get_text(strip=True): a for a in soup.select(".report-tops a")}
    assert set(tops) == {"Sở Thông tin", "Sở Nội vụ"} and tops["Sở Nội vụ"].get("aria-current") == "true"
    assert client.get(tops["Sở Thông tin"]["href"]).status_code == 200
