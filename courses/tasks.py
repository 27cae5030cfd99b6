"""Background tasks of the courses app: thin wrappers around courses.reminders.

Scheduled daily by CELERY_BEAT_SCHEDULE: `celery beat` in production, `run_periodic_tasks`
(started by `make run`) in the embedded default. Rerunning either sends nothing twice.
"""

from celery import shared_task

from . import reminders


@shared_task(name="courses.send_due_reminders")
def send_due_reminders():
    """Learners' reminders: before the due date and when overdue."""
    return reminders.send_due_reminders()


@shared_task(name="courses.send_manager_digests")
def send_manager_digests():
    """Each unit manager's weekly digest of the overdue in their scope (sent on the configured weekday)."""
    return reminders.send_manager_digests()
