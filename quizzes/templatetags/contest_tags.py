"""Contest status (upcoming, running, ended), as the contest page and quizzes.standings show it."""

from dataclasses import dataclass

from django import template
from django.utils.translation import gettext_lazy as _

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
