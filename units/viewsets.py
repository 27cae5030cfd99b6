"""Admin screens for units and cadres (Wagtail viewsets)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .forms import CadreAdminForm, UnitAdminForm
from .models import Cadre, Unit
from .scope import ScopedViewSetMixin
from .unit_views.common import unit_index_view_class


class UnitViewSet(ScopedViewSetMixin, ModelViewSet):
    model = Unit

    def get_form_class(self, for_update=False):
        return UnitAdminForm

    icon = "group"
    menu_label = _("Đơn vị")
    list_display = [
        "name",
        "code",
        "kind",
        Column("depth", label=_("Cấp")),
        BooleanColumn("is_active", label=_("Đang hoạt động")),
    ]
    list_filter = ["kind", "is_active", "depth"]
    search_fields = ["name", "code"]
    ordering = ["path"]
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = unit_index_view_class()


class CadreViewSet(ScopedViewSetMixin, ModelViewSet):
    model = Cadre

    def get_form_class(self, for_update=False):
        return CadreAdminForm

    icon = "user"
    menu_label = _("Cán bộ")
    list_display = ["full_name", "staff_code", "unit", "position", "category"]
    list_filter = ["category"]
    search_fields = ["full_name", "staff_code", "position"]
    list_export = ["full_name", "staff_code", "unit", "position", "category"]
    export_filename = "danh-sach-can-bo"
    ordering = ["full_name"]
    copy_view_enabled = False
    inspect_view_enabled = True


class OrganisationViewSetGroup(ModelViewSetGroup):
    menu_label = _("Tổ chức")
    submenu_hook = "register_organisation_menu_item"
    menu_icon = "site"
    menu_order = 250
    items = (UnitViewSet("units"), CadreViewSet("cadres"))
