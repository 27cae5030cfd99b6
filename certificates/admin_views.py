"""Admin: the certificate register (scoped to the viewer's units), revocation (administrators), and the bulk ZIP
of a unit subtree's PDFs over a period (built by a Celery task, downloaded by the requester)."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import storages
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from elearn.formatting import format_date
from units import scope

from . import bulk, issuing, pdf
from .forms import BulkForm, RevokeForm
from .models import BulkDownload, Certificate, CertificateStatus

NAMESPACE = "certificate_register"


def _status_filter(queryset, name, value):
    today = timezone.localdate()
    if value == CertificateStatus.REVOKED:
        return queryset.filter(revoked_at__isnull=False)
    if value == CertificateStatus.EXPIRED:
        return queryset.filter(revoked_at__isnull=True, valid_until__lt=today)
    if value == CertificateStatus.VALID:
        return queryset.filter(revoked_at__isnull=True).exclude(valid_until__lt=today)
    return queryset


def _title_choices():
    return [
        (title, title) for title in Certificate.objects.order_by("title").values_list("title", flat=True).distinct()
    ]


class CertificateFilterSet(WagtailFilterSet):
    title = django_filters.ChoiceFilter(label=gettext_lazy("Khóa học, cuộc thi"), choices=_title_choices)
    issued_at = django_filters.DateFromToRangeFilter(label=gettext_lazy("Ngày cấp"), widget=DateRangePickerWidget)
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Tình trạng"), choices=CertificateStatus.choices, method=_status_filter
    )

    class Meta:
        model = Certificate
        fields = ["kind"]


class RegisterIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("template", "unit")

    def get_list_more_buttons(self, instance):
        buttons = [MenuItem(_("Tải PDF"), reverse("certificates:download", args=[instance.code]), icon_name="download")]
        if not hasattr(self, "_administrator"):
            self._administrator = scope.is_administrator(self.request.user)
        if self._administrator and instance.revoked_at is None:
            buttons.append(
                MenuItem(_("Thu hồi"), reverse(f"{NAMESPACE}:revoke", args=[instance.pk]), icon_name="warning")
            )
        return [*super().get_list_more_buttons(instance), *buttons]

    def get_header_buttons(self):
        return [
            *super().get_header_buttons(),
            HeaderButton(_("Tải PDF hàng loạt (ZIP)"), reverse(f"{NAMESPACE}:bulk"), icon_name="download"),
        ]


class RegisterViewSet(scope.ScopedViewSetMixin, ModelViewSet):
    """Sổ chứng nhận: every certificate of the viewer's units (the person's unit when it was issued)."""

    model = Certificate
    icon = "doc-full"
    menu_label = gettext_lazy("Sổ chứng nhận")
    url_namespace = "certificates_admin"
    url_prefix = "chung-nhan"
    add_to_admin_menu = True
    menu_order = 265
    index_view_class = RegisterIndexView
    filterset_class = CertificateFilterSet
    list_display = [
        "display_number",  # links to the certificate, with the row's actions (PDF, revoke)
        "full_name",
        "title",
        "unit_name",
        Column("achieved_on", label=gettext_lazy("Ngày đạt"), accessor=lambda c: format_date(c.achieved_on)),
        Column("status", label=gettext_lazy("Tình trạng"), accessor="status_text"),
    ]
    list_export = ["display_number", "full_name", "unit_name", "title", "result", "award", "achieved_on", "status_text"]
    export_headings = {
        "display_number": gettext_lazy("Số"),
        "full_name": gettext_lazy("Họ và tên"),
        "unit_name": gettext_lazy("Đơn vị khi cấp"),
        "title": gettext_lazy("Khóa học, cuộc thi"),
        "result": gettext_lazy("Kết quả"),
        "award": gettext_lazy("Giải"),
        "achieved_on": gettext_lazy("Ngày đạt"),
        "status_text": gettext_lazy("Tình trạng"),
    }
    export_filename = "so-chung-nhan"
    search_fields = ["full_name", "title"]
    ordering = ["-issued_at"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "display_number",
        "full_name",
        "unit_name",
        "title",
        "result",
        "award",
        "score",
        "achieved_on",
        "issued_at",
        "valid_until",
        "revoked_at",
        "revoke_reason",
    ]
    copy_view_enabled = False
    # Nobody adds or edits a certificate (no role has those permissions): it records what was certified.
    form_fields = ["revoke_reason"]


class RegisterPageMixin(WagtailAdminTemplateMixin):
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("certificates.view_certificate"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse("certificates_admin:index"), "label": _("Sổ chứng nhận")}]


class RevokeView(RegisterPageMixin, FormView):
    template_name = "certificates/admin/revoke.html"
    form_class = RevokeForm
    page_title = gettext_lazy("Thu hồi chứng nhận")

    def dispatch(self, request, *args, **kwargs):
        if not scope.is_administrator(request.user):
            raise PermissionDenied
        self.certificate = get_object_or_404(Certificate, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.certificate)

    def get_context_data(self, **kwargs):
        return super().get_context_data(certificate=self.certificate, **kwargs)

    def form_valid(self, form):
        try:
            issuing.revoke(self.certificate, self.request.user, form.cleaned_data["reason"])
        except issuing.CertificateError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request, _("Đã thu hồi chứng nhận số %(number)s.") % {"number": self.certificate.display_number}
        )
        return redirect("certificates_admin:inspect", self.certificate.pk)


class BulkView(RegisterPageMixin, FormView):
    """Choose a unit of one's scope and a period; the ZIP is built in the background."""

    template_name = "certificates/admin/bulk.html"
    form_class = BulkForm
    page_title = gettext_lazy("Tải chứng nhận hàng loạt")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["unit"] = forms.ModelChoiceField(
            label=_("Đơn vị (gồm các đơn vị trực thuộc)"),
            queryset=scope.units_in_scope(self.request.user).order_by("path"),
        )
        form.order_fields(["unit", "date_from", "date_to"])
        return form

    def get_context_data(self, **kwargs):
        jobs = scope.restrict(self.request.user, BulkDownload.objects.select_related("unit"))[:10]
        return super().get_context_data(jobs=jobs, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        job = bulk.start(self.request.user, data["unit"], data["date_from"], data["date_to"])
        return redirect(f"{NAMESPACE}:job", job.pk)


class JobMixin:
    def dispatch(self, request, *args, **kwargs):
        self.job = get_object_or_404(
            scope.restrict(request.user, BulkDownload.objects.select_related("unit")), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)


def job_payload(job):
    if job.status == "finished":
        text = _("Đã xong: %(n)d chứng nhận.") % {"n": job.done}
    elif job.status == "failed":
        text = job.message or _("Không tạo được tệp.")
    else:
        text = _("Đang tạo: %(done)d/%(total)d chứng nhận…") % {"done": job.done, "total": job.total}
    return {"status": job.status, "finished": job.finished, "percent": job.percent, "text": text, "done": job.done}


class JobView(JobMixin, RegisterPageMixin, TemplateView):
    template_name = "certificates/admin/bulk_job.html"
    page_title = gettext_lazy("Tải chứng nhận hàng loạt")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            job=self.job,
            progress=job_payload(self.job),
            available=bulk.available(self.job),
            status_url=reverse(f"{NAMESPACE}:job_status", args=[self.job.pk]),
            **kwargs,
        )


class JobStatusView(JobMixin, View):
    def get(self, request, pk):
        return JsonResponse(job_payload(self.job), headers={"Cache-Control": "no-store"})


class JobDownloadView(JobMixin, View):
    def get(self, request, pk):
        if not bulk.available(self.job):
            raise Http404
        response = FileResponse(
            storages[pdf.STORAGE].open(self.job.file, "rb"),
            as_attachment=True,
            filename=f"chung-nhan-{self.job.unit.code}.zip",
        )
        response["Cache-Control"] = "no-store"
        return response


urlpatterns = [
    path("hang-loat/", BulkView.as_view(), name="bulk"),
    path("hang-loat/<int:pk>/", JobView.as_view(), name="job"),
    path("hang-loat/<int:pk>/trang-thai/", JobStatusView.as_view(), name="job_status"),
    path("hang-loat/<int:pk>/tai-ve/", JobDownloadView.as_view(), name="job_download"),
    path("thu-hoi/<int:pk>/", RevokeView.as_view(), name="revoke"),
]
