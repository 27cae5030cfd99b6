"""Admin report pages of a quiz: statistics, results (with spreadsheet export) and the contest ranking in Excel.

Thin views: the figures come from quizzes.statistics, quizzes.ranking and quizzes.ranking_export.
Only users who may change quizzes (editors, organisers and administrators) open them. The statistics are
aggregates; the results name people, so they list every unit's attempts only for the organisers
(units.scope.ALL_RESULTS_PERMISSION) and otherwise the people of the viewer's scope; the ranking file of
every participant is for the organisers alone.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from elearn.formatting import format_duration, format_local, local_naive
from elearn.spreadsheets import attachment
from units import scope
from units.people import learner_name, learner_staff_code

from . import ranking_export, statistics
from .models import Attempt, AttemptState, Quiz

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def can_view_reports(user):
    return user.has_perm("quizzes.change_quiz")


class QuizReportMixin(PermissionCheckedMixin):
    """Finds the quiz of the URL and lets in only users who may change quizzes."""

    permission_policy = ModelPermissionPolicy(Quiz)
    permission_required = "change"
    header_icon = "tasks"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.quiz = get_object_or_404(Quiz, pk=kwargs["pk"])

    def get_page_subtitle(self):
        return self.quiz.title

    def get_breadcrumbs_items(self):
        viewset = Quiz.snippet_viewset
        return [
            *self.breadcrumbs_items,
            {"url": reverse(viewset.get_url_name("list")), "label": _("Bài kiểm tra")},
            {"url": reverse(viewset.get_url_name("edit"), args=[self.quiz.pk]), "label": self.quiz.title},
            {"url": None, "label": self.get_page_title()},
        ]

    def report_buttons(self, current):
        buttons = [
            ("statistics", _("Thống kê"), "quiz_reports:statistics", "table"),
            ("results", _("Kết quả"), "quiz_reports:results", "list-ul"),
        ]
        if self.quiz.is_contest:
            buttons.append(("round", _("Chốt và công bố kết quả"), "quiz_reports:round", "lock"))
            buttons.append(("ranking", _("Xuất Excel bảng xếp hạng"), "quiz_reports:ranking_export", "download"))
        return [
            HeaderButton(label, url=reverse(url_name, args=[self.quiz.pk]), icon_name=icon)
            for name, label, url_name, icon in buttons
            if name != current
        ]


class QuizStatisticsView(QuizReportMixin, WagtailAdminTemplateMixin, TemplateView):
    """Summary, item analysis and score distribution of a quiz."""

    template_name = "quizzes/admin/quiz_statistics.html"
    page_title = _("Thống kê bài kiểm tra")

    def get_header_buttons(self):
        return self.report_buttons("statistics")

    @cached_property
    def sort(self):
        sort = self.request.GET.get("sort", "position")
        return sort if sort.lstrip("-") in statistics.SORT_KEYS else "position"

    def sort_links(self):
        """For each sortable column: the URL that sorts by it (flipping the direction) and aria-sort."""
        links = {}
        for key in statistics.SORT_KEYS:
            if self.sort == key:
                links[key] = {"url": f"?sort=-{key}", "aria_sort": "ascending"}
            elif self.sort == f"-{key}":
                links[key] = {"url": f"?sort={key}", "aria_sort": "descending"}
            else:
                links[key] = {"url": f"?sort={key}", "aria_sort": "none"}
        return links

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stats = statistics.quiz_statistics(self.quiz)
        context.update(
            quiz=self.quiz,
            stats=stats,
            questions=statistics.sort_questions(stats.questions, self.sort),
            sort_links=self.sort_links(),
            min_attempts=statistics.MIN_ATTEMPTS_FOR_DISCRIMINATION,
        )
        return context


def _passed_label(passed):
    if passed is None:
        return ""
    return str(_("Đạt") if passed else _("Chưa đạt"))


# The results table and its export: (name, heading, value of an attempt for the page, sort key)
RESULT_FIELDS = [
    ("learner", _("Học viên"), lambda attempt: learner_name(attempt.user), "user__cadre__full_name"),
    ("staff_code", _("Mã cán bộ"), lambda attempt: learner_staff_code(attempt.user), "user__cadre__staff_code"),
    ("unit", _("Đơn vị khi làm bài"), lambda attempt: attempt.unit.name if attempt.unit_id else "", "unit__name"),
    ("number", _("Lượt thứ"), lambda attempt: attempt.number, "number"),
    ("percent", _("Điểm (%)"), lambda attempt: attempt.percent, "percent"),
    ("passed", _("Kết quả"), lambda attempt: _passed_label(attempt.passed), "passed"),
    ("duration", _("Thời gian làm bài"), lambda attempt: format_duration(attempt.duration_seconds), "duration_seconds"),
    ("finished_at", _("Nộp lúc"), lambda attempt: format_local(attempt.finished_at), "finished_at"),
]


class QuizResultsView(QuizReportMixin, ReportView):
    """Every finished attempt of a quiz, sortable, with Wagtail's XLSX and CSV export."""

    page_title = _("Kết quả bài kiểm tra")
    model = Attempt
    default_ordering = "-finished_at"
    paginate_by = 50
    verbose_name = _("lượt làm bài")
    verbose_name_plural = _("lượt làm bài")
    columns = [
        Column(name, label=label, accessor=value, sort_key=sort_key) for name, label, value, sort_key in RESULT_FIELDS
    ]
    list_export = [name for name, *_rest in RESULT_FIELDS]
    export_headings = {name: label for name, label, *_rest in RESULT_FIELDS}

    def get_base_queryset(self):
        attempts = Attempt.objects.filter(quiz=self.quiz, state=AttemptState.FINISHED)
        return scope.restrict_results(self.request.user, attempts).select_related("user__cadre", "unit")

    @property
    def no_results_message(self):
        if scope.sees_all_results(self.request.user):
            return _("Chưa có lượt làm bài nào.")
        return _(
            "Chưa có lượt làm bài nào của cán bộ thuộc phạm vi bạn quản lý. Kết quả của mọi đơn vị chỉ "
            "dành cho Ban tổ chức và Quản trị."
        )

    def get_index_url(self):
        return reverse("quiz_reports:results", args=[self.quiz.pk])

    def get_header_buttons(self):
        return [*self.report_buttons("results"), *super().get_header_buttons()]

    def get_filename(self):
        return f"ket-qua-bai-kiem-tra-{self.quiz.pk}-{timezone.localdate():%Y%m%d}"

    def to_row_dict(self, item):
        values = {name: value(item) for name, _label, value, _sort in RESULT_FIELDS}
        values["finished_at"] = item.finished_at
        return values

    def get_preprocess_function(self, field, value, export_format):
        if field == "finished_at":
            return local_naive if export_format == self.FORMAT_XLSX else format_local
        return super().get_preprocess_function(field, value, export_format)

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        return super().generate_xlsx_row(worksheet, row_dict, date_format=ranking_export.EXCEL_DATETIME_FORMAT)


class RankingExportView(QuizReportMixin, View):
    """The contest's individual and unit rankings as an Excel file."""

    def get(self, request, *args, **kwargs):
        if not self.quiz.is_contest:
            raise Http404
        if not scope.sees_all_results(request.user):
            raise scope.OutOfScope(_("Chỉ Ban tổ chức và Quản trị được xuất bảng xếp hạng của mọi đơn vị."))
        filename = f"bang-xep-hang-{self.quiz.pk}-{timezone.localdate():%Y%m%d}.xlsx"
        return attachment(ranking_export.ranking_xlsx(self.quiz), XLSX_CONTENT_TYPE, filename)


app_name = "quiz_reports"
urlpatterns = [
    path("<int:pk>/statistics/", QuizStatisticsView.as_view(), name="statistics"),
    path("<int:pk>/results/", QuizResultsView.as_view(), name="results"),
    path("<int:pk>/ranking.xlsx", RankingExportView.as_view(), name="ranking_export"),
]
