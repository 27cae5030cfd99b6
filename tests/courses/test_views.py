"""Learner actions over HTTP: POST with CSRF only, own progress only."""

import pytest
from django.test import Client
from django.urls import reverse

from courses import progress
from courses.models import CourseCompletion, Enrolment, LessonProgress, ProgressStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_learner(client, learner):
    client.force_login(learner)
    return client


def enrol_url(course):
    return reverse("learning:enrol", args=[course.pk])


def test_enrolment_needs_a_post_not_a_link(as_learner, learner, course):
    assert as_learner.get(enrol_url(course)).status_code == 405
    assert not Enrolment.objects.exists()


def test_enrolment_needs_the_csrf_token(learner, course):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    assert client.post(enrol_url(course)).status_code == 403
    assert not Enrolment.objects.exists()
    page = client.get(course.url)
    token = page.cookies["csrftoken"].value
    response = client.post(enrol_url(course), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Enrolment.objects.filter(user=learner, course=course).exists()


def test_anonymous_visitor_is_sent_to_login(client, course):
    response = client.post(enrol_url(course))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_learner_enrols_then_lands_on_the_first_lesson(as_learner, course, lessons):
    response = as_learner.post(enrol_url(course))
    assert response["Location"] == lessons["mat-khau"].url
    content = as_learner.get(course.url).content.decode()
    assert "0%" in content


def test_opening_a_lesson_starts_it_and_marking_it_complete_moves_on(as_learner, learner, course, lessons):
    as_learner.post(enrol_url(course))
    as_learner.get(lessons["mat-khau"].url)
    assert LessonProgress.objects.get(user=learner).status == ProgressStatus.IN_PROGRESS
    response = as_learner.post(reverse("learning:complete_lesson", args=[lessons["mat-khau"].pk]))
    assert response["Location"] == lessons["thu-gia-mao"].url
    assert LessonProgress.objects.get(user=learner).status == ProgressStatus.COMPLETED


def test_refused_completion_says_why_in_vietnamese(as_learner, course, lessons):
    as_learner.post(enrol_url(course))
    response = as_learner.post(reverse("learning:complete_lesson", args=[lessons["kiem-tra"].pk]), follow=True)
    assert "đạt hoạt động" in response.content.decode()


def test_heartbeat_reports_the_time_left(as_learner, course, lessons):
    as_learner.post(enrol_url(course))
    lesson = lessons["thu-gia-mao"]
    as_learner.get(lesson.url)
    data = as_learner.post(reverse("learning:lesson_time", args=[lesson.pk])).json()
    assert data["completed"] is False
    assert 0 < data["seconds_remaining"] <= 120


def test_heartbeat_without_enrolment_is_refused_and_records_nothing(as_learner, lessons):
    response = as_learner.post(reverse("learning:lesson_time", args=[lessons["thu-gia-mao"].pk]))
    assert response.status_code == 409
    assert not LessonProgress.objects.exists()


def test_a_learner_cannot_touch_or_see_another_learners_progress(client, learner, other_learner, course, lessons):
    progress.enrol(learner, course)
    progress.mark_complete(learner, lessons["mat-khau"])
    before = list(LessonProgress.objects.filter(user=learner).values())

    client.force_login(other_learner)
    client.post(reverse("learning:complete_lesson", args=[lessons["mat-khau"].pk]))
    client.post(reverse("learning:lesson_time", args=[lessons["thu-gia-mao"].pk]))
    assert list(LessonProgress.objects.filter(user=learner).values()) == before
    assert not LessonProgress.objects.filter(user=other_learner).exists()

    dashboard = client.get(reverse("learning:dashboard")).content.decode()
    assert course.title not in dashboard
    course_page = client.get(course.url).content.decode()
    assert "33%" not in course_page


def test_dashboard_and_transcript_show_the_learners_courses(as_learner, learner, course, lessons):
    as_learner.post(enrol_url(course))
    as_learner.post(reverse("learning:complete_lesson", args=[lessons["mat-khau"].pk]))
    dashboard = as_learner.get(reverse("learning:dashboard")).content.decode()
    assert course.title in dashboard
    assert "33%" in dashboard
    assert lessons["thu-gia-mao"].url in dashboard  # resume link

    CourseCompletion.objects.create(
        user=learner,
        course=course,
        course_title=course.title,
        completed_at="2026-03-05T09:00:00+07:00",
        score=88,
        lessons_completed=3,
        lessons_required=3,
    )
    transcript = as_learner.get(reverse("learning:transcript")).content.decode()
    assert course.title in transcript
    assert "05/03/2026" in transcript


def test_learner_pages_need_login(client):
    for name in ("learning:dashboard", "learning:transcript"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_catalogue_filters_by_topic_and_audience(client, catalogue, course):
    from courses.models import CoursePage
    from tests.factories import publish

    publish(
        catalogue,
        CoursePage(
            title="Chữ ký số cho lãnh đạo",
            slug="chu-ky-so",
            topic="digital_skills",
            summary="Ký số văn bản.",
            audience=["leader"],
        ),
    )
    everything = client.get(catalogue.url).content.decode()
    assert "Chữ ký số cho lãnh đạo" in everything and course.title in everything
    by_topic = client.get(catalogue.url, {"chu-de": "security"}).content.decode()
    assert course.title in by_topic and "Chữ ký số cho lãnh đạo" not in by_topic
    for_commune = client.get(catalogue.url, {"doi-tuong": "commune_cadre"}).content.decode()
    assert course.title in for_commune and "Chữ ký số cho lãnh đạo" not in for_commune  # open courses stay
    for_leaders = client.get(catalogue.url, {"doi-tuong": "leader"}).content.decode()
    assert "Chữ ký số cho lãnh đạo" in for_leaders


def test_enrolling_from_a_lesson_stays_on_that_lesson_but_never_leaves_the_site(as_learner, course, lessons):
    lesson_url = lessons["thu-gia-mao"].url
    assert as_learner.post(enrol_url(course), {"next": lesson_url})["Location"] == lesson_url
    Enrolment.objects.all().delete()
    response = as_learner.post(enrol_url(course), {"next": "https://attacker.example/phish"})
    assert response["Location"] == lessons["mat-khau"].url
