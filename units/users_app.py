"""Wagtail's users app, with the user admin of units/users.py (imported lazily by Wagtail)."""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "units.users.UserViewSet"
