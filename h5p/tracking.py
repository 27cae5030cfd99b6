"""Learners' H5P attempts from xAPI statements, and their saved state: the rules and the only writes.

H5P scores are computed in the browser and can be forged, so they are practice: a finished attempt
advances an activity-rule lesson (courses.progress, counts_for_score=False) but never enters a lesson,
course, certificate or contest score.

How statements become attempts (after Moodle's mod_h5pactivity, one statement at a time):
- the statement's actor is ignored: everything is recorded for the user of the request;
- the object id must be the activity's own IRI (see activity_iri) or one of its sub-contents
  (`<IRI>?subContentId=<id>`), and every context parent too; otherwise nothing is written;
- a top-level `answered` or `completed` ends the learner's running attempt (starting one if none runs)
  with its score, duration, completion and success;
- a child statement with a result (a question inside a question set, a video's interaction) is kept as an
  H5PInteraction of the running attempt, starting one if none runs; so is a top-level answer that
  describes an interaction (a single true/false question);
- a top-level `attempted` starts an attempt if none runs; other statements (interacted, progressed...)
  are accepted and ignored, so that clicks do not open attempts;
- a statement larger than settings.H5P_MAX_STATEMENT_BYTES is refused (never stored truncated), as is
  any malformed part: a score outside 0..max, a scaled score outside 0..1, an unreadable duration, an `id`
  that is not a UUID;
- recording is idempotent: a statement that changed an attempt is kept as an H5PRecordedStatement under its
  key (its xAPI `id`, or for a statement without one, the SHA-256 of its verb, object, result and context),
  unique per learner and activity in the database. A statement whose key is already recorded writes nothing
  and answers as the first time did. A content key counts as a client retry only while it is the learner's
  last recorded statement of the activity and for REPLAY_WINDOW (the player retries at once, in order), so
  the same answer given again in a later attempt is recorded;
- when a new attempt starts after an earlier one, the learner's saved state of the activity is cleared, so
  the player does not resume the old answers; a learner's first attempt keeps what was saved while it began.
"""

import hashlib
import json
import math
import re
import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from urllib.parse import parse_qs

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from courses import activities, progress
from courses.models import LessonProgress

from .models import H5PAttempt, H5PInteraction, H5PRecordedStatement, H5PState

VERB_PREFIX = "http://adlnet.gov/expapi/verbs/"
ENDING_VERBS = {"answered", "completed"}
INTERACTION_TYPES = {
    "true-false",
    "choice",
    "fill-in",
    "long-fill-in",
    "matching",
    "performance",
    "sequencing",
    "likert",
    "numeric",
    "other",
}
MAX_POINTS = Decimal("999999.99")  # H5PAttempt.raw_score / max_score: 8 digits, 2 decimals
MAX_DURATION_SECONDS = 366 * 24 * 3600
SUB_CONTENT_ID = re.compile(r"^[A-Za-z0-9-]{1,64}$")
DATA_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_NUMBER = r"(\d+(?:\.\d+)?)"
DURATION = re.compile(
    rf"^P(?:{_NUMBER}Y)?(?:{_NUMBER}M)?(?:{_NUMBER}W)?(?:{_NUMBER}D)?"
    rf"(?:T(?:{_NUMBER}H)?(?:{_NUMBER}M)?(?:{_NUMBER}S)?)?$"
)
DURATION_UNITS = (365 * 86400, 30 * 86400, 7 * 86400, 86400, 3600, 60, 1)
# How long an identical statement without an id counts as a client retry (the player retries within seconds).
REPLAY_WINDOW = timedelta(minutes=5)
CONTENT_KEY_PARTS = ("verb", "object", "result", "context")


class TrackingError(Exception):
    """Input the tracking rules refuse; the message is for the learner (and the player's console)."""


class StatementRefused(TrackingError):
    """An xAPI statement that is malformed, too large, or not about this activity: nothing was written."""


class StateRefused(TrackingError):
    """Saved state that cannot be kept (too large, bad keys): nothing was written."""


# The activity's IRI


def _site_root(request_or_site):
    site = request_or_site
    if isinstance(request_or_site, HttpRequest):
        site = Site.find_for_request(request_or_site)
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def activity_iri(activity, request_or_site=None):
    """The xAPI object id of `activity`: `<site root>/h5p/hoat-dong/<folder>`, e.g. `http://localhost/h5p/hoat-dong/…`.

    The player passes it to h5p-standalone as `xAPIObjectIRI` (which becomes H5PIntegration.contents[cid].url;
    H5P appends `?subContentId=<id>` for children). The xAPI endpoint accepts only statements about this IRI.
    `request_or_site` is the request (its Wagtail Site is used, not the request's host), a Site, or None for
    the default site, so the page and the endpoint always compute the same IRI.
    """
    xapi_path = reverse("h5p:xapi", args=[activity.folder])
    return _site_root(request_or_site) + xapi_path.removesuffix("/").removesuffix("/xapi")


# Reading a statement (no database)


@dataclass
class Statement:
    """What the tracking rules use of one xAPI statement, validated."""

    verb: str  # the short ADL verb ("answered") or the full IRI of another verb
    object_id: str
    sub_content_id: str | None  # None for the activity itself
    stored: dict  # the statement as kept: without actor or authority
    key: str = ""  # "id:<uuid>" or "sha256:<hex of the content>", see statement_key
    has_result: bool = False
    raw_score: Decimal | None = None
    max_score: Decimal | None = None
    scaled: Decimal | None = None
    duration_seconds: int | None = None
    completion: bool | None = None
    success: bool | None = None
    response: str = ""
    interaction_type: str = ""
    description: str = ""
    correct_pattern: list | None = None

    @property
    def top_level(self):
        return self.sub_content_id is None

    @property
    def ends_attempt(self):
        return self.top_level and self.verb in ENDING_VERBS

    @property
    def is_interaction(self):
        return self.has_result and (not self.top_level or bool(self.interaction_type))


def _refuse(message):
    raise StatementRefused(message)


def _dict(value, message):
    if value is None:
        return {}
    if not isinstance(value, dict):
        _refuse(message)
    return value


def _own_sub_content(object_id, iri):
    """None when `object_id` is the activity itself, the sub-content id when it is one of its parts; else refuse."""
    if not isinstance(object_id, str) or not object_id:
        _refuse(_("Câu lệnh xAPI thiếu mã đối tượng."))
    if object_id == iri:
        return None
    if object_id.startswith(iri + "?"):
        query = parse_qs(object_id[len(iri) + 1 :], keep_blank_values=True, strict_parsing=False)
        ids = query.get("subContentId", [])
        if list(query) == ["subContentId"] and len(ids) == 1 and SUB_CONTENT_ID.match(ids[0]):
            return ids[0]
    _refuse(_("Câu lệnh xAPI không thuộc hoạt động này."))


def _number(value, message):
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        _refuse(message)
    return Decimal(str(value))


def _score(result, statement):
    bad = _("Điểm trong câu lệnh xAPI không hợp lệ.")
    score = _dict(result.get("score"), bad)
    raw = _number(score["raw"], bad) if "raw" in score else None
    top = _number(score["max"], bad) if "max" in score else None
    scaled = _number(score["scaled"], bad) if "scaled" in score else None
    if "min" in score and _number(score["min"], bad) != 0:
        _refuse(bad)
    if top is not None and not 0 <= top <= MAX_POINTS:
        _refuse(bad)
    if raw is not None and not 0 <= raw <= (top if top is not None else MAX_POINTS):
        _refuse(_("Điểm đạt được phải từ 0 đến điểm tối đa."))
    if scaled is not None and not 0 <= scaled <= 1:
        _refuse(_("Tỉ lệ điểm phải từ 0 đến 1."))
    if raw is not None and top:
        scaled = raw / top  # computed here, whatever the browser said
    statement.raw_score = raw.quantize(Decimal("0.01")) if raw is not None else None
    statement.max_score = top.quantize(Decimal("0.01")) if top is not None else None
    statement.scaled = scaled.quantize(Decimal("0.0001")) if scaled is not None else None


def parse_duration(text):
    """Seconds (rounded) of an ISO 8601 duration such as `PT1M5.25S`; StatementRefused if unreadable."""
    match = DURATION.match(text) if isinstance(text, str) else None
    if match is None or not any(match.groups()) or text.endswith("T"):
        _refuse(_("Thời gian làm bài trong câu lệnh xAPI không hợp lệ."))
    seconds = sum(Decimal(part) * unit for part, unit in zip(match.groups(), DURATION_UNITS, strict=True) if part)
    if seconds > MAX_DURATION_SECONDS:
        _refuse(_("Thời gian làm bài trong câu lệnh xAPI không hợp lệ."))
    return round(seconds)


def _flag(result, key):
    value = result.get(key)
    if value is not None and not isinstance(value, bool):
        _refuse(_("Kết quả trong câu lệnh xAPI không hợp lệ."))
    return value


def _result(result, statement):
    statement.has_result = True
    _score(result, statement)
    if result.get("duration") is not None:
        statement.duration_seconds = parse_duration(result["duration"])
    statement.completion = _flag(result, "completion")
    statement.success = _flag(result, "success")
    response = result.get("response", "")
    if not isinstance(response, str):
        _refuse(_("Câu trả lời trong câu lệnh xAPI không hợp lệ."))
    statement.response = response


def _language_text(value):
    if not isinstance(value, dict) or not all(isinstance(text, str) for text in value.values()):
        _refuse(_("Mô tả trong câu lệnh xAPI không hợp lệ."))
    for language in ("vi", "vi-VN", "en-US", "en"):
        if language in value:
            return value[language]
    return next(iter(value.values()), "")


def _definition(definition, statement):
    kind = definition.get("interactionType", "")
    if kind and kind not in INTERACTION_TYPES:
        _refuse(_("Loại tương tác trong câu lệnh xAPI không hợp lệ."))
    statement.interaction_type = kind
    if definition.get("description") is not None:
        statement.description = _language_text(definition["description"])
    elif definition.get("name") is not None:
        statement.description = _language_text(definition["name"])
    pattern = definition.get("correctResponsesPattern")
    if pattern is not None and not (isinstance(pattern, list) and all(isinstance(item, str) for item in pattern)):
        _refuse(_("Đáp án đúng trong câu lệnh xAPI không hợp lệ."))
    statement.correct_pattern = pattern


def _check_parents(context, iri):
    activities = _dict(context.get("contextActivities"), _("Ngữ cảnh của câu lệnh xAPI không hợp lệ."))
    parents = activities.get("parent") or []
    for parent in parents if isinstance(parents, list) else [parents]:
        _own_sub_content(_dict(parent, _("Ngữ cảnh của câu lệnh xAPI không hợp lệ.")).get("id"), iri)


def statement_size(statement):
    return len(json.dumps(statement, ensure_ascii=False, separators=(",", ":")).encode())


def statement_key(statement):
    """The key a replay of `statement` is recognised by: its xAPI id, else a hash of what it says.

    `id:<uuid>` (normalised) when the statement has an id; otherwise `sha256:<hex>` of the canonical JSON
    of its verb, object, result and context (the actor, timestamp and the like are left out).
    """
    statement_id = statement.get("id")
    if statement_id is not None:
        try:
            return f"id:{uuid.UUID(statement_id)}"
        except (AttributeError, TypeError, ValueError):
            _refuse(_("Mã câu lệnh xAPI không hợp lệ."))
    content = {part: statement.get(part) for part in CONTENT_KEY_PARTS}
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()


def parse_statement(statement, iri):
    """Validate an xAPI statement about the activity of `iri`; return a Statement or raise StatementRefused."""
    if not isinstance(statement, dict):
        _refuse(_("Câu lệnh xAPI không hợp lệ."))
    limit = settings.H5P_MAX_STATEMENT_BYTES
    if statement_size(statement) > limit:
        _refuse(_("Câu lệnh xAPI quá lớn (tối đa %(size)s KB).") % {"size": limit // 1024})
    verb = _dict(statement.get("verb"), _("Câu lệnh xAPI thiếu động từ.")).get("id")
    if not isinstance(verb, str) or not verb:
        _refuse(_("Câu lệnh xAPI thiếu động từ."))
    target = _dict(statement.get("object"), _("Câu lệnh xAPI thiếu mã đối tượng."))
    if target.get("objectType", "Activity") != "Activity":
        _refuse(_("Câu lệnh xAPI không thuộc hoạt động này."))
    parsed = Statement(
        verb=verb.removeprefix(VERB_PREFIX),
        object_id=target.get("id"),
        sub_content_id=_own_sub_content(target.get("id"), iri),
        stored={key: value for key, value in statement.items() if key not in ("actor", "authority")},
        key=statement_key(statement),
    )
    _check_parents(_dict(statement.get("context"), _("Ngữ cảnh của câu lệnh xAPI không hợp lệ.")), iri)
    _definition(_dict(target.get("definition"), _("Câu lệnh xAPI không hợp lệ.")), parsed)
    if statement.get("result") is not None:
        _result(_dict(statement["result"], _("Kết quả trong câu lệnh xAPI không hợp lệ.")), parsed)
    return parsed


# Recording


@dataclass
class Recorded:
    """What a statement did: the attempt it went to (None when ignored), and the lesson's progress if reported."""

    attempt: H5PAttempt | None = None
    interaction: H5PInteraction | None = None
    finished: bool = False
    progress: object = None  # courses.models.LessonProgress
    replayed: bool = False  # the statement had been recorded already: nothing was written


def _check_lesson(activity, lesson):
    if lesson is None:
        return
    if not lesson.live or all(item.pk != activity.pk for item in activities.placed(lesson, "h5p")):
        _refuse(_("Bài học này không có hoạt động H5P bạn vừa làm."))


def _running_attempt(user, activity):
    return (
        H5PAttempt.objects.filter(activity=activity, user=user, finished_at__isnull=True)
        .order_by("-started_at", "-pk")
        .first()
    )


def _start_attempt(user, activity, lesson, started_at):
    if H5PAttempt.objects.filter(activity=activity, user=user).exists():
        # A new attempt after earlier ones: the player must not resume the old answers.
        H5PState.objects.filter(activity=activity, user=user).delete()
    cadre = getattr(user, "cadre", None)
    return H5PAttempt.objects.create(
        activity=activity,
        user=user,
        lesson=lesson,
        started_at=started_at,
        unit=cadre.unit if cadre is not None else None,
    )


def _end_attempt(attempt, statement, now):
    attempt.finished_at = now
    attempt.raw_score = statement.raw_score
    attempt.max_score = statement.max_score
    attempt.scaled = statement.scaled
    attempt.duration_seconds = statement.duration_seconds
    attempt.completion = statement.completion
    attempt.success = statement.success
    attempt.statement = statement.stored
    attempt.save()


def _add_interaction(attempt, statement):
    return H5PInteraction.objects.create(
        attempt=attempt,
        object_id=statement.object_id[:500],
        interaction_type=statement.interaction_type,
        description=statement.description,
        correct_pattern=statement.correct_pattern,
        response=statement.response,
        raw_score=statement.raw_score,
        max_score=statement.max_score,
        success=statement.success,
        statement=statement.stored,
    )


def _report_to_lesson(user, lesson, attempt):
    """A finished attempt advances the lesson; its score is practice and never counts (counts_for_score=False)."""
    if not (attempt.completion or attempt.success):
        return None
    course = lesson.course()
    try:
        if course is not None:
            progress.enrol(user, course)  # working in a lesson's activity enrols, as a lesson quiz does
    except progress.ProgressError:
        return None
    return progress.record_activity_result(
        user,
        lesson,
        score=attempt.scaled * 100 if attempt.scaled is not None else None,
        passed=attempt.success if attempt.success is not None else attempt.completion,
        counts_for_score=False,
    )


def _is_retry_of(first, now):
    """Whether a statement without id, identical to `first`, is the client resending it.

    The player sends a learner's statements one after another and retries one before sending the next, so
    a resent body is the last statement recorded for the activity, and comes within seconds.
    """
    later = H5PRecordedStatement.objects.filter(activity=first.activity_id, user=first.user_id, pk__gt=first.pk)
    return first.recorded_at >= now - REPLAY_WINDOW and not later.exists()


def _replayed(user, activity, statement, lesson, now):
    """What the first recording of `statement` answered, or None when its key is not (or no longer) recorded."""
    first = (
        H5PRecordedStatement.objects.filter(activity=activity, user=user, key=statement.key)
        .select_related("attempt")
        .first()
    )
    if first is None:
        return None
    if statement.key.startswith("sha256:") and not _is_retry_of(first, now):
        # Not a client retry: the learner said exactly the same again (a later attempt); release the key.
        first.key = f"{first.key}@{first.pk}"
        first.save(update_fields=["key"])
        return None
    attempt = first.attempt
    reported = None
    if first.finished and lesson is not None and (attempt.completion or attempt.success):
        reported = LessonProgress.objects.filter(user=user, lesson=lesson).first()
    return Recorded(
        attempt=attempt, interaction=first.interaction, finished=first.finished, progress=reported, replayed=True
    )


def _record(user, activity, parsed, lesson, now):
    attempt = _running_attempt(user, activity)
    if attempt is None:
        started = now
        if parsed.ends_attempt and parsed.duration_seconds:
            started = now - timedelta(seconds=parsed.duration_seconds)
        attempt = _start_attempt(user, activity, lesson, started)
    elif lesson is not None and attempt.lesson_id is None:
        attempt.lesson = lesson
        attempt.save(update_fields=["lesson"])
    recorded = Recorded(attempt=attempt)
    if parsed.is_interaction:
        recorded.interaction = _add_interaction(attempt, parsed)
    if parsed.ends_attempt:
        _end_attempt(attempt, parsed, now)
        recorded.finished = True
        if lesson is not None:
            recorded.progress = _report_to_lesson(user, lesson, attempt)
    H5PRecordedStatement.objects.create(
        activity=activity,
        user=user,
        key=parsed.key,
        attempt=attempt,
        interaction=recorded.interaction,
        finished=recorded.finished,
        recorded_at=now,
    )
    return recorded


def record_statement(user, activity, statement, lesson=None, now=None, site=None):
    """Record one xAPI statement of `user` (the statement's own actor is ignored) about `activity`.

    `lesson` is the live lesson page the activity was played in (or None); `site` the Site whose
    activity_iri the player used (None: the default site). Raises StatementRefused, writing nothing,
    for a malformed or oversize statement, a statement about another activity, or a lesson without it.
    A statement already recorded (same id, or the same content resent by the client) writes nothing
    and returns what the first recording did, with `replayed` set.
    """
    parsed = parse_statement(statement, activity_iri(activity, site))
    _check_lesson(activity, lesson)
    starts = parsed.top_level and parsed.verb == "attempted"
    if not (parsed.ends_attempt or parsed.is_interaction or starts):
        return Recorded()
    now = now or timezone.now()
    with transaction.atomic():
        # One learner's statements are recorded one after another, so two cannot open two attempts.
        get_user_model().objects.select_for_update().only("pk").get(pk=user.pk)
        replayed = _replayed(user, activity, parsed, lesson, now)
        if replayed is not None:
            return replayed
        try:
            with transaction.atomic():  # a savepoint: a concurrent duplicate rolls back only this statement
                return _record(user, activity, parsed, lesson, now)
        except IntegrityError:
            # The same statement was recorded meanwhile (where the lock above does not serialise).
            replayed = _replayed(user, activity, parsed, lesson, now)
            if replayed is None:
                raise
            return replayed


# Saved state (H5P's content user data), so that a learner can resume


def _state_keys(data_id, sub_content_id):
    sub_content_id = str(sub_content_id or "0")
    if not DATA_ID.match(str(data_id or "")) or not (sub_content_id == "0" or SUB_CONTENT_ID.match(sub_content_id)):
        raise StateRefused(_("Khóa của dữ liệu đã lưu không hợp lệ."))
    return str(data_id), sub_content_id


def save_state(user, activity, data_id, sub_content_id, data):
    """Keep the learner's state `data` (an opaque string from H5P); data None or "0" deletes it, as H5P asks."""
    data_id, sub_content_id = _state_keys(data_id, sub_content_id)
    if data is None or data == "0":
        delete_state(user, activity, data_id, sub_content_id)
        return None
    if not isinstance(data, str):
        raise StateRefused(_("Dữ liệu đã lưu không hợp lệ."))
    limit = settings.H5P_MAX_STATE_BYTES
    if len(data.encode()) > limit:
        raise StateRefused(_("Dữ liệu đã lưu quá lớn (tối đa %(size)s KB).") % {"size": limit // 1024})
    state, _created = H5PState.objects.update_or_create(
        activity=activity, user=user, data_id=data_id, sub_content_id=sub_content_id, defaults={"data": data}
    )
    return state


def load_state(user, activity, data_id, sub_content_id):
    """The learner's saved data string, or None."""
    data_id, sub_content_id = _state_keys(data_id, sub_content_id)
    return (
        H5PState.objects.filter(activity=activity, user=user, data_id=data_id, sub_content_id=sub_content_id)
        .values_list("data", flat=True)
        .first()
    )


def delete_state(user, activity, data_id, sub_content_id):
    data_id, sub_content_id = _state_keys(data_id, sub_content_id)
    H5PState.objects.filter(activity=activity, user=user, data_id=data_id, sub_content_id=sub_content_id).delete()


def preloaded_state(user, activity):
    """All the learner's saved data of an activity as h5p-standalone's `contentUserData` wants it.

    {sub_content_id: {data_id: data}}, e.g. {"0": {"state": "{…}"}}: H5P reads contentUserData[0].state.
    """
    rows = H5PState.objects.filter(activity=activity, user=user).values_list("sub_content_id", "data_id", "data")
    preloaded = {}
    for sub_content_id, data_id, data in rows:
        preloaded.setdefault(sub_content_id, {})[data_id] = data
    return preloaded


# Read models: the learner's attempts, and the editor's summary


def learner_attempts(user, activity, limit=5):
    """The learner's most recent finished attempts of `activity`, newest first (for the block)."""
    if not user.is_authenticated:
        return []
    return list(
        H5PAttempt.objects.filter(activity=activity, user=user, finished_at__isnull=False).order_by(
            "-finished_at", "-pk"
        )[:limit]
    )


def percent(attempt):
    """The attempt's score in percent (0..100, two decimals), or None."""
    return (attempt.scaled * 100).quantize(Decimal("0.01")) if attempt.scaled is not None else None


@dataclass
class ActivitySummary:
    attempts: int  # finished attempts
    unfinished: int
    learners: int
    average_percent: Decimal | None
    completion_rate: Decimal | None  # percent of finished attempts
    success_rate: Decimal | None  # percent of the finished attempts that report success or failure


def _rate(part, whole):
    return (Decimal(100) * part / whole).quantize(Decimal("0.1")) if whole else None


def activity_summary(activity):
    """Attempts, distinct learners, average score and completion/success rates of an activity (one query)."""
    finished = Q(finished_at__isnull=False)
    figures = H5PAttempt.objects.filter(activity=activity).aggregate(
        attempts=Count("pk", filter=finished),
        unfinished=Count("pk", filter=~finished),
        learners=Count("user", filter=finished, distinct=True),
        average=Avg("scaled", filter=finished),
        completed=Count("pk", filter=finished & Q(completion=True)),
        succeeded=Count("pk", filter=finished & Q(success=True)),
        judged=Count("pk", filter=finished & Q(success__isnull=False)),
    )
    average = figures["average"]
    return ActivitySummary(
        attempts=figures["attempts"],
        unfinished=figures["unfinished"],
        learners=figures["learners"],
        average_percent=(Decimal(average) * 100).quantize(Decimal("0.1")) if average is not None else None,
        completion_rate=_rate(figures["completed"], figures["attempts"]),
        success_rate=_rate(figures["succeeded"], figures["judged"]),
    )
