"""Celery application.

With CELERY_BROKER_URL set, tasks go to real workers (`celery -A elearn worker`);
without it, settings make them run in-process (eager), the embedded default.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elearn.settings.dev")

app = Celery("elearn")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["elearn"])
