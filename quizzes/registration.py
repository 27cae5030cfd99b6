"""Open registration of citizens (công dân) for a contest: register, confirm by an email code, take part.

Protected against bulk sign-ups: a self-hosted image CAPTCHA on the form (django-simple-captcha), at
most CONTEST_REGISTRATIONS_PER_ADDRESS_HOUR registrations per client address and hour, one person per
email and per phone, CONTEST_CODE_TRIES tries per code. A registration that is never confirmed is
deleted after CONTEST_UNCONFIRMED_HOURS; nothing of a refused registration is kept.
"""

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from vietnam_provinces import Province, ProvinceCode, Ward

from accounts.tasks import send_mail
from elearn.text import normalize_text
from units.models import Unit
from units.provinces import province_name, ward_unit_code

from .models import Citizen


class RegistrationError(Exception):
    """Refused; the message is Vietnamese and nothing was saved."""


def _setting(name, default):
    return getattr(settings, name, default)


# The form's fields


def normalize_email(email):
    return (email or "").strip().lower()


def normalize_phone(phone):
    """A Vietnamese mobile number as 0xxxxxxxxx ("+84 912 345 678" and "0912.345.678" alike), or "" when empty."""
    digits = re.sub(r"[\s.\-()]", "", phone or "")
    if not digits:
        return ""
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not re.fullmatch(r"0[35789]\d{8}", digits):
        raise ValidationError(_("Số điện thoại không hợp lệ: hãy nhập số di động gồm 10 chữ số, ví dụ 0912345678."))
    return digits


def home_province_codes():
    """The provinces of this platform: its root units coded as provinces ("31"); all 34 when none is."""
    codes = []
    for code in Unit.get_root_nodes().values_list("code", flat=True):
        try:
            codes.append(ProvinceCode(int(code)))
        except ValueError:
            continue
    return codes or list(ProvinceCode)


@dataclass(frozen=True)
class Place:
    ward_code: str
    ward_name: str
    province_name: str


def places():
    """{ward code: Place} of the platform's provinces, from the real administrative units (since 1/7/2025)."""
    found = {}
    for code in home_province_codes():
        province = Province.from_code(code)
        for ward in Ward.iter_by_province(province.code):
            unit_code = ward_unit_code(ward.code)
            found[unit_code] = Place(unit_code, normalize_text(ward.name), province_name(province))
    return found


def ward_choices():
    """Choices grouped by province for a select: [(province, [(code, ward), ...]), ...]."""
    grouped = {}
    for place in sorted(places().values(), key=lambda p: (p.province_name, p.ward_name)):
        grouped.setdefault(place.province_name, []).append((place.ward_code, place.ward_name))
    return list(grouped.items())


# Registering and confirming


def _digest(code):
    return hmac.new(settings.SECRET_KEY.encode(), code.encode(), hashlib.sha256).hexdigest()


def _new_code():
    return f"{secrets.randbelow(10**6):06d}"


def _free(field, value, now):
    """Whether `value` may register: taken by a confirmed citizen or any account, no; by an expired pending one,
    yes (that registration is deleted)."""
    existing = Citizen.objects.filter(**{field: value}).select_related("user").first()
    if existing is None:
        return True
    if existing.confirmed_at is None and existing.code_expires_at and existing.code_expires_at < now:
        existing.user.delete()
        return True
    return False


@dataclass
class Registration:
    full_name: str
    email: str
    phone: str
    ward_code: str
    birth_year: int


def register(data, address, contest_url, now=None):
    """Create an inactive account and its citizen record, and email a confirmation code; returns the Citizen."""
    now = now or timezone.now()
    window = now - timedelta(hours=1)
    if address and (
        Citizen.objects.filter(registered_from=address, registered_at__gte=window).count()
        >= _setting("CONTEST_REGISTRATIONS_PER_ADDRESS_HOUR", 10)
    ):
        raise RegistrationError(_("Có quá nhiều lượt đăng ký từ địa chỉ mạng này. Vui lòng thử lại sau một giờ."))
    place = places().get(data.ward_code)
    if place is None:
        raise RegistrationError(_("Hãy chọn xã, phường nơi bạn sinh sống trong danh sách."))
    email = normalize_email(data.email)
    users = get_user_model().objects
    with transaction.atomic():
        if not _free("email", email, now) or users.filter(email__iexact=email).exists():
            raise RegistrationError(
                _("Thư điện tử này đã được dùng để đăng ký. Hãy đăng nhập, hoặc dùng địa chỉ khác.")
            )
        if data.phone and not _free("phone", data.phone, now):
            raise RegistrationError(_("Số điện thoại này đã được dùng để đăng ký. Mỗi người chỉ đăng ký một lần."))
        user = users.create_user(username=email, email=email, first_name=data.full_name, is_active=False)
        user.set_unusable_password()
        user.save(update_fields=["password"])
        code = _new_code()
        citizen = Citizen.objects.create(
            user=user,
            full_name=data.full_name,
            email=email,
            phone=data.phone or None,
            ward_code=place.ward_code,
            ward_name=place.ward_name,
            province_name=place.province_name,
            birth_year=data.birth_year,
            registered_at=now,
            registered_from=address,
            code_digest=_digest(code),
            code_expires_at=now + timedelta(minutes=_setting("CONTEST_CODE_MINUTES", 30)),
        )
        send_mail.delay_on_commit(
            _("Mã xác nhận đăng ký dự thi: %(code)s") % {"code": code},
            _(
                "Xin chào %(name)s,\n\nMã xác nhận đăng ký dự thi của bạn là: %(code)s\n"
                "Mã có hiệu lực trong %(minutes)s phút. Nhập mã tại: %(url)s\n\n"
                "Nếu bạn không đăng ký, hãy bỏ qua thư này."
            )
            % {
                "name": data.full_name,
                "code": code,
                "minutes": _setting("CONTEST_CODE_MINUTES", 30),
                "url": contest_url,
            },
            email,
        )
    return citizen


def confirm(citizen_id, code, password, now=None):
    """Check the emailed code, set the password and open the account; returns the user."""
    now = now or timezone.now()
    with transaction.atomic():
        citizen = Citizen.objects.select_for_update().select_related("user").filter(pk=citizen_id).first()
        if citizen is None or citizen.confirmed_at is not None:
            raise RegistrationError(_("Không tìm thấy đăng ký đang chờ xác nhận. Hãy đăng ký lại."))
        if citizen.code_expires_at < now or citizen.code_tries >= _setting("CONTEST_CODE_TRIES", 5):
            raise RegistrationError(_("Mã xác nhận đã hết hạn hoặc đã nhập sai quá nhiều lần. Hãy đăng ký lại."))
        if not hmac.compare_digest(_digest(re.sub(r"\s", "", code or "")), citizen.code_digest):
            Citizen.objects.filter(pk=citizen.pk).update(code_tries=citizen.code_tries + 1)
            left = _setting("CONTEST_CODE_TRIES", 5) - citizen.code_tries - 1
            wrong = RegistrationError(_("Mã xác nhận không đúng. Bạn còn %(left)s lần nhập.") % {"left": left})
        else:
            wrong = None
    if wrong is not None:
        raise wrong
    user = citizen.user
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise RegistrationError(" ".join(error.messages)) from None
    with transaction.atomic():
        user.set_password(password)
        user.is_active = True
        user.save(update_fields=["password", "is_active"])
        Citizen.objects.filter(pk=citizen.pk).update(confirmed_at=now, code_digest="")
    return user


def delete_unconfirmed(now=None):
    """Delete the registrations never confirmed within CONTEST_UNCONFIRMED_HOURS; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(hours=_setting("CONTEST_UNCONFIRMED_HOURS", 24))
    users = get_user_model().objects.filter(citizen__confirmed_at=None, citizen__registered_at__lt=cutoff)
    count = users.count()
    users.delete()
    return count
