"""Correction requests (Luật 91/2025: the right to correction): a learner asks, the managers of their unit answer.

A request names the fields to correct (name, position, unit; empty = no change) and why. It is filed under the
unit the person is in when they ask; the managers of that unit (or of the nearest unit above that has managers)
are emailed and see it in the admin ("Đề nghị sửa thông tin", scoped). The answer is due within
CORRECTION_REPLY_WORKING_DAYS working days. Statuses: mới → đang xử lý → đã xử lý (the correction is applied)
or từ chối (with a reason). Applying changes the cadre record through the import's own code path
(units.people.sync_cadre_statuses), so memberships, reports and the audit trail follow as after an import.
Every step is audited under the person's account and the person is emailed the outcome.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elearn.addresses import absolute_url
from elearn.audit import record
from units import scope
from units.people import CadreRow, managers_of, sync_cadre_statuses

from .models import OPEN_CORRECTION, CorrectionRequest, CorrectionStatus

REQUESTED = "privacy.correction_requested"
STARTED = "privacy.correction_started"
APPLIED = "privacy.correction_applied"
REJECTED = "privacy.correction_rejected"
ACTIONS = {
    REQUESTED: (gettext_lazy("Đề nghị sửa thông tin"), gettext_lazy("Đề nghị sửa: {changes}")),
    STARTED: (gettext_lazy("Nhận xử lý đề nghị sửa thông tin"), gettext_lazy("Nhận xử lý đề nghị sửa: {changes}")),
    APPLIED: (gettext_lazy("Sửa thông tin theo đề nghị"), gettext_lazy("Đã sửa: {changes}")),
    REJECTED: (gettext_lazy("Từ chối đề nghị sửa thông tin"), gettext_lazy("Từ chối sửa {changes}; lý do: {reply}")),
}
FIELDS = ("full_name", "position", "unit")


class CorrectionError(Exception):
    """A correction that cannot be applied; the message is Vietnamese and shown as it is."""


def add_working_days(day, count):
    """The date `count` working days (Monday to Friday) after `day`; public holidays are not known here."""
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def current_values(cadre):
    return {
        "full_name": cadre.full_name,
        "position": cadre.position,
        "unit_code": cadre.unit.code,
        "unit_name": cadre.unit.name,
    }


def changes(correction):
    """[(label, before, after)] for each field the request corrects."""
    before = correction.current
    rows = []
    if correction.full_name:
        rows.append((_("Họ và tên"), before.get("full_name", ""), correction.full_name))
    if correction.position:
        rows.append((_("Chức vụ"), before.get("position", ""), correction.position))
    if correction.new_unit_id:
        rows.append((_("Đơn vị"), before.get("unit_name", ""), correction.new_unit.name))
    return rows


def describe(correction):
    return "; ".join(f"{label} “{old or '—'}” → “{new}”" for label, old, new in changes(correction))


def open_request(user):
    return CorrectionRequest.objects.filter(user=user, status__in=OPEN_CORRECTION).first()


def submit(user, *, full_name="", position="", new_unit=None, note=""):
    """File a request for `user` (who has a cadre record and no open request); notify the managers."""
    from .tasks import notify_correction

    cadre = user.cadre
    correction = CorrectionRequest.objects.create(
        user=user,
        unit=cadre.unit,
        current=current_values(cadre),
        full_name=full_name,
        position=position,
        new_unit=new_unit,
        note=note,
        reply_due_on=add_working_days(timezone.localdate(), settings.CORRECTION_REPLY_WORKING_DAYS),
    )
    _audit(correction, REQUESTED, user)
    notify_correction.delay_on_commit(correction.pk)
    return correction


def can_handle(viewer, correction):
    """Whether `viewer` may answer `correction`: it is in their scope and not their own."""
    if correction.user_id == viewer.pk:
        return False
    return scope.restrict(viewer, CorrectionRequest.objects.filter(pk=correction.pk)).exclude(user=viewer).exists()


def start(correction, by):
    """Mark the request "đang xử lý" (the managers' answer that it is being looked at)."""
    with transaction.atomic():
        correction = _locked(correction, CorrectionStatus.NEW)
        _close(correction, CorrectionStatus.IN_PROGRESS, by, handled=False)
        _audit(correction, STARTED, by)
    return correction


def reject(correction, by, reply):
    from .tasks import notify_correction

    if not reply.strip():
        raise CorrectionError(_("Hãy ghi lý do từ chối để người đề nghị biết."))
    with transaction.atomic():
        correction = _locked(correction, *OPEN_CORRECTION)
        correction.reply = reply.strip()
        _close(correction, CorrectionStatus.REJECTED, by)
        _audit(correction, REJECTED, by, reply=correction.reply)
        notify_correction.delay_on_commit(correction.pk)
    return correction


def apply(correction, by, reply=""):
    """Correct the cadre record as asked, through the import's code path, and close the request."""
    from .tasks import notify_correction

    with transaction.atomic():
        correction = _locked(correction, *OPEN_CORRECTION)
        user = correction.user
        cadre = getattr(user, "cadre", None)
        if cadre is None or not user.is_active or cadre.left_on is not None:
            raise CorrectionError(_("Không sửa được: người này đã thôi công tác hoặc tài khoản đã bị khóa."))
        if correction.new_unit_id:
            if not correction.new_unit.is_active:
                raise CorrectionError(
                    _("Không sửa được: đơn vị “%(unit)s” đã ngừng hoạt động.") % {"unit": correction.new_unit.name}
                )
            if not scope.can_view_unit(by, correction.new_unit):
                raise CorrectionError(
                    _(
                        "Đơn vị “%(unit)s” nằm ngoài phạm vi bạn quản lý: hãy đề nghị quản lý của đơn vị đó "
                        "hoặc quản trị hệ thống chuyển cán bộ, hoặc từ chối kèm lý do."
                    )
                    % {"unit": correction.new_unit.name}
                )
        row = CadreRow(
            staff_code=cadre.staff_code,
            full_name=correction.full_name or cadre.full_name,
            unit_code=(correction.new_unit or cadre.unit).code,
            position=correction.position or cadre.position,
            category=cadre.category,
            email=user.email,
            username=user.get_username(),
            groups=tuple(user.groups.values_list("name", flat=True)),
            is_staff=None,
            active=True,
        )
        sync_cadre_statuses([row])
        correction.reply = reply.strip()
        _close(correction, CorrectionStatus.DONE, by)
        _audit(correction, APPLIED, by)
        notify_correction.delay_on_commit(correction.pk)
    return correction


def _locked(correction, *statuses):
    locked = (
        CorrectionRequest.objects.select_for_update(of=("self",))
        .select_related("user", "new_unit")
        .get(pk=correction.pk)
    )
    if locked.status not in statuses:
        raise CorrectionError(
            _("Đề nghị này đã được xử lý (%(status)s); hãy tải lại trang.") % {"status": locked.get_status_display()}
        )
    return locked


def _close(correction, status, by, handled=True):
    correction.status = status
    correction.handled_by = by
    if handled:
        correction.handled_at = timezone.now()
    correction.save(update_fields=["status", "handled_by", "handled_at", "reply"])


def _audit(correction, action, by, **data):
    """Filed under the person's account (never under a unit: see elearn.audit)."""
    record(correction.user, action, user=by, data={"request": correction.pk, "changes": describe(correction), **data})


def recipients(correction):
    """Who is told: the managers for a new request, the person for an outcome (addresses only)."""
    if correction.status in OPEN_CORRECTION:
        return sorted({email for _name, email, _unit in managers_of(correction.user) if email})
    return [correction.user.email] if correction.user.email else []


ADMIN_VIEWSET = "privacy_corrections"  # the admin viewset's URL namespace (privacy.viewsets)


def send_mail_about(correction_id):
    """Email the managers about a new request, or the person about its outcome; returns how many were sent."""
    correction = CorrectionRequest.objects.select_related("user", "unit", "new_unit").filter(pk=correction_id).first()
    if correction is None or correction.status == CorrectionStatus.IN_PROGRESS:
        return 0
    to = recipients(correction)
    if not to:
        return 0
    if correction.status == CorrectionStatus.NEW:
        template, path = "correction_new", reverse(f"{ADMIN_VIEWSET}:edit", args=[correction.pk])
    else:
        template, path = "correction_outcome", reverse("privacy:corrections")
    context = {"correction": correction, "changes": changes(correction), "url": absolute_url(path)}
    subject = " ".join(render_to_string("privacy/email/correction_subject.txt", context).split())
    body = render_to_string(f"privacy/email/{template}.txt", context)
    return send_mail(subject, body, None, to)


def overdue(correction, today=None):
    return correction.status == CorrectionStatus.NEW and (today or timezone.localdate()) > correction.reply_due_on
