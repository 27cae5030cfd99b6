"""Emulation review (thi đua) periods: what an administrator defines, and the frozen snapshots of its report.

A period (EmulationPeriod: a year or custom dates, and who issues the report) compares units in groups
(EmulationGroup: e.g. communes and wards, provincial departments, party and mass organisations, chosen by unit
kind), each scored by a scheme (EmulationScheme: weighted criteria and the points each grade needs). The figures
are computed by reports.emulation; freezing stores them as an EmulationSnapshot that nothing changes afterwards.
"""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from elearn.formatting import format_date
from units.models import UnitKind


class Measure(models.TextChoices):
    """What a criterion measures, each a percentage of a unit subtree's figures (reports.emulation says how)."""

    REQUIRED_COMPLETION = "required_completion", _("Tỷ lệ hoàn thành khóa học bắt buộc")
    ON_TIME = "on_time", _("Tỷ lệ hoàn thành đúng hạn")
    AVERAGE_SCORE = "average_score", _("Điểm trung bình các khóa học hoàn thành")
    CONTEST_PARTICIPATION = "contest_participation", _("Tỷ lệ cán bộ tham gia cuộc thi")
    VALID_CERTIFICATE = "valid_certificate", _("Tỷ lệ cán bộ có chứng nhận còn hiệu lực")


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("Hoàn thành xuất sắc")
    GOOD = "good", _("Tốt")
    COMPLETE = "complete", _("Hoàn thành")
    INCOMPLETE = "incomplete", _("Chưa hoàn thành")


POINTS = {"max_digits": 6, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


class EmulationScheme(ClusterableModel):
    """A scoring scheme (bộ tiêu chí chấm điểm): weighted criteria and the total points each grade needs."""

    name = models.CharField(_("tên bộ tiêu chí"), max_length=255)
    description = models.TextField(_("căn cứ, ghi chú"), blank=True)
    excellent_from = models.DecimalField(_("Hoàn thành xuất sắc từ (điểm)"), default=Decimal("90"), **POINTS)
    good_from = models.DecimalField(_("Tốt từ (điểm)"), default=Decimal("75"), **POINTS)
    complete_from = models.DecimalField(_("Hoàn thành từ (điểm)"), default=Decimal("50"), **POINTS)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("excellent_from"), FieldPanel("good_from"), FieldPanel("complete_from")])],
            heading=_("Ngưỡng xếp loại (theo tổng điểm)"),
        ),
        InlinePanel("criteria", heading=_("Tiêu chí"), label=_("tiêu chí"), min_num=1),
    ]

    class Meta:
        verbose_name = _("bộ tiêu chí thi đua")
        verbose_name_plural = _("bộ tiêu chí thi đua")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if not self.excellent_from >= self.good_from >= self.complete_from:
            raise ValidationError(
                _("Ngưỡng xếp loại phải giảm dần: Hoàn thành xuất sắc ≥ Tốt ≥ Hoàn thành."),
                code="thresholds",
            )


class EmulationCriterion(Orderable):
    """One criterion of a scheme: its measure earns up to `weight` points, all of them at `target` % or more."""

    scheme = ParentalKey(EmulationScheme, on_delete=models.CASCADE, related_name="criteria")
    measure = models.CharField(_("tiêu chí"), max_length=32, choices=Measure.choices)
    weight = models.DecimalField(_("điểm tối đa"), default=Decimal("20"), **POINTS)
    target = models.DecimalField(
        _("đạt đủ điểm khi từ (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("100"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
        help_text=_("Dưới mức này, điểm tính theo tỷ lệ: điểm tối đa × kết quả ÷ mức này."),
    )
    note = models.CharField(_("căn cứ, ghi chú"), max_length=500, blank=True)

    panels = [FieldPanel("measure"), FieldPanel("weight"), FieldPanel("target"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("tiêu chí thi đua")
        verbose_name_plural = _("tiêu chí thi đua")

    def __str__(self):
        return f"{self.get_measure_display()} ({self.weight})"


class UnitKindsField(models.JSONField):
    """A list of unit kinds, edited as checkboxes."""

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=UnitKind.choices,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name,
            required=not self.blank,
            help_text=self.help_text,
        )


class EmulationPeriod(ClusterableModel):
    """A review period and who issues its report; its groups say which units are compared with which."""

    name = models.CharField(_("tên kỳ thi đua"), max_length=255, help_text=_("Ví dụ: Thi đua năm 2026."))
    start_on = models.DateField(_("từ ngày"))
    end_on = models.DateField(_("đến ngày"))
    issuer_parent = models.CharField(
        _("cơ quan chủ quản"), max_length=255, blank=True, help_text=_("Dòng trên của tiêu đề, ví dụ: UBND TỈNH …")
    )
    issuer = models.CharField(
        _("cơ quan ban hành"), max_length=255, help_text=_("Ví dụ: HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG TỈNH.")
    )
    place = models.CharField(_("địa danh"), max_length=100, help_text=_("Dùng trong dòng “…, ngày … tháng … năm …”."))
    signer_title = models.CharField(_("chức danh người ký"), max_length=255, default=_("CHỦ TỊCH"))
    signer_name = models.CharField(_("họ tên người ký"), max_length=150, blank=True)
    prepared_by = models.CharField(_("người lập biểu"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("start_on"), FieldPanel("end_on")]),
        MultiFieldPanel(
            [
                FieldPanel("issuer_parent"),
                FieldPanel("issuer"),
                FieldPanel("place"),
                FieldRowPanel([FieldPanel("signer_title"), FieldPanel("signer_name")]),
                FieldPanel("prepared_by"),
            ],
            heading=_("Thể thức văn bản"),
        ),
        InlinePanel("groups", heading=_("Khối thi đua"), label=_("khối"), min_num=1),
    ]

    class Meta:
        verbose_name = _("kỳ thi đua")
        verbose_name_plural = _("kỳ thi đua")
        ordering = ["-end_on", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.start_on and self.end_on and self.start_on > self.end_on:
            raise ValidationError({"end_on": _("Ngày kết thúc phải sau ngày bắt đầu.")})

    @property
    def dates_text(self):
        return _("từ %(start)s đến %(end)s") % {"start": format_date(self.start_on), "end": format_date(self.end_on)}

    def current_snapshot(self):
        """The snapshot in force (frozen and not reopened), or None while the period is open."""
        return self.snapshots.filter(reopened_at__isnull=True).defer("evidence").order_by("-version").first()


class EmulationGroup(Orderable):
    """A group of units compared with each other (khối thi đua): the active units of the kinds chosen."""

    period = ParentalKey(EmulationPeriod, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("tên khối"), max_length=255, help_text=_("Ví dụ: Khối xã, phường."))
    unit_kinds = UnitKindsField(_("gồm các đơn vị loại"), default=list)
    scheme = models.ForeignKey(
        EmulationScheme, verbose_name=_("bộ tiêu chí"), on_delete=models.PROTECT, related_name="groups"
    )

    panels = [FieldPanel("name"), FieldPanel("unit_kinds"), FieldPanel("scheme")]

    class Meta(Orderable.Meta):
        verbose_name = _("khối thi đua")
        verbose_name_plural = _("khối thi đua")

    def __str__(self):
        return self.name


class EmulationSnapshot(models.Model):
    """A period's report as frozen: the figures, with who froze it, when and their SHA-256; never changed.

    Reopening (administrators only, with a reason) marks the snapshot reopened and keeps it; freezing again
    makes the next version.
    """

    period = models.ForeignKey(
        EmulationPeriod, verbose_name=_("kỳ thi đua"), on_delete=models.PROTECT, related_name="snapshots"
    )
    version = models.PositiveIntegerField(_("lần khóa"))
    data = models.JSONField(_("số liệu"))  # the ranking, with the SHA-256 of the evidence
    evidence = models.JSONField(_("phụ lục minh chứng"), default=dict)  # read only for an annex
    checksum = models.CharField(_("mã kiểm tra (SHA-256)"), max_length=64)
    frozen_at = models.DateTimeField(_("khóa lúc"))
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người khóa"), on_delete=models.PROTECT, related_name="+"
    )
    reopened_at = models.DateTimeField(_("mở lại lúc"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người mở lại"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reopen_reason = models.TextField(_("lý do mở lại"), blank=True)

    FROZEN_FIELDS = ("period_id", "version", "data", "evidence", "checksum", "frozen_at", "frozen_by_id")

    class Meta:
        verbose_name = _("bản chốt số liệu thi đua")
        verbose_name_plural = _("bản chốt số liệu thi đua")
        ordering = ["period", "-version"]
        constraints = [models.UniqueConstraint(fields=["period", "version"], name="one_snapshot_version")]

    def __str__(self):
        return _("%(period)s, lần khóa %(version)s") % {"period": self.period, "version": self.version}

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values(*self.FROZEN_FIELDS).first()
            if stored is not None and any(stored[name] != getattr(self, name) for name in self.FROZEN_FIELDS):
                raise ValueError("A frozen emulation snapshot cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A frozen emulation snapshot cannot be deleted.")
