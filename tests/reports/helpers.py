"""What several report tests ask the domain the same way."""

from reports import queries


def course_report(viewer, unit, course):
    """Every line of the course report of `course` over `unit`'s subtree, as the pages and exports get them."""
    return queries.course_report_lines(
        queries.course_report_cadres(viewer, unit, queries.Filters(course=course)), course
    )
