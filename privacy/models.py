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
