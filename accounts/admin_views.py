"""Activation sheets in the admin: HR (administrators) and unit managers, each for units in their scope only."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from elearn.formatting import format_date
from elearn.spreadsheets import XLSX_CONTENT_TYPE, attachment
from units import scope
from units.models import Unit

from . import activation, sheets

NAMESPACE = "activation_admin"
SHEET_ACTION = "accounts.activation_sheet"
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


class UnitSheetView(SheetPageMixin, TemplateView):
    """GET: how many people of the unit must activate; POST: issue their codes and download the sheet."""

    template_name = "accounts/admin/sheet_unit.html"

    def dispatch(self, request, *args, **kwargs):
        self.unit = get_object_or_404(Unit, pk=kwargs["unit_id"])
        if request.user.is_authenticated:
            scope.check_unit(request.user, self.unit)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.unit.name

    def get_context_data(self, **kwargs):
        people = sheets.people_to_activate(self.unit)
        return super().get_context_data(unit=self.unit, count=len(people), **kwargs)

    def post(self, request, *args, **kwargs):
        url = request.build_absolute_uri(reverse("accounts:activate"))
        content, count = sheets.issue_sheet(self.unit, request.user, url)
        log(
            instance=self.unit,
            action=SHEET_ACTION,
            user=request.user,
            data={"unit": self.unit.code, "codes": count},
        )
        day = format_date(timezone.localdate()).replace("/", "-")
        name = f"phieu-kich-hoat-{self.unit.code.lower()}-{day}.xlsx"
        return attachment(content, XLSX_CONTENT_TYPE, name)


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
        log(instance=self.person, action=PERSON_ACTIONS[action], user=request.user)
        context = self.get_context_data(
            done=action,
            code=code and activation.display_code(code),
            activation_url=request.build_absolute_uri(reverse("accounts:activate")),
        )
        return self.render_to_response(context)


urlpatterns = [
    path("", IndexView.as_view(), name="index"),
    path("<int:unit_id>/", UnitSheetView.as_view(), name="unit"),
    path("nguoi/<int:user_id>/", PersonAccessView.as_view(), name="person"),
]
