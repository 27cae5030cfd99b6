"""Activation codes: how a person created without a password (HR import, an administrator) sets their first one.

A code is random, from an alphabet without look-alike characters (no 0/O, 1/I/L), ACTIVATION_CODE_LENGTH
characters long, printed in groups of four. Only a keyed hash of it is stored, so a code can be handed
out once and never read back: issuing again makes new codes and revokes the old ones. A code works once,
until it expires (ACTIVATION_CODE_DAYS), and only for an active account.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from units import scope
from units.accounts import resolve_account

from . import mfa
from .models import ActivationCode

CHUNK = 2000  # ids per query: well under any database's parameter limit

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
GROUP = 4


class ActivationError(Exception):
    """The code cannot be used; the message says so in Vietnamese and never tells which part was wrong."""


def code_length():
    return max(10, int(getattr(settings, "ACTIVATION_CODE_LENGTH", 12)))


def valid_for():
    return timedelta(days=int(getattr(settings, "ACTIVATION_CODE_DAYS", 14)))


def new_code():
    return "".join(secrets.choice(ALPHABET) for _ in range(code_length()))


def clean_code(text):
    """What a person typed, as stored: upper case, without spaces or dashes."""
    return "".join(char for char in str(text or "").upper() if char not in " -\t")


def display_code(code):
    """ABCD-EFGH-JKMN: easier to read aloud and to type from paper."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def code_digest(code):
    return salted_hmac("accounts.activation", clean_code(code), algorithm="sha256").hexdigest()


def needs_activation(users):
    """The active accounts among `users` (a queryset) that have no usable password."""
    return [user for user in users.filter(is_active=True) if not user.has_usable_password()]


def issue(users, issued_by=None, now=None):
    """New codes for `users` (a list), revoking their earlier ones; returns [(user, plain code)] in order."""
    return record([(user, new_code()) for user in users], issued_by=issued_by, now=now)


@transaction.atomic
def record(issued, issued_by=None, now=None):
    """Store the codes of `issued` ([(user, plain code)], e.g. already printed) and revoke everyone's earlier
    ones, all or nothing; returns `issued`."""
    now = now or timezone.now()
    ids = [user.pk for user, _code in issued]
    for start in range(0, len(ids), CHUNK):
        ActivationCode.objects.filter(user_id__in=ids[start : start + CHUNK]).usable(now).update(revoked_at=now)
    rows = [
        ActivationCode(
            user=user, digest=code_digest(code), created_at=now, expires_at=now + valid_for(), issued_by=issued_by
        )
        for user, code in issued
    ]
    ActivationCode.objects.bulk_create(rows, batch_size=CHUNK)
    return issued


def find(identifier, code, now=None):
    """The usable activation of the account `identifier` names, for this code; ActivationError otherwise."""
    user = resolve_account(identifier)
    refused = ActivationError(
        _(
            "Mã cán bộ (hoặc email) và mã kích hoạt không khớp, hoặc mã đã được dùng, đã hết hạn hay đã được cấp lại. "
            "Kiểm tra lại phiếu kích hoạt mới nhất hoặc liên hệ bộ phận tổ chức cán bộ của đơn vị."
        )
    )
    if user is None or not user.is_active or not clean_code(code):
        raise refused
    activation = ActivationCode.objects.usable(now).filter(user=user, digest=code_digest(code)).first()
    if activation is None:
        raise refused
    return activation


def activate(activation_id, password, now=None):
    """Set the first password of an activation's account and use the code up; returns the user."""
    now = now or timezone.now()
    with transaction.atomic():
        activation = ActivationCode.objects.select_for_update().filter(pk=activation_id).usable(now).first()
        if activation is None:
            raise ActivationError(_("Mã kích hoạt này đã được dùng hoặc đã hết hạn. Vui lòng bắt đầu lại."))
        user = get_user_model().objects.select_for_update().get(pk=activation.user_id)
        user.set_password(password)
        user.save(update_fields=["password"])
        activation.used_at = now
        activation.save(update_fields=["used_at"])
        ActivationCode.objects.filter(user=user).usable(now).update(revoked_at=now)
    return user


def reset_access(user, by):
    """A new start for `user`: no usable password (every session ends: Django's session hash changes with the
    password), no second factor, and a new activation code, which this returns."""
    user.set_unusable_password()
    user.save(update_fields=["password"])
    mfa.remove_all(user)  # a lost phone is the usual reason: the person enrols again after activating
    [(_user, code)] = issue([user], issued_by=by)
    return code


def set_active(user, active):
    """Deactivate (the authentication backend then refuses every session and login) or reactivate `user`."""
    user.is_active = active
    user.save(update_fields=["is_active"])


def may_manage_access(viewer, person):
    """Whether `viewer` may reset, deactivate or reactivate `person` (whom the scope already lets them see):
    never themselves, never an anonymised person; an administrator's account only by another administrator."""
    cadre = getattr(person, "cadre", None)
    if person.pk == viewer.pk or (cadre is not None and cadre.anonymised_at is not None):
        return False
    return scope.is_administrator(viewer) or not (person.is_superuser or scope.is_administrator(person))
