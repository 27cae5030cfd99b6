from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = _("Báo cáo")

    def ready(self):
        from django.db.models.signals import post_migrate

        from units import scope

        from . import signals  # noqa: F401 - connects the receivers that keep the counters fresh
        from .models import ReportExport, ReportSubscription

        scope.register(ReportExport, owner="requested_by", administrators=False)  # the requester only
        scope.register(ReportSubscription, owner="user", administrators=False)  # the subscriber only
        from .counters import count_if_never_counted

        # A database that had people before the counters existed gets them counted once, at migrate.
        post_migrate.connect(count_if_never_counted, sender=self)
