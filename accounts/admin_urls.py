"""Mounted under /admin/ before Wagtail's admin: its login page sends people to the site's login page."""

from django.urls import path

from . import views

urlpatterns = [path("login/", views.admin_login_redirect)]
