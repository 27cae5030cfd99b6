"""The tracking rules without HTTP: statements become attempts and interactions, state is kept to resume."""

import uuid
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from courses import progress
from courses.models import Enrolment, LessonProgress, ProgressStatus
from h5p import tracking
from h5p.models import H5PActivity, H5PAttempt, H5PInteraction, H5PLibrary, H5PState

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 1, 5, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
VERBS = "http://adlnet.gov/expapi/verbs/"


# Shared helpers (the view and report tests use them too)


def make_activity(title="Nhận diện thư điện tử giả mạo"):
    library, _created = H5PLibrary.objects.get_or_create(
        machine_name="H5P.ElearnCheck",
        major_version=1,
        minor_version=0,
        defaults={
            "patch_version": 0,
            "title": "Elearn Check",
            "runnable": True,
            "sha256": "0" * 64,
            "metadata": {"machineName": "H5P.ElearnCheck"},
        },
    )
    activity = H5PActivity.objects.create(
        title=title,
        main_library=library,
        h5p_json={"title": title, "mainLibrary": "H5P.ElearnCheck"},
        package_sha256=uuid.uuid4().hex * 2,
        package_size=1024,
    )
    activity.libraries.add(library)
    return activity


def statement(
    activity,
    verb="answered",
    sub=None,
    raw=3,
    top=4,
    duration="PT1M5.4S",
    completion=True,
    success=None,
    actor=None,
    result=True,
    response=None,
    **definition,
):
    """An xAPI statement as H5P emits it for `activity` (or its sub-content `sub`)."""
    iri = tracking.activity_iri(activity)
    data = {
        "actor": actor or {"name": "Học viên", "mbox": "mailto:hoc.vien@example.vn", "objectType": "Agent"},
        "verb": {"id": VERBS + verb, "display": {"en-US": verb}},
        "object": {
            "id": f"{iri}?subContentId={sub}" if sub else iri,
            "objectType": "Activity",
            "definition": {"extensions": {"http://h5p.org/x-api/h5p-local-content-id": 1}, **definition},
        },
        "context": {"contextActivities": {"category": [{"id": "http://h5p.org/libraries/H5P.ElearnCheck-1.0"}]}},
    }
    if sub:
        data["context"]["contextActivities"]["parent"] = [{"id": iri, "objectType": "Activity"}]
    if result:
        data["result"] = {
            "score": {"min": 0, "raw": raw, "max": top, "scaled": round(raw / top, 4) if top else 0},
            "completion": completion,
            "duration": duration,
        }
        if success is not None:
            data["result"]["success"] = success
        if response is not None:
            data["result"]["response"] = response
    return data


def question(activity, sub, raw, success, response="1"):
    return statement(
        activity,
        sub=sub,
        raw=raw,
        top=1,
        success=success,
        duration="PT4S",
        interactionType="choice",
        description={"en-US": "<p>Dấu hiệu nào cho thấy thư giả mạo?</p>"},
        correctResponsesPattern=["1"],
        response=response,
    )


def lesson_with(lesson, activity):
    lesson.body = [{"type": "h5p", "value": {"activity": activity.pk, "intro": "Làm để hoàn thành bài."}}]
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    return lesson


@pytest.fixture
def activity(db):
    return make_activity()


# Attempts


def test_an_answered_top_level_statement_ends_an_attempt_with_its_scores_and_duration(activity, learner):
    recorded = tracking.record_statement(learner, activity, statement(activity, raw=3, top=4, success=True), now=NOW)
    attempt = H5PAttempt.objects.get()
    assert recorded.finished and recorded.attempt == attempt
    assert (attempt.user, attempt.activity, attempt.unit.name) == (learner, activity, "Phường Hồng Bàng")
    assert (attempt.raw_score, attempt.max_score, attempt.scaled) == (Decimal("3"), Decimal("4"), Decimal("0.75"))
    assert (attempt.duration_seconds, attempt.completion, attempt.success) == (65, True, True)
    assert attempt.finished_at == NOW
    assert (NOW - attempt.started_at).total_seconds() == 65  # started when the learner began, by its duration
    assert attempt.statement["verb"]["id"] == VERBS + "answered"
    assert "actor" not in attempt.statement  # the forged-able actor is not kept


def test_each_answer_is_a_new_attempt(activity, learner):
    tracking.record_statement(learner, activity, statement(activity, raw=1, top=4))
    tracking.record_statement(learner, activity, statement(activity, raw=4, top=4))
    assert [attempt.raw_score for attempt in H5PAttempt.objects.order_by("pk")] == [1, 4]
    assert all(attempt.finished_at for attempt in H5PAttempt.objects.all())


def test_child_statements_attach_to_the_running_attempt_that_the_parent_ends(activity, learner):
    first = tracking.record_statement(learner, activity, question(activity, "q-1", raw=1, success=True))
    second = tracking.record_statement(learner, activity, question(activity, "q-2", raw=0, success=False, response="0"))
    assert first.attempt == second.attempt and not second.finished
    assert first.attempt.finished_at is None
    ended = tracking.record_statement(learner, activity, statement(activity, "completed", raw=1, top=2))
    assert ended.attempt == first.attempt and ended.finished
    attempt = H5PAttempt.objects.get()
    assert (attempt.raw_score, attempt.max_score, attempt.scaled) == (1, 2, Decimal("0.5"))
    interactions = list(attempt.interactions.all())
    assert [row.object_id.rsplit("=", 1)[1] for row in interactions] == ["q-1", "q-2"]
    assert interactions[0].interaction_type == "choice"
    assert interactions[0].description == "<p>Dấu hiệu nào cho thấy thư giả mạo?</p>"
    assert interactions[0].correct_pattern == ["1"]
    assert [(row.response, row.raw_score, row.max_score, row.success) for row in interactions] == [
        ("1", 1, 1, True),
        ("0", 0, 1, False),
    ]
    # The next question starts the next attempt.
    tracking.record_statement(learner, activity, question(activity, "q-1", raw=1, success=True))
    assert H5PAttempt.objects.count() == 2 and H5PAttempt.objects.filter(finished_at__isnull=True).count() == 1


def test_a_single_question_activity_keeps_its_own_answer_as_an_interaction(activity, learner):
    answer = statement(
        activity, raw=1, top=1, success=True, interactionType="true-false", correctResponsesPattern=["true"]
    )
    tracking.record_statement(learner, activity, answer)
    assert H5PInteraction.objects.get().interaction_type == "true-false"
    assert H5PAttempt.objects.get().finished_at is not None


def test_clicks_and_progress_open_no_attempt_but_attempted_does(activity, learner):
    for verb in ("interacted", "progressed", "experienced"):
        recorded = tracking.record_statement(learner, activity, statement(activity, verb, result=False))
        assert recorded.attempt is None
    assert not H5PAttempt.objects.exists()
    started = tracking.record_statement(learner, activity, statement(activity, "attempted", result=False))
    again = tracking.record_statement(learner, activity, statement(activity, "attempted", result=False))
    assert started.attempt == again.attempt and started.attempt.finished_at is None
    assert H5PAttempt.objects.count() == 1


def test_the_actor_in_the_statement_is_ignored(activity, learner, other_learner):
    forged = {"name": "Trần Thị Bình", "mbox": f"mailto:{other_learner.email}", "objectType": "Agent"}
    tracking.record_statement(learner, activity, statement(activity, actor=forged))
    assert H5PAttempt.objects.get().user == learner
    assert not H5PAttempt.objects.filter(user=other_learner).exists()


def _refused(learner, activity, data, message):
    with pytest.raises(tracking.StatementRefused) as error:
        tracking.record_statement(learner, activity, data)
    assert message in str(error.value)
    assert not H5PAttempt.objects.exists() and not H5PInteraction.objects.exists()


def test_a_statement_about_another_activity_is_refused_and_writes_nothing(activity, learner):
    other = make_activity("Hoạt động khác")
    _refused(learner, activity, statement(other), "không thuộc hoạt động này")
    _refused(learner, activity, statement(other, sub="q-1"), "không thuộc hoạt động này")
    # Own object, but a parent from elsewhere; a look-alike IRI; a query that is not a sub-content.
    child = question(activity, "q-1", raw=1, success=True)
    child["context"]["contextActivities"]["parent"] = [{"id": tracking.activity_iri(other)}]
    _refused(learner, activity, child, "không thuộc hoạt động này")
    lookalike = statement(activity)
    lookalike["object"]["id"] += "0"
    _refused(learner, activity, lookalike, "không thuộc hoạt động này")
    for query in ("?subContentId=q-1&x=1", "?other=1", "?subContentId=../x"):
        data = statement(activity)
        data["object"]["id"] = tracking.activity_iri(activity) + query
        _refused(learner, activity, data, "không thuộc hoạt động này")


def test_an_oversize_statement_is_refused(activity, learner, settings):
    settings.H5P_MAX_STATEMENT_BYTES = 4 * 1024
    data = statement(activity, response="x" * 5000)
    _refused(learner, activity, data, "quá lớn (tối đa 4 KB)")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda data: data.pop("verb"), "thiếu động từ"),
        (lambda data: data["object"].pop("id"), "thiếu mã đối tượng"),
        (lambda data: data["object"].update(objectType="Agent"), "không thuộc hoạt động này"),
        (lambda data: data["result"]["score"].update(raw=5), "từ 0 đến điểm tối đa"),
        (lambda data: data["result"]["score"].update(raw=-1), "từ 0 đến điểm tối đa"),
        (lambda data: data["result"]["score"].update(raw="3"), "Điểm trong câu lệnh xAPI không hợp lệ"),
        (lambda data: data["result"]["score"].update(raw=True), "Điểm trong câu lệnh xAPI không hợp lệ"),
        (lambda data: data["result"]["score"].update(raw=float("nan")), "Điểm trong câu lệnh xAPI không hợp lệ"),
        (lambda data: data["result"]["score"].update(max=10**9, raw=1), "Điểm trong câu lệnh xAPI không hợp lệ"),
        (lambda data: data["result"]["score"].update(scaled=1.5), "Tỉ lệ điểm phải từ 0 đến 1"),
        (lambda data: data["result"].update(duration="1 phút"), "Thời gian làm bài"),
        (lambda data: data["result"].update(duration="PT"), "Thời gian làm bài"),
        (lambda data: data["result"].update(duration="P9999Y"), "Thời gian làm bài"),
        (lambda data: data["result"].update(success="yes"), "Kết quả trong câu lệnh xAPI không hợp lệ"),
        (lambda data: data.update(result=[1]), "Kết quả trong câu lệnh xAPI không hợp lệ"),
        (lambda data: data["object"]["definition"].update(interactionType="<script>"), "Loại tương tác"),
        (lambda data: data["object"]["definition"].update(correctResponsesPattern="1"), "Đáp án đúng"),
    ],
)
def test_a_malformed_statement_is_refused_with_its_reason(activity, learner, change, message):
    data = statement(activity)
    change(data)
    _refused(learner, activity, data, message)


def test_a_malformed_statement_does_not_end_the_running_attempt(activity, learner):
    tracking.record_statement(learner, activity, question(activity, "q-1", raw=1, success=True))
    bad = statement(activity, raw=9, top=4)
    with pytest.raises(tracking.StatementRefused):
        tracking.record_statement(learner, activity, bad)
    attempt = H5PAttempt.objects.get()
    assert attempt.finished_at is None and attempt.interactions.count() == 1


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("PT65S", 65), ("PT1M5.4S", 65), ("PT1H", 3600), ("P1DT1S", 86401), ("PT0.49S", 0), ("PT2.5S", 2)],
)
def test_durations_are_read_as_seconds(text, seconds):
    assert tracking.parse_duration(text) == seconds


def test_scaled_is_computed_from_the_points_not_taken_from_the_browser(activity, learner):
    data = statement(activity, raw=1, top=4)
    data["result"]["score"]["scaled"] = 1
    tracking.record_statement(learner, activity, data)
    assert H5PAttempt.objects.get().scaled == Decimal("0.25")


# Replays: a statement is recorded once


STATEMENT_ID = "4c5d0a9e-7f39-4e0c-9f4b-2b4f3b6f1a10"


def test_a_statement_replayed_with_its_id_records_nothing_twice(activity, learner):
    child = {**question(activity, "q-1", raw=1, success=True), "id": "9f1c2d3e-0000-4000-8000-000000000001"}
    answered = {**statement(activity, raw=3, top=4, success=True), "id": STATEMENT_ID}
    first_child = tracking.record_statement(learner, activity, child)
    first = tracking.record_statement(learner, activity, answered, now=NOW)
    # The player resends both (a lost response), one a little differently: the id says it is the same statement.
    again_child = tracking.record_statement(learner, activity, child)
    changed = {**answered, "id": STATEMENT_ID.upper(), "result": {**answered["result"], "score": {"raw": 4, "max": 4}}}
    again = tracking.record_statement(learner, activity, changed, now=NOW)
    assert again.replayed and again_child.replayed and not first.replayed
    assert (again.attempt, again.finished) == (first.attempt, True)
    assert (again_child.attempt, again_child.interaction) == (first_child.attempt, first_child.interaction)
    attempt = H5PAttempt.objects.get()
    assert attempt.interactions.count() == 1
    assert (attempt.raw_score, attempt.max_score, attempt.finished_at) == (3, 4, NOW)
    summary = tracking.activity_summary(activity)
    assert (summary.attempts, summary.unfinished, summary.average_percent) == (1, 0, Decimal("75.0"))


def test_an_identical_body_without_id_resent_records_nothing_twice(activity, learner):
    child = question(activity, "q-1", raw=1, success=True)
    tracking.record_statement(learner, activity, child)
    assert tracking.record_statement(learner, activity, child).replayed
    answered = statement(activity, "completed", raw=1, top=2, success=False)
    first = tracking.record_statement(learner, activity, answered, now=NOW)
    again = tracking.record_statement(learner, activity, answered, now=NOW + timedelta(seconds=4))
    assert again.replayed and again.attempt == first.attempt and again.finished
    attempt = H5PAttempt.objects.get()  # no second attempt opened and ended by the resent "completed"
    assert attempt.interactions.count() == 1 and attempt.finished_at == NOW
    assert [row.raw_score for row in tracking.learner_attempts(learner, activity)] == [1]
    assert tracking.activity_summary(activity).attempts == 1


def test_two_different_statements_without_id_are_both_recorded(activity, learner, other_learner):
    tracking.record_statement(learner, activity, question(activity, "q-1", raw=1, success=True))
    tracking.record_statement(learner, activity, question(activity, "q-2", raw=1, success=True))
    tracking.record_statement(learner, activity, question(activity, "q-2", raw=0, success=False, response="0"))
    # Another learner's identical statement is theirs, not a replay.
    theirs = tracking.record_statement(other_learner, activity, question(activity, "q-1", raw=1, success=True))
    assert not theirs.replayed
    attempt = H5PAttempt.objects.get(user=learner)
    assert [(row.object_id[-3:], row.response) for row in attempt.interactions.all()] == [
        ("q-1", "1"),
        ("q-2", "1"),
        ("q-2", "0"),
    ]
    assert H5PInteraction.objects.count() == 4


def test_the_same_answer_given_again_later_is_a_new_attempt(activity, learner):
    answer = statement(activity, raw=2, top=4, duration=None)
    tracking.record_statement(learner, activity, answer, now=NOW)
    tracking.record_statement(learner, activity, statement(activity, raw=4, top=4), now=NOW + timedelta(minutes=1))
    # Exactly the first answer again, after another one: not a retry.
    assert not tracking.record_statement(learner, activity, answer, now=NOW + timedelta(minutes=2)).replayed
    # And once more, long after it was last sent: not a retry either.
    later = NOW + timedelta(minutes=2) + tracking.REPLAY_WINDOW + timedelta(seconds=1)
    assert not tracking.record_statement(learner, activity, answer, now=later).replayed
    assert [row.raw_score for row in tracking.learner_attempts(learner, activity)] == [2, 2, 4, 2]


def test_a_concurrent_duplicate_is_caught_by_the_database(activity, learner, monkeypatch):
    answered = {**statement(activity, raw=3, top=4), "id": STATEMENT_ID}
    first = tracking.record_statement(learner, activity, answered, now=NOW)
    real = tracking._replayed
    calls = []

    def not_yet_seen(*args):
        calls.append(args)
        return None if len(calls) == 1 else real(*args)  # as if the first request had not committed yet

    monkeypatch.setattr(tracking, "_replayed", not_yet_seen)
    again = tracking.record_statement(learner, activity, answered, now=NOW + timedelta(seconds=1))
    assert again.replayed and again.attempt == first.attempt and len(calls) == 2
    assert H5PAttempt.objects.count() == 1 and H5PAttempt.objects.get().finished_at == NOW


@pytest.mark.parametrize("statement_id", ["not-a-uuid", 42, ["x"]])
def test_a_statement_with_a_bad_id_is_refused(activity, learner, statement_id):
    _refused(learner, activity, {**statement(activity), "id": statement_id}, "Mã câu lệnh xAPI không hợp lệ")


# Saved state and attempts


def test_saved_state_is_kept_during_an_attempt_and_cleared_when_a_new_one_starts(activity, learner, other_learner):
    other_activity = make_activity("Hoạt động khác")
    tracking.save_state(learner, activity, "state", "0", '{"answers":[]}')
    tracking.record_statement(learner, activity, question(activity, "q-1", raw=1, success=True))  # first attempt
    assert tracking.load_state(learner, activity, "state", "0") == '{"answers":[]}'
    tracking.save_state(learner, activity, "state", "0", '{"answers":[1]}')
    tracking.save_state(learner, activity, "state", "q-1", '{"answer":"1"}')
    tracking.record_statement(learner, activity, question(activity, "q-2", raw=0, success=False, response="0"))
    ended = statement(activity, "completed", raw=1, top=2)
    tracking.record_statement(learner, activity, ended)
    tracking.save_state(learner, activity, "state", "0", '{"answers":[1,0]}')
    assert tracking.record_statement(learner, activity, ended).replayed  # a resent "completed" starts nothing
    assert tracking.preloaded_state(learner, activity) == {
        "0": {"state": '{"answers":[1,0]}'},
        "q-1": {"state": '{"answer":"1"}'},
    }
    tracking.save_state(other_learner, activity, "state", "0", '{"answers":[1]}')
    tracking.save_state(learner, other_activity, "state", "0", '{"answers":[1]}')
    # The learner tries again: the new attempt does not resume the old answers.
    tracking.record_statement(learner, activity, question(activity, "q-1", raw=0, success=False, response="2"))
    assert H5PAttempt.objects.filter(user=learner, activity=activity).count() == 2
    assert tracking.preloaded_state(learner, activity) == {}
    assert tracking.load_state(learner, activity, "state", "0") is None
    assert tracking.load_state(other_learner, activity, "state", "0") == '{"answers":[1]}'
    assert tracking.load_state(learner, other_activity, "state", "0") == '{"answers":[1]}'


def test_an_attempted_statement_after_a_finished_attempt_clears_the_state(activity, learner):
    tracking.record_statement(learner, activity, statement(activity, raw=4, top=4))
    tracking.save_state(learner, activity, "state", "0", '{"answers":[1,1,1,1]}')
    started = tracking.record_statement(learner, activity, statement(activity, "attempted", result=False))
    assert started.attempt.finished_at is None
    assert tracking.load_state(learner, activity, "state", "0") is None
    tracking.save_state(learner, activity, "state", "0", '{"answers":[1]}')
    # Another "attempted" (not a resent one: it differs) while the attempt runs.
    tracking.record_statement(learner, activity, statement(activity, "attempted", result=False, extra=1))
    assert tracking.load_state(learner, activity, "state", "0") == '{"answers":[1]}'  # same attempt: kept


# Lesson progress: completion advances, the score is practice


@pytest.fixture
def activity_lesson(lessons, activity):
    return lesson_with(lessons["kiem-tra"], activity)


def test_completion_advances_an_activity_lesson_but_its_score_stays_practice(
    activity, activity_lesson, course, learner
):
    recorded = tracking.record_statement(
        learner, activity, statement(activity, raw=4, top=4, success=True), lesson=activity_lesson
    )
    assert Enrolment.objects.filter(user=learner, course=course).exists()  # playing in the lesson enrols
    row = LessonProgress.objects.get(user=learner, lesson=activity_lesson)
    assert recorded.progress == row
    assert row.status == ProgressStatus.COMPLETED
    assert row.score is None  # H5P scores never enter the lesson or the course score
    assert H5PAttempt.objects.get().lesson_id == activity_lesson.pk


def test_a_failed_attempt_does_not_complete_the_lesson(activity, activity_lesson, course, learner):
    progress.enrol(learner, course)
    tracking.record_statement(
        learner, activity, statement(activity, raw=1, top=4, success=False), lesson=activity_lesson
    )
    row = LessonProgress.objects.filter(user=learner, lesson=activity_lesson).first()
    assert row is None or row.status != ProgressStatus.COMPLETED


def _refused_in(learner, activity, lesson):
    with pytest.raises(tracking.StatementRefused, match="Bài học này không có hoạt động H5P"):
        tracking.record_statement(learner, activity, statement(activity, success=True), lesson=lesson)


def test_a_lesson_not_holding_the_activity_gets_no_progress(activity, lessons, learner):
    _refused_in(learner, activity, lessons["kiem-tra"])
    assert not H5PAttempt.objects.exists() and not LessonProgress.objects.exists()


def test_an_unpublished_lesson_gets_no_progress(activity, activity_lesson, learner):
    activity_lesson.unpublish()
    activity_lesson.refresh_from_db()
    _refused_in(learner, activity, activity_lesson)
    assert not LessonProgress.objects.exists()


# Saved state


def test_state_is_saved_loaded_replaced_and_deleted(activity, learner, other_learner):
    assert tracking.load_state(learner, activity, "state", "0") is None
    tracking.save_state(learner, activity, "state", "0", '{"answers":[1]}')
    tracking.save_state(learner, activity, "state", "0", '{"answers":[1,2]}')
    tracking.save_state(learner, activity, "state", "q-1", '{"answer":"a"}')
    assert tracking.load_state(learner, activity, "state", "0") == '{"answers":[1,2]}'
    assert tracking.load_state(other_learner, activity, "state", "0") is None
    assert tracking.preloaded_state(learner, activity) == {
        "0": {"state": '{"answers":[1,2]}'},
        "q-1": {"state": '{"answer":"a"}'},
    }
    tracking.save_state(learner, activity, "state", "0", "0")  # H5P's null: forget it
    assert tracking.load_state(learner, activity, "state", "0") is None
    assert H5PState.objects.count() == 1


def test_oversize_or_badly_keyed_state_is_refused(activity, learner, settings):
    settings.H5P_MAX_STATE_BYTES = 1024
    with pytest.raises(tracking.StateRefused, match="quá lớn"):
        tracking.save_state(learner, activity, "state", "0", "x" * 1025)
    with pytest.raises(tracking.StateRefused, match="Khóa"):
        tracking.save_state(learner, activity, "../state", "0", "{}")
    with pytest.raises(tracking.StateRefused, match="Khóa"):
        tracking.save_state(learner, activity, "state", "a b", "{}")
    assert not H5PState.objects.exists()


# Read models


def test_learner_attempts_are_the_learners_finished_ones_newest_first(activity, learner, other_learner):
    for raw in (1, 2, 3):
        tracking.record_statement(learner, activity, statement(activity, raw=raw, top=4))
    tracking.record_statement(other_learner, activity, statement(activity, raw=4, top=4))
    tracking.record_statement(learner, activity, question(activity, "q-1", raw=1, success=True))  # running
    assert [attempt.raw_score for attempt in tracking.learner_attempts(learner, activity, limit=2)] == [3, 2]
    assert tracking.percent(tracking.learner_attempts(learner, activity)[0]) == Decimal("75.00")


def test_activity_summary(activity, learner, other_learner):
    tracking.record_statement(learner, activity, statement(activity, raw=1, top=4, success=False))
    tracking.record_statement(learner, activity, statement(activity, raw=4, top=4, success=True))
    tracking.record_statement(other_learner, activity, statement(activity, raw=2, top=4, completion=False))
    tracking.record_statement(other_learner, activity, question(activity, "q-1", raw=1, success=True))
    summary = tracking.activity_summary(activity)
    assert (summary.attempts, summary.unfinished, summary.learners) == (3, 1, 2)
    assert summary.average_percent == Decimal("58.3")  # (25 + 100 + 50) / 3
    assert summary.completion_rate == Decimal("66.7")
    assert summary.success_rate == Decimal("50.0")  # of the two attempts that report success


def test_activity_iri_is_the_same_for_the_page_and_the_endpoint(activity, rf):
    from wagtail.models import Site

    iri = tracking.activity_iri(activity)
    assert iri == f"{Site.objects.get(is_default_site=True).root_url}/h5p/hoat-dong/{activity.folder}"
    assert tracking.activity_iri(activity, rf.get("/", HTTP_HOST="testserver")) == iri
