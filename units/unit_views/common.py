"""What the unit admin screens share: the administrator-only gate, page chrome and the tree counts."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from ..models import Cadre, Unit

REQUIRED_PERMISSIONS = ("units.add_unit", "units.change_unit")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def can_manage_units(user):
    """Administrators only: unit managers see reports of their units, never these screens."""
    return user.is_active and user.has_perms(REQUIRED_PERMISSIONS)


class UnitAdminMixin(WagtailAdminTemplateMixin):
    """Refuses anyone who may not add and change units; breadcrumbs start at the unit tree."""

    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not can_manage_units(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items, {"url": reverse("unit_admin:tree"), "label": _("Cây đơn vị")}]
        unit = getattr(self, "unit", None)
        if unit is not None:
            items.append({"url": reverse("unit_admin:unit", args=[unit.pk]), "label": unit.name})
        return [*items, {"url": "", "label": self.get_page_title()}]


def cadre_counts():
    """{unit pk: number of active cadres directly in it}."""
    return dict(
        Cadre.objects.filter(left_on__isnull=True).values("unit_id").annotate(n=Count("id")).values_list("unit_id", "n")
    )


def subtree_totals(units, direct):
    """{path: active cadres in the unit and below}, from units in path order and their direct counts."""
    step = Unit.steplen
    totals = {}
    for unit in units:
        count = direct.get(unit.pk, 0)
        totals.setdefault(unit.path, 0)
        if count:
            for depth in range(1, unit.depth + 1):
                prefix = unit.path[: depth * step]
                totals[prefix] = totals.get(prefix, 0) + count
    return totals


def unit_by_code(code):
    from elearn.text import normalize_code

    return Unit.objects.filter(code=normalize_code(code)).first()


def unit_index_view_class():
    """The Unit viewset's listing, with a link to the tree in its header (for those who may manage units)."""
    from django.utils.functional import cached_property
    from wagtail.admin.views.generic import IndexView
    from wagtail.admin.widgets import HeaderButton

    class UnitIndexView(IndexView):
        @cached_property
        def header_buttons(self):
            buttons = list(super().header_buttons)
            if can_manage_units(self.request.user):
                buttons.insert(0, HeaderButton(_("Xem dạng cây"), url=reverse("unit_admin:tree"), icon_name="site"))
            return buttons

    return UnitIndexView
