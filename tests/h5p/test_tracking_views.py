"""The xAPI and saved-state endpoints through HTTP, with CSRF checks on: forged statements change nothing."""

import json
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from courses.models import LessonProgress, ProgressStatus
from h5p import tracking
from h5p.models import H5PAttempt, H5PInteraction, H5PState
from tests.h5p.test_tracking import lesson_with, make_activity, question, statement

pytestmark = pytest.mark.django_db

TOKEN = "h5pTrackingCsrfSecret0123456789a"  # a 32-character CSRF secret, as the csrftoken cookie holds


@pytest.fixture
def activity(db):
    return make_activity()


def csrf_client(user=None):
    """A browser that sends the CSRF cookie; requests add the X-CSRFToken header only when asked."""
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = TOKEN
    if user is not None:
        client.force_login(user)
    return client


def post_statement(client, activity, data, lesson=None, csrf=True, folder=None):
    headers = {"X-CSRFToken": TOKEN} if csrf else {}
    return client.post(
        reverse("h5p:xapi", args=[folder or activity.folder]),
        data=json.dumps({"statement": data, "lesson": lesson}),
        content_type="application/json",
        headers=headers,
    )


def nothing_recorded():
    return not H5PAttempt.objects.exists() and not H5PInteraction.objects.exists()


def test_a_valid_statement_records_the_attempt(activity, learner):
    response = post_statement(csrf_client(learner), activity, statement(activity, raw=3, top=4, success=True))
    assert response.status_code == 200
    body = response.json()
    attempt = H5PAttempt.objects.get()
    assert body == {
        "recorded": True,
        "finished": True,
        "attempt": {
            "id": attempt.pk,
            "raw_score": 3.0,
            "max_score": 4.0,
            "percent": 75.0,
            "success": True,
            "completion": True,
            "duration_seconds": 65,
        },
        "lesson_completed": None,
    }
    assert attempt.user == learner


def test_an_ignored_statement_answers_200_and_records_nothing(activity, learner):
    response = post_statement(csrf_client(learner), activity, statement(activity, "interacted", result=False))
    assert response.status_code == 200
    assert response.json()["recorded"] is False
    assert nothing_recorded()


def test_a_statement_forged_for_another_user_records_for_the_logged_in_user_only(activity, learner, other_learner):
    forged = {
        "name": "Trần Thị Bình",
        "mbox": f"mailto:{other_learner.email}",
        "objectType": "Agent",
        "account": {"name": other_learner.username, "homePage": "http://localhost"},
    }
    response = post_statement(csrf_client(learner), activity, statement(activity, raw=4, top=4, actor=forged))
    assert response.status_code == 200
    assert list(H5PAttempt.objects.values_list("user", flat=True)) == [learner.pk]
    assert not H5PAttempt.objects.filter(user=other_learner).exists()


def test_a_statement_about_another_activity_is_refused_and_changes_nothing(activity, learner):
    other = make_activity("Hoạt động khác")
    client = csrf_client(learner)
    client_side = post_statement(client, activity, question(activity, "q-1", raw=1, success=True))
    assert client_side.status_code == 200
    running = H5PAttempt.objects.get()
    # Posted to this activity's endpoint, but about the other one: refused, the running attempt untouched.
    response = post_statement(client, activity, statement(other, raw=4, top=4, success=True))
    assert response.status_code == 400
    assert response.json() == {"error": "Câu lệnh xAPI không thuộc hoạt động này."}
    running.refresh_from_db()
    assert running.finished_at is None and running.interactions.count() == 1
    assert not H5PAttempt.objects.filter(activity=other).exists() and H5PAttempt.objects.count() == 1


def test_without_the_csrf_token_nothing_changes(activity, learner):
    response = post_statement(csrf_client(learner), activity, statement(activity), csrf=False)
    assert response.status_code == 403
    assert nothing_recorded()


def test_anonymous_statements_are_refused(activity):
    response = post_statement(csrf_client(), activity, statement(activity))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    assert nothing_recorded()


def test_unknown_activity_is_404(activity, learner):
    other = make_activity("Sẽ bị xóa")
    folder = other.folder
    other.delete()
    response = post_statement(csrf_client(learner), activity, statement(activity), folder=folder)
    assert response.status_code == 404


@pytest.mark.parametrize(
    "body", ["không phải JSON", "[1, 2]", '{"lesson": null}', '{"statement": {"verb": {"id": "x"}}, "score": NaN}']
)
def test_bad_bodies_are_refused_with_a_message(activity, learner, body):
    response = csrf_client(learner).post(
        reverse("h5p:xapi", args=[activity.folder]),
        data=body,
        content_type="application/json",
        headers={"X-CSRFToken": TOKEN},
    )
    assert response.status_code == 400
    assert response.json()["error"] == "Dữ liệu gửi lên không phải câu lệnh xAPI hợp lệ."
    assert nothing_recorded()


def test_a_malformed_statement_is_400_with_its_reason(activity, learner):
    response = post_statement(csrf_client(learner), activity, statement(activity, raw=5, top=4))
    assert response.status_code == 400
    assert response.json() == {"error": "Điểm đạt được phải từ 0 đến điểm tối đa."}
    assert nothing_recorded()


def test_only_post_is_allowed(activity, learner):
    assert csrf_client(learner).get(reverse("h5p:xapi", args=[activity.folder])).status_code == 405


# With a lesson


def test_completing_in_the_lesson_completes_it(activity, lessons, learner):
    lesson = lesson_with(lessons["kiem-tra"], activity)
    response = post_statement(
        csrf_client(learner), activity, statement(activity, raw=4, top=4, success=True), lesson=lesson.pk
    )
    assert response.status_code == 200 and response.json()["lesson_completed"] is True
    row = LessonProgress.objects.get(user=learner, lesson=lesson)
    assert (row.status, row.score) == (ProgressStatus.COMPLETED, None)


@pytest.mark.parametrize("lesson_id", [999999, "abc", True])
def test_an_unknown_lesson_is_refused(activity, learner, lesson_id):
    response = post_statement(csrf_client(learner), activity, statement(activity), lesson=lesson_id)
    assert response.status_code == 400
    assert response.json() == {"error": "Không tìm thấy bài học của hoạt động này."}
    assert nothing_recorded()


def test_a_lesson_without_the_activity_gets_nothing(activity, lessons, learner):
    response = post_statement(
        csrf_client(learner), activity, statement(activity, success=True), lesson=lessons["kiem-tra"].pk
    )
    assert response.status_code == 400
    assert nothing_recorded() and not LessonProgress.objects.exists()


# Saved state, as H5P core's jQuery sends it


def state_url(activity, data_type="state", sub_content_id="0"):
    query = urlencode({"data_type": data_type, "sub_content_id": sub_content_id})
    return f"{reverse('h5p:state', args=[activity.folder])}?{query}"


def post_state(client, url, data, csrf=True, **fields):
    headers = {"X-CSRFToken": TOKEN} if csrf else {}
    return client.post(url, {"data": data, "preload": 1, "invalidate": 1, **fields}, headers=headers)


def test_state_round_trip(activity, learner, other_learner):
    client = csrf_client(learner)
    url = state_url(activity)
    assert client.get(url).json() == {"success": True, "data": False}
    assert post_state(client, url, '{"answers":[1,2]}').json() == {"success": True}
    assert client.get(url).json() == {"success": True, "data": '{"answers":[1,2]}'}
    assert csrf_client(other_learner).get(url).json() == {"success": True, "data": False}
    assert post_state(client, url, "0").json() == {"success": True}  # H5P's null: forget the state
    assert client.get(url).json() == {"success": True, "data": False}
    assert not H5PState.objects.exists()


def test_state_of_a_sub_content_and_as_json(activity, learner):
    client = csrf_client(learner)
    url = state_url(activity, sub_content_id="q-1")
    response = client.post(
        url,
        data=json.dumps({"data": '{"answer":"a"}'}),
        content_type="application/json",
        headers={"X-CSRFToken": TOKEN},
    )
    assert response.json() == {"success": True}
    assert tracking.load_state(learner, activity, "state", "q-1") == '{"answer":"a"}'
    assert client.get(state_url(activity)).json()["data"] is False  # the main content's state is another


def test_state_without_csrf_or_login_changes_nothing(activity, learner):
    url = state_url(activity)
    assert post_state(csrf_client(learner), url, "{}", csrf=False).status_code == 403
    anonymous = csrf_client()
    assert post_state(anonymous, url, "{}").status_code == 302
    assert anonymous.get(url).status_code == 302
    assert not H5PState.objects.exists()


def test_oversize_or_badly_keyed_state_is_refused(activity, learner, settings):
    settings.H5P_MAX_STATE_BYTES = 1024
    client = csrf_client(learner)
    response = post_state(client, state_url(activity), "x" * 2000)
    assert response.status_code == 400
    assert response.json() == {"success": False, "message": "Dữ liệu đã lưu quá lớn (tối đa 1 KB)."}
    response = client.get(state_url(activity, data_type="../../x"))
    assert response.status_code == 400 and response.json()["success"] is False
    response = client.post(state_url(activity), {"preload": 1}, headers={"X-CSRFToken": TOKEN})
    assert response.json() == {"success": False, "message": "Thiếu dữ liệu cần lưu."}
    assert not H5PState.objects.exists()


# Replays and a new attempt's state, as the player sees them


def test_a_replayed_statement_answers_as_the_first_time_and_records_nothing(activity, lessons, learner):
    lesson = lesson_with(lessons["kiem-tra"], activity)
    client = csrf_client(learner)
    with_id = {**statement(activity, raw=4, top=4, success=True), "id": "0b6f7a52-3c1e-4d8a-9a57-5e1c2f4d7b90"}
    first = post_statement(client, activity, with_id, lesson=lesson.pk)
    again = post_statement(client, activity, with_id, lesson=lesson.pk)
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.json() == first.json() and first.json()["lesson_completed"] is True
    without_id = question(activity, "q-1", raw=1, success=True)
    first = post_statement(client, activity, without_id, lesson=lesson.pk)
    again = post_statement(client, activity, without_id, lesson=lesson.pk)
    assert again.status_code == 200 and again.json() == first.json()
    assert H5PAttempt.objects.count() == 2 and H5PInteraction.objects.count() == 1
    assert tracking.activity_summary(activity).attempts == 1


def test_a_new_attempt_does_not_resume_the_old_answers(activity, learner):
    client = csrf_client(learner)
    url = state_url(activity)
    post_statement(client, activity, question(activity, "q-1", raw=1, success=True))
    post_state(client, url, '{"answers":[1]}')
    post_statement(client, activity, statement(activity, "completed", raw=1, top=1))
    assert client.get(url).json() == {"success": True, "data": '{"answers":[1]}'}  # kept within the attempt
    post_statement(client, activity, question(activity, "q-1", raw=0, success=False, response="0"))
    assert client.get(url).json() == {"success": True, "data": False}
