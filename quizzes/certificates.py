"""Contest certificates: when organisers publish a contest's ranking, every ranked participant gets one
certificate of participation with their score (certificates.issuing). A prize can be named on a
certificate (`Achievement.award`) once contests define prize tiers; today none do."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.issuing import Achievement, issue
from certificates.models import CertificateKind

from .models import Quiz
from .ranking import individual_ranking


def source_key(quiz):
    return f"contest:{quiz.pk}"


def issue_for_contest(quiz_id):
    """Issue the contest's certificates if its ranking is published and it has a template; returns how many new."""
    quiz = Quiz.objects.select_related("certificate_template").filter(pk=quiz_id).first()
    if quiz is None or not (quiz.is_contest and quiz.ranking_published and quiz.certificate_template_id):
        return 0
    ranked = individual_ranking(quiz)
    accounts = get_user_model().objects.in_bulk([line.user_id for line in ranked])
    created_count = 0
    for line in ranked:
        user = accounts[line.user_id]
        achievement = Achievement(
            kind=CertificateKind.CONTEST,
            source_key=source_key(quiz),
            source_id=quiz.pk,
            title=quiz.title,
            result=_("tham gia"),
            achieved_on=timezone.localdate(line.finished_at),
            score=line.percent,
        )
        _certificate, created = issue(user, quiz.certificate_template, achievement, line.full_name, line.unit)
        created_count += created
    return created_count
