"""The second factor (django-allauth's mfa: TOTP and recovery codes) and who must have one.

Every account that can open the Wagtail admin or a report (Quản trị, Biên tập viên, Kiểm duyệt viên,
Quản lý đơn vị, Ban tổ chức) must enrol before it can do anything else; for learners it is optional.
Whoever has enrolled is asked for a code at every login, whichever way in (password, activation, SSO).
"""

import time

from allauth.account.internal.flows.login import perform_password_login
from allauth.account.models import Login
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core import checks

from units import scope
from units.roles import ADMINISTRATOR, EDITOR, MANAGER, MODERATOR, ORGANISER

STAFF_ROLES = (ADMINISTRATOR, EDITOR, MODERATOR, MANAGER, ORGANISER)
CHECKED_KEY = "accounts.mfa_checked_at"
RECHECK_SECONDS = 300  # a role given during a session is noticed within five minutes


def complete_login(request, user, redirect_url):
    """Log `user`, who has just proved their password, in through allauth's password-login flow: it records
    the authentication (so enrolling right after needs no second password) and runs the second-factor step
    when they have enrolled. allauth's own login form does the same after its password check."""
    login = Login(user=user, email_verification="none", redirect_url=redirect_url)
    return perform_password_login(request, {"username": user.get_username()}, login)


def requires_mfa(user):
    if not user.is_authenticated or not settings.MFA_REQUIRED_FOR_STAFF:
        return False
    return (
        user.is_superuser
        or user.has_perm("wagtailadmin.access_admin")
        or scope.units_in_scope(user).exists()  # the reports' own rule (reports.views.common.can_view_reports)
        or user.groups.filter(name__in=STAFF_ROLES).exists()
    )


def has_mfa(user):
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def must_enrol(request):
    """True when the logged-in person must set up a second factor first (checked every few minutes)."""
    if not settings.MFA_REQUIRED_FOR_STAFF:
        return False
    checked = request.session.get(CHECKED_KEY)
    if checked and time.time() - checked < RECHECK_SECONDS:
        return False
    if requires_mfa(request.user) and not has_mfa(request.user):
        return True
    request.session[CHECKED_KEY] = time.time()
    return False


def summary(user):
    """What "Tài khoản của tôi" shows of the second factor."""
    kinds = set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    recovery = Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).first()
    unused = len(recovery.wrap().get_unused_codes()) if recovery else 0
    return {
        "totp": Authenticator.Type.TOTP in kinds,
        "recovery_codes": unused,
        "required": requires_mfa(user),
    }


def remove_all(user):
    """Forget every second factor of `user` (when HR resets their access: a lost phone)."""
    Authenticator.objects.filter(user=user).delete()


@checks.register(checks.Tags.security, deploy=True)
def check_mfa_required(app_configs=None, **kwargs):
    if settings.MFA_REQUIRED_FOR_STAFF:
        return []
    return [
        checks.Error(
            "MFA_REQUIRED_FOR_STAFF is off: staff accounts could work without a second factor.", id="accounts.E001"
        )
    ]
