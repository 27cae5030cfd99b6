"""Background tasks of the courses app: thin wrappers around courses.reminders and courses.certificates.

Scheduled daily by CELERY_BEAT_SCHEDULE: `celery beat` in production, `run_periodic_tasks`
(started by `make run`) in the embedded default. Rerunning either sends nothing twice.
"""

from celery import shared_task

from . import certificates, reminders


@shared_task(name="courses.send_due_reminders")
def send_due_reminders():
    """Learners' reminders, before the due date and when overdue: queued as batches of REMINDER_BATCH_SIZE people."""
    return reminders.queue_due_reminders(send_reminder_batch.delay)


@shared_task(name="courses.send_reminder_batch", acks_late=True, reject_on_worker_lost=True)
def send_reminder_batch(batch):
    """One batch of reminders; redelivered if its worker dies, and then sends only what was not yet sent."""
    return reminders.send_batch(batch)


@shared_task(name="courses.send_manager_digests")
def send_manager_digests():
    """Each unit manager's weekly digest of the overdue in their scope (sent on the configured weekday)."""
    return reminders.send_manager_digests()


@shared_task(name="courses.issue_certificate")
def issue_certificate(completion_id):
    """The certificate of a new completion (courses.certificates), after its commit."""
    certificate = certificates.issue_for_completion(completion_id)
    return certificate.display_number if certificate else None


@shared_task(name="courses.issue_missing_certificates")
def issue_missing_certificates():
    """Nightly: the certificates a lost task did not issue."""
    return certificates.issue_missing()
