"""The editor's report of an H5P activity: summary figures and every attempt, with Wagtail's XLSX/CSV export.

Thin views: the figures come from h5p.tracking. Only users who may change H5P activities (editors and
administrators) see them; the attempts of every unit only the organisers (units.scope.restrict_results),
the others those of the people in their scope. H5P scores are computed in the browser: the page labels them as practice.
"""

from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from elearn.formatting import EXCEL_DATETIME_FORMAT, format_duration, format_local, local_naive
from units import scope
from units.people import learner_name, learner_staff_code

from . import tracking
from .models import H5PActivity, H5PAttempt


def can_view_reports(user):
    return user.has_perm("h5p.change_h5pactivity")


def _result_label(attempt):
    if attempt.finished_at is None:
        return str(_("Chưa kết thúc"))
    if attempt.success is not None:
        return str(_("Đạt") if attempt.success else _("Chưa đạt"))
    if attempt.completion:
        return str(_("Hoàn thành"))
    return ""


# The attempts table and its export: (name, heading, value of an attempt for the page, sort key)
ATTEMPT_FIELDS = [
    ("learner", _("Học viên"), lambda attempt: learner_name(attempt.user), "user__cadre__full_name"),
    ("staff_code", _("Mã cán bộ"), lambda attempt: learner_staff_code(attempt.user), "user__cadre__staff_code"),
    ("unit", _("Đơn vị khi làm"), lambda attempt: attempt.unit.name if attempt.unit_id else "", "unit__name"),
    ("started_at", _("Bắt đầu"), lambda attempt: format_local(attempt.started_at), "started_at"),
    ("finished_at", _("Kết thúc"), lambda attempt: format_local(attempt.finished_at), "finished_at"),
    ("raw_score", _("Điểm"), lambda attempt: attempt.raw_score, "raw_score"),
    ("max_score", _("Điểm tối đa"), lambda attempt: attempt.max_score, "max_score"),
    ("percent", _("Tỉ lệ điểm (%)"), tracking.percent, "scaled"),
    ("duration", _("Thời gian làm"), lambda attempt: format_duration(attempt.duration_seconds), "duration_seconds"),
    ("result", _("Kết quả"), _result_label, "success"),
]
DATETIME_FIELDS = ("started_at", "finished_at")


class ActivityAttemptsView(ReportView):
    """Summary and every attempt of one H5P activity, sortable, exportable."""

    permission_policy = ModelPermissionPolicy(H5PActivity)
    permission_required = "change"
    header_icon = "tasks"
    template_name = "h5p/admin/activity_report.html"
    page_title = _("Báo cáo hoạt động H5P")
    model = H5PAttempt
    default_ordering = "-started_at"
    paginate_by = 50
    verbose_name = _("lượt làm")
    verbose_name_plural = _("lượt làm")
    columns = [
        Column(name, label=label, accessor=value, sort_key=sort_key) for name, label, value, sort_key in ATTEMPT_FIELDS
    ]
    list_export = [name for name, *_rest in ATTEMPT_FIELDS]
    export_headings = {name: label for name, label, *_rest in ATTEMPT_FIELDS}

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.activity = get_object_or_404(H5PActivity, pk=kwargs["pk"])

    def get_page_subtitle(self):
        return self.activity.title

    def get_breadcrumbs_items(self):
        viewset = H5PActivity.snippet_viewset
        return [
            *self.breadcrumbs_items,
            {"url": reverse(viewset.get_url_name("list")), "label": _("Hoạt động H5P")},
            {"url": reverse(viewset.get_url_name("edit"), args=[self.activity.pk]), "label": self.activity.title},
            {"url": None, "label": self.get_page_title()},
        ]

    def get_base_queryset(self):
        attempts = H5PAttempt.objects.filter(activity=self.activity)
        return scope.restrict_results(self.request.user, attempts).select_related("user__cadre", "unit")

    @property
    def no_results_message(self):
        if scope.sees_all_results(self.request.user):
            return _("Chưa có lượt làm nào.")
        return _(
            "Chưa có lượt làm nào của cán bộ thuộc phạm vi bạn quản lý. Lượt làm của mọi đơn vị chỉ "
            "dành cho Ban tổ chức và Quản trị."
        )

    def get_index_url(self):
        return reverse("h5p_reports:attempts", args=[self.activity.pk])

    def get_filename(self):
        return f"bao-cao-h5p-{self.activity.pk}-{timezone.localdate():%Y%m%d}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(activity=self.activity, summary=tracking.activity_summary(self.activity))
        return context

    def to_row_dict(self, item):
        values = {name: value(item) for name, _label, value, _sort in ATTEMPT_FIELDS}
        values.update({name: getattr(item, name) for name in DATETIME_FIELDS})
        return values

    def get_preprocess_function(self, field, value, export_format):
        if field in DATETIME_FIELDS:
            return local_naive if export_format == self.FORMAT_XLSX else format_local
        return super().get_preprocess_function(field, value, export_format)

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        return super().generate_xlsx_row(worksheet, row_dict, date_format=EXCEL_DATETIME_FORMAT)


app_name = "h5p_reports"
urlpatterns = [
    path("<int:pk>/attempts/", ActivityAttemptsView.as_view(), name="attempts"),
]
