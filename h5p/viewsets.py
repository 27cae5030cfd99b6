"""Admin screens of H5P activities and libraries."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import H5PActivity


class H5PActivityViewSet(SnippetViewSet):
    model = H5PActivity
    icon = "media"
    menu_label = _("Hoạt động H5P")
    menu_order = 245
    add_to_admin_menu = True
    list_display = ["title", "main_library", "uploaded_at", "uploaded_by"]
