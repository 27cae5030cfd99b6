"""Template tags of the contest page: its status and its summary numbers."""

from dataclasses import dataclass

from django import template
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quizzes import ranking

register = template.Library()


@dataclass(frozen=True)
class ContestStatus:
    code: str
    label: str


UPCOMING = ContestStatus("upcoming", _("Sắp diễn ra"))
RUNNING = ContestStatus("running", _("Đang diễn ra"))
ENDED = ContestStatus("ended", _("Đã kết thúc"))


def contest_status_at(quiz, now):
    """Where the contest stands at `now`: upcoming, running or ended, by its opening and closing times."""
    if quiz.has_not_opened(now):
        return UPCOMING
    if quiz.has_closed(now):
        return ENDED
    return RUNNING


@register.simple_tag
def contest_status(quiz):
    return contest_status_at(quiz, timezone.now())


@register.simple_tag
def contest_summary(quiz):
    """Participants, attempts, and participants who answered every question right."""
    return ranking.contest_summary(quiz)
