from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from elearn.audit import register

from . import audit, emulation, views
from .viewsets import EmulationPeriodViewSet, EmulationSchemeViewSet


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("bao-cao/", include((views.urlpatterns, views.app_name), namespace=views.app_name))]


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return views.common.ReportsMenuItem(_("Báo cáo"), reverse("unit_reports:rollup"), icon_name="table", order=250)


@hooks.register("register_admin_menu_item")
def register_emulation_menu_item():
    return views.common.ReportsMenuItem(
        _("Thi đua"), reverse("unit_reports:emulation_periods"), icon_name="trophy", order=251
    )


@hooks.register("register_admin_viewset")
def register_emulation_viewsets():
    return [EmulationSchemeViewSet(), EmulationPeriodViewSet()]


@hooks.register("register_log_actions")
def register_report_log_actions(actions):
    register(actions, audit.ACTIONS)
    register(actions, emulation.ACTIONS)
