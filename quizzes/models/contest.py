"""Contests run from a rulebook (thể lệ): rounds, each participant's counted entry, prizes, and frozen results."""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable


class OverallRule(models.TextChoices):
    """How the rulebook combines a participant's rounds into the overall result."""

    BEST = "best", _("Kết quả tốt nhất trong các đợt")
    SUM = "sum", _("Tổng điểm các đợt")
    LAST = "last", _("Kết quả của đợt cuối cùng đã dự thi")


class ContestRound(Orderable):
    """A round (đợt thi) of a contest page: its name and its quiz, which holds its window, draw and attempt limit."""

    page = ParentalKey("quizzes.ContestPage", on_delete=models.CASCADE, related_name="rounds")
    name = models.CharField(_("tên đợt"), max_length=100, help_text=_("Ví dụ: Đợt 1 (tuần 1)."))
    quiz = models.ForeignKey(
        "quizzes.Quiz",
        verbose_name=_("bài thi của đợt"),
        on_delete=models.PROTECT,
        related_name="contest_rounds",
        limit_choices_to={"is_contest": True},
        help_text=_("Thời gian mở, đóng, cách rút câu hỏi, số lượt dự thi và các giải của đợt đặt trong bài thi."),
    )

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("quiz")])]

    class Meta(Orderable.Meta):
        verbose_name = _("đợt thi")
        verbose_name_plural = _("đợt thi")
        constraints = [models.UniqueConstraint(fields=["quiz"], name="one_round_per_quiz")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Rounds made outside the admin get the next place, so that round order never depends on how the
        # database sorts an empty sort order.
        if self.sort_order is None:
            last = ContestRound.objects.filter(page_id=self.page_id).aggregate(last=models.Max("sort_order"))["last"]
            self.sort_order = 0 if last is None else last + 1
        super().save(*args, **kwargs)


class ContestEntry(models.Model):
    """A participant's counted attempt in a contest quiz (a round), kept up to date as attempts finish.

    The counted attempt is the participant's best by score, then the shorter time, then the earlier
    submit (the real number behind the prediction is not known before the round closes, so the
    prediction never picks among a participant's own attempts). One row per participant makes the
    ranking and a participant's own rank index reads instead of scans of every attempt.
    `finished_ms` is the submit time cut to the millisecond, the precision the rulebook compares.
    """

    quiz = models.ForeignKey("quizzes.Quiz", on_delete=models.CASCADE, related_name="entries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contest_entries")
    attempt = models.OneToOneField("quizzes.Attempt", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("units.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    percent = models.DecimalField(_("điểm (%)"), max_digits=5, decimal_places=2)
    prediction = models.PositiveIntegerField(_("dự đoán"), null=True, blank=True)
    duration_seconds = models.PositiveIntegerField(_("thời gian làm (giây)"))
    finished_ms = models.DateTimeField(_("nộp lúc (đến mili giây)"))
    all_correct = models.BooleanField(_("có lượt đúng tất cả"), default=False)
    disqualified = models.BooleanField(_("bị loại"), default=False)

    class Meta:
        verbose_name = _("kết quả được tính của người dự thi")
        verbose_name_plural = _("kết quả được tính của người dự thi")
        constraints = [models.UniqueConstraint(fields=["quiz", "user"], name="one_entry_per_participant")]
        indexes = [
            models.Index(fields=["quiz", "-percent", "prediction"], name="entry_rank_idx"),
            models.Index(fields=["quiz", "all_correct"], name="entry_all_correct_idx"),
        ]

    def __str__(self):
        return f"{self.quiz} · {self.user}"


class PrizeTier(Orderable):
    """A prize of a round (giải Nhất, Nhì, Ba, Khuyến khích): how many winners, and the least score it needs."""

    quiz = ParentalKey("quizzes.Quiz", on_delete=models.CASCADE, related_name="prize_tiers")
    name = models.CharField(_("tên giải"), max_length=80)
    winners = models.PositiveIntegerField(_("số giải"), validators=[MinValueValidator(1)])
    min_percent = models.DecimalField(
        _("điểm tối thiểu (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Để trống nếu giải không đòi điểm tối thiểu."),
    )

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("winners"), FieldPanel("min_percent")])]

    class Meta(Orderable.Meta):
        verbose_name = _("giải cá nhân")
        verbose_name_plural = _("giải cá nhân")

    def __str__(self):
        return f"{self.name} ({self.winners})"


class UnitPrizeTier(Orderable):
    """A collective prize for units: the best units by participation rate, then average score, above thresholds."""

    quiz = ParentalKey("quizzes.Quiz", on_delete=models.CASCADE, related_name="unit_prize_tiers")
    name = models.CharField(_("tên giải tập thể"), max_length=80)
    winners = models.PositiveIntegerField(_("số giải"), validators=[MinValueValidator(1)])
    min_participation = models.DecimalField(
        _("tỉ lệ tham gia tối thiểu (%)"),
        max_digits=5,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    min_average = models.DecimalField(
        _("điểm trung bình tối thiểu (%)"),
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    panels = [
        FieldRowPanel(
            [FieldPanel("name"), FieldPanel("winners"), FieldPanel("min_participation"), FieldPanel("min_average")]
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("giải tập thể")
        verbose_name_plural = _("giải tập thể")

    def __str__(self):
        return f"{self.name} ({self.winners})"


class Immutable(models.Model):
    """A row written once: saving it again or deleting it through the ORM is refused."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.pop("allow_update", False):
            raise ValidationError(_("Kết quả đã chốt không thể sửa."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Kết quả đã chốt không thể xóa."))


class RoundSnapshot(Immutable):
    """The frozen ranking of a round: who froze it, when, how many, and a checksum of the ordered lines.

    A reopened snapshot is kept, marked with who reopened it, when and why; a new freeze makes a new one.
    """

    quiz = models.ForeignKey("quizzes.Quiz", on_delete=models.PROTECT, related_name="snapshots")
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người chốt"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    frozen_at = models.DateTimeField(_("chốt lúc"))
    participants = models.PositiveIntegerField(_("số người được xếp hạng"))
    actual_all_correct = models.PositiveIntegerField(_("số người trả lời đúng tất cả"))
    checksum = models.CharField(_("mã kiểm tra (SHA-256)"), max_length=64)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người mở lại"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reopened_at = models.DateTimeField(_("mở lại lúc"), null=True, blank=True)
    reopen_reason = models.TextField(_("lý do mở lại"), blank=True)

    class Meta:
        verbose_name = _("kết quả đã chốt của đợt thi")
        verbose_name_plural = _("kết quả đã chốt của đợt thi")
        ordering = ["-frozen_at"]
        constraints = [
            models.UniqueConstraint(fields=["quiz"], condition=models.Q(reopened_at=None), name="one_frozen_per_round")
        ]

    def __str__(self):
        return f"{self.quiz} · {self.frozen_at:%d/%m/%Y %H:%M}"

    @property
    def is_current(self):
        return self.reopened_at is None

    def computed_checksum(self):
        """The checksum of the lines as stored now (equal to `checksum` unless someone altered them)."""
        return checksum_of(self.lines.order_by("rank"))


def line_fingerprint(line):
    """The fields of a frozen line the checksum covers, in a fixed text form."""
    return "|".join(
        str(value)
        for value in (
            line.rank,
            line.user_id,
            line.attempt_id,
            line.percent,
            "" if line.prediction is None else line.prediction,
            line.duration_seconds,
            line.finished_ms.isoformat(timespec="milliseconds"),
            line.prize,
        )
    )


def checksum_of(lines):
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line_fingerprint(line).encode())
        digest.update(b"\n")
    return digest.hexdigest()


class SnapshotLine(Immutable):
    """A participant's line in a frozen ranking, as it was at the freeze, with why it ranks below the line above."""

    snapshot = models.ForeignKey(RoundSnapshot, on_delete=models.PROTECT, related_name="lines")
    rank = models.PositiveIntegerField(_("hạng"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    attempt_id = models.PositiveBigIntegerField(_("mã lượt thi"))
    full_name = models.CharField(_("họ và tên"), max_length=255)
    staff_code = models.CharField(_("mã cán bộ"), max_length=50, blank=True)
    unit_name = models.CharField(_("đơn vị"), max_length=255, blank=True)
    percent = models.DecimalField(_("điểm (%)"), max_digits=5, decimal_places=2)
    prediction = models.PositiveIntegerField(_("dự đoán"), null=True, blank=True)
    distance = models.PositiveIntegerField(_("độ lệch dự đoán"), null=True, blank=True)
    duration_seconds = models.PositiveIntegerField(_("thời gian làm (giây)"))
    finished_ms = models.DateTimeField(_("nộp lúc"))
    prize = models.CharField(_("giải"), max_length=80, blank=True)
    reason = models.CharField(_("lý do xếp sau người liền trên"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("dòng kết quả đã chốt")
        verbose_name_plural = _("dòng kết quả đã chốt")
        ordering = ["rank"]
        constraints = [models.UniqueConstraint(fields=["snapshot", "rank"], name="one_line_per_rank")]

    def __str__(self):
        return f"{self.rank}. {self.full_name}"


class SnapshotUnitLine(Immutable):
    """A unit's line in a frozen round: its participation and average, and its collective prize."""

    snapshot = models.ForeignKey(RoundSnapshot, on_delete=models.PROTECT, related_name="unit_lines")
    rank = models.PositiveIntegerField(_("hạng"))
    unit = models.ForeignKey("units.Unit", null=True, on_delete=models.SET_NULL, related_name="+")
    unit_name = models.CharField(_("đơn vị"), max_length=255)
    cadres = models.PositiveIntegerField(_("số cán bộ"))
    participants = models.PositiveIntegerField(_("số người dự thi"))
    participation = models.DecimalField(_("tỉ lệ tham gia (%)"), max_digits=5, decimal_places=1)
    average = models.DecimalField(_("điểm trung bình (%)"), max_digits=5, decimal_places=2, null=True)
    prize = models.CharField(_("giải"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("dòng kết quả đơn vị đã chốt")
        verbose_name_plural = _("dòng kết quả đơn vị đã chốt")
        ordering = ["rank"]

    def __str__(self):
        return f"{self.rank}. {self.unit_name}"


class OverallEntry(models.Model):
    """A participant's overall result across a contest page's rounds, by the page's rule (best, sum or last).

    Kept up to date with the participant's round entries, so that the overall ranking and a
    participant's overall rank are index reads. Ordered by `total` (descending), then the time taken
    in the counted rounds, then the last counted submit.
    """

    page = models.ForeignKey("quizzes.ContestPage", on_delete=models.CASCADE, related_name="overall_entries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("units.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    total = models.DecimalField(_("kết quả chung cuộc"), max_digits=7, decimal_places=2)
    duration_seconds = models.PositiveIntegerField(_("thời gian làm (giây)"))
    finished_ms = models.DateTimeField(_("nộp lúc"))
    rounds_taken = models.PositiveSmallIntegerField(_("số đợt đã dự thi"))

    class Meta:
        verbose_name = _("kết quả chung cuộc của người dự thi")
        verbose_name_plural = _("kết quả chung cuộc của người dự thi")
        constraints = [models.UniqueConstraint(fields=["page", "user"], name="one_overall_entry_per_participant")]
        indexes = [models.Index(fields=["page", "-total", "duration_seconds"], name="overall_rank_idx")]

    def __str__(self):
        return f"{self.page} · {self.user}"


class FlagKind(models.TextChoices):
    SAME_ANSWERS = "same_answers", _("Bài làm giống hệt nhau, thời gian gần như trùng")
    TOO_FAST = "too_fast", _("Hoàn thành nhanh bất thường")
    SHARED_ADDRESS = "shared_address", _("Nhiều tài khoản nộp bài từ một địa chỉ trong thời gian ngắn")
    SCORE_JUMP = "score_jump", _("Điểm tăng đột biến so với các đợt trước")


class IntegrityFlag(models.Model):
    """A pattern the checks after a round found in a participant's attempt, for the organisers to review.

    A flag decides nothing: organisers look at it and may disqualify the participant with a reason.
    """

    quiz = models.ForeignKey("quizzes.Quiz", on_delete=models.CASCADE, related_name="integrity_flags")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    attempt = models.ForeignKey("quizzes.Attempt", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("loại"), max_length=16, choices=FlagKind.choices)
    detail = models.CharField(_("chi tiết"), max_length=255)
    created_at = models.DateTimeField(_("phát hiện lúc"), auto_now_add=True)
    reviewed = models.BooleanField(_("đã xem xét"), default=False)

    class Meta:
        verbose_name = _("dấu hiệu bất thường")
        verbose_name_plural = _("dấu hiệu bất thường")
        ordering = ["quiz", "kind", "user_id"]
        constraints = [models.UniqueConstraint(fields=["attempt", "kind"], name="one_flag_per_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.user}"


class Disqualification(models.Model):
    """An organiser's decision to take a participant out of a round's ranking, with the reason shown to them."""

    quiz = models.ForeignKey("quizzes.Quiz", on_delete=models.CASCADE, related_name="disqualifications")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("lý do"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người quyết định"),
    )
    decided_at = models.DateTimeField(_("quyết định lúc"))

    class Meta:
        verbose_name = _("quyết định loại khỏi đợt thi")
        verbose_name_plural = _("quyết định loại khỏi đợt thi")
        constraints = [models.UniqueConstraint(fields=["quiz", "user"], name="one_disqualification_per_round")]

    def __str__(self):
        return f"{self.quiz} · {self.user}"
