"""Wagtail's page serving, with the anonymous page cache (home.page_cache) in front of it."""

from django.urls import re_path
from wagtail import views as wagtail_views

from . import page_cache


def serve(request, path):
    return page_cache.served(request, lambda: wagtail_views.serve(request, path))


# Wagtail's own pattern (WAGTAIL_APPEND_SLASH), leaving its _util/ views to wagtail.urls.
urlpatterns = [re_path(r"^(?!_util/)((?:[\w\-]+/)*)$", serve, name="wagtail_serve")]
