from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, RevisionMixin


class ActivationCodeQuerySet(models.QuerySet):
    def usable(self, now=None):
        now = now or timezone.now()
        return self.filter(used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now)


class ActivationCode(models.Model):
    """A one-time code that lets a person without a password set their first one (kích hoạt tài khoản).

    Only a keyed hash of the code is stored (accounts.activation.code_digest): the plain code exists on the
    printed slip or in the email alone. Issuing a new code for a person revokes their earlier ones.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), on_delete=models.CASCADE, related_name="activation_codes"
    )
    digest = models.CharField(_("mã băm"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("cấp lúc"), default=timezone.now)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    used_at = models.DateTimeField(_("dùng lúc"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cấp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    emailed_at = models.DateTimeField(_("gửi email lúc"), null=True, blank=True)

    objects = ActivationCodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("mã kích hoạt")
        verbose_name_plural = _("mã kích hoạt")
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self):
        return f"{self.user} ({self.created_at:%Y-%m-%d})"


class SheetStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    FINISHED = "finished", _("Đã xong")
    FAILED = "failed", _("Lỗi")


class SheetDelivery(models.TextChoices):
    PRINT = "print", _("In phiếu cho mọi người")
    EMAIL = "email", _("Gửi email cho người có email, in phiếu cho người còn lại")


class ActivationSheet(models.Model):
    """One issue of activation codes for a unit's people, made by a Celery task that reports its progress here.

    The task writes the printable PDF and the Excel file of the slips to private storage (they hold plain
    codes: only the requester and administrators download them, and they are deleted after SHEET_KEEP_HOURS),
    and, when asked, emails each person with an address their code once.
    """

    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    delivery = models.CharField(_("cách gửi"), max_length=8, choices=SheetDelivery.choices, default=SheetDelivery.PRINT)
    activation_url = models.URLField(_("địa chỉ kích hoạt"), max_length=500)
    created_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=SheetStatus.choices, default=SheetStatus.PENDING)
    total = models.PositiveIntegerField(_("số người"), default=0)
    done = models.PositiveIntegerField(_("đã xử lý"), default=0)
    printed = models.PositiveIntegerField(_("số phiếu in"), default=0)
    emailed = models.PositiveIntegerField(_("số email đã gửi"), default=0)
    pdf_file = models.CharField(_("tệp PDF"), max_length=255, blank=True)
    xlsx_file = models.CharField(_("tệp Excel"), max_length=255, blank=True)
    message = models.TextField(_("thông báo"), blank=True)

    class Meta:
        verbose_name = _("đợt cấp mã kích hoạt")
        verbose_name_plural = _("đợt cấp mã kích hoạt")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.unit} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def finished(self):
        return self.status in (SheetStatus.FINISHED, SheetStatus.FAILED)

    @property
    def percent(self):
        if self.status == SheetStatus.FINISHED:
            return 100
        return int(self.done * 100 / self.total) if self.total else 0


class PrivacyNotice(DraftStateMixin, RevisionMixin, models.Model):
    """The privacy notice (thông báo xử lý dữ liệu cá nhân), edited in the CMS as a snippet with revisions.

    Each publication is a version: its revision is what people accept (PrivacyConsent), and a new
    publication asks everyone to read and accept again. Only the first notice is used (one per site).
    """

    title = models.CharField(_("tiêu đề"), max_length=255, default=_("Thông báo xử lý dữ liệu cá nhân"))
    body = RichTextField(_("nội dung"), features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])
    revisions = GenericRelation("wagtailcore.Revision", related_query_name="privacy_notice")

    panels = [FieldPanel("title"), FieldPanel("body")]

    class Meta:
        verbose_name = _("thông báo xử lý dữ liệu cá nhân")
        verbose_name_plural = _("thông báo xử lý dữ liệu cá nhân")

    def __str__(self):
        return self.title


class PrivacyConsent(models.Model):
    """A person's acceptance of one published version of the privacy notice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), on_delete=models.CASCADE, related_name="privacy_consents"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", verbose_name=_("phiên bản"), on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(_("đồng ý lúc"), default=timezone.now)
    address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)

    class Meta:
        verbose_name = _("đồng ý xử lý dữ liệu cá nhân")
        verbose_name_plural = _("đồng ý xử lý dữ liệu cá nhân")
        constraints = [models.UniqueConstraint(fields=["user", "revision"], name="one_consent_per_version")]

    def __str__(self):
        return f"{self.user} ({self.accepted_at:%Y-%m-%d})"
