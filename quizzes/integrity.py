"""Contest integrity, without slowing the exam: one active device per attempt, checks after a round closes, and the
organisers' decisions.

During the exam the only work is comparing the attempt's device token with the one in the request's
session (both already loaded) and storing the submit address with the submit's own update. Everything
else runs in a Celery job after the round closes (`scan`), and only flags: organisers review the flags
and may disqualify a participant with a reason (audited, shown to the participant); nothing is
disqualified automatically.

A second device takes over after the learner confirms, and the first is told so at its next save:
officials often move from a phone to an office computer, or a phone dies, and the answers are on the
server, so refusing would strand honest people; the takeover is recorded for the checks.
"""

import hashlib
import ipaddress
import secrets
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elearn import audit

from . import entries
from .models import (
    Attempt,
    AttemptQuestion,
    AttemptState,
    ContestEntry,
    ContestRound,
    Disqualification,
    FlagKind,
    IntegrityFlag,
)

DISQUALIFIED = "quizzes.disqualify"
ACTIONS = {
    DISQUALIFIED: (
        gettext_lazy("Loại người dự thi khỏi đợt thi"),
        gettext_lazy("Loại {person} khỏi “{quiz}”: {reason}"),
    ),
}


class DecisionError(Exception):
    """Refused; the message is Vietnamese."""


def _setting(name, default):
    return getattr(settings, name, default)


# One active device per attempt


def session_key(attempt_id):
    return f"quiz-device-{attempt_id}"


def new_device_token():
    return secrets.token_hex(16)


def on_this_device(attempt, session):
    """Whether the attempt is open on the device of this session (an attempt without a device yet is)."""
    return not attempt.device_token or session.get(session_key(attempt.pk)) == attempt.device_token


def take_over(attempt, session):
    """Make this session's device the attempt's only device; the other device is refused at its next request."""
    token = new_device_token()
    Attempt.objects.filter(pk=attempt.pk, state=AttemptState.IN_PROGRESS).update(device_token=token)
    attempt.device_token = token
    session[session_key(attempt.pk)] = token


# The checks after a round closes


def office_networks(quiz):
    networks = []
    for line in quiz.office_addresses.splitlines():
        line = line.strip()
        if line:
            try:
                networks.append(ipaddress.ip_network(line, strict=False))
            except ValueError:
                continue
    return networks


def _in_office(address, networks):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def _flag(found, attempt, kind, detail):
    found[(attempt[0], kind)] = IntegrityFlag(
        quiz_id=attempt[5], user_id=attempt[1], attempt_id=attempt[0], kind=kind, detail=detail[:255]
    )


def _answer_signatures(quiz):
    """{attempt id: (digest of the answers, whether any answer is wrong)} read in one pass."""
    digests, wrong = defaultdict(hashlib.sha256), set()
    rows = (
        AttemptQuestion.objects.filter(attempt__quiz=quiz, attempt__state=AttemptState.FINISHED)
        .order_by("attempt_id", "question_id")
        .values_list("attempt_id", "question_id", "selected_option_ids", "points", "max_points")
    )
    for attempt_id, question_id, selected, points, max_points in rows.iterator(chunk_size=5000):
        digests[attempt_id].update(f"{question_id}:{sorted(selected)};".encode())
        if points != max_points:
            wrong.add(attempt_id)
    return {attempt_id: (digest.hexdigest(), attempt_id in wrong) for attempt_id, digest in digests.items()}


def _same_answers(attempts, found):
    """Identical answers with at least one wrong (identical perfect sheets are what a perfect score is), submitted
    within CONTEST_SAME_ANSWERS_SECONDS of each other with durations as close."""
    window = _setting("CONTEST_SAME_ANSWERS_SECONDS", 120)
    groups = defaultdict(list)
    for attempt in attempts:
        if attempt[7] is not None and attempt[7][1]:
            groups[attempt[7][0]].append(attempt)
    for group in groups.values():
        group.sort(key=lambda a: a[3])
        for first, second in zip(group, group[1:], strict=False):
            if first[1] == second[1]:
                continue
            close_finish = (second[3] - first[3]).total_seconds() <= window
            close_duration = abs((first[2] or 0) - (second[2] or 0)) <= max(10, (first[2] or 0) // 10)
            if close_finish and close_duration:
                detail = _("Giống hệt bài làm của lượt %(other)s, nộp cách %(seconds)s giây")
                _flag(
                    found, first, FlagKind.SAME_ANSWERS, detail % {"other": second[0], "seconds": _gap(first, second)}
                )
                _flag(
                    found, second, FlagKind.SAME_ANSWERS, detail % {"other": first[0], "seconds": _gap(first, second)}
                )


def _gap(first, second):
    return int((second[3] - first[3]).total_seconds())


def _too_fast(attempts, questions, found):
    """A good score in less than CONTEST_MIN_SECONDS_PER_QUESTION per question."""
    per_question = _setting("CONTEST_MIN_SECONDS_PER_QUESTION", 3)
    for attempt in attempts:
        count = questions.get(attempt[0], 0)
        if count and attempt[4] is not None and attempt[4] >= 80 and (attempt[2] or 0) < count * per_question:
            detail = _("%(percent)s%% trong %(seconds)s giây cho %(count)s câu hỏi") % {
                "percent": attempt[4],
                "seconds": attempt[2],
                "count": count,
            }
            _flag(found, attempt, FlagKind.TOO_FAST, detail)


def _shared_address(attempts, networks, found):
    """CONTEST_SHARED_ADDRESS_ACCOUNTS or more accounts submitting from one address within
    CONTEST_SHARED_ADDRESS_SECONDS; an office address (the quiz's list) is normal."""
    least = _setting("CONTEST_SHARED_ADDRESS_ACCOUNTS", 5)
    window = timedelta(seconds=_setting("CONTEST_SHARED_ADDRESS_SECONDS", 600))
    by_address = defaultdict(list)
    for attempt in attempts:
        if attempt[6] and not _in_office(attempt[6], networks):
            by_address[attempt[6]].append(attempt)
    for address, group in by_address.items():
        group.sort(key=lambda a: a[3])
        start = 0
        for end in range(len(group)):
            while group[end][3] - group[start][3] > window:
                start += 1
            inside = group[start : end + 1]
            if len({a[1] for a in inside}) >= least:
                detail = _("%(count)s tài khoản nộp bài từ %(address)s trong %(minutes)s phút") % {
                    "count": len({a[1] for a in inside}),
                    "address": address,
                    "minutes": int(window.total_seconds() // 60),
                }
                for attempt in inside:
                    _flag(found, attempt, FlagKind.SHARED_ADDRESS, detail)


def _score_jumps(quiz, attempts, found):
    """The counted score of this round at least CONTEST_SCORE_JUMP points above the participant's best earlier round."""
    jump = _setting("CONTEST_SCORE_JUMP", 50)
    earlier = set()
    for page_id in ContestRound.objects.filter(quiz=quiz).values_list("page_id", flat=True):
        rounds = list(
            ContestRound.objects.filter(page_id=page_id).order_by("sort_order").values_list("quiz_id", flat=True)
        )
        earlier.update(rounds[: rounds.index(quiz.pk)])
    if not earlier:
        return
    best_before = {}
    for user_id, percent in ContestEntry.objects.filter(quiz_id__in=earlier).values_list("user_id", "percent"):
        best_before[user_id] = max(best_before.get(user_id, percent), percent)
    counted = set(ContestEntry.objects.filter(quiz=quiz).values_list("attempt_id", flat=True))
    for attempt in attempts:
        before = best_before.get(attempt[1])
        if attempt[0] in counted and before is not None and attempt[4] - before >= jump:
            detail = _("Từ %(before)s%% ở các đợt trước lên %(now)s%%") % {"before": before, "now": attempt[4]}
            _flag(found, attempt, FlagKind.SCORE_JUMP, detail)


def scan(quiz, now=None):
    """Flag the round's suspicious attempts (once the round has closed); returns how many new flags."""
    finished = Attempt.objects.filter(quiz=quiz, state=AttemptState.FINISHED)
    signatures = _answer_signatures(quiz)
    questions = defaultdict(int)
    for attempt_id in AttemptQuestion.objects.filter(attempt__quiz=quiz).values_list("attempt_id", flat=True):
        questions[attempt_id] += 1
    # (pk, user, duration, finished_at, percent, quiz, address, signature)
    attempts = [
        (*row, quiz.pk, address, signatures.get(row[0]))
        for *row, address in finished.values_list(
            "pk", "user_id", "duration_seconds", "finished_at", "percent", "submit_address"
        )
    ]
    found = {}
    _same_answers(attempts, found)
    _too_fast(attempts, questions, found)
    _shared_address(attempts, office_networks(quiz), found)
    _score_jumps(quiz, attempts, found)
    with transaction.atomic():
        before = IntegrityFlag.objects.filter(quiz=quiz).count()
        IntegrityFlag.objects.bulk_create(found.values(), ignore_conflicts=True, batch_size=2000)
        type(quiz).objects.filter(pk=quiz.pk).update(integrity_checked_at=now or timezone.now())
    return IntegrityFlag.objects.filter(quiz=quiz).count() - before


def rounds_to_check(now=None):
    """Contest quizzes closed (with the submit grace) and not yet checked."""
    from .attempts import grace_seconds
    from .models import Quiz

    cutoff = (now or timezone.now()) - timedelta(seconds=grace_seconds())
    return Quiz.objects.filter(is_contest=True, closes_at__lte=cutoff, integrity_checked_at=None)


# Decisions


def disqualify(quiz, user, decided_by, reason, now=None):
    """Take `user` out of the round's ranking (organisers only, with a reason shown to the participant)."""
    from .freezing import can_freeze

    reason = (reason or "").strip()
    if not can_freeze(decided_by):
        raise DecisionError(_("Chỉ Ban tổ chức được loại người dự thi."))
    if not reason:
        raise DecisionError(_("Hãy ghi lý do loại người dự thi; lý do được thông báo cho họ."))
    with transaction.atomic():
        decision, created = Disqualification.objects.get_or_create(
            quiz=quiz,
            user=user,
            defaults={"reason": reason, "decided_by": decided_by, "decided_at": now or timezone.now()},
        )
        if not created:
            raise DecisionError(_("Người dự thi này đã bị loại khỏi đợt thi."))
        ContestEntry.objects.filter(quiz=quiz, user=user).update(disqualified=True)
        IntegrityFlag.objects.filter(quiz=quiz, user=user).update(reviewed=True)
        entries.record_overall(quiz.pk, user.pk)
    cadre = getattr(user, "cadre", None)
    person = cadre.full_name if cadre else user.get_full_name() or user.get_username()
    audit.record(quiz, DISQUALIFIED, user=decided_by, data={"person": person, "quiz": quiz.title, "reason": reason})
    return decision
