"""The xAPI and saved-state endpoints of an H5P activity, for the player (static/js/h5p-player.js).

Both need a logged-in user (anonymous: redirect to the login page) and record for that user only.

`h5p:xapi`  POST /h5p/hoat-dong/<folder>/xapi/
    Headers: `Content-Type: application/json`, `X-CSRFToken: <token>` (CSRF is required).
    Body: {"statement": <the xAPI statement of H5P.externalDispatcher's 'xAPI' event, event.data.statement>,
           "lesson": <id of the lesson page the activity is played in, or null>}
    The statement's object id must be tracking.activity_iri(activity, request) (give it to h5p-standalone as
    `xAPIObjectIRI`) or that IRI plus `?subContentId=<id>`; its actor is ignored.
    200 {"recorded": bool, "finished": bool, "attempt": null | {"id", "raw_score", "max_score", "percent",
         "success", "completion", "duration_seconds"}, "lesson_completed": bool | null}
        recorded is false for statements that are accepted but not kept (interacted, progressed...);
        finished is true when this statement ended the attempt; lesson_completed is null without a lesson.
    400 {"error": "<Vietnamese message>"} for a malformed, oversize or foreign statement (nothing written);
    404 for an unknown activity; 403 without a valid CSRF token.

`h5p:state` /h5p/hoat-dong/<folder>/trang-thai/?data_type=<dataType>&sub_content_id=<subContentId>
    H5P core's content user data protocol: give h5p-standalone
    `ajax.contentUserDataUrl = "<this URL>?data_type=:dataType&sub_content_id=:subContentId"` (H5P fills the
    placeholders; a missing sub_content_id means "0", a missing data_type means "state").
    GET  → {"success": true, "data": "<saved string>"} or {"success": true, "data": false} when nothing is saved.
    POST (form fields as H5P core's jQuery sends them, or the same keys as JSON) with the CSRF token as the
         `X-CSRFToken` header or a `csrfmiddlewaretoken` field: `data` (the string to keep; "0" deletes it),
         `preload`, `invalidate` (accepted and ignored: an activity's content never changes after upload)
         → {"success": true}.
    400 {"success": false, "message": "<Vietnamese message>"} for oversize data or bad keys.
    tracking.preloaded_state(user, activity) gives the same data for h5p-standalone's `contentUserData`.
"""

import json

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Site

from courses.models import LessonPage, ProgressStatus

from . import tracking
from .models import H5PActivity


def _no_constants(name):
    raise ValueError(name)  # NaN and Infinity are not JSON


def _json_body(request):
    """The request's JSON object, or None when it is not one."""
    try:
        payload = json.loads(request.body, parse_constant=_no_constants)
    except (ValueError, UnicodeDecodeError):
        return None
    return payload if isinstance(payload, dict) else None


def _lesson(value):
    """The live lesson page of id `value`; None for no lesson; False for an unknown one."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).isdigit():
        return False
    return LessonPage.objects.live().public().specific().filter(pk=int(value)).first() or False


def _attempt_json(attempt):
    if attempt is None:
        return None

    def number(value):
        return float(value) if value is not None else None

    return {
        "id": attempt.pk,
        "raw_score": number(attempt.raw_score),
        "max_score": number(attempt.max_score),
        "percent": number(tracking.percent(attempt)),
        "success": attempt.success,
        "completion": attempt.completion,
        "duration_seconds": attempt.duration_seconds,
    }


@require_POST
@login_required
def xapi(request, folder):
    activity = get_object_or_404(H5PActivity, folder=folder)
    payload = _json_body(request)
    if payload is None or "statement" not in payload:
        return JsonResponse({"error": _("Dữ liệu gửi lên không phải câu lệnh xAPI hợp lệ.")}, status=400)
    lesson = _lesson(payload.get("lesson"))
    if lesson is False:
        return JsonResponse({"error": _("Không tìm thấy bài học của hoạt động này.")}, status=400)
    try:
        recorded = tracking.record_statement(
            request.user, activity, payload["statement"], lesson=lesson, site=Site.find_for_request(request)
        )
    except tracking.StatementRefused as error:
        return JsonResponse({"error": str(error)}, status=400)
    progress = recorded.progress
    return JsonResponse(
        {
            "recorded": recorded.attempt is not None,
            "finished": recorded.finished,
            "attempt": _attempt_json(recorded.attempt),
            "lesson_completed": progress.status == ProgressStatus.COMPLETED if progress is not None else None,
        }
    )


def _state_fields(request):
    fields = request.GET.dict()
    if request.method == "POST":
        body = _json_body(request) if request.content_type == "application/json" else request.POST.dict()
        fields.update(body or {})
    return fields


@require_http_methods(["GET", "POST"])
@login_required
def state(request, folder):
    activity = get_object_or_404(H5PActivity, folder=folder)
    fields = _state_fields(request)
    data_id, sub_content_id = fields.get("data_type") or "state", fields.get("sub_content_id") or "0"
    try:
        if request.method == "GET":
            data = tracking.load_state(request.user, activity, data_id, sub_content_id)
            return JsonResponse({"success": True, "data": data if data is not None else False})
        if "data" not in fields:
            return JsonResponse({"success": False, "message": _("Thiếu dữ liệu cần lưu.")}, status=400)
        tracking.save_state(request.user, activity, data_id, sub_content_id, fields["data"])
    except tracking.StateRefused as error:
        return JsonResponse({"success": False, "message": str(error)}, status=400)
    return JsonResponse({"success": True})
