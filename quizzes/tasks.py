"""Background tasks of the quizzes: thin wrappers around quizzes.attempts and quizzes.certificates."""

from celery import shared_task
from django.db.models.signals import post_save

from . import attempts, certificates
from .models import Quiz


@shared_task(name="quizzes.close_overdue_attempts")
def close_overdue_attempts():
    """Close and score attempts whose time ran out while nobody was looking (scheduled every minute)."""
    return attempts.close_overdue_attempts()


@shared_task(name="quizzes.issue_contest_certificates")
def issue_contest_certificates(quiz_id):
    """The participation certificates of a contest whose ranking was published (once per person)."""
    return certificates.issue_for_contest(quiz_id)


def _contest_saved(sender, instance, **kwargs):
    if instance.is_contest and instance.ranking_published and instance.certificate_template_id:
        issue_contest_certificates.delay_on_commit(instance.pk)


post_save.connect(_contest_saved, sender=Quiz, dispatch_uid="quizzes.contest_certificates")
