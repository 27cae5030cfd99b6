"""Contest certificates: when organisers publish a round's ranking, every ranked participant gets one
certificate (certificates.issuing): of their prize when the round was frozen with prizes
(quizzes.freezing), else of participation, with their score."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.issuing import Achievement, issue
from certificates.models import CertificateKind
from units.models import Unit

from .models import Attempt, Quiz, RoundSnapshot
from .ranking import individual_ranking


def source_key(quiz):
    return f"contest:{quiz.pk}"


def issue_for_contest(quiz_id):
    """Issue the contest's certificates if its ranking is published and it has a template; returns how many new."""
    quiz = Quiz.objects.select_related("certificate_template").filter(pk=quiz_id).first()
    if quiz is None or not (quiz.is_contest and quiz.ranking_published and quiz.certificate_template_id):
        return 0
    snapshot = RoundSnapshot.objects.filter(quiz=quiz, reopened_at=None).first()
    if snapshot is not None:
        frozen = list(snapshot.lines.exclude(user=None).order_by("rank"))
        units = dict(Attempt.objects.filter(pk__in=[line.attempt_id for line in frozen]).values_list("pk", "unit"))
        units = {**units, **Unit.objects.in_bulk([pk for pk in units.values() if pk])}
        lines = [
            (
                line.user_id,
                line.full_name,
                line.percent,
                line.finished_ms,
                line.prize,
                units.get(units[line.attempt_id]),
            )
            for line in frozen
        ]
    else:
        lines = [
            (line.user_id, line.full_name, line.percent, line.finished_at, "", line.unit)
            for line in individual_ranking(quiz)
        ]
    accounts = get_user_model().objects.in_bulk([line[0] for line in lines])
    created_count = 0
    for user_id, full_name, percent, finished_at, prize, unit in lines:
        achievement = Achievement(
            kind=CertificateKind.CONTEST,
            source_key=source_key(quiz),
            source_id=quiz.pk,
            title=quiz.title,
            result=prize or _("tham gia"),
            achieved_on=timezone.localdate(finished_at),
            score=percent,
            award=prize,
        )
        _certificate, created = issue(accounts[user_id], quiz.certificate_template, achievement, full_name, unit)
        created_count += created
    return created_count
