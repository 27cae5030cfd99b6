"""Issuing and revoking certificates: once per achievement, numbered per year without gaps or duplicates.

`issue` is called by the apps that know what was achieved (courses for a completion, quizzes for a contest result)
with what the certificate certifies at that moment; later edits of the course, the contest or the person do not
change it. Numbering locks the year's counter row in the issuing transaction: concurrent issues wait for each
other, a rolled-back issue gives its number back, and the same achievement issued twice at once yields one
certificate (the second finds the first once it holds the lock).
"""

import secrets
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elearn.audit import record

from .models import Certificate, CertificateCounter

REVOKED = "certificates.revoked"
ACTIONS = {
    REVOKED: (gettext_lazy("Thu hồi chứng nhận"), gettext_lazy("Thu hồi chứng nhận số {number}: {reason}")),
}


class CertificateError(Exception):
    """Refused; the message is Vietnamese."""


@dataclass(frozen=True)
class Achievement:
    """What a certificate certifies, as the issuing app knows it at that moment."""

    kind: str
    source_key: str  # once per person: "course:<id>:<cycle>", "contest:<id>"
    source_id: int
    title: str
    result: str
    achieved_on: date
    score: float | None = None
    award: str = ""
    valid_until: date | None = None


def new_code():
    """An unguessable verification code (128 random bits), not the number."""
    return secrets.token_urlsafe(16)


def issue(user, template, achievement, full_name, unit=None, now=None):
    """The certificate of `achievement` for `user`, issued now if it was not already; returns (certificate, created)."""
    now = now or timezone.now()
    year = timezone.localtime(now).year
    existing = Certificate.objects.filter(user=user, source_key=achievement.source_key).first()
    if existing is not None:  # the usual case of a repeated issue: no write at all
        return existing, False
    with transaction.atomic():
        CertificateCounter.objects.bulk_create([CertificateCounter(year=year)], ignore_conflicts=True)
        counter = CertificateCounter.objects.select_for_update().get(year=year)
        existing = Certificate.objects.filter(user=user, source_key=achievement.source_key).first()
        if existing is not None:
            return existing, False
        counter.last += 1
        counter.save(update_fields=["last"])
        certificate = Certificate.objects.create(
            user=user,
            kind=achievement.kind,
            source_key=achievement.source_key,
            source_id=achievement.source_id,
            template=template,
            year=year,
            number=counter.last,
            code=new_code(),
            full_name=full_name,
            unit=unit,
            unit_name=unit.name if unit is not None else "",
            title=achievement.title,
            result=achievement.result,
            score=achievement.score,
            award=achievement.award,
            achieved_on=achievement.achieved_on,
            issued_at=now,
            valid_until=achievement.valid_until,
        )
    return certificate, True


def revoke(certificate, by, reason):
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("Hãy ghi lý do thu hồi: lý do được lưu vào nhật ký."))
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.revoked_at is not None:
            raise CertificateError(_("Chứng nhận này đã bị thu hồi trước đó."))
        locked.revoked_at = timezone.now()
        locked.revoked_by = by
        locked.revoke_reason = reason
        locked.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
        # Filed under the person's account (elearn.audit: never under a unit).
        record(locked.user, REVOKED, user=by, data={"number": locked.display_number, "reason": reason})
    return locked
