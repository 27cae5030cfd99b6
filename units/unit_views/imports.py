"""Imports into the unit tree: the administrative units of a province, and a unit list from Excel/CSV.

The unit list goes upload → preview → confirm; the parsed rows wait in the session under a one-time
token (never as a file), and the confirmation checks them again and writes all or nothing.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from vietnam_provinces import Province

from elearn.audit import record
from elearn.pending_import import PendingImport
from elearn.spreadsheets import attachment

from .. import audit, unit_import
from ..models import Unit
from ..provinces import import_province, province_name, province_unit_code
from .common import XLSX_CONTENT_TYPE, UnitAdminMixin, unit_by_code

SESSION_KEY = "units_unit_import"
PREVIEW_ROWS = 100
PREVIEW_ERRORS = 200


def province_choices():
    provinces = sorted(Province.iter_all(), key=lambda province: province_name(province))
    return [
        (province_unit_code(province.code), f"{province_name(province)} ({province_unit_code(province.code)})")
        for province in provinces
    ]


class ProvinceForm(forms.Form):
    province = forms.ChoiceField(label=gettext_lazy("Tỉnh, thành phố"), choices=province_choices)
    parent = forms.CharField(
        label=gettext_lazy("Mã đơn vị cấp trên"),
        max_length=40,
        required=False,
        help_text=gettext_lazy("Thường để trống: tỉnh, thành phố là đơn vị cấp cao nhất."),
    )

    def clean_parent(self):
        code = self.cleaned_data["parent"]
        if not code:
            return None
        unit = unit_by_code(code)
        if unit is None:
            raise forms.ValidationError(_('Không có đơn vị mã "%(code)s".') % {"code": code})
        return unit


class ProvinceImportView(UnitAdminMixin, FormView):
    """Create or update a province and its wards, communes and special zones from `vietnam-provinces`."""

    template_name = "units/admin/province_import.html"
    form_class = ProvinceForm
    page_title = gettext_lazy("Nhập đơn vị hành chính")
    header_icon = "site"

    def form_valid(self, form):
        code = form.cleaned_data["province"]
        counts = import_province(int(code), form.cleaned_data["parent"])
        label = dict(form.fields["province"].choices)[code]
        messages.success(
            self.request,
            _("Đã nhập %(province)s: %(created)d đơn vị tạo mới, %(updated)d cập nhật, %(unchanged)d không đổi.")
            % {"province": label, "created": counts.created, "updated": counts.updated, "unchanged": counts.unchanged},
        )
        return redirect("unit_admin:unit", unit_by_code(code).pk)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp danh sách đơn vị (.xlsx hoặc .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > unit_import.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Tệp lớn hơn %(size)d MB.") % {"size": unit_import.MAX_UPLOAD_BYTES // 2**20})
        return upload


class UnitImportMixin(UnitAdminMixin):
    page_title = gettext_lazy("Nhập danh sách đơn vị")
    header_icon = "upload"

    def render_preview(self, filename, plan, token=None):
        context = self.get_context_data(
            filename=filename,
            plan=plan,
            errors=plan.errors[:PREVIEW_ERRORS],
            hidden_errors=max(0, len(plan.errors) - PREVIEW_ERRORS),
            rows=plan.rows[:PREVIEW_ROWS],
            hidden_rows=max(0, len(plan.rows) - PREVIEW_ROWS),
            counts=plan.counts,
            token=token,
            kinds=unit_import.KIND_LABELS,
        )
        return self.response_class(
            request=self.request,
            template=["units/admin/unit_import_preview.html"],
            context=context,
            using=self.template_engine,
        )


class UnitImportView(UnitImportMixin, FormView):
    template_name = "units/admin/unit_import.html"
    form_class = UploadForm

    def get_context_data(self, **kwargs):
        kwargs.setdefault("kinds", unit_import.KIND_LABELS.values())
        return super().get_context_data(headers=unit_import.HEADERS.values(), **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            table = unit_import.read_upload(upload.name, upload.read(unit_import.MAX_UPLOAD_BYTES + 1))
        except unit_import.UnitFileError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        plan = unit_import.plan_import(table)
        pending = PendingImport(self.request.session, SESSION_KEY)
        pending.discard()
        token = pending.put(upload.name, table) if plan.ok else None
        return self.render_preview(upload.name, plan, token)


class UnitImportConfirmView(UnitImportMixin, TemplateView):
    http_method_names = ["post"]

    def post(self, request):
        pending = PendingImport(request.session, SESSION_KEY).take(request.POST.get("token"))
        if pending is None:
            messages.error(request, _("Bản xem trước đã hết hạn hoặc đã được nhập: hãy tải tệp lên lại."))
            return redirect("unit_admin:import")
        filename, rows = pending
        if "cancel" in request.POST:
            messages.info(request, _("Đã hủy, không nhập đơn vị nào."))
            return redirect("unit_admin:import")
        try:
            counts = unit_import.apply_import(rows)
        except unit_import.ImportRejected as rejected:
            return self.render_preview(filename, unit_import.ImportPlan(errors=rejected.errors))
        data = {"file": filename, "created": counts.created, "updated": counts.updated}
        record(Unit.get_first_root_node(), audit.UNITS_IMPORTED, data=data)
        messages.success(
            request,
            _(
                'Đã nhập từ tệp "%(filename)s": %(created)d đơn vị tạo mới, %(updated)d cập nhật, %(unchanged)d không '
                "đổi."
            )
            % {
                "filename": filename,
                "created": counts.created,
                "updated": counts.updated,
                "unchanged": counts.unchanged,
            },
        )
        return redirect("unit_admin:tree")


class UnitTemplateView(UnitAdminMixin, View):
    def get(self, request):
        return attachment(unit_import.template_xlsx(), XLSX_CONTENT_TYPE, "mau-nhap-don-vi.xlsx")
