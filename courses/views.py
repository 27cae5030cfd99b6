"""Learner actions and pages: enrol, complete, time on page, "Khóa học của tôi", transcript."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import progress
from .models import CoursePage, LessonPage


def _live(model, pk):
    return get_object_or_404(model.objects.live().public().specific(), pk=pk)


@require_POST
@login_required
def enrol(request, course_id):
    course = _live(CoursePage, course_id)
    try:
        progress.enrol(request.user, course)
    except progress.ProgressError as error:
        messages.error(request, str(error))
        return redirect(course.url)
    messages.success(request, _("Bạn đã ghi danh khóa học “%(title)s”.") % {"title": course.title})
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(next_url)
    first = course.lessons().first()
    return redirect(first.url if first else course.url)


@require_POST
@login_required
def start_new_cycle(request, course_id):
    """ "Học lại để cấp lại chứng nhận": the logged-in learner takes an expired course again."""
    course = _live(CoursePage, course_id)
    try:
        progress.start_new_cycle(request.user, course)
    except progress.ProgressError as error:
        messages.error(request, str(error))
        return redirect(course.url)
    messages.success(
        request,
        _(
            "Bạn đã bắt đầu học lại khóa học “%(title)s”. "
            "Kết quả hoàn thành trước đây vẫn được giữ trong kết quả học tập."
        )
        % {"title": course.title},
    )
    first = course.lessons().first()
    return redirect(first.url if first else course.url)


@require_POST
@login_required
def complete_lesson(request, lesson_id):
    lesson = _live(LessonPage, lesson_id)
    course = lesson.course()
    was_completed = progress.course_state(request.user, course).completion is not None
    try:
        progress.mark_complete(request.user, lesson)
    except progress.ProgressError as error:
        messages.error(request, str(error))
        return redirect(lesson.url)
    state = progress.course_state(request.user, course)
    if state.completion is not None and not was_completed:
        messages.success(request, _("Chúc mừng! Bạn đã hoàn thành khóa học “%(title)s”.") % {"title": course.title})
        return redirect(course.url)
    messages.success(request, _("Đã đánh dấu hoàn thành bài “%(title)s”.") % {"title": lesson.title})
    return redirect(state.next_lesson.url if state.next_lesson else course.url)


@require_POST
@login_required
def lesson_time(request, lesson_id):
    lesson = _live(LessonPage, lesson_id)
    try:
        row = progress.record_time(request.user, lesson)
    except progress.ProgressError as error:
        return JsonResponse({"error": str(error)}, status=409)
    state = progress.LessonState(lesson=lesson, enrolled=True, progress=row)
    return JsonResponse(
        {
            "completed": state.completed,
            "seconds_viewed": row.seconds_viewed,
            "seconds_remaining": state.seconds_remaining,
        }
    )


@login_required
def dashboard(request):
    return render(request, "courses/dashboard.html", progress.dashboard(request.user))


@login_required
def transcript(request):
    return render(request, "courses/transcript.html", {"completions": progress.transcript(request.user)})
