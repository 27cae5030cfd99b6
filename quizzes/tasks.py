"""Background tasks of the quizzes: thin wrappers around quizzes.attempts."""

from celery import shared_task

from . import attempts


@shared_task(name="quizzes.close_overdue_attempts")
def close_overdue_attempts():
    """Close and score attempts whose time ran out while nobody was looking (scheduled every minute)."""
    return attempts.close_overdue_attempts()
