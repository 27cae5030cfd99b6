"""Activation sheets in the admin: HR (administrators) and unit managers, each for units in their scope only."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
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
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from elearn.audit import record
from elearn.formatting import format_date, thousands
from elearn.spreadsheets import XLSX_CONTENT_TYPE
from units import scope
from units.models import Unit

from . import activation, sheets
from .models import ActivationSheet, SheetDelivery, SheetStatus

NAMESPACE = "activation_admin"
SHEET_ACTION = "accounts.activation_sheet"
DOWNLOAD_ACTION = "accounts.activation_sheet_download"
PERSON_ACTIONS = {  # action in the form -> audit log action
    "reset": "accounts.access_reset",
    "deactivate": "accounts.deactivated",
    "reactivate": "accounts.reactivated",
}


def can_issue(user):
    return user.is_active and scope.units_in_scope(user).exists()


class SheetMenuItem(MenuItem):
    def is_shown(self, request):
        return can_issue(request.user)


class SheetPageMixin(WagtailAdminTemplateMixin):
    header_icon = "key"
    page_title = gettext_lazy("Phiếu kích hoạt tài khoản")

    def dispatch(self, request, *args, **kwargs):
        if not can_issue(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse(f"{NAMESPACE}:index"), "label": self.page_title}]


class IndexView(SheetPageMixin, TemplateView):
    template_name = "accounts/admin/sheet_index.html"

    def get_context_data(self, **kwargs):
        units = scope.units_in_scope(self.request.user).filter(is_active=True).order_by("path")
        return super().get_context_data(units=units, **kwargs)


class SheetForm(forms.Form):
    delivery = forms.ChoiceField(
        label=gettext_lazy("Cách gửi mã"),
        choices=SheetDelivery.choices,
        initial=SheetDelivery.PRINT,
        widget=forms.RadioSelect,
    )


class UnitSheetView(SheetPageMixin, FormView):
    """GET: how many people of the unit must activate; POST: queue the issue of their codes (sheets.start)."""

    template_name = "accounts/admin/sheet_unit.html"
    form_class = SheetForm

    def dispatch(self, request, *args, **kwargs):
        self.unit = get_object_or_404(Unit, pk=kwargs["unit_id"])
        if request.user.is_authenticated:
            scope.check_unit(request.user, self.unit)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.unit.name

    def get_context_data(self, **kwargs):
        people = sheets.people_to_activate(self.unit)
        with_email = sum(1 for user in people if user.email)
        recent = scope.restrict(self.request.user, ActivationSheet.objects.filter(unit=self.unit))[:5]
        return super().get_context_data(
            unit=self.unit, count=len(people), with_email=with_email, recent=recent, **kwargs
        )

    def form_valid(self, form):
        url = self.request.build_absolute_uri(reverse("accounts:activate"))
        sheet = sheets.start(self.unit, self.request.user, url, form.cleaned_data["delivery"])
        data = {"unit": self.unit.code, "delivery": sheet.delivery, "sheet": sheet.pk}
        record(self.unit, SHEET_ACTION, user=self.request.user, data=data)
        return redirect(f"{NAMESPACE}:sheet", pk=sheet.pk)


class SheetMixin:
    """The sheet named in the URL, for its requester only (it holds plain codes)."""

    def dispatch(self, request, *args, **kwargs):
        if not can_issue(request.user):
            raise PermissionDenied
        sheet = get_object_or_404(ActivationSheet.objects.select_related("unit"), pk=kwargs["pk"])
        self.sheet = scope.check_visible(request.user, sheet, _("Chỉ người đã cấp mã được xem đợt cấp mã này."))
        return super().dispatch(request, *args, **kwargs)


def status_payload(sheet):
    numbers = {"done": thousands(sheet.done), "total": thousands(sheet.total)}
    if sheet.status == SheetStatus.PENDING:
        text = _("Đang chờ xử lý…")
    elif sheet.status == SheetStatus.RUNNING:
        text = _("Đang tạo phiếu và gửi email: %(done)s/%(total)s người…") % numbers
    elif sheet.status == SheetStatus.FAILED:
        text = _("Không tạo được phiếu kích hoạt.")
    else:
        text = _("Đã xong: %(total)s người được cấp mã.") % numbers
    return {"status": sheet.status, "finished": sheet.finished, "percent": sheet.percent, "text": text}


class SheetProgressView(SheetMixin, SheetPageMixin, TemplateView):
    template_name = "accounts/admin/sheet_progress.html"

    def get_page_subtitle(self):
        return self.sheet.unit.name

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sheet=self.sheet,
            progress=status_payload(self.sheet),
            status_url=reverse(f"{NAMESPACE}:sheet_status", args=[self.sheet.pk]),
            keep_hours=settings.ACTIVATION_SHEET_KEEP_HOURS,
            **kwargs,
        )


class SheetStatusView(SheetMixin, View):
    def get(self, request, pk):
        response = JsonResponse(status_payload(self.sheet))
        response["Cache-Control"] = "no-store"
        return response


class SheetDownloadView(SheetMixin, View):
    KINDS = {"pdf": ("pdf_file", "application/pdf"), "xlsx": ("xlsx_file", XLSX_CONTENT_TYPE)}

    def get(self, request, pk, kind):
        if kind not in self.KINDS:
            raise Http404
        field, content_type = self.KINDS[kind]
        name = getattr(self.sheet, field)
        storage = storages[sheets.STORAGE]
        if not name or not storage.exists(name):
            raise Http404(
                _("Tệp đã bị xóa sau %(hours)d giờ; hãy cấp mã lại.") % {"hours": settings.ACTIVATION_SHEET_KEEP_HOURS}
            )
        record(self.sheet.unit, DOWNLOAD_ACTION, user=request.user, data={"sheet": self.sheet.pk, "file": kind})
        day = format_date(timezone.localtime(self.sheet.created_at)).replace("/", "-")
        response = FileResponse(
            storage.open(name, "rb"),
            content_type=content_type,
            as_attachment=True,
            filename=f"phieu-kich-hoat-{self.sheet.unit.code.lower()}-{day}.{kind}",
        )
        response["Cache-Control"] = "no-store"
        return response


class PersonAccessView(SheetPageMixin, TemplateView):
    """One person's access (accounts.activation): a new activation code, which ends every session; deactivate;
    reactivate."""

    template_name = "accounts/admin/person_access.html"

    def dispatch(self, request, *args, **kwargs):
        self.person = get_object_or_404(get_user_model().objects.select_related("cadre__unit"), pk=kwargs["user_id"])
        if request.user.is_authenticated and can_issue(request.user):
            scope.check_visible(request.user, self.person)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        cadre = getattr(self.person, "cadre", None)
        return cadre.full_name if cadre else self.person.get_username()

    def get_context_data(self, **kwargs):
        may_manage = activation.may_manage_access(self.request.user, self.person)
        return super().get_context_data(person=self.person, may_manage=may_manage, **kwargs)

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action not in PERSON_ACTIONS or not activation.may_manage_access(request.user, self.person):
            messages.error(request, _("Bạn không được thay đổi quyền truy cập của tài khoản này."))
            return redirect(request.path)
        code = None
        if action == "reset":
            code = activation.reset_access(self.person, by=request.user)
        else:
            activation.set_active(self.person, action == "reactivate")
        record(self.person, PERSON_ACTIONS[action], user=request.user)
        context = self.get_context_data(
            done=action,
            code=code and activation.display_code(code),
            activation_url=request.build_absolute_uri(reverse("accounts:activate")),
        )
        return self.render_to_response(context)


urlpatterns = [
    path("", IndexView.as_view(), name="index"),
    path("<int:unit_id>/", UnitSheetView.as_view(), name="unit"),
    path("dot/<int:pk>/", SheetProgressView.as_view(), name="sheet"),
    path("dot/<int:pk>/trang-thai/", SheetStatusView.as_view(), name="sheet_status"),
    path("dot/<int:pk>/<slug:kind>/", SheetDownloadView.as_view(), name="sheet_download"),
    path("nguoi/<int:user_id>/", PersonAccessView.as_view(), name="person"),
]
