"""Background tasks of the quizzes: thin wrappers around quizzes.attempts and quizzes.certificates."""

from celery import shared_task
from django.db.models.signals import post_save
from wagtail.signals import page_published

from . import attempts, certificates, entries, integrity, registration
from .models import ContestPage, Quiz


@shared_task(name="quizzes.close_overdue_attempts")
def close_overdue_attempts():
    """Close and score attempts whose time ran out while nobody was looking (scheduled every minute)."""
    return attempts.close_overdue_attempts()


@shared_task(name="quizzes.check_closed_rounds")
def check_closed_rounds():
    """Queue the integrity checks of every contest round that closed and was not checked (scheduled)."""
    quiz_ids = list(integrity.rounds_to_check().values_list("pk", flat=True))
    for quiz_id in quiz_ids:
        check_round.delay(quiz_id)
    return len(quiz_ids)


@shared_task(name="quizzes.check_round")
def check_round(quiz_id):
    """Flag a closed round's suspicious attempts for the organisers (quizzes.integrity.scan)."""
    quiz = Quiz.objects.filter(pk=quiz_id).first()
    return integrity.scan(quiz) if quiz is not None else 0


@shared_task(name="quizzes.delete_unconfirmed_citizens")
def delete_unconfirmed_citizens():
    """Registrations for open contests that were never confirmed by their email code (scheduled hourly)."""
    return registration.delete_unconfirmed()


@shared_task(name="quizzes.issue_contest_certificates")
def issue_contest_certificates(quiz_id):
    """The participation certificates of a contest whose ranking was published (once per person)."""
    return certificates.issue_for_contest(quiz_id)


def _contest_saved(sender, instance, **kwargs):
    if instance.is_contest and instance.ranking_published and instance.certificate_template_id:
        issue_contest_certificates.delay_on_commit(instance.pk)


post_save.connect(_contest_saved, sender=Quiz, dispatch_uid="quizzes.contest_certificates")


@shared_task(name="quizzes.rebuild_overall_results")
def rebuild_overall_results(page_id):
    """The overall results of a contest page, counted again after its rounds or its rule were published."""
    page = ContestPage.objects.filter(pk=page_id).first()
    return entries.rebuild_overall(page) if page is not None else 0


def _contest_page_published(sender, instance, **kwargs):
    rebuild_overall_results.delay_on_commit(instance.pk)


page_published.connect(_contest_page_published, sender=ContestPage, dispatch_uid="quizzes.overall_results")
