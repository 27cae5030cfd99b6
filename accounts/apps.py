from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """First access and recovery of login accounts: activation codes, password reset, single sign-on and the
    second factor."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("Tài khoản đăng nhập")

    def ready(self):
        from units import scope

        from . import audit, mfa  # noqa: F401 (mfa: its deploy check)
        from .models import ActivationCode, ActivationSheet, PrivacyConsent

        scope.register(ActivationCode, unit="user__cadre__unit")
        scope.register(PrivacyConsent, unit="user__cadre__unit")
        audit.connect()
        scope.register(ActivationSheet, owner="requested_by", administrators=False)  # plain codes: the requester
