"""Report counters and export jobs.

The counters are derived data: per unit (its direct members only) and cadre category, how many
active cadres there are and, per course, how many of them are enrolled, in progress and have
completed, plus completions per month. They are kept up to date by reports.counters as enrolments,
completions and memberships change, and can be rebuilt from the raw records at any time
(`manage.py rebuild_report_counters`). A province roll-up sums a few thousand of these rows
instead of millions of progress rows.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitCadreCount(models.Model):
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    category = models.CharField(max_length=32)
    cadres = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "category"], name="one_cadre_count_per_unit_category")]

    def __str__(self):
        return f"{self.unit_id}/{self.category}: {self.cadres}"


class UnitCourseCount(models.Model):
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    category = models.CharField(max_length=32)
    enrolled = models.PositiveIntegerField(default=0)
    in_progress = models.PositiveIntegerField(default=0)
    completed = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "course", "category"], name="one_course_count_per_cell"),
        ]
        indexes = [models.Index(fields=["course", "unit"])]

    def __str__(self):
        return f"{self.unit_id}/{self.course_id}/{self.category}: {self.completed}/{self.enrolled}"


class UnitCourseMonth(models.Model):
    """Completions (every cycle) of a unit's current active members in one course and local month."""

    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    category = models.CharField(max_length=32)
    month = models.DateField()
    completed = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "course", "category", "month"], name="one_month_count_per_cell"),
        ]

    def __str__(self):
        return f"{self.unit_id}/{self.course_id}/{self.category} {self.month:%m/%Y}: {self.completed}"


class CounterChange(models.Model):
    """A unit (and course) whose counters a committed write made stale, until a refresh has counted it.

    Written in the same transaction as the write itself, so that a process that dies between the commit
    and its refresh loses nothing: reports.counters.apply_changes, a task every minute, counts what is left.
    `course_id` None stands for every course.
    """

    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    course_id = models.IntegerField(null=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return f"{self.unit_id}/{self.course_id or '*'}"


class ExportState(models.TextChoices):
    PENDING = "pending", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Lỗi")


class ReportExport(models.Model):
    """A large export built by a Celery task; only the user who asked may see and download it."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người yêu cầu"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("loại báo cáo"), max_length=32)
    params = models.JSONField(_("tham số"), default=dict)
    fmt = models.CharField(_("định dạng"), max_length=4)
    title = models.CharField(_("tiêu đề"), max_length=255, blank=True)
    state = models.CharField(_("trạng thái"), max_length=8, choices=ExportState.choices, default=ExportState.PENDING)
    total = models.PositiveIntegerField(_("tổng số dòng"), default=0)
    done = models.PositiveIntegerField(_("số dòng đã ghi"), default=0)
    file_name = models.CharField(_("tệp"), max_length=255, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    created_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("tệp xuất báo cáo")
        verbose_name_plural = _("tệp xuất báo cáo")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title or self.kind

    @property
    def percent(self):
        return round(self.done * 100 / self.total) if self.total else (100 if self.state == ExportState.DONE else 0)
