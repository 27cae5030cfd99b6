"""Anonymisation (Luật 91/2025: the right to deletion): a person's identity goes, the learning facts stay.

An administrator anonymises a person on their request; a nightly task anonymises those who left more than
ANONYMISE_AFTER_LEFT_MONTHS ago. In one transaction:
- the name, staff code, position, username and email are replaced (the staff code by a keyed digest,
  units.people.anonymised_code, so that a later cadre import bringing the real code back is refused instead
  of creating the person again), the password made unusable, the login disabled, roles and managed units
  removed;
- what only serves the login or the person goes: activation codes, second factors, SSO links, email
  addresses, sessions, failed-login records, data copies, correction requests; consents lose their address;
  certificates stay (what was certified is a fact) but name the anonymous person, and their PDFs are made anew;
- enrolments, lesson progress, completions, attempts and H5P results stay, attached to the anonymous account,
  and so do the unit, category, leaving date and unit history: every report counts exactly what it counted
  before (units.people.counted_account counts an anonymised person like an active one until they leave).
Apps above this one remove their own personal data through the hook `anonymise_person` (a function of the user,
called inside the transaction). The account row itself is never deleted when it has learning history
(units.people.learning_history). Audited under the person's account, with the reason.
"""

import logging

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from allauth.usersessions.models import UserSession
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from accounts.models import ActivationCode, PrivacyConsent
from certificates.models import Certificate
from elearn.audit import record
from units.models import Cadre
from units.people import anonymised_code
from units.scope import is_administrator

from . import exporting
from .models import Anonymisation, AnonymisationReason, CorrectionRequest, DataExport

logger = logging.getLogger(__name__)

ANONYMISED = "privacy.anonymised"
ACTIONS = {
    ANONYMISED: (gettext_lazy("Ẩn danh hóa"), gettext_lazy("Ẩn danh hóa dữ liệu cá nhân ({reason})")),
}
HOOK = "anonymise_person"


class AnonymisationError(Exception):
    """Refused; the message is Vietnamese and shown as it is."""


def check_allowed(viewer, user):
    """Raise AnonymisationError unless `viewer` may anonymise `user`."""
    if not is_administrator(viewer):
        raise AnonymisationError(_("Chỉ quản trị hệ thống được ẩn danh hóa dữ liệu cá nhân."))
    if viewer.pk == user.pk:
        raise AnonymisationError(_("Không thể tự ẩn danh hóa tài khoản của mình."))
    if user.is_superuser and not viewer.is_superuser:
        raise AnonymisationError(_("Chỉ quản trị viên cấp cao được ẩn danh hóa tài khoản quản trị viên cấp cao."))
    if Anonymisation.objects.filter(user=user).exists():
        raise AnonymisationError(_("Tài khoản này đã được ẩn danh hóa."))


def anonymise(user, by=None, reason=AnonymisationReason.REQUEST, note=""):
    """Anonymise `user` (see the module docstring); returns the Anonymisation record."""
    files = []
    with transaction.atomic():
        user = type(user).objects.select_for_update().get(pk=user.pk)
        if Anonymisation.objects.filter(user=user).exists():
            raise AnonymisationError(_("Tài khoản này đã được ẩn danh hóa."))
        old_username = user.get_username()
        cadre = Cadre.objects.filter(user=user).first()
        now = timezone.now()
        if cadre is not None:
            cadre.staff_code = anonymised_code(cadre.staff_code)
            cadre.full_name = _("Người dùng ẩn danh %(code)s") % {"code": cadre.staff_code[-6:]}
            cadre.position = ""
            cadre.anonymised_at = now
            cadre.save()
            user.username = cadre.staff_code.lower()
        else:
            user.username = f"an-{user.pk}"
        user.first_name = user.last_name = user.email = ""
        user.set_unusable_password()
        user.is_active = user.is_staff = user.is_superuser = False
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
        user.managed_units.clear()

        ActivationCode.objects.filter(user=user).delete()
        PrivacyConsent.objects.filter(user=user).update(address=None)
        Authenticator.objects.filter(user=user).delete()
        SocialAccount.objects.filter(user=user).delete()
        EmailAddress.objects.filter(user=user).delete()
        for session in UserSession.objects.filter(user=user):
            session.end()
        UserProfile.objects.filter(user=user).delete()
        for model in (AccessAttempt, AccessLog, AccessFailureLog):
            model.objects.filter(username=old_username).delete()
        exports = DataExport.objects.filter(user=user)
        files = [name for name in exports.values_list("file", flat=True) if name]
        exports.delete()
        CorrectionRequest.objects.filter(user=user).delete()
        # Certificates stay valid facts, but the public page and the PDF no longer name the person.
        held = list(Certificate.objects.filter(user=user))
        files += [certificate.pdf for certificate in held if certificate.pdf]
        anonymous = cadre.full_name if cadre is not None else user.username
        Certificate.objects.filter(user=user).update(full_name=anonymous, unit_name="", pdf="")
        for hook in hooks.get_hooks(HOOK):
            hook(user)
        # The trail stays (pruned after AUDIT_RETENTION_MONTHS); its lists no longer show the old name.
        ModelLogEntry.objects.for_instance(user).update(label=str(user))

        anonymisation = Anonymisation.objects.create(user=user, performed_by=by, reason=reason, note=note)
        record(user, ANONYMISED, user=by, data={"reason": str(anonymisation.get_reason_display()), "note": note})
    storage = storages[exporting.STORAGE]  # data copies and certificate PDFs share the private storage
    for name in files:
        storage.delete(name)
    return anonymisation


def departed(today=None):
    """The cadres whose leaving date is more than ANONYMISE_AFTER_LEFT_MONTHS ago and who are not anonymised."""
    months = settings.ANONYMISE_AFTER_LEFT_MONTHS
    if months <= 0:
        return Cadre.objects.none()
    limit = (today or timezone.localdate()) - relativedelta(months=months)
    return Cadre.objects.filter(left_on__lte=limit, anonymised_at__isnull=True)


def anonymise_departed(today=None):
    """The nightly task: anonymise everyone `departed` returns, one transaction each; returns how many."""
    done = 0
    for user_id in list(departed(today).values_list("user_id", flat=True)):
        user = Cadre.objects.get(user_id=user_id).user
        try:
            anonymise(user, reason=AnonymisationReason.RETENTION)
        except AnonymisationError:
            continue
        except Exception:
            logger.exception("anonymising user %s failed", user_id)
            continue
        done += 1
    return done
