"""Build the demo course catalogue (courses.demo_content) as published pages, idempotently."""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from elearn.publishing import rich_text, stream, sync_child_page
from elearn.sync import CREATED, UNCHANGED, SyncCounts
from units.demo import PROVINCE, SEED, demo_cadre_rows
from units.models import Cadre, Unit

from .demo_content import CITED_LAWS, COURSE_INDEX, COURSES, DEMO_ASSIGNMENT, LAW_REFERENCES
from .models import (
    Assignment,
    CourseCompletion,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    EnrolmentSource,
    LawReference,
    LessonPage,
    LessonRule,
)


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


def load_demo_courses(home_page, lesson_activities=None, certificate_template=None):
    """The course index below the home page, its courses and their lessons.

    `lesson_activities` maps a lesson slug to raw activity blocks put in that lesson when it is
    created (an existing lesson is left alone). Returns ``(course_index, course_pages, counts)``;
    counts cover every page touched. New courses grant `certificate_template`'s certificate.
    """
    lesson_activities = lesson_activities or {}
    counts = SyncCounts()
    index_fields = {"title": COURSE_INDEX["title"], "intro": COURSE_INDEX["intro"]}
    index, status = sync_child_page(home_page, CourseIndexPage, COURSE_INDEX["slug"], index_fields)
    counts.record(status)
    course_pages = []
    for course in COURSES:
        fields = {**course_fields(course), "certificate_template": certificate_template}
        page, status = sync_child_page(index, CoursePage, course["slug"], fields)
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


def _demo_progress_plan(cadres, course_pages, today, seed):
    """(user_id, unit_id, course, enrolled_on, completed_on or None) for about two thirds of the pairs."""
    rng = random.Random(seed)
    plan = []
    for user_id, unit_id in cadres:
        for course in course_pages:
            draw = rng.random()
            started_days_ago = rng.randrange(20, 300)
            finished_after = rng.randrange(1, 20)
            if draw < 0.35:
                continue
            enrolled_on = today - timedelta(days=started_days_ago)
            completed_on = enrolled_on + timedelta(days=finished_after) if draw >= 0.6 else None
            plan.append((user_id, unit_id, course, enrolled_on, completed_on))
    return plan


def load_demo_progress(course_pages, seed=SEED):
    """Enrolments and completions of the generated demo cadres (not the role accounts), so reports have figures.

    Dates fall in the 300 days before today. A pair that already has an enrolment or a completion is
    left alone, so a second run writes nothing. Returns the number of people-course pairs created.
    """
    staff_codes = [row.staff_code for row in demo_cadre_rows()]
    cadres = list(
        Cadre.objects.filter(staff_code__in=staff_codes).order_by("staff_code").values_list("user_id", "unit_id")
    )
    user_ids = [user_id for user_id, _unit in cadres]
    taken = set(Enrolment.objects.filter(user_id__in=user_ids).values_list("user_id", "course_id"))
    taken |= set(CourseCompletion.objects.filter(user_id__in=user_ids).values_list("user_id", "course_id"))
    plan = [
        item
        for item in _demo_progress_plan(cadres, course_pages, timezone.localdate(), seed)
        if (item[0], item[2].pk) not in taken
    ]
    if not plan:
        return 0

    def at(day, hour):
        return timezone.make_aware(datetime.combine(day, time(hour)))

    enrolments = Enrolment.objects.bulk_create(
        Enrolment(
            user_id=user_id, course=course, course_title=course.title, unit_id=unit_id, source=EnrolmentSource.SELF
        )
        for user_id, unit_id, course, _enrolled, _completed in plan
    )
    for enrolment, (_user, _unit, _course, enrolled_on, completed_on) in zip(enrolments, plan, strict=True):
        enrolment.enrolled_at = at(enrolled_on, 8)  # auto_now_add set "now" on insert
        enrolment.last_activity_at = at(completed_on or enrolled_on, 15)
    Enrolment.objects.bulk_update(enrolments, ["enrolled_at", "last_activity_at"])
    lessons = {course.pk: len(course.lessons()) for course in course_pages}
    rng = random.Random(seed + 1)
    CourseCompletion.objects.bulk_create(
        CourseCompletion(
            user_id=user_id,
            course=course,
            course_title=course.title,
            unit_id=unit_id,
            completed_at=at(completed_on, 10),
            score=rng.randrange(60, 101),
            lessons_completed=lessons[course.pk],
            lessons_required=lessons[course.pk],
        )
        for user_id, unit_id, course, _enrolled, completed_on in plan
        if completed_on is not None
    )
    return len(plan)


def load_demo_law_references(course_pages):
    """The laws the demo courses cite; a course is given its citations once (after that they are the editors')."""
    laws = {}
    for spec in LAW_REFERENCES:
        laws[spec["number"]], _created = LawReference.objects.get_or_create(
            number=spec["number"], defaults={key: value for key, value in spec.items() if key != "number"}
        )
    cited = 0
    for course in course_pages:
        numbers = CITED_LAWS.get(course.slug)
        if not numbers or course.law_references.exists():
            continue
        course = CoursePage.objects.get(pk=course.pk)
        course.law_references.set([laws[number] for number in numbers])
        course.save_revision().publish()
        cited += 1
    return f"{len(laws)} laws, {cited} courses given their citations"
