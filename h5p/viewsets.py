"""Admin screens of H5P activities and libraries."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import ActivityIndexView, UploadView
from .models import H5PActivity


class H5PActivityViewSet(SnippetViewSet):
    model = H5PActivity
    icon = "media"
    menu_label = _("Hoạt động H5P")
    menu_order = 245
    add_to_admin_menu = True
    list_display = ["title", "main_library", "uploaded_at", "uploaded_by"]
    panels = [FieldPanel("title")]  # the package itself is never edited: upload a new one
    copy_view_enabled = False  # a copy would have no package behind it
    index_view_class = ActivityIndexView  # its "add" button is "Tải lên gói H5P", for uploaders only

    @property
    def add_view(self):
        """An activity is added by uploading a .h5p package (h5p.admin_views.UploadView), not by a form."""
        return UploadView.as_view()
