"""Idempotent bulk writes of cadres and their login accounts.

`sync_cadres` takes plain rows (from demo data or an Excel import) and makes each exist as a
user account with a cadre profile, in a handful of queries whatever the number of rows. Only
what differs is written; a second run with the same rows writes nothing. A row may also say
that the cadre has left (thôi công tác): the account is deactivated and the records are kept.
"""

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Group
from django.db.models import Q
from django.utils import timezone
from wagtail import hooks

from elearn.sync import CREATED, UNCHANGED, UPDATED, SyncCounts
from elearn.text import normalize_code, normalize_text

from .membership import close_memberships, record_units
from .models import Cadre, CadreCategory, Unit
from .roles import LEARNER
from .signals import members_changed


def learner_name(user):
    """A person's full name from their cadre profile, else their account's name."""
    cadre = getattr(user, "cadre", None)
    if cadre is not None:
        return cadre.full_name
    return user.get_full_name() or user.get_username()


def learner_staff_code(user):
    """A person's staff code (mã cán bộ); "" for an account without a cadre profile."""
    cadre = getattr(user, "cadre", None)
    return cadre.staff_code if cadre is not None else ""


def managers_of(user):
    """Who corrects a person's cadre record: the managers of their unit, else of the nearest unit above it
    that has managers; [] for an account without a cadre profile or a unit tree without managers."""
    cadre = getattr(user, "cadre", None)
    if cadre is None:
        return []
    for unit in [cadre.unit, *reversed(cadre.unit.get_ancestors())]:
        managers = list(unit.managers.filter(is_active=True).select_related("cadre"))
        if managers:
            return [(learner_name(manager), manager.email, unit.name) for manager in managers]
    return []


HISTORY_HOOK = "register_learning_history"


def learning_history(user):
    """What learning history `user` has, as Vietnamese phrases ("3 lượt ghi danh khóa học"); [] for none.
    The apps that hold learning records answer through the hook `register_learning_history` (a function of
    the user returning a list of phrases). A person with history is anonymised, never deleted."""
    return [phrase for hook in hooks.get_hooks(HISTORY_HOOK) for phrase in hook(user)]


def anonymised_code(staff_code):
    """The staff code an anonymised person gets instead of theirs: a keyed digest (ANONYMISATION_KEY), so that
    an import that brings the real code back is recognised and refused, and the code cannot be read back."""
    key = (settings.ANONYMISATION_KEY or settings.SECRET_KEY).encode()
    digest = hmac.new(key, normalize_code(staff_code).encode(), hashlib.sha256).hexdigest()
    return f"AN-{digest[:24].upper()}"


def counted_account(prefix=""):
    """Q: the cadre reached through `prefix` ("" from Cadre, "user__cadre__" from a learning record) counts in
    reports as a member: their login is active, or their data was anonymised (an anonymised person's login is
    off, but the facts stay counted so that every unit's report numbers are the same as before)."""
    user = prefix[: -len("cadre__")] if prefix else "user__"
    return Q(**{f"{user}is_active": True}) | Q(**{f"{prefix}anonymised_at__isnull": False})


# A cadre who was active and has left with this sync (an update, counted apart by imports).
DEACTIVATED = "deactivated"


@dataclass(frozen=True)
class CadreRow:
    """One cadre as a source delivers it. `username` defaults to the staff code.

    `is_staff=None` leaves the staff flag of existing accounts alone (imports never grant or
    remove admin access). `active=False` says the cadre has left: the account is deactivated,
    `Cadre.left_on` is set and the open membership period is closed; nothing is deleted.
    """

    staff_code: str
    full_name: str
    unit_code: str
    position: str = ""
    category: str = CadreCategory.CIVIL_SERVANT
    email: str = ""
    username: str = ""
    groups: tuple = (LEARNER,)
    is_staff: bool | None = False
    active: bool = True

    def normalized(self):
        staff_code = normalize_code(self.staff_code)
        return CadreRow(
            staff_code=staff_code,
            full_name=normalize_text(self.full_name),
            unit_code=normalize_code(self.unit_code),
            position=normalize_text(self.position),
            category=self.category,
            email=normalize_text(self.email).lower(),
            username=normalize_text(self.username) or staff_code,
            groups=tuple(self.groups),
            is_staff=self.is_staff,
            active=self.active,
        )


class SharedPassword:
    """Decides whether a stored hash already holds `password`, hashing at most once per distinct hash.

    Password hashing is slow by design; demo users all share one hash, so checking and
    setting passwords for hundreds of users costs one or two hash computations.
    """

    def __init__(self, password):
        self.password = password
        self._checked = {}
        self._new_hash = None

    def matches(self, encoded):
        if encoded not in self._checked:
            self._checked[encoded] = check_password(self.password, encoded)
        return self._checked[encoded]

    def new_hash(self):
        if self._new_hash is None:
            self._new_hash = make_password(self.password)
            self._checked[self._new_hash] = True
        return self._new_hash


def sync_cadres(rows, password=None, on_date=None):
    """Make every row exist as a user with a cadre profile; return SyncCounts.

    New users get `password` (a string, or a SharedPassword to reuse one hash across several
    calls), or an unusable password when it is None (they then set one
    through the password reset). When `password` is given, existing users whose password
    differs get it too: that is what demo accounts need, not what a real import wants.
    Users are added to the row's groups; groups they already have are left alone. An active
    row activates a deactivated account again (a new membership period opens on `on_date`); a row
    with `active=False` deactivates it as of `on_date` (default today). A deactivation counts as
    an update here; `sync_cadre_statuses` tells it apart.
    Raises Unit.DoesNotExist naming the missing unit codes, and Group.DoesNotExist likewise.
    """
    counts = SyncCounts()
    for status in sync_cadre_statuses(rows, password, on_date).values():
        counts.record(UPDATED if status == DEACTIVATED else status)
    return counts


def sync_cadre_statuses(rows, password=None, on_date=None):
    """Like `sync_cadres`; return {staff_code: CREATED, UPDATED, UNCHANGED or DEACTIVATED}.

    Rows must have distinct staff codes (an import rejects duplicates before this).
    """
    on_date = on_date or timezone.localdate()
    rows = [row.normalized() for row in rows]
    units = _units_by_code(rows)
    groups = _groups_by_name(rows)
    if password is None or isinstance(password, SharedPassword):
        passwords = password
    else:
        passwords = SharedPassword(password)

    users, user_status = _sync_users(rows, passwords)
    group_status = _sync_group_memberships(rows, users, groups)
    cadre_status = _sync_profiles(rows, users, units, on_date)
    _sync_memberships(rows, on_date)
    changed = [key for key, status in cadre_status.items() if UNCHANGED not in (status, user_status[key])]
    if changed:
        unit_ids = set(Cadre.objects.filter(staff_code__in=changed).values_list("unit_id", flat=True))
        members_changed.send(sender=Cadre, unit_ids=unit_ids)

    statuses = {}
    for row in rows:
        key = row.staff_code
        if cadre_status[key] == CREATED:
            statuses[key] = CREATED
        elif DEACTIVATED in (user_status[key], cadre_status[key]):
            statuses[key] = DEACTIVATED
        elif UPDATED in (user_status[key], group_status[key], cadre_status[key]) or user_status[key] == CREATED:
            statuses[key] = UPDATED
        else:
            statuses[key] = UNCHANGED
    return statuses


def _sync_memberships(rows, on_date):
    """Open or move the periods of active cadres; close those of cadres who left."""
    active = [row.staff_code for row in rows if row.active]
    left = [row.staff_code for row in rows if not row.active]
    if active:
        record_units(Cadre.objects.filter(staff_code__in=active).values_list("pk", flat=True), on_date)
    if left:
        close_memberships(Cadre.objects.filter(staff_code__in=left).values_list("pk", flat=True), on_date)


def _units_by_code(rows):
    codes = {row.unit_code for row in rows}
    units = Unit.objects.in_bulk(codes, field_name="code")
    missing = sorted(codes - set(units))
    if missing:
        raise Unit.DoesNotExist(f"No unit with code(s): {', '.join(missing)}")
    return units


def _groups_by_name(rows):
    names = {name for row in rows for name in row.groups}
    groups = Group.objects.in_bulk(names, field_name="name")
    missing = sorted(names - set(groups))
    if missing:
        raise Group.DoesNotExist(f"No group named: {', '.join(missing)}")
    return groups


def _sync_users(rows, passwords):
    """Create missing users and update changed ones; return ({staff_code: user}, {staff_code: status})."""
    User = get_user_model()
    profiles = Cadre.objects.filter(staff_code__in=[row.staff_code for row in rows]).select_related("user")
    by_staff_code = {cadre.staff_code: cadre.user for cadre in profiles}
    by_username = User.objects.in_bulk([row.username for row in rows], field_name="username")

    # New accounts without a password share one unusable value: no hashing, no random string per row.
    unusable = make_password(None)
    users, status, to_create, to_update, changed_fields = {}, {}, [], [], set()
    for row in rows:
        user = by_staff_code.get(row.staff_code) or by_username.get(row.username)
        if user is None:
            encoded = passwords.new_hash() if passwords else unusable
            to_create.append(
                User(
                    username=row.username,
                    email=row.email,
                    is_staff=bool(row.is_staff),
                    is_active=row.active,
                    password=encoded,
                )
            )
            status[row.staff_code] = CREATED
            continue
        users[row.staff_code] = user
        fields = _apply_user_fields(user, row, passwords)
        if fields:
            to_update.append(user)
            changed_fields.update(fields)
        if "is_active" in fields and not row.active:
            status[row.staff_code] = DEACTIVATED
        else:
            status[row.staff_code] = UPDATED if fields else UNCHANGED

    if to_create:
        User.objects.bulk_create(to_create)
        created = User.objects.in_bulk([user.username for user in to_create], field_name="username")
        for row in rows:
            if status[row.staff_code] == CREATED:
                users[row.staff_code] = created[row.username]
    if to_update:
        User.objects.bulk_update(to_update, sorted(changed_fields))
    return users, status


def _apply_user_fields(user, row, passwords):
    """Set on `user` what differs from `row`; return the names of the changed fields."""
    changed = []
    if user.email != row.email:
        user.email = row.email
        changed.append("email")
    if row.is_staff is not None and user.is_staff != row.is_staff:
        user.is_staff = row.is_staff
        changed.append("is_staff")
    if user.is_active != row.active:
        user.is_active = row.active
        changed.append("is_active")
    if passwords is not None and not passwords.matches(user.password):
        user.password = passwords.new_hash()
        changed.append("password")
    return changed


def _sync_group_memberships(rows, users, groups):
    """Add each user to the row's groups; return {staff_code: status}."""
    Membership = get_user_model().groups.through
    user_ids = [user.pk for user in users.values()]
    existing = set(Membership.objects.filter(user_id__in=user_ids).values_list("user_id", "group_id"))
    status, missing = {}, []
    for row in rows:
        user_id = users[row.staff_code].pk
        wanted = [(user_id, groups[name].pk) for name in row.groups]
        new = [pair for pair in wanted if pair not in existing]
        missing.extend(Membership(user_id=user_id, group_id=group_id) for user_id, group_id in new)
        existing.update(new)
        status[row.staff_code] = UPDATED if new else UNCHANGED
    Membership.objects.bulk_create(missing)
    return status


def _sync_profiles(rows, users, units, on_date):
    """Create missing cadre profiles and update changed ones; return {staff_code: status}."""
    profiles = {cadre.user_id: cadre for cadre in Cadre.objects.filter(user__in=list(users.values()))}
    status, to_create, to_update, changed_fields = {}, [], [], set()
    for row in rows:
        user = users[row.staff_code]
        wanted = {
            "full_name": row.full_name,
            "staff_code": row.staff_code,
            "unit_id": units[row.unit_code].pk,
            "position": row.position,
            "category": row.category,
        }
        cadre = profiles.get(user.pk)
        # A cadre who left keeps the date of leaving; one who comes back has none.
        wanted["left_on"] = None if row.active else ((cadre and cadre.left_on) or on_date)
        if cadre is None:
            # bulk_create skips Cadre.save: the row is already normalized the same way.
            to_create.append(Cadre(user=user, **wanted))
            status[row.staff_code] = CREATED
            continue
        fields = [name for name, value in wanted.items() if getattr(cadre, name) != value]
        for name in fields:
            setattr(cadre, name, wanted[name])
        if fields:
            to_update.append(cadre)
            changed_fields.update("unit" if name == "unit_id" else name for name in fields)
        if "left_on" in fields and not row.active:
            status[row.staff_code] = DEACTIVATED
        else:
            status[row.staff_code] = UPDATED if fields else UNCHANGED
    Cadre.objects.bulk_create(to_create)
    if to_update:
        Cadre.objects.bulk_update(to_update, sorted(changed_fields))
    return status
