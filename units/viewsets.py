"""Admin screens for units and cadres (Wagtail viewsets)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import DeleteView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .forms import CadreAdminForm, UnitAdminForm
from .models import Cadre, Unit
from .scope import ScopedViewSetMixin
from .unit_views.common import unit_index_view_class
from .users import KeepsLearningHistory


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
    # The tree's own columns (path, depth, numchild) are storage, not something a person reads.
    inspect_view_fields = ["name", "code", "kind", "is_active", "managers"]
    index_view_class = unit_index_view_class()


CADRE_BUTTONS_HOOK = "register_cadre_listing_buttons"


class CadreIndexView(IndexView):
    """The cadre list; apps above add per-person actions through the hook `register_cadre_listing_buttons`
    (a function of (cadre, user) that returns Wagtail MenuItems), as accounts does for access."""

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for hook in hooks.get_hooks(CADRE_BUTTONS_HOOK):
            buttons.extend(hook(instance, self.request.user))
        return buttons


class CadreDeleteView(KeepsLearningHistory, DeleteView):
    def person(self, target):
        return target.user


class CadreViewSet(ScopedViewSetMixin, ModelViewSet):
    model = Cadre
    index_view_class = CadreIndexView
    delete_view_class = CadreDeleteView

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
