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
        self._forget_cached_pages_on_change()

        from elearn import slugs

        from .errors import install_admin_refusals

        install_admin_refusals()
        slugs.install()
        self._record_periodic_runs()

    def _record_periodic_runs(self):
        from celery.signals import task_failure, task_success

        from .system_status import record_periodic_run

        def succeeded(sender=None, **kwargs):
            record_periodic_run(sender.name, True)

        def failed(sender=None, exception=None, **kwargs):
            record_periodic_run(sender.name, False, repr(exception))

        task_success.connect(succeeded, weak=False)
        task_failure.connect(failed, weak=False)

    def _forget_cached_pages_on_change(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page, PageViewRestriction
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from quizzes.models import Quiz

        from .page_cache import new_generation

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(new_generation)
        post_delete.connect(new_generation, sender=Page)
        for model in (PageViewRestriction, Quiz):  # a page's privacy; a contest's published ranking
            post_save.connect(new_generation, sender=model)
            post_delete.connect(new_generation, sender=model)
