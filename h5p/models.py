"""H5P: installed libraries, uploaded activities, and learners' attempts, interactions and saved state.

Files live in the private storage `storages["h5p"]` (settings.H5P_ROOT, apart from the public media):
libraries/<Machine-major.minor>/ and content/<activity uuid>/. h5p.serving serves them to logged-in
users only, with an explicit MIME map, never as HTML.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class H5PLibrary(models.Model):
    """One installed H5P library version (installing it installs code that runs on the site).

    A version is installed once: a later package carrying the same major.minor with other bytes
    does not replace it (its hash is compared and the difference is reported).
    """

    machine_name = models.CharField(_("tên máy"), max_length=127)
    major_version = models.PositiveSmallIntegerField(_("phiên bản chính"))
    minor_version = models.PositiveSmallIntegerField(_("phiên bản phụ"))
    patch_version = models.PositiveSmallIntegerField(_("bản vá"))
    title = models.CharField(_("tên"), max_length=255)
    runnable = models.BooleanField(_("chạy độc lập"), default=False)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    metadata = models.JSONField(_("library.json"))
    installed_at = models.DateTimeField(_("ngày cài"), auto_now_add=True)
    installed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cài"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("thư viện H5P")
        verbose_name_plural = _("thư viện H5P")
        ordering = ["machine_name", "major_version", "minor_version"]
        constraints = [
            models.UniqueConstraint(
                fields=["machine_name", "major_version", "minor_version"], name="one_h5p_library_per_version"
            )
        ]

    def __str__(self):
        return f"{self.machine_name} {self.version}"

    @property
    def version(self):
        return f"{self.major_version}.{self.minor_version}.{self.patch_version}"

    @property
    def folder(self):
        """The folder name H5P players look the library up by."""
        return f"{self.machine_name}-{self.major_version}.{self.minor_version}"


class H5PActivity(index.Indexed, models.Model):
    """An uploaded .h5p package's content: an activity an editor places in lessons."""

    title = models.CharField(_("tên hoạt động"), max_length=255)
    folder = models.UUIDField(_("thư mục nội dung"), default=uuid.uuid4, unique=True, editable=False)
    main_library = models.ForeignKey(
        H5PLibrary, verbose_name=_("loại nội dung"), on_delete=models.PROTECT, related_name="activities"
    )
    libraries = models.ManyToManyField(H5PLibrary, verbose_name=_("thư viện cần nạp"), related_name="+")
    h5p_json = models.JSONField(_("h5p.json"))
    package_sha256 = models.CharField(_("mã băm gói"), max_length=64)
    package_size = models.PositiveIntegerField(_("dung lượng gói (byte)"))
    uploaded_at = models.DateTimeField(_("ngày tải lên"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        verbose_name = _("hoạt động H5P")
        verbose_name_plural = _("hoạt động H5P")
        ordering = ["-uploaded_at"]
        permissions = [("upload_h5p", _("Tải lên gói H5P (cài thư viện chạy trên trang)"))]

    def __str__(self):
        return self.title


class H5PAttempt(models.Model):
    """One learner's attempt at an activity, from its xAPI statements. Practice: never counts for certification."""

    activity = models.ForeignKey(
        H5PActivity, verbose_name=_("hoạt động"), on_delete=models.CASCADE, related_name="attempts"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("học viên"), on_delete=models.CASCADE, related_name="h5p_attempts"
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị khi làm"),
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
    )
    started_at = models.DateTimeField(_("bắt đầu"))
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    raw_score = models.DecimalField(_("điểm"), max_digits=8, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(_("điểm tối đa"), max_digits=8, decimal_places=2, null=True, blank=True)
    scaled = models.DecimalField(_("tỉ lệ điểm"), max_digits=5, decimal_places=4, null=True, blank=True)
    duration_seconds = models.PositiveIntegerField(_("thời gian (giây)"), null=True, blank=True)
    completion = models.BooleanField(_("hoàn thành"), null=True, blank=True)
    success = models.BooleanField(_("đạt"), null=True, blank=True)
    statement = models.JSONField(_("câu lệnh xAPI"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt làm hoạt động H5P")
        verbose_name_plural = _("lượt làm hoạt động H5P")
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["activity", "user", "-started_at"])]

    def __str__(self):
        return f"{self.activity} · {self.user}"


class H5PInteraction(models.Model):
    """One interaction (a child statement, or the activity's own answer) within an attempt."""

    attempt = models.ForeignKey(H5PAttempt, on_delete=models.CASCADE, related_name="interactions")
    object_id = models.CharField(_("mã đối tượng"), max_length=500)
    interaction_type = models.CharField(_("loại tương tác"), max_length=40, blank=True)
    description = models.TextField(_("mô tả"), blank=True)
    correct_pattern = models.JSONField(_("đáp án đúng"), null=True, blank=True)
    response = models.TextField(_("câu trả lời"), blank=True)
    raw_score = models.DecimalField(_("điểm"), max_digits=8, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(_("điểm tối đa"), max_digits=8, decimal_places=2, null=True, blank=True)
    success = models.BooleanField(_("đúng"), null=True, blank=True)
    statement = models.JSONField(_("câu lệnh xAPI"))
    recorded_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("tương tác H5P")
        verbose_name_plural = _("tương tác H5P")
        ordering = ["recorded_at", "pk"]

    def __str__(self):
        return self.object_id


class H5PRecordedStatement(models.Model):
    """An xAPI statement that changed an attempt, kept by its key so that a replay records nothing twice.

    The key is `id:<uuid>` for a statement with an xAPI id, or `sha256:<hex>` of its content (verb, object,
    result, context) for one without; unique per learner and activity. A content key is a client retry
    only while it is the learner's last statement and recent (h5p.tracking._is_retry_of); otherwise it is
    released (suffixed with `@<pk>`), so a learner who answers exactly alike again is recorded again.
    """

    activity = models.ForeignKey(H5PActivity, on_delete=models.CASCADE, related_name="recorded_statements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("khóa câu lệnh"), max_length=100)
    attempt = models.ForeignKey(H5PAttempt, on_delete=models.CASCADE, related_name="recorded_statements")
    interaction = models.ForeignKey(
        H5PInteraction, null=True, blank=True, on_delete=models.SET_NULL, related_name="recorded_statements"
    )
    finished = models.BooleanField(_("kết thúc lượt làm"), default=False)
    recorded_at = models.DateTimeField(_("thời điểm"))

    class Meta:
        verbose_name = _("câu lệnh xAPI đã ghi nhận")
        verbose_name_plural = _("câu lệnh xAPI đã ghi nhận")
        constraints = [models.UniqueConstraint(fields=["activity", "user", "key"], name="one_h5p_statement_per_key")]

    def __str__(self):
        return f"{self.activity} · {self.user} · {self.key}"


class H5PState(models.Model):
    """A learner's saved state of an activity (H5P's user data), so they can resume."""

    activity = models.ForeignKey(H5PActivity, on_delete=models.CASCADE, related_name="states")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    data_id = models.CharField(_("loại dữ liệu"), max_length=64, default="state")
    sub_content_id = models.CharField(max_length=64, default="0")
    data = models.TextField(_("dữ liệu"))
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    class Meta:
        verbose_name = _("trạng thái H5P đã lưu")
        verbose_name_plural = _("trạng thái H5P đã lưu")
        constraints = [
            models.UniqueConstraint(fields=["activity", "user", "data_id", "sub_content_id"], name="one_h5p_state")
        ]

    def __str__(self):
        return f"{self.activity} · {self.user} · {self.data_id}"
