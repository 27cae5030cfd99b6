"""The learner's side of quizzes: the quiz page, an attempt page by page with autosave, submit, the result.

Views stay thin: quizzes.attempts starts, saves, finishes and scores. These read the request, call it
with the request's user, and answer with a page, a redirect (forms) or JSON (the page's autosave).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from courses.models import LessonPage
from elearn.audit import client_address

from . import attempts, integrity, presentation
from .blocks import lesson_quizzes
from .models import Attempt, CloseReason, ContestPage, Quiz

ANSWER_PREFIX = "cau-"  # cau-<position>: the choices (1 = first option shown) ticked for that question
ON_PAGE = "tren-trang"  # the positions shown on the posted page, so that unticking every box clears an answer
PREDICTION = "du-doan"
SUBMIT = "nop-bai"
MAX_PREDICTION = 2_000_000_000
NOT_POSTED = object()


class BadPost(Exception):
    """The posted answers are not what the attempt page sends."""


def _number(value):
    value = (value or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > 10:
        raise BadPost(_("Dữ liệu bài làm không hợp lệ. Vui lòng tải lại trang và thử lại."))
    return int(value)


def posted_answers(post):
    """{position: [choice numbers]} from the fields `cau-<position>` of a posted attempt page."""
    positions = {_number(value) for value in post.getlist(ON_PAGE)}
    positions.update(_number(name[len(ANSWER_PREFIX) :]) for name in post if name.startswith(ANSWER_PREFIX))
    return {
        position: [_number(value) for value in post.getlist(f"{ANSWER_PREFIX}{position}")] for position in positions
    }


def posted_prediction(post):
    """The prediction typed on the last page: NOT_POSTED, None when left blank, or a whole number."""
    if PREDICTION not in post:
        return NOT_POSTED
    if not post[PREDICTION].strip():
        return None
    value = _number(post[PREDICTION])
    if value > MAX_PREDICTION:
        raise BadPost(_("Số dự đoán quá lớn."))
    return value


def _prediction_key(attempt):
    return f"quiz-prediction-{attempt.pk}"


def _remember_prediction(request, attempt, prediction):
    """Keep the prediction in the session until the submit, so moving between pages does not lose it."""
    if prediction is NOT_POSTED or not attempt.quiz.prediction_enabled:
        return
    if prediction is None:
        request.session.pop(_prediction_key(attempt), None)
    else:
        request.session[_prediction_key(attempt)] = prediction


def _live_lesson(lesson_id):
    try:
        return LessonPage.objects.live().public().specific().filter(pk=int(lesson_id)).first()
    except (TypeError, ValueError):
        return None


def _lesson_with(quiz, lesson_id):
    """The live lesson `lesson_id` if its body holds `quiz`, else None."""
    lesson = _live_lesson(lesson_id)
    if lesson is None or all(item.pk != quiz.pk for item in lesson_quizzes(lesson)):
        return None
    return lesson


def _contest_page(quiz):
    return ContestPage.objects.live().public().filter(rounds__quiz=quiz).first() if quiz.is_contest else None


def _way_back(quiz, lesson=None):
    """The page the learner came to the quiz from (its lesson, its contest page or the quiz): url, title, link text."""
    if lesson is not None and lesson.live:
        return {
            "back_url": lesson.url,
            "back_title": lesson.title,
            "back_label": _("Quay lại bài học “%(title)s”") % {"title": lesson.title},
        }
    if contest := _contest_page(quiz):
        return {"back_url": contest.url, "back_title": contest.title, "back_label": _("Về trang cuộc thi")}
    return {
        "back_url": reverse("quizzes:detail", args=[quiz.pk]),
        "back_title": quiz.title,
        "back_label": _("Về trang bài kiểm tra"),
    }


def _own_attempt(request, attempt_id):
    """The request user's attempt; anyone else's is a 404, not a 403, so attempt ids reveal nothing."""
    return get_object_or_404(Attempt.objects.select_related("quiz", "lesson"), pk=attempt_id, user=request.user)


def _closed_now(request, attempt):
    """Close the attempt if its time ran out while the learner was away; True when it is finished."""
    if attempt.is_open and attempts.open_attempt(request.user, attempt.quiz) is None:
        attempt.refresh_from_db()
    return not attempt.is_open


def _page_of(attempt, position):
    return (position - 1) // attempt.quiz.questions_per_page + 1


def _next_url(attempt, post):
    """Where a posted page goes: the question asked for (`goto`), else back to the same page."""
    url = reverse("quizzes:attempt", args=[attempt.pk])
    try:
        position = _number(post.get("goto"))
    except BadPost:
        position = None
    if position:
        page, first_on_page = _page_of(attempt, position), (position - 1) % attempt.quiz.questions_per_page == 0
        return f"{url}?trang={page}" + ("" if first_on_page else f"#cau-{position}")
    try:
        return f"{url}?trang={_number(post.get('trang'))}"
    except BadPost:
        return url


def _refuse(request, attempt, message, as_json):
    """Nothing was saved: tell the learner why (400)."""
    if as_json:
        return JsonResponse({"error": message}, status=400)
    return render(request, "quizzes/attempt_error.html", {"attempt": attempt, "message": message}, status=400)


def _wants_json(request):
    return request.headers.get("X-Requested-With") == "XMLHttpRequest"


def _offered_quiz(request, quiz_id):
    """The quiz, if a live page offers it to learners (editors may also try out an unpublished one); else 404."""
    quiz = get_object_or_404(Quiz, pk=quiz_id)
    if not attempts.is_offered_to(request.user, quiz):
        raise Http404(_("Bài kiểm tra này chưa được đăng trong bài học hoặc cuộc thi nào."))
    return quiz


@require_GET
@login_required
def detail(request, quiz_id):
    quiz = _offered_quiz(request, quiz_id)
    # Opened from a lesson (?bai-hoc=<id>): a new attempt started here counts for that lesson too.
    lesson = _lesson_with(quiz, request.GET["bai-hoc"]) if request.GET.get("bai-hoc") else None
    return render(
        request,
        "quizzes/quiz.html",
        {
            "quiz": quiz,
            "lesson": lesson,
            "state": presentation.quiz_state(request.user, quiz, lesson=lesson),
            "question_count": quiz.question_count(),
            "contest_page": _contest_page(quiz),
        },
    )


@require_POST
@login_required
def start(request, quiz_id):
    quiz = _offered_quiz(request, quiz_id)
    lesson = None
    if request.POST.get("lesson"):
        lesson = _lesson_with(quiz, request.POST["lesson"])
        if lesson is None:
            messages.error(request, _("Bài học này không có bài kiểm tra bạn chọn."))
            return redirect("quizzes:detail", quiz.pk)
    token = integrity.new_device_token() if quiz.is_contest else ""
    try:
        attempt = attempts.start_attempt(request.user, quiz, lesson=lesson, device_token=token)
    except attempts.AttemptError as error:
        messages.error(request, str(error))
        return redirect(_way_back(quiz, lesson)["back_url"])
    if attempt.device_token == token and token:
        request.session[integrity.session_key(attempt.pk)] = token
    return redirect("quizzes:attempt", attempt.pk)


def _elsewhere(request, attempt):
    """Whether the attempt is open on another device (contests: one active device per attempt)."""
    return attempt.quiz.is_contest and attempt.is_open and not integrity.on_this_device(attempt, request.session)


def _other_device_refusal(request, attempt, as_json):
    message = _(
        "Bài thi này đang được làm trên một thiết bị khác. Câu trả lời gửi từ thiết bị này không được lưu; "
        "mở lại trang bài thi để chuyển sang làm trên thiết bị này."
    )
    if as_json:
        return JsonResponse({"error": message, "other_device": True}, status=409)
    return render(request, "quizzes/attempt_error.html", {"attempt": attempt, "message": message}, status=409)


@require_POST
@login_required
def take_over(request, attempt_id):
    """Continue the attempt on this device: the other device is refused from its next save on."""
    attempt = _own_attempt(request, attempt_id)
    if attempt.is_open:
        integrity.take_over(attempt, request.session)
        messages.info(request, _("Bạn đang làm bài trên thiết bị này. Thiết bị kia không thể lưu hay nộp bài nữa."))
    return redirect("quizzes:attempt", attempt.pk)


@never_cache
@require_GET
@login_required
def attempt(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    if _closed_now(request, attempt):
        return redirect("quizzes:result", attempt.pk)
    if _elsewhere(request, attempt):
        return render(request, "quizzes/attempt_takeover.html", {"attempt": attempt, "quiz": attempt.quiz})
    if attempt.quiz.is_contest and not attempt.device_token:  # begun before devices were recorded
        integrity.take_over(attempt, request.session)
    try:
        number = _number(request.GET.get("trang", "1"))
    except BadPost:
        number = 1
    sheet = presentation.attempt_page(attempt, number)
    per_page = attempt.quiz.questions_per_page
    return render(
        request,
        "quizzes/attempt.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "sheet": sheet,
            "question_total": len(sheet.navigator),
            "unanswered": sum(1 for _position, answered, _page in sheet.navigator if not answered),
            "previous_goto": (sheet.previous_page - 1) * per_page + 1 if sheet.previous_page else None,
            "next_goto": (sheet.next_page - 1) * per_page + 1 if sheet.next_page else None,
            "prediction": request.session.get(_prediction_key(attempt), ""),
            **_way_back(attempt.quiz, attempt.lesson),
        },
    )


@require_POST
@login_required
def save(request, attempt_id):
    """Save the posted page's answers (autosave by fetch, or a page's buttons), then go where asked."""
    attempt = _own_attempt(request, attempt_id)
    as_json = _wants_json(request)
    if SUBMIT in request.POST and not as_json:
        return submit(request, attempt_id)
    if _elsewhere(request, attempt):
        return _other_device_refusal(request, attempt, as_json)
    try:
        answers, prediction = posted_answers(request.POST), posted_prediction(request.POST)
    except BadPost as error:
        return _refuse(request, attempt, str(error), as_json)
    now = timezone.now()
    try:
        attempts.save_answers(request.user, attempt.pk, attempts.answers_from_choices(attempt, answers), now=now)
    except attempts.AttemptClosed as error:
        result_url = reverse("quizzes:result", args=[attempt.pk])
        if as_json:
            return JsonResponse({"closed": True, "message": str(error), "redirect": result_url}, status=409)
        messages.warning(request, str(error))
        return redirect(result_url)
    except attempts.AttemptError as error:
        return _refuse(request, attempt, str(error), as_json)
    _remember_prediction(request, attempt, prediction)
    saved_at = timezone.localtime(now).strftime("%H:%M:%S")
    if as_json:
        return JsonResponse({"saved": True, "saved_at": saved_at})
    if not request.POST.get("goto"):
        messages.success(request, _("Đã lưu bài làm lúc %(time)s.") % {"time": saved_at})
    return redirect(_next_url(attempt, request.POST))


@require_POST
@login_required
def submit(request, attempt_id):
    """Submit: save the posted answers and score the attempt on the server. A second submit changes nothing."""
    attempt = _own_attempt(request, attempt_id)
    if _elsewhere(request, attempt):
        return _other_device_refusal(request, attempt, as_json=False)
    was_open = attempt.is_open
    try:
        answers, prediction = posted_answers(request.POST), posted_prediction(request.POST)
    except BadPost as error:
        return _refuse(request, attempt, str(error), as_json=False)
    if prediction is NOT_POSTED:
        prediction = request.session.get(_prediction_key(attempt))
    try:
        answers = attempts.answers_from_choices(attempt, answers)
        attempt = attempts.finish(
            attempt.pk, user=request.user, answers=answers, prediction=prediction, address=client_address(request)
        )
    except attempts.AttemptError as error:
        return _refuse(request, attempt, str(error), as_json=False)
    request.session.pop(_prediction_key(attempt), None)
    if was_open and attempt.close_reason == CloseReason.SUBMITTED:
        messages.success(request, _("Bạn đã nộp bài."))
    elif was_open:
        messages.warning(request, _("Đã hết giờ làm bài, hệ thống đã nộp bài của bạn."))
    return redirect("quizzes:result", attempt.pk)


@never_cache
@require_GET
@login_required
def result(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    if not _closed_now(request, attempt):
        return redirect("quizzes:attempt", attempt.pk)
    return render(
        request,
        "quizzes/attempt_result.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "review": presentation.attempt_review(attempt),
            **_way_back(attempt.quiz, attempt.lesson),
        },
    )
