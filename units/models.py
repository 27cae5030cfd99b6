"""The organisation: a tree of units and the cadres who belong to them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from .text import normalize_code, normalize_text


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Tỉnh, thành phố")
    WARD = "ward", _("Phường")
    COMMUNE = "commune", _("Xã")
    SPECIAL_ZONE = "special_zone", _("Đặc khu")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    DIVISION = "division", _("Phòng, ban trực thuộc")
    PARTY = "party", _("Tổ chức đảng")
    MASS_ORGANISATION = "mass_organisation", _("Đoàn thể")
    OTHER = "other", _("Khác")


class Unit(MP_Node):
    """A unit (đơn vị): one node of the organisation tree, of any depth."""

    code = models.CharField(_("mã đơn vị"), max_length=40, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    kind = models.CharField(_("loại đơn vị"), max_length=32, choices=UnitKind.choices, default=UnitKind.OTHER)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người quản lý"),
        related_name="managed_units",
        blank=True,
        help_text=_("Người quản lý đơn vị xem được báo cáo của đơn vị này và mọi đơn vị cấp dưới."),
    )

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.code = normalize_code(self.code)
        self.name = normalize_text(self.name)
        super().save(*args, **kwargs)

    def subtree(self):
        """This unit and every unit below it."""
        return Unit.get_tree(self)


class CadreCategory(models.TextChoices):
    LEADER = "leader", _("Lãnh đạo, quản lý")
    CIVIL_SERVANT = "civil_servant", _("Công chức")
    PUBLIC_EMPLOYEE = "public_employee", _("Viên chức")
    COMMUNE_CADRE = "commune_cadre", _("Cán bộ, công chức cấp xã")
    OTHER = "other", _("Người lao động khác")


class Cadre(models.Model):
    """A cadre (cán bộ): the official profile of a learner, one per login account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), on_delete=models.CASCADE, related_name="cadre"
    )
    full_name = models.CharField(_("họ và tên"), max_length=150)
    staff_code = models.CharField(_("mã cán bộ"), max_length=40, unique=True)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="cadres")
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    category = models.CharField(
        _("đối tượng"), max_length=32, choices=CadreCategory.choices, default=CadreCategory.CIVIL_SERVANT
    )

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        ordering = ["full_name"]

    def __str__(self):
        return f"{self.full_name} ({self.staff_code})"

    def save(self, *args, **kwargs):
        self.full_name = normalize_text(self.full_name)
        self.staff_code = normalize_code(self.staff_code)
        self.position = normalize_text(self.position)
        super().save(*args, **kwargs)
