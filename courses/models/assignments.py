"""Required courses (khóa học bắt buộc): who must complete which courses by when, and the reminders sent.

An assignment stores rules, never a list of people: who is in its scope, their due dates and
their statuses are computed by courses.assignments from the organisation as it is, so people
who join the scope later get the assignment without anyone adding them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from elearn.text import normalize_text


class Assignment(models.Model):
    """A set of courses required of the cadres of a unit subtree and/or some categories and positions."""

    title = models.CharField(_("tên đợt giao"), max_length=255)
    courses = models.ManyToManyField(
        "courses.CoursePage",
        verbose_name=_("khóa học"),
        related_name="assignments",
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
        help_text=_("Để trống để giao cho toàn bộ tổ chức."),
    )
    include_subunits = models.BooleanField(
        _("gồm các đơn vị cấp dưới"),
        default=True,
        help_text=_("Giao cho cả cán bộ của mọi đơn vị trực thuộc đơn vị đã chọn."),
    )
    categories = models.JSONField(
        _("đối tượng"),
        default=list,
        blank=True,
        help_text=_("Để trống để giao cho mọi đối tượng."),
    )
    positions = models.JSONField(
        _("chức vụ"),
        default=list,
        blank=True,
        help_text=_("Để trống để giao cho mọi chức vụ. So khớp không phân biệt hoa thường và dấu."),
    )
    starts_on = models.DateField(_("ngày bắt đầu"))
    due_on = models.DateField(_("hạn hoàn thành (ngày cố định)"), null=True, blank=True)
    due_days = models.PositiveIntegerField(
        _("hạn hoàn thành (số ngày)"),
        null=True,
        blank=True,
        help_text=_("Số ngày kể từ khi cán bộ thuộc phạm vi giao (hoặc từ ngày bắt đầu, nếu muộn hơn)."),
    )
    recert_months = models.PositiveSmallIntegerField(
        _("học lại sau (tháng)"),
        null=True,
        blank=True,
        help_text=_(
            "Để trống nếu không cần học lại. Khi hoàn thành quá số tháng này, cán bộ cần học lại; hạn học lại là "
            "ngày hết hiệu lực cộng số ngày của hạn tương đối (hoặc 30 ngày nếu hạn là ngày cố định)."
        ),
    )
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("khóa học bắt buộc")
        verbose_name_plural = _("khóa học bắt buộc")
        ordering = ["-starts_on", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.title = normalize_text(self.title)
        self.positions = [normalize_text(position) for position in self.positions or [] if normalize_text(position)]
        super().save(*args, **kwargs)


class ReminderKind(models.TextChoices):
    BEFORE_DUE = "before_due", _("Nhắc trước hạn")
    OVERDUE = "overdue", _("Nhắc quá hạn")
    DIGEST = "digest", _("Tổng hợp cho người quản lý")


class ReminderLog(models.Model):
    """One reminder email sent (or being sent): claimed before sending, so each occasion gets one email.

    The occasion is the due date for a learner's reminder (with the ISO week when overdue reminders
    repeat weekly) and the ISO week for a manager's digest.
    """

    kind = models.CharField(_("loại"), max_length=16, choices=ReminderKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("khóa học bắt buộc"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("khóa học"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    occasion = models.CharField(_("dịp nhắc"), max_length=40)
    sent_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("thư nhắc đã gửi")
        verbose_name_plural = _("thư nhắc đã gửi")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "user", "assignment", "course", "occasion"],
                name="one_reminder_per_occasion",
                condition=models.Q(assignment__isnull=False, course__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["kind", "user", "occasion"],
                name="one_digest_per_occasion",
                condition=models.Q(kind="digest"),
            ),
        ]
        indexes = [models.Index(fields=["assignment", "kind", "occasion"])]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.user} – {self.occasion}"


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Thứ Hai")
    TUESDAY = 1, _("Thứ Ba")
    WEDNESDAY = 2, _("Thứ Tư")
    THURSDAY = 3, _("Thứ Năm")
    FRIDAY = 4, _("Thứ Sáu")
    SATURDAY = 5, _("Thứ Bảy")
    SUNDAY = 6, _("Chủ nhật")


@register_setting(icon="mail")
class ReminderSettings(BaseGenericSetting):
    """ "Nhắc hạn": when the daily reminder tasks send emails to learners and managers."""

    enabled = models.BooleanField(
        _("gửi thư nhắc"), default=True, help_text=_("Bỏ chọn để tạm dừng mọi thư nhắc hạn và thư tổng hợp.")
    )
    days_before_due = models.PositiveSmallIntegerField(
        _("nhắc trước hạn (ngày)"),
        default=3,
        help_text=_("Học viên nhận một thư nhắc khi còn số ngày này đến hạn hoàn thành (0: không nhắc trước hạn)."),
    )
    overdue_weekly = models.BooleanField(
        _("nhắc quá hạn hằng tuần"),
        default=False,
        help_text=_("Học viên quá hạn nhận thư nhắc khi vừa quá hạn; chọn mục này để nhắc lại mỗi tuần."),
    )
    digest_weekday = models.PositiveSmallIntegerField(
        _("ngày gửi thư tổng hợp"),
        choices=Weekday.choices,
        default=Weekday.MONDAY,
        help_text=_("Người quản lý đơn vị nhận mỗi tuần một thư liệt kê cán bộ quá hạn trong phạm vi quản lý."),
    )

    class Meta:
        verbose_name = _("Nhắc hạn")
        verbose_name_plural = _("Nhắc hạn")

    def __str__(self):
        return str(self._meta.verbose_name)
