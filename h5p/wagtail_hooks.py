from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet

from . import admin_views, report_views
from .models import H5PActivity, H5PAttempt
from .viewsets import H5PActivityViewSet

register_snippet(H5PActivityViewSet)


@hooks.register("register_admin_urls")
def register_h5p_report_urls():
    return [path("h5p-reports/", include((report_views.urlpatterns, "h5p_reports"), namespace="h5p_reports"))]


@hooks.register("register_admin_urls")
def register_h5p_library_urls():
    return [path("h5p-libraries/", include((admin_views.urlpatterns, "h5p_libraries"), namespace="h5p_libraries"))]


@hooks.register("register_snippet_listing_buttons")
def h5p_report_buttons(snippet, user, next_url=None):
    """The activity's report (attempts, learners, average score) in each activity row's "More" menu."""
    if not isinstance(snippet, H5PActivity) or not report_views.can_view_reports(user):
        return
    yield Button(_("Báo cáo"), reverse("h5p_reports:attempts", args=[snippet.pk]), icon_name="list-ul", priority=30)


@hooks.register("register_learning_history")
def h5p_history(user):
    """For units.people.learning_history: a person's H5P results."""
    count = H5PAttempt.objects.filter(user=user).count()
    return (
        [ngettext("%(n)d kết quả hoạt động H5P", "%(n)d kết quả hoạt động H5P", count) % {"n": count}] if count else []
    )
