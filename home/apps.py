from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = _("Trang chủ và tin bài")

    def ready(self):
        from django.db.models.signals import post_migrate

        from .workflows import sync_review_workflow

        # The review workflow names its reviewer groups itself, so it need not wait for units' sync_roles.
        post_migrate.connect(sync_review_workflow, sender=self)
