from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """A data subject's rights over what the platform holds about them (Luật Bảo vệ dữ liệu cá nhân 91/2025):
    the copy of their own data ("Dữ liệu cá nhân của tôi"), correction requests, anonymisation."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "privacy"
    verbose_name = _("Dữ liệu cá nhân")

    def ready(self):
        from units import scope

        from .models import Anonymisation, CorrectionRequest, DataExport

        scope.register(DataExport, owner="user", administrators=False)  # the person's own copy only
        # The managers of the unit the person was in when they asked, and the person.
        scope.register(CorrectionRequest, unit="unit", owner="user")
        scope.register(Anonymisation, unit="user__cadre__unit")
