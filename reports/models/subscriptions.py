"""Scheduled report emails: a manager's subscription to their unit's roll-up, and each period's one delivery."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Hằng tuần (thứ Hai)")
    MONTHLY = "monthly", _("Hằng tháng (ngày đầu tháng)")


class ReportSubscription(models.Model):
    """A unit's roll-up sent to its subscriber every week or month, in the subscriber's scope only."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField(_("định kỳ"), max_length=8, choices=Frequency.choices, default=Frequency.WEEKLY)
    subject = models.CharField(_("báo cáo về"), max_length=40, blank=True)  # as the report filter writes it
    attach = models.BooleanField(_("đính kèm tệp Excel"), default=True)
    created_at = models.DateTimeField(_("đăng ký lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("đăng ký nhận báo cáo")
        verbose_name_plural = _("đăng ký nhận báo cáo")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "frequency", "subject"], name="one_subscription_per_report")
        ]

    def __str__(self):
        return f"{self.unit} – {self.get_frequency_display()}"


class ReportDelivery(models.Model):
    """The one email of a subscription for one period ("2026-W49", "2026-12"): its row is the claim."""

    subscription = models.ForeignKey(ReportSubscription, on_delete=models.CASCADE, related_name="deliveries")
    period = models.CharField(_("kỳ"), max_length=16)
    sent_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lần gửi báo cáo định kỳ")
        verbose_name_plural = _("lần gửi báo cáo định kỳ")
        constraints = [models.UniqueConstraint(fields=["subscription", "period"], name="one_delivery_per_period")]

    def __str__(self):
        return f"{self.subscription_id} {self.period}"
