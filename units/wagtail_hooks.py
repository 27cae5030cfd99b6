from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from elearn.audit import register

from . import audit, import_views, scope_log, unit_views
from .users import DeleteWithoutHistoryBulkAction
from .viewsets import OrganisationViewSetGroup


@hooks.register("register_admin_viewset")
def register_organisation_viewsets():
    return OrganisationViewSetGroup()


@hooks.register("register_admin_urls")
def register_unit_admin_urls():
    return [path("don-vi/", include((unit_views.urlpatterns, "unit_admin"), namespace="unit_admin"))]


class UnitAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return unit_views.can_manage_units(request.user)


@hooks.register("register_organisation_menu_item")
def register_unit_tree_menu_item():
    return UnitAdminMenuItem(_("Cây đơn vị"), reverse("unit_admin:tree"), icon_name="site", order=0)


@hooks.register("register_organisation_menu_item")
def register_reorganisation_history_menu_item():
    return UnitAdminMenuItem(_("Lịch sử sắp xếp đơn vị"), reverse("unit_admin:history"), icon_name="history", order=50)


@hooks.register("register_admin_urls")
def register_cadre_import_urls():
    return [
        path(
            "nhap-can-bo/",
            include((import_views.urlpatterns, import_views.NAMESPACE), namespace=import_views.NAMESPACE),
        )
    ]


@hooks.register("register_organisation_menu_item")
def register_cadre_import_menu_item():
    return import_views.ImportMenuItem(_("Nhập cán bộ"), reverse("cadre_import:index"), icon_name="upload", order=250)


@hooks.register("register_log_actions")
def register_role_log_actions(actions):
    register(actions, audit.ACTIONS)


@hooks.register("register_log_actions")
def register_scope_log_actions(actions):
    actions.register_action(scope_log.ACTION, _("Truy cập ngoài phạm vi"), _("Truy cập ngoài phạm vi bị từ chối"))


# After Wagtail's own (order): replaces its bulk delete of users with one that keeps people with learning history.
hooks.register("register_bulk_action", DeleteWithoutHistoryBulkAction, order=100)
