"""Admin screens of the question bank's Excel import and export. Thin views: the rules live in quizzes.bank_io.

Upload → preview → confirm. The preview keeps the parsed rows in the session under a one-time
token (never as a file on disk); the confirm checks every row again against the bank as it is then
and imports all or nothing. Only users who may add questions reach these screens.
"""

from pathlib import PurePath

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button, HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import IndexView

from elearn.pending_import import PendingImport
from elearn.spreadsheets import attachment

from . import bank_io
from .models import Question

SESSION_KEY = "quizzes_question_import"
PREVIEW_ROWS = 50
PREVIEW_ERRORS = 200
ACTION_LABELS = {
    bank_io.CREATE: gettext_lazy("Tạo mới"),
    bank_io.UPDATE: gettext_lazy("Cập nhật"),
    bank_io.UNCHANGED: gettext_lazy("Không đổi"),
}


def can_import(user):
    return user.has_perm("quizzes.add_question")


def _pending(request):
    return PendingImport(request.session, SESSION_KEY)


class QuestionIndexView(IndexView):
    """The question bank listing, with import, template and export (of the filtered list) in its header."""

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if not can_import(self.request.user):
            raise PermissionDenied
        if spreadsheet_format == self.FORMAT_CSV:
            return attachment(bank_io.export_csv(queryset), bank_io.CSV_CONTENT_TYPE, "ngan-hang-cau-hoi.csv")
        return attachment(bank_io.export_xlsx(queryset), bank_io.XLSX_CONTENT_TYPE, "ngan-hang-cau-hoi.xlsx")

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if can_import(self.request.user):
            buttons.append(HeaderButton(_("Nhập từ Excel"), url=reverse("question_import:upload"), icon_name="upload"))
        return buttons

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if can_import(self.request.user):
            buttons += [
                Button(
                    _("Tải tệp mẫu nhập câu hỏi"),
                    url=reverse("question_import:template"),
                    icon_name="doc-full",
                    priority=80,
                ),
                Button(_("Xuất Excel (.xlsx)"), url=self.get_export_url("xlsx"), icon_name="download", priority=90),
                Button(_("Xuất CSV"), url=self.get_export_url("csv"), icon_name="download", priority=100),
            ]
        return buttons


class ImportPermissionMixin(PermissionCheckedMixin):
    permission_policy = ModelPermissionPolicy(Question)
    permission_required = "add"


class ImportPageMixin(ImportPermissionMixin, WagtailAdminTemplateMixin):
    header_icon = "upload"
    page_title = gettext_lazy("Nhập câu hỏi từ Excel")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(Question.snippet_viewset.get_url_name("list")), "label": _("Ngân hàng câu hỏi")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_header_buttons(self):
        return [HeaderButton(_("Tải tệp mẫu"), url=reverse("question_import:template"), icon_name="download")]

    def render_preview(self, filename, plan):
        context = self.get_context_data(
            filename=filename,
            plan=plan,
            errors=plan.errors[:PREVIEW_ERRORS],
            hidden_errors=max(0, len(plan.errors) - PREVIEW_ERRORS),
        )
        if plan.ok:
            summary = bank_io.summarize_plan(plan, PREVIEW_ROWS)
            summary["rows"] = [(row, ACTION_LABELS[action]) for row, action in summary["rows"]]
            context.update(
                summary=summary,
                total=len(plan.rows),
                hidden_rows=max(0, len(plan.rows) - PREVIEW_ROWS),
                token=_pending(self.request).token,
            )
        return self.response_class(
            request=self.request,
            template=["quizzes/admin/question_import_preview.html"],
            context=context,
            using=self.template_engine,
        )


class TemplateDownloadView(ImportPermissionMixin, View):
    """The empty template (.xlsx) with its guide sheet."""

    def get(self, request):
        return attachment(bank_io.template_xlsx(), bank_io.XLSX_CONTENT_TYPE, "mau-nhap-cau-hoi.xlsx")


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp câu hỏi (.xlsx hoặc .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > bank_io.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(bank_io.too_large_message())
        if PurePath(upload.name).suffix.lower() not in (".xlsx", ".csv", ".xls"):
            raise forms.ValidationError(_("Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv) theo mẫu."))
        return upload


class UploadView(ImportPageMixin, FormView):
    """The upload form; a valid upload is checked in full and shown as a preview (or as its errors)."""

    template_name = "quizzes/admin/question_import.html"
    form_class = UploadForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            max_megabytes=bank_io.MAX_UPLOAD_BYTES // 2**20, max_rows=f"{bank_io.MAX_ROWS:,}".replace(",", ".")
        )
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            table = bank_io.read_upload(upload.name, upload.read(bank_io.MAX_UPLOAD_BYTES + 1))
        except bank_io.BankFileError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        plan = bank_io.plan_import(table.rows, table.errors)
        _pending(self.request).discard()
        if plan.ok:
            _pending(self.request).put(upload.name, table.rows)
        return self.render_preview(upload.name, plan)


class ConfirmView(ImportPageMixin, TemplateView):
    """Import the previewed rows (checked once more), or cancel. Either way the rows leave the session."""

    template_name = "quizzes/admin/question_import_preview.html"
    http_method_names = ["post"]

    def post(self, request):
        pending = _pending(request).take(request.POST.get("token"))
        if pending is None:
            messages.error(request, _("Bản xem trước đã hết hạn hoặc đã được nhập: hãy tải tệp lên lại."))
            return redirect("question_import:upload")
        filename, rows = pending
        if "cancel" in request.POST:
            messages.info(request, _("Đã hủy, không nhập câu hỏi nào."))
            return redirect("question_import:upload")
        try:
            result = bank_io.apply_import(rows, request.user)
        except bank_io.ImportRejected as rejected:
            plan = bank_io.ImportPlan(errors=rejected.errors)
            return self.render_preview(filename, plan)
        messages.success(
            request,
            _(
                'Đã nhập từ tệp "%(filename)s": %(created)d câu hỏi mới, %(updated)d câu hỏi được cập nhật, '
                "%(unchanged)d câu hỏi không đổi, %(categories)d danh mục mới."
            )
            % {
                "filename": filename,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "categories": result.new_categories,
            },
        )
        return redirect(Question.snippet_viewset.get_url_name("list"))


urlpatterns = [
    path("", UploadView.as_view(), name="upload"),
    path("xac-nhan/", ConfirmView.as_view(), name="confirm"),
    path("tep-mau/", TemplateDownloadView.as_view(), name="template"),
]
