"""Admin screens of the cadre import. Thin views: the rules live in units.cadre_import.

Upload → the file goes to private storage and a CadreImport is queued (a Celery task, in-process on
the embedded default) → a progress page that polls a small JSON endpoint → the summary and the error
report (a table, and the rejected rows as .xlsx with a "Lỗi" column to fix and upload again).
Only users who may add cadres (Quản trị) reach these screens; an import's progress and report are
for the user who uploaded it and for administrators.
"""

import logging
import uuid
from pathlib import PurePath

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.files.storage import storages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from elearn.audit import record
from elearn.formatting import thousands
from elearn.spreadsheets import attachment

from . import audit, cadre_import, scope
from .models import Cadre, CadreImport, ImportStatus
from .tasks import import_cadres

logger = logging.getLogger(__name__)

NAMESPACE = "cadre_import"
PAST_IMPORTS = 20
SHOWN_ERRORS = 500
ACCEPTED_SUFFIXES = (".xlsx", ".csv", ".xls")


def can_import(user):
    return user.has_perm("units.add_cadre")


def visible_imports(user):
    """The uploader sees their imports; administrators see every import (units.scope's rule)."""
    return scope.restrict(user, CadreImport.objects.select_related("uploaded_by"))


def status_payload(job):
    """What the progress page shows, as JSON for its polling script."""
    finished = job.status in (ImportStatus.FINISHED, ImportStatus.FAILED)
    return {
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "finished": finished,
        "percent": 100 if job.status == ImportStatus.FINISHED else job.percent,
        "processed_rows": job.processed_rows,
        "total_rows": job.total_rows,
        "created": job.created,
        "updated": job.updated,
        "unchanged": job.unchanged,
        "deactivated": job.deactivated,
        "error_count": job.error_count,
        "message": job.message,
        "text": progress_text(job),
    }


def progress_text(job):
    numbers = {"done": thousands(job.processed_rows), "total": thousands(job.total_rows)}
    if job.status == ImportStatus.PENDING:
        return _("Đang chờ xử lý…")
    if job.status == ImportStatus.RUNNING and not job.total_rows:
        return _("Đang đọc tệp…")
    if job.status == ImportStatus.RUNNING:
        return _("Đã xử lý %(done)s/%(total)s dòng…") % numbers
    if job.status == ImportStatus.FAILED:
        return _("Không nhập được tệp.")
    return _("Đã xong: xử lý %(done)s/%(total)s dòng.") % numbers


class ImportPermissionMixin(PermissionCheckedMixin):
    permission_policy = ModelPermissionPolicy(Cadre)
    permission_required = "add"


class ImportPageMixin(ImportPermissionMixin, WagtailAdminTemplateMixin):
    header_icon = "upload"
    page_title = gettext_lazy("Nhập cán bộ từ Excel")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("cadres:index"), "label": _("Cán bộ")},
            {"url": reverse(f"{NAMESPACE}:index"), "label": _("Nhập cán bộ")},
            *self.extra_breadcrumbs(),
        ]

    def extra_breadcrumbs(self):
        return []

    def get_header_buttons(self):
        return [HeaderButton(_("Tải tệp mẫu"), url=reverse(f"{NAMESPACE}:template"), icon_name="download")]


class JobMixin:
    """Load the import named in the URL; 403 for anyone but its uploader and administrators."""

    def dispatch(self, request, *args, **kwargs):
        if not can_import(request.user):
            raise PermissionDenied
        job = get_object_or_404(CadreImport.objects.select_related("uploaded_by"), pk=kwargs["pk"])
        self.job = scope.check_visible(
            request.user, job, _("Chỉ người tải tệp lên và quản trị viên được xem lần nhập này.")
        )
        return super().dispatch(request, *args, **kwargs)

    def get_job(self):
        return self.job


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp cán bộ (.xlsx hoặc .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > cadre_import.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(cadre_import.too_large_message())
        if PurePath(upload.name).suffix.lower() not in ACCEPTED_SUFFIXES:
            raise forms.ValidationError(_("Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv) theo mẫu."))
        try:
            fmt = cadre_import.file_format(upload.name, upload.read(8))
            upload.seek(0)
            cadre_import.check_header(upload, fmt)
        except cadre_import.CadreFileError as error:
            raise forms.ValidationError(str(error)) from error
        finally:
            upload.seek(0)
        return upload


class UploadView(ImportPageMixin, FormView):
    """The upload form, the import rule, and the user's past imports."""

    template_name = "units/admin/cadre_import.html"
    form_class = UploadForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            max_megabytes=cadre_import.MAX_UPLOAD_BYTES // 2**20,
            max_rows=thousands(cadre_import.MAX_ROWS),
            past_imports=visible_imports(self.request.user)[:PAST_IMPORTS],
        )
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        suffix = PurePath(upload.name).suffix.lower()
        storage = storages[cadre_import.PRIVATE_STORAGE]
        stored = storage.save(f"cadre-imports/{uuid.uuid4().hex}{suffix}", upload)
        try:
            job = CadreImport.objects.create(
                file_name=PurePath(upload.name).name[:255], stored_file=stored, uploaded_by=self.request.user
            )
        except BaseException:
            storage.delete(stored)
            raise
        record(job, audit.CADRES_UPLOADED, data={"file": job.file_name})
        try:
            import_cadres.delay_on_commit(job.pk)
        except Exception:  # the broker is unreachable: say so on the import, keep no file
            logger.exception("Cadre import %s could not be queued", job.pk)
            storage.delete(stored)
            CadreImport.objects.filter(pk=job.pk, status=ImportStatus.PENDING).update(
                status=ImportStatus.FAILED,
                stored_file="",
                finished_at=timezone.now(),
                message=_("Không gửi được việc nhập tới hàng đợi xử lý: hãy thử lại sau ít phút."),
            )
        return redirect(f"{NAMESPACE}:progress", pk=job.pk)


class ProgressView(JobMixin, ImportPageMixin, TemplateView):
    """Progress while the task runs; the summary and the errors by row once it has finished."""

    template_name = "units/admin/cadre_import_progress.html"

    def extra_breadcrumbs(self):
        return [{"url": "", "label": self.job.file_name}]

    def get_context_data(self, **kwargs):
        job = self.get_job()
        context = super().get_context_data(**kwargs)
        context.update(
            job=job,
            progress=status_payload(job),
            errors=job.errors[:SHOWN_ERRORS],
            hidden_errors=max(0, job.error_count - SHOWN_ERRORS),
            stored_errors=len(job.errors),
            unstored_errors=max(0, job.error_count - len(job.errors)),
            status_url=reverse(f"{NAMESPACE}:status", args=[job.pk]),
        )
        return context


class StatusView(JobMixin, ImportPermissionMixin, View):
    def get(self, request, pk):
        response = JsonResponse(status_payload(self.get_job()))
        response["Cache-Control"] = "no-store"
        return response


class ErrorsDownloadView(JobMixin, ImportPermissionMixin, View):
    """The rejected rows with their original values and a "Lỗi" column, as the template workbook."""

    def get(self, request, pk):
        job = self.get_job()
        return attachment(
            cadre_import.errors_xlsx(job.errors), cadre_import.XLSX_CONTENT_TYPE, f"loi-nhap-can-bo-{job.pk}.xlsx"
        )


class TemplateDownloadView(ImportPermissionMixin, View):
    def get(self, request):
        return attachment(cadre_import.template_xlsx(), cadre_import.XLSX_CONTENT_TYPE, "mau-nhap-can-bo.xlsx")


class ImportMenuItem(MenuItem):
    """ "Nhập cán bộ" in the "Tổ chức" menu group, for users who may add cadres."""

    def is_shown(self, request):
        return can_import(request.user)


urlpatterns = [
    path("", UploadView.as_view(), name="index"),
    path("tep-mau/", TemplateDownloadView.as_view(), name="template"),
    path("<int:pk>/", ProgressView.as_view(), name="progress"),
    path("<int:pk>/trang-thai/", StatusView.as_view(), name="status"),
    path("<int:pk>/loi.xlsx", ErrorsDownloadView.as_view(), name="errors"),
]
