"""The organisation: a tree of units and the cadres who belong to them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from elearn.formatting import format_date, format_local
from elearn.text import normalize_code, normalize_text


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
    left_on = models.DateField(
        _("ngày thôi công tác"),
        null=True,
        blank=True,
        help_text=_("Cán bộ thôi công tác được ngừng tài khoản; hồ sơ và kết quả học tập vẫn được giữ."),
    )
    # Set when the person's data was anonymised (privacy.anonymise): the name, codes and contacts are gone;
    # the unit, category and dates stay so that reports count the person as before.
    anonymised_at = models.DateTimeField(_("ẩn danh hóa lúc"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        ordering = ["full_name"]
        # The organisers' right: quiz, contest and H5P results of every unit (units.scope.restrict_results).
        permissions = [("view_all_results", _("Xem kết quả bài kiểm tra, cuộc thi của mọi đơn vị"))]

    def __str__(self):
        return f"{self.full_name} ({self.staff_code})"

    def save(self, *args, **kwargs):
        self.full_name = normalize_text(self.full_name)
        self.staff_code = normalize_code(self.staff_code)
        self.position = normalize_text(self.position)
        super().save(*args, **kwargs)


class Membership(models.Model):
    """A period during which a cadre belonged to a unit: the history that survives moves and merges.

    The cadre's current unit has the open period (ended_on is null). Every write that changes a
    cadre's unit (import, admin form, reorganisation) closes the open period and opens a new one,
    through units.membership.
    """

    cadre = models.ForeignKey(Cadre, verbose_name=_("cán bộ"), on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="memberships")
    started_on = models.DateField(_("từ ngày"))
    ended_on = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("quá trình công tác")
        verbose_name_plural = _("quá trình công tác")
        ordering = ["cadre", "started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["cadre"], condition=models.Q(ended_on__isnull=True), name="one_open_membership_per_cadre"
            )
        ]
        indexes = [models.Index(fields=["unit", "started_on"])]

    def __str__(self):
        return f"{self.cadre} · {self.unit} · {format_date(self.started_on)}"


class ReorganisationKind(models.TextChoices):
    MERGE = "merge", _("Hợp nhất đơn vị")
    SPLIT = "split", _("Chia tách đơn vị")
    MOVE = "move", _("Chuyển đơn vị sang đơn vị cấp trên khác")
    RENAME = "rename", _("Đổi tên đơn vị")
    DEACTIVATE = "deactivate", _("Ngừng hoạt động")


class Reorganisation(models.Model):
    """One reorganisation of the tree, done as one operation, with what it changed."""

    kind = models.CharField(_("loại"), max_length=16, choices=ReorganisationKind.choices)
    effective_on = models.DateField(_("có hiệu lực từ"))
    decision = models.CharField(_("căn cứ (quyết định, nghị quyết)"), max_length=255, blank=True)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    performed_at = models.DateTimeField(_("thực hiện lúc"), auto_now_add=True)
    summary = models.JSONField(_("tóm tắt thay đổi"), default=dict)

    class Meta:
        verbose_name = _("sắp xếp tổ chức")
        verbose_name_plural = _("sắp xếp tổ chức")
        ordering = ["-performed_at"]

    def __str__(self):
        return f"{self.get_kind_display()} ({format_date(self.effective_on)})"


class UnitSuccession(models.Model):
    """A mapping from an old unit code to the unit that took over (after a merge, split, move or rename)."""

    reorganisation = models.ForeignKey(Reorganisation, on_delete=models.CASCADE, related_name="successions")
    old_unit = models.ForeignKey(Unit, verbose_name=_("đơn vị cũ"), on_delete=models.PROTECT, related_name="successors")
    old_code = models.CharField(_("mã cũ"), max_length=40)
    old_name = models.CharField(_("tên cũ"), max_length=255)
    new_unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị mới"), on_delete=models.PROTECT, related_name="predecessors"
    )

    class Meta:
        verbose_name = _("đơn vị kế thừa")
        verbose_name_plural = _("đơn vị kế thừa")
        indexes = [models.Index(fields=["old_code"])]

    def __str__(self):
        return f"{self.old_code} → {self.new_unit.code}"


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ")
    RUNNING = "running", _("Đang nhập")
    FINISHED = "finished", _("Đã xong")
    FAILED = "failed", _("Không đọc được tệp")


class CadreImport(models.Model):
    """One upload of a cadre file, processed by a Celery task that reports its progress here."""

    file_name = models.CharField(_("tên tệp"), max_length=255)
    stored_file = models.CharField(_("tệp lưu tạm"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    total_rows = models.PositiveIntegerField(_("số dòng"), default=0)
    processed_rows = models.PositiveIntegerField(_("số dòng đã xử lý"), default=0)
    created = models.PositiveIntegerField(_("tạo mới"), default=0)
    updated = models.PositiveIntegerField(_("cập nhật"), default=0)
    unchanged = models.PositiveIntegerField(_("không đổi"), default=0)
    deactivated = models.PositiveIntegerField(_("ngừng hoạt động"), default=0)
    error_count = models.PositiveIntegerField(_("số dòng lỗi"), default=0)
    errors = models.JSONField(_("lỗi theo dòng"), default=list)
    message = models.TextField(_("thông báo"), blank=True)

    class Meta:
        verbose_name = _("lần nhập cán bộ")
        verbose_name_plural = _("lần nhập cán bộ")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.file_name} ({format_local(self.created_at)})"

    @property
    def percent(self):
        return round(self.processed_rows * 100 / self.total_rows) if self.total_rows else 0
