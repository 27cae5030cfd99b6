"""Background tasks of the content side: thin wrappers around Wagtail's management commands."""

from celery import shared_task
from django.core.management import call_command


@shared_task(name="home.publish_scheduled_pages")
def publish_scheduled_pages():
    """Publish pages whose go-live time has come and unpublish expired ones (Wagtail's `publish_scheduled`).

    Scheduled by CELERY_BEAT_SCHEDULE every minute: `celery beat` in production, `run_periodic_tasks`
    (started by `make run`) in the embedded default.
    """
    call_command("publish_scheduled")
