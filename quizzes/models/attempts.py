"""Attempts (lượt làm bài): what a learner was asked, in which order, what they answered, and the result."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AttemptState(models.TextChoices):
    IN_PROGRESS = "in_progress", _("Đang làm")
    FINISHED = "finished", _("Đã nộp")


class CloseReason(models.TextChoices):
    SUBMITTED = "submitted", _("Học viên nộp bài")
    TIMEOUT = "timeout", _("Hết giờ, hệ thống tự nộp")
    QUIZ_CLOSED = "quiz_closed", _("Bài kiểm tra đã đóng")


class Attempt(models.Model):
    """One attempt of one learner at one quiz, scored on the server when it finishes."""

    quiz = models.ForeignKey(
        "quizzes.Quiz", verbose_name=_("bài kiểm tra"), on_delete=models.CASCADE, related_name="attempts"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("học viên"), on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị khi làm bài"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lesson = models.ForeignKey(
        "courses.LessonPage",
        verbose_name=_("bài học"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Bài học chứa bài kiểm tra, nếu làm từ bài học."),
    )
    number = models.PositiveSmallIntegerField(_("lượt thứ"))
    state = models.CharField(
        _("trạng thái"), max_length=12, choices=AttemptState.choices, default=AttemptState.IN_PROGRESS
    )
    started_at = models.DateTimeField(_("bắt đầu"))
    deadline = models.DateTimeField(_("hạn nộp"), null=True, blank=True)
    last_saved_at = models.DateTimeField(_("lưu gần nhất"), null=True, blank=True)
    finished_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    close_reason = models.CharField(_("cách kết thúc"), max_length=12, choices=CloseReason.choices, blank=True)
    duration_seconds = models.PositiveIntegerField(_("thời gian làm (giây)"), null=True, blank=True)
    score = models.DecimalField(_("điểm"), max_digits=8, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(_("điểm tối đa"), max_digits=8, decimal_places=2)
    percent = models.DecimalField(_("điểm (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("đạt"), null=True, blank=True)
    all_correct = models.BooleanField(_("đúng tất cả"), default=False)
    prediction = models.PositiveIntegerField(_("dự đoán"), null=True, blank=True)
    # Contest integrity: the device the attempt is open on (a random token kept in that device's session),
    # and where it was submitted from; both read only by the checks that run after a round closes.
    device_token = models.CharField(_("thiết bị đang làm bài"), max_length=32, blank=True, editable=False)
    submit_address = models.GenericIPAddressField(_("nộp từ địa chỉ"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("lượt làm bài")
        verbose_name_plural = _("lượt làm bài")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(fields=["quiz", "user", "number"], name="one_attempt_per_number"),
            models.UniqueConstraint(
                fields=["quiz", "user"], condition=Q(state="in_progress"), name="one_open_attempt_per_quiz"
            ),
        ]
        indexes = [
            models.Index(fields=["quiz", "state", "-percent"]),
            models.Index(fields=["state", "deadline"]),
        ]

    def __str__(self):
        return f"{self.quiz} · {self.user} · {self.number}"

    @property
    def is_open(self):
        return self.state == AttemptState.IN_PROGRESS


class AttemptQuestion(models.Model):
    """A question as asked in one attempt: its place, its option order, the frozen key, the answer and its score.

    `correct_option_ids` is the key frozen when the attempt started, so editing the bank mid-contest
    cannot change a running attempt's scoring. It is never rendered before the attempt finishes.
    """

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="questions")
    question = models.ForeignKey("quizzes.Question", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    option_order = models.JSONField(_("thứ tự phương án"))
    correct_option_ids = models.JSONField(_("đáp án đúng"))
    question_type = models.CharField(max_length=12)
    scoring = models.CharField(max_length=16)
    max_points = models.DecimalField(max_digits=5, decimal_places=2)
    selected_option_ids = models.JSONField(_("phương án đã chọn"), default=list)
    answered_at = models.DateTimeField(null=True, blank=True)
    points = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("câu hỏi trong lượt làm")
        verbose_name_plural = _("câu hỏi trong lượt làm")
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["attempt", "position"], name="one_question_per_position")]

    def __str__(self):
        return f"{self.attempt} · {self.position}"

    @property
    def answered(self):
        return bool(self.selected_option_ids)
