"""What learners did: enrolments, lesson progress and course completions.

Records keep the titles and the unit they had when they happened, so history stays true
after editors change or remove a course and after a cadre moves to another unit.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elearn.formatting import format_date


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa bắt đầu")
    IN_PROGRESS = "in_progress", _("Đang học")
    COMPLETED = "completed", _("Đã hoàn thành")


class EnrolmentSource(models.TextChoices):
    SELF = "self", _("Học viên tự ghi danh")
    ASSIGNMENT = "assignment", _("Được giao (khóa học bắt buộc)")


class Enrolment(models.Model):
    """A learner's enrolment (ghi danh) in a course."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("học viên"), on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("khóa học"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="enrolments",
    )
    course_title = models.CharField(_("tên khóa học khi ghi danh"), max_length=255)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị khi ghi danh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(_("hình thức"), max_length=16, choices=EnrolmentSource.choices)
    enrolled_at = models.DateTimeField(_("ngày ghi danh"), auto_now_add=True)
    last_activity_at = models.DateTimeField(_("hoạt động gần nhất"), null=True, blank=True)
    # Recertification: the learner's current learning cycle of the course (1 = the first time),
    # and when the current cycle started (None for the first cycle).
    cycle = models.PositiveSmallIntegerField(_("lượt học"), default=1)
    cycle_started_at = models.DateTimeField(_("bắt đầu lượt học"), null=True, blank=True)

    class Meta:
        verbose_name = _("ghi danh")
        verbose_name_plural = _("ghi danh")
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="one_enrolment_per_course")]
        indexes = [models.Index(fields=["user", "-last_activity_at"])]

    def __str__(self):
        return f"{self.user} – {self.course_title}"


class LessonProgress(models.Model):
    """One learner's progress in one lesson."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("học viên"), on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", verbose_name=_("bài học"), null=True, on_delete=models.SET_NULL, related_name="progress"
    )
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("khóa học"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    lesson_title = models.CharField(_("tên bài học"), max_length=255)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=ProgressStatus.choices, default=ProgressStatus.IN_PROGRESS
    )
    first_viewed_at = models.DateTimeField(_("xem lần đầu"), auto_now_add=True)
    last_seen_at = models.DateTimeField(_("xem gần nhất"))
    seconds_viewed = models.PositiveIntegerField(_("thời gian xem (giây)"), default=0)
    completed_at = models.DateTimeField(_("ngày hoàn thành"), null=True, blank=True)
    score = models.DecimalField(_("điểm (%)"), max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("tiến độ bài học")
        verbose_name_plural = _("tiến độ bài học")
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="one_progress_per_lesson")]
        indexes = [models.Index(fields=["user", "course"])]

    def __str__(self):
        return f"{self.user} – {self.lesson_title}: {self.get_status_display()}"


class CourseCompletion(models.Model):
    """The fact that a learner completed a course, with its date and score, kept as it was."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("học viên"), on_delete=models.CASCADE, related_name="completions"
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("khóa học"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="completions",
    )
    course_title = models.CharField(_("tên khóa học khi hoàn thành"), max_length=255)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị khi hoàn thành"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    completed_at = models.DateTimeField(_("ngày hoàn thành"))
    score = models.DecimalField(_("điểm (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    lessons_completed = models.PositiveSmallIntegerField(_("số bài đã hoàn thành"))
    lessons_required = models.PositiveSmallIntegerField(_("số bài bắt buộc khi hoàn thành"))
    cycle = models.PositiveSmallIntegerField(_("lượt học"), default=1)  # the enrolment's cycle it completed

    class Meta:
        verbose_name = _("hoàn thành khóa học")
        verbose_name_plural = _("hoàn thành khóa học")
        constraints = [
            models.UniqueConstraint(fields=["user", "course", "cycle"], name="one_completion_per_course_cycle")
        ]
        indexes = [models.Index(fields=["course", "completed_at"])]

    def __str__(self):
        return f"{self.user} – {self.course_title} ({format_date(timezone.localtime(self.completed_at))})"
