from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    FINISHED = "finished", _("Đã xong")
    FAILED = "failed", _("Lỗi")


class DataExport(models.Model):
    """A copy of everything the platform holds about one person (ZIP: JSON and Excel), built by a Celery task,
    downloadable by that person for DATA_EXPORT_KEEP_DAYS days."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    total = models.PositiveSmallIntegerField(_("số mục"), default=0)
    done = models.PositiveSmallIntegerField(_("đã xong"), default=0)
    file = models.CharField(_("tệp"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("bản sao dữ liệu cá nhân")
        verbose_name_plural = _("bản sao dữ liệu cá nhân")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} ({self.created_at:%Y-%m-%d})"

    @property
    def finished(self):
        return self.status in (ExportStatus.FINISHED, ExportStatus.FAILED)

    @property
    def percent(self):
        if self.status == ExportStatus.FINISHED:
            return 100
        return int(self.done * 100 / self.total) if self.total else 0


class CorrectionStatus(models.TextChoices):
    NEW = "new", _("Mới")
    IN_PROGRESS = "in_progress", _("Đang xử lý")
    DONE = "done", _("Đã xử lý")
    REJECTED = "rejected", _("Từ chối")


OPEN_CORRECTION = (CorrectionStatus.NEW, CorrectionStatus.IN_PROGRESS)


class CorrectionRequest(models.Model):
    """A learner asks to correct their cadre record (name, position, unit); the managers of the unit they were in
    when they asked handle it (privacy.corrections). An empty requested field means "no change"."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đề nghị"), on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Đơn vị của người đề nghị lúc gửi; quản lý của đơn vị này xử lý."),
    )
    current = models.JSONField(_("thông tin lúc đề nghị"), default=dict)
    full_name = models.CharField(_("họ và tên đúng"), max_length=150, blank=True)
    position = models.CharField(_("chức vụ đúng"), max_length=150, blank=True)
    new_unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị đúng"), on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    note = models.TextField(_("giải thích, căn cứ"), blank=True, max_length=2000)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=CorrectionStatus.choices, default=CorrectionStatus.NEW
    )
    reply = models.TextField(_("trả lời, lý do"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    reply_due_on = models.DateField(_("hạn phản hồi"))
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xử lý"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("xử lý lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("đề nghị sửa thông tin")
        verbose_name_plural = _("đề nghị sửa thông tin")
        ordering = ["-created_at"]

    def __str__(self):
        name = self.current.get("full_name") or str(self.user)
        return _("Đề nghị sửa thông tin của %(name)s (%(date)s)") % {
            "name": name,
            "date": f"{self.created_at:%d/%m/%Y}" if self.created_at else "",
        }

    @property
    def is_open(self):
        return self.status in OPEN_CORRECTION


class AnonymisationReason(models.TextChoices):
    REQUEST = "request", _("Theo yêu cầu của người đó")
    RETENTION = "retention", _("Hết thời hạn lưu trữ sau khi thôi công tác")


class Anonymisation(models.Model):
    """The record that a person's data was anonymised (privacy.anonymise): when, by whom, why."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), on_delete=models.CASCADE, related_name="anonymisation"
    )
    performed_at = models.DateTimeField(_("thực hiện lúc"), auto_now_add=True)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(_("lý do"), max_length=16, choices=AnonymisationReason.choices)
    note = models.CharField(_("căn cứ (văn bản đề nghị)"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("ẩn danh hóa")
        verbose_name_plural = _("ẩn danh hóa")
        ordering = ["-performed_at"]

    def __str__(self):
        return _("Ẩn danh hóa tài khoản #%(pk)s") % {"pk": self.user_id}
