"""Build the demo course catalogue (courses.demo_content) as published pages, idempotently."""

from home.publishing import rich_text, stream, sync_child_page
from units.demo import PROVINCE
from units.models import Unit
from units.tree import CREATED, UNCHANGED, SyncCounts

from .demo_content import COURSE_INDEX, COURSES, DEMO_ASSIGNMENT
from .models import Assignment, CourseIndexPage, CoursePage, LessonPage, LessonRule


def course_fields(course):
    return {
        "title": course["title"],
        "topic": course["topic"],
        "summary": course["summary"],
        "objectives": rich_text(course["objectives"]),
        "estimated_minutes": course["estimated_minutes"],
    }


def lesson_fields(lesson, activities=()):
    """A lesson's page fields; `activities` are raw blocks (a quiz block...) added after its content."""
    return {
        "title": lesson["title"],
        "intro": lesson["intro"],
        "estimated_minutes": lesson["estimated_minutes"],
        "body": stream(lesson["body"]) + list(activities),
        "completion_rule": lesson.get("completion_rule", LessonRule.MANUAL),
        "min_view_seconds": lesson.get("min_view_seconds", 120),
    }


def load_demo_courses(home_page, lesson_activities=None):
    """The course index below the home page, its courses and their lessons.

    `lesson_activities` maps a lesson slug to raw activity blocks put in that lesson when it is
    created (an existing lesson is left alone). Returns ``(course_index, course_pages, counts)``;
    counts cover every page touched.
    """
    lesson_activities = lesson_activities or {}
    counts = SyncCounts()
    index_fields = {"title": COURSE_INDEX["title"], "intro": COURSE_INDEX["intro"]}
    index, status = sync_child_page(home_page, CourseIndexPage, COURSE_INDEX["slug"], index_fields)
    counts.record(status)
    course_pages = []
    for course in COURSES:
        page, status = sync_child_page(index, CoursePage, course["slug"], course_fields(course))
        counts.record(status)
        course_pages.append(page)
        for lesson in course["lessons"]:
            fields = lesson_fields(lesson, lesson_activities.get(lesson["slug"], ()))
            _lesson, status = sync_child_page(page, LessonPage, lesson["slug"], fields)
            counts.record(status)
    return index, course_pages, counts


def load_demo_assignment(course_pages, spec=DEMO_ASSIGNMENT):
    """The demo required course for every cadre of the demo province; return its status.

    `course_pages`: the demo courses, from load_demo_courses.
    Found by title: an existing assignment is left as administrators made it.
    """
    if Assignment.objects.filter(title=spec["title"]).exists():
        return UNCHANGED
    assignment = Assignment.objects.create(
        title=spec["title"],
        unit=Unit.objects.get(code=PROVINCE),
        include_subunits=True,
        starts_on=spec["starts_on"],
        due_days=spec["due_days"],
        recert_months=spec["recert_months"],
    )
    assignment.courses.set([page for page in course_pages if page.slug == spec["course"]])
    return CREATED
