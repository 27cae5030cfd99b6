from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.home import UserObjectsInWorkflowModerationPanel, WorkflowObjectsToModeratePanel

from .dashboard import guide_audience, panels_for
from .models import HelpIndexPage, guide_for

# Wagtail's panels that the role panels replace: what waits for my review (ours says for how long) and
# my objects in review (ours lists them beside my drafts).
REPLACED_PANELS = (WorkflowObjectsToModeratePanel, UserObjectsInWorkflowModerationPanel)


@hooks.register("construct_homepage_panels")
def role_panels(request, panels):
    panels[:] = [*panels_for(request), *(panel for panel in panels if not isinstance(panel, REPLACED_PANELS))]


def my_guide(request):
    """The user guide of the person's main role; the guides' index when that one is not written yet."""
    guide = guide_for(guide_audience(request)) or HelpIndexPage.objects.live().first()
    return redirect(guide.url if guide else "/")


@hooks.register("register_admin_urls")
def guide_urls():
    return [path("huong-dan/", my_guide, name="my_guide")]


@hooks.register("register_help_menu_item")
def guide_menu_item():
    return MenuItem(_("Hướng dẫn sử dụng"), "/admin/huong-dan/", icon_name="help", order=900)


@hooks.register("construct_help_menu")
def no_outside_help(request, menu_items):
    """Wagtail's editor guide and release notes live on wagtail.org, out of reach of an offline network."""
    menu_items[:] = [item for item in menu_items if not str(getattr(item, "url", "")).startswith(("http", "//"))]
