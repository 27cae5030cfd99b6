import string

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import PreviewableMixin, RevisionMixin

# What a template's body may say: {placeholder} -> what it becomes.
PLACEHOLDERS = {
    "ho_ten": _("họ và tên người được cấp"),
    "don_vi": _("đơn vị công tác khi được cấp"),
    "noi_dung": _("tên khóa học hoặc cuộc thi"),
    "ket_qua": _("kết quả (hoàn thành, điểm, giải)"),
    "ngay": _("ngày đạt, dd/mm/yyyy"),
    "so": _("số chứng nhận, ví dụ 000123/2026"),
}
DEFAULT_BODY = "Chứng nhận Ông/Bà {ho_ten}, {don_vi}, đã {ket_qua} {noi_dung} ngày {ngay}."


def check_placeholders(text):
    """Raise ValidationError (Vietnamese) unless every {…} in `text` is a known placeholder."""
    try:
        names = [name for _literal, name, _spec, _conv in string.Formatter().parse(text) if name is not None]
    except ValueError as error:
        raise ValidationError(
            _("Nội dung có dấu ngoặc { } không đúng (%(error)s): mỗi chỗ điền phải có dạng {ho_ten}.")
            % {"error": error}
        ) from error
    unknown = sorted({name for name in names if name not in PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            _("Chỗ điền không có: %(unknown)s. Dùng được: %(known)s.")
            % {
                "unknown": ", ".join(f"{{{name}}}" for name in unknown),
                "known": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
            }
        )


class Orientation(models.TextChoices):
    LANDSCAPE = "landscape", _("A4 ngang")
    PORTRAIT = "portrait", _("A4 dọc")


class CertificateTemplate(PreviewableMixin, RevisionMixin, models.Model):
    """A certificate design, edited in the admin (snippet) with a preview on demo data."""

    name = models.CharField(_("tên mẫu"), max_length=150)
    issuer = models.CharField(
        _("cơ quan cấp"), max_length=255, help_text=_("In ở đầu chứng nhận và trên trang xác thực.")
    )
    heading = models.CharField(_("tiêu đề"), max_length=100, default="GIẤY CHỨNG NHẬN")
    body = models.TextField(
        _("nội dung"),
        default=DEFAULT_BODY,
        help_text=_(
            "Chỗ điền: {ho_ten} họ và tên, {don_vi} đơn vị, {noi_dung} khóa học hoặc cuộc thi, {ket_qua} kết quả, "
            "{ngay} ngày đạt, {so} số chứng nhận."
        ),
        validators=[check_placeholders],
    )
    place = models.CharField(
        _("địa danh"), max_length=100, default="Hải Phòng", help_text=_("Địa danh, ngày … tháng …")
    )
    signatory_position = models.CharField(_("chức vụ người ký"), max_length=150)
    signatory_name = models.CharField(_("họ tên người ký"), max_length=150)
    signature_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("chữ ký"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    seal_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("con dấu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    background_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh nền"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    orientation = models.CharField(
        _("khổ giấy"), max_length=16, choices=Orientation.choices, default=Orientation.LANDSCAPE
    )

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("issuer"), FieldPanel("heading"), FieldPanel("body"), FieldPanel("place")],
            heading=_("Nội dung"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("signatory_position"), FieldPanel("signatory_name")]),
                FieldPanel("signature_image"),
                FieldPanel("seal_image"),
            ],
            heading=_("Người ký"),
        ),
        MultiFieldPanel([FieldPanel("background_image"), FieldPanel("orientation")], heading=_("Trình bày")),
    ]

    class Meta:
        verbose_name = _("mẫu chứng nhận")
        verbose_name_plural = _("mẫu chứng nhận")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def serve_preview(self, request, mode_name):
        """The PDF of a demo certificate in this (unsaved) design."""
        from .pdf import preview_response

        return preview_response(self)


class CertificateKind(models.TextChoices):
    COURSE = "course", _("Hoàn thành khóa học")
    CONTEST = "contest", _("Cuộc thi")


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Còn hiệu lực")
    REVOKED = "revoked", _("Đã thu hồi")
    EXPIRED = "expired", _("Hết hạn")


class Certificate(models.Model):
    """One certificate, issued once for one achievement (`source_key`), with what it certifies frozen at issue."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người được cấp"),
        on_delete=models.CASCADE,
        related_name="certificates",
    )
    kind = models.CharField(_("loại"), max_length=16, choices=CertificateKind.choices)
    # What it is for, once per person: "course:<page id>:<cycle>", "contest:<quiz id>".
    source_key = models.CharField(_("thành tích"), max_length=64)
    source_id = models.PositiveIntegerField(_("mã khóa học hoặc cuộc thi"))
    template = models.ForeignKey(CertificateTemplate, verbose_name=_("mẫu"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số thứ tự trong năm"))
    code = models.CharField(_("mã xác thực"), max_length=32, unique=True)
    full_name = models.CharField(_("họ và tên"), max_length=150)
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit_name = models.CharField(_("tên đơn vị khi cấp"), max_length=255, blank=True)
    title = models.CharField(_("khóa học, cuộc thi"), max_length=255)
    result = models.CharField(_("kết quả"), max_length=255)
    score = models.DecimalField(_("điểm (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    award = models.CharField(
        _("giải"), max_length=100, blank=True, help_text=_("Trống: chứng nhận tham gia/hoàn thành.")
    )
    achieved_on = models.DateField(_("ngày đạt"))
    issued_at = models.DateTimeField(_("cấp lúc"), default=timezone.now)
    valid_until = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thu hồi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoke_reason = models.CharField(_("lý do thu hồi"), max_length=500, blank=True)
    pdf = models.CharField(_("tệp PDF"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("chứng nhận")
        verbose_name_plural = _("chứng nhận")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "source_key"], name="certificate_once_per_achievement"),
            models.UniqueConstraint(fields=["year", "number"], name="certificate_number_per_year"),
        ]

    def __str__(self):
        return f"{self.display_number} – {self.full_name}"

    @property
    def display_number(self):
        return f"{self.number:06d}/{self.year}"

    display_number.fget.short_description = _("Số")

    @property
    def status_text(self):
        return CertificateStatus(self.status()).label

    status_text.fget.short_description = _("Tình trạng")

    def status(self, today=None):
        if self.revoked_at is not None:
            return CertificateStatus.REVOKED
        if self.valid_until is not None and (today or timezone.localdate()) > self.valid_until:
            return CertificateStatus.EXPIRED
        return CertificateStatus.VALID


class CertificateCounter(models.Model):
    """The last number given in a year; locked while a certificate is numbered, so numbers have no gaps."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"


class BulkStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    FINISHED = "finished", _("Đã xong")
    FAILED = "failed", _("Lỗi")


class BulkDownload(models.Model):
    """One ZIP of the PDFs of a unit subtree's certificates over a period, built by a Celery task."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người yêu cầu"), on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+")
    date_from = models.DateField(_("từ ngày"), null=True, blank=True)
    date_to = models.DateField(_("đến ngày"), null=True, blank=True)
    created_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=BulkStatus.choices, default=BulkStatus.PENDING)
    total = models.PositiveIntegerField(_("số chứng nhận"), default=0)
    done = models.PositiveIntegerField(_("đã xong"), default=0)
    file = models.CharField(_("tệp"), max_length=255, blank=True)
    message = models.TextField(_("thông báo"), blank=True)

    class Meta:
        verbose_name = _("tải chứng nhận hàng loạt")
        verbose_name_plural = _("tải chứng nhận hàng loạt")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.unit} ({self.created_at:%d/%m/%Y})"

    @property
    def finished(self):
        return self.status in (BulkStatus.FINISHED, BulkStatus.FAILED)

    @property
    def percent(self):
        if self.status == BulkStatus.FINISHED:
            return 100
        return int(self.done * 100 / self.total) if self.total else 0
