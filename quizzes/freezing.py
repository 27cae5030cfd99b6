"""Freezing a contest round: an immutable snapshot of its ranking, the prizes drawn from it, and reopening.

The snapshot keeps every ranked line as it was (name, unit, score, prediction, time, submit time to
the millisecond), the prize of each winner, and for each line why it ranks below the line above:
the first rule of the ranking order on which they differ. The order is score, then prediction
distance, then time taken, then submit time to the millisecond, then the final rule: the attempt the
system recorded first (the lower attempt number). A checksum (SHA-256) of the ordered lines lets
anyone check later that the list was not altered. Only organisers who see all results may freeze;
only an administrator may reopen, with a reason; the reopened snapshot is kept.
"""

from datetime import timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elearn import audit
from elearn.formatting import format_local
from units import scope

from . import attempts, ranking
from .models import Attempt, AttemptState, RoundSnapshot, SnapshotLine, SnapshotUnitLine
from .models.contest import checksum_of

FROZEN = "quizzes.freeze_round"
REOPENED = "quizzes.reopen_round"
ACTIONS = {
    FROZEN: (
        gettext_lazy("Chốt kết quả đợt thi"),
        gettext_lazy("Chốt kết quả “{quiz}”: {participants} người, mã kiểm tra {checksum}"),
    ),
    REOPENED: (
        gettext_lazy("Mở lại kết quả đợt thi"),
        gettext_lazy("Mở lại kết quả đã chốt của “{quiz}” (chốt lúc {frozen_at}): {reason}"),
    ),
}


class FreezeError(Exception):
    """Refused; the message is Vietnamese."""


# Why one line ranks below the one above


def _ms(moment):
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M:%S.") + f"{moment.microsecond // 1000:03d}"


def reason_texts():
    """The reasons' texts, translated once per freeze rather than once per line."""
    return {
        "score": _("Điểm thấp hơn (%(below)s%% < %(above)s%%)"),
        "no_prediction": _("Bằng điểm; không dự đoán (người trên lệch %(above)s)"),
        "prediction": _("Bằng điểm; dự đoán lệch nhiều hơn (%(below)s > %(above)s)"),
        "duration": _("Bằng điểm và dự đoán; làm bài lâu hơn (%(below)s giây > %(above)s giây)"),
        "submit": _("Bằng điểm, dự đoán và thời gian; nộp muộn hơn (%(below)s sau %(above)s)"),
        "final": _(
            "Bằng điểm, dự đoán, thời gian và thời điểm nộp đến mili giây; lượt thi được ghi nhận sau "
            "(mã lượt %(below)s > %(above)s)"
        ),
    }


def tie_reason(above, below, texts=None):
    """The first rule of the ranking order on which `above` beats `below` (both have the ranking's fields)."""
    texts = texts or reason_texts()
    if above.percent != below.percent:
        return texts["score"] % {"below": below.percent, "above": above.percent}
    if above.distance != below.distance:
        if below.distance is None:
            return texts["no_prediction"] % {"above": above.distance}
        return texts["prediction"] % {"below": below.distance, "above": above.distance}
    if above.duration_seconds != below.duration_seconds:
        return texts["duration"] % {"below": below.duration_seconds, "above": above.duration_seconds}
    if above.finished_ms != below.finished_ms:
        return texts["submit"] % {"below": _ms(below.finished_ms), "above": _ms(above.finished_ms)}
    return texts["final"] % {"below": below.attempt_id, "above": above.attempt_id}


# Prizes


def assign(lines, tiers, eligible):
    """Give each tier's prize to the next `winners` lines in rank order that are `eligible(line, tier)`.

    Tiers go in their order (Nhất before Nhì); a line wins at most one prize. A line below a tier's
    threshold is skipped for that tier but may win a later tier with a lower one.
    """
    remaining = list(lines)
    for tier in tiers:
        given, kept = 0, []
        for line in remaining:
            if given < tier.winners and eligible(line, tier):
                line.prize = tier.name
                given += 1
            else:
                kept.append(line)
        remaining = kept


def reaches_score(line, tier):
    return tier.min_percent is None or line.percent >= tier.min_percent


def reaches_unit_thresholds(line, tier):
    return line.participation >= tier.min_participation and (line.average or Decimal(0)) >= tier.min_average


# Freezing and reopening


def _close_late_attempts(quiz, now):
    """Close the round's attempts whose time ran out; refuse while one is still within its grace."""
    for attempt_id in Attempt.objects.filter(quiz=quiz, state=AttemptState.IN_PROGRESS).values_list("pk", flat=True):
        attempts.finish(attempt_id, now=now)
    if Attempt.objects.filter(quiz=quiz, state=AttemptState.IN_PROGRESS).exists():
        raise FreezeError(_("Còn lượt thi đang trong thời gian nộp bài; vui lòng chốt lại sau ít phút."))


def can_freeze(user):
    return scope.sees_all_results(user) and user.has_perm("quizzes.change_quiz")


def freeze(quiz, user, now=None):
    """Freeze the round's ranking into a snapshot with its prizes; returns the snapshot."""
    now = now or timezone.now()
    if not can_freeze(user):
        raise FreezeError(_("Chỉ Ban tổ chức được chốt kết quả đợt thi."))
    if not quiz.is_contest:
        raise FreezeError(_("Bài kiểm tra này không phải là cuộc thi."))
    if not quiz.has_closed(now - timedelta(seconds=attempts.grace_seconds())):
        raise FreezeError(_("Đợt thi chưa kết thúc (kể cả thời gian gia hạn nộp bài); chưa thể chốt kết quả."))
    _close_late_attempts(quiz, now)
    actual = ranking.all_correct_count(quiz)
    ranked = ranking.individual_ranking(quiz, actual=actual)
    lines = [
        SnapshotLine(
            rank=line.rank,
            user_id=line.user_id,
            attempt_id=line.attempt_id,
            full_name=line.full_name,
            staff_code=line.staff_code,
            unit_name=line.unit_name,
            percent=line.percent,
            prediction=line.prediction,
            distance=line.distance,
            duration_seconds=line.duration_seconds,
            finished_ms=line.finished_at,
        )
        for line in ranked
    ]
    texts = reason_texts()
    for above, below in zip(lines, lines[1:], strict=False):
        below.reason = tie_reason(above, below, texts)
    assign(lines, quiz.prize_tiers.order_by("sort_order"), reaches_score)
    unit_lines = [
        SnapshotUnitLine(
            rank=line.rank,
            unit=line.unit,
            unit_name=line.unit.name,
            cadres=line.cadres,
            participants=line.participants,
            participation=line.participation,
            average=line.average,
        )
        for line in ranking.unit_ranking(quiz)
    ]
    assign(unit_lines, quiz.unit_prize_tiers.order_by("sort_order"), reaches_unit_thresholds)
    try:
        with transaction.atomic():
            snapshot = RoundSnapshot.objects.create(
                quiz=quiz,
                frozen_by=user,
                frozen_at=now,
                participants=len(lines),
                actual_all_correct=actual,
                checksum=checksum_of(lines),
            )
            for line in lines:
                line.snapshot = snapshot
            for line in unit_lines:
                line.snapshot = snapshot
            SnapshotLine.objects.bulk_create(lines, batch_size=5000)
            SnapshotUnitLine.objects.bulk_create(unit_lines)
    except IntegrityError:
        raise FreezeError(_("Kết quả đợt thi này đã được chốt.")) from None
    audit.record(
        quiz,
        FROZEN,
        user=user,
        data={"quiz": quiz.title, "participants": len(lines), "checksum": snapshot.checksum},
    )
    return snapshot


def reopen(snapshot, user, reason, now=None):
    """Reopen a frozen round (administrators only, with a reason); the old snapshot is kept, marked reopened."""
    reason = (reason or "").strip()
    if not scope.is_administrator(user):
        raise FreezeError(_("Chỉ Quản trị được mở lại kết quả đã chốt."))
    if not reason:
        raise FreezeError(_("Hãy ghi lý do mở lại kết quả đã chốt."))
    if not snapshot.is_current:
        raise FreezeError(_("Kết quả này đã được mở lại trước đó."))
    snapshot.reopened_by = user
    snapshot.reopened_at = now or timezone.now()
    snapshot.reopen_reason = reason
    snapshot.save(allow_update=True, update_fields=["reopened_by", "reopened_at", "reopen_reason"])
    audit.record(
        snapshot.quiz,
        REOPENED,
        user=user,
        data={"quiz": snapshot.quiz.title, "frozen_at": format_local(snapshot.frozen_at), "reason": reason},
    )
    return snapshot
