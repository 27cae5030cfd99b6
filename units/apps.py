from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "units"
    verbose_name = _("Tổ chức và cán bộ")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import audit, signals  # noqa: F401 (signals: connected on import)
        from .roles import sync_roles

        audit.connect()
        post_migrate.connect(sync_roles, sender=self)
        register_personal_data()


def register_personal_data():
    """How the organisation's models reach a person's unit, for units.scope."""
    from django.contrib.auth import get_user_model

    from . import scope
    from .models import Cadre, CadreImport, Membership, Unit

    scope.register(Unit, unit="")
    scope.register(Cadre, unit="unit")
    scope.register(Membership, unit="cadre__unit")
    scope.register(get_user_model(), unit="cadre__unit")
    scope.register(CadreImport, owner="uploaded_by")  # files of people of many units: uploader and administrators
