from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet

from elearn.audit import register

from . import freezing, import_views, integrity, report_views, round_views
from .models import Attempt, Quiz
from .viewsets import QuizzesViewSetGroup

register_snippet(QuizzesViewSetGroup)


@hooks.register("register_admin_urls")
def register_quiz_report_urls():
    patterns = report_views.urlpatterns + round_views.urlpatterns
    return [path("quiz-reports/", include((patterns, "quiz_reports"), namespace="quiz_reports"))]


@hooks.register("register_admin_urls")
def register_question_import_urls():
    return [
        path("question-import/", include((import_views.urlpatterns, "question_import"), namespace="question_import"))
    ]


@hooks.register("register_snippet_listing_buttons")
def quiz_report_buttons(snippet, user, next_url=None):
    """Statistics, results and (for a contest) the ranking export, in each quiz row's "More" menu."""
    if not isinstance(snippet, Quiz) or not report_views.can_view_reports(user):
        return
    yield Button(_("Thống kê"), reverse("quiz_reports:statistics", args=[snippet.pk]), icon_name="table", priority=30)
    yield Button(_("Kết quả"), reverse("quiz_reports:results", args=[snippet.pk]), icon_name="list-ul", priority=31)
    if snippet.is_contest:
        yield Button(
            _("Chốt và công bố kết quả"),
            reverse("quiz_reports:round", args=[snippet.pk]),
            icon_name="lock",
            priority=32,
        )
        yield Button(
            _("Xuất Excel bảng xếp hạng"),
            reverse("quiz_reports:ranking_export", args=[snippet.pk]),
            icon_name="download",
            priority=32,
        )


@hooks.register("register_learning_history")
def quiz_history(user):
    """For units.people.learning_history: a person's quiz and contest attempts."""
    count = Attempt.objects.filter(user=user).count()
    return (
        [ngettext("%(n)d lượt làm bài kiểm tra, dự thi", "%(n)d lượt làm bài kiểm tra, dự thi", count) % {"n": count}]
        if count
        else []
    )


@hooks.register("register_log_actions")
def register_contest_log_actions(actions):
    register(actions, freezing.ACTIONS)
    register(actions, integrity.ACTIONS)
