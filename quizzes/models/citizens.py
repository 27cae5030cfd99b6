"""Citizens (công dân) who register to take part in an open contest: who they are, where they live, and whether
they confirmed their email."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Citizen(models.Model):
    """A person who is not a cadre and registered for an open contest.

    Ranked with the officials under their own name and their commune or ward, never counted in a unit's
    participation. Phone, email and year of birth are for the organisers alone: public rankings never
    show them. The account stays inactive until the email code is confirmed.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="citizen")
    full_name = models.CharField(_("họ và tên"), max_length=150)
    email = models.EmailField(_("thư điện tử"), unique=True)
    phone = models.CharField(_("số điện thoại"), max_length=15, null=True, blank=True, unique=True)
    ward_code = models.CharField(_("mã xã, phường"), max_length=5)
    ward_name = models.CharField(_("xã, phường, đặc khu"), max_length=150)
    province_name = models.CharField(_("tỉnh, thành phố"), max_length=100)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"))
    registered_at = models.DateTimeField(_("đăng ký lúc"))
    registered_from = models.GenericIPAddressField(_("đăng ký từ địa chỉ"), null=True, blank=True)
    code_digest = models.CharField(max_length=64, blank=True, editable=False)
    code_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    code_tries = models.PositiveSmallIntegerField(default=0, editable=False)
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("công dân dự thi")
        verbose_name_plural = _("công dân dự thi")
        indexes = [models.Index(fields=["registered_from", "registered_at"], name="citizen_address_idx")]
        constraints = [models.CheckConstraint(condition=~Q(phone=""), name="citizen_phone_null_not_blank")]

    def __str__(self):
        return self.full_name

    @property
    def place(self):
        return f"{self.ward_name}, {self.province_name}"
