"""Course catalogue pages: index, course and lesson."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from elearn.search import FoldedSearchMixin
from elearn.slugs import AsciiSlugMixin
from units.models import CadreCategory

from ..blocks import LessonBodyBlock
from ..forms import CoursePageForm


class CourseTopic(models.TextChoices):
    IT_LAW = "it_law", _("Pháp luật về CNTT")
    SECURITY = "security", _("An toàn thông tin và an ninh mạng")
    DIGITAL_SKILLS = "digital_skills", _("Kỹ năng số")


class LessonRule(models.TextChoices):
    """How a learner completes a lesson."""

    MANUAL = "manual", _("Học viên tự đánh dấu hoàn thành")
    MIN_TIME = "min_time", _("Xem bài đủ thời gian tối thiểu")
    ACTIVITY = "activity", _("Đạt hoạt động của bài (bài kiểm tra, H5P)")


class CourseIndexPage(AsciiSlugMixin, Page):
    """The course catalogue, filterable by topic and audience."""

    intro = RichTextField(_("giới thiệu"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("danh mục khóa học")
        verbose_name_plural = _("danh mục khóa học")

    def courses(self, topic="", audience=""):
        """Live courses of this catalogue, optionally of one topic and open to one audience."""
        courses = CoursePage.objects.child_of(self).live().public().specific()
        if topic:
            courses = courses.filter(topic=topic)
        if audience:
            courses = [course for course in courses if course.is_for(audience)]
        return list(courses)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        topic = request.GET.get("chu-de", "")
        audience = request.GET.get("doi-tuong", "")
        topic = topic if topic in CourseTopic.values else ""
        audience = audience if audience in CadreCategory.values else ""
        context.update(
            courses=self.courses(topic, audience),
            topics=CourseTopic.choices,
            audiences=CadreCategory.choices,
            selected_topic=topic,
            selected_audience=audience,
        )
        return context


class CoursePage(AsciiSlugMixin, FoldedSearchMixin, Page):
    """A course (khóa học): summary, objectives, audience, its ordered lessons and its completion rule."""

    topic = models.CharField(_("chủ đề"), max_length=32, choices=CourseTopic.choices)
    summary = models.TextField(_("tóm tắt"), max_length=600)
    objectives = RichTextField(_("mục tiêu"), blank=True, features=["bold", "italic", "ul", "ol", "link"])
    estimated_minutes = models.PositiveIntegerField(_("thời lượng dự kiến (phút)"), default=60)
    audience = models.JSONField(
        _("đối tượng"),
        default=list,
        blank=True,
        help_text=_("Để trống nếu khóa học dành cho mọi đối tượng."),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh bìa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pass_score = models.PositiveSmallIntegerField(
        _("điểm đạt của khóa học (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "Để trống: hoàn thành khi xong mọi bài học bắt buộc. Có giá trị: còn cần điểm trung bình các hoạt động "
            "có chấm điểm đạt mức này."
        ),
    )

    certificate_template = models.ForeignKey(
        "certificates.CertificateTemplate",
        verbose_name=_("mẫu chứng nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Để trống: khóa học không cấp chứng nhận. Có mẫu: cấp tự động khi học viên hoàn thành."),
    )
    law_references = ParentalManyToManyField(
        "courses.LawReference",
        verbose_name=_("văn bản pháp luật được trích dẫn"),
        blank=True,
        related_name="courses",
        help_text=_(
            "Các luật, nghị định mà nội dung khóa học dẫn chiếu. Khi một văn bản bị thay thế, khóa học hiện trên "
            "trang tổng quan của biên tập viên để cập nhật."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("topic"),
        FieldPanel("summary"),
        FieldPanel("objectives"),
        FieldPanel("estimated_minutes"),
        FieldPanel("audience"),
        FieldPanel("cover_image"),
        MultiFieldPanel([FieldPanel("pass_score")], heading=_("Điều kiện hoàn thành")),
        FieldPanel("certificate_template"),
        FieldPanel("law_references", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = (
        Page.search_fields
        + [
            index.SearchField("summary"),
            index.SearchField("objectives"),
            index.FilterField("topic"),
        ]
        + FoldedSearchMixin.search_fields
    )
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage"]
    base_form_class = CoursePageForm

    class Meta:
        verbose_name = _("khóa học")
        verbose_name_plural = _("khóa học")

    def folded_source_text(self):
        return [self.title, self.summary, self.objectives]

    def clean(self):
        super().clean()
        unknown = set(self.audience or []) - set(CadreCategory.values)
        if unknown:
            raise ValidationError({"audience": _("Đối tượng không hợp lệ.")})

    def is_for(self, category):
        return not self.audience or category in self.audience

    def audience_labels(self):
        labels = dict(CadreCategory.choices)
        return [labels[value] for value in self.audience or [] if value in labels]

    def lessons(self):
        return LessonPage.objects.child_of(self).live().public().specific()

    def get_context(self, request, *args, **kwargs):
        from courses import certificates, progress

        context = super().get_context(request, *args, **kwargs)
        context["lessons"] = self.lessons()
        context["learner"] = progress.course_state(request.user, self)
        context["certificate"] = certificates.certificate_for(request.user, self)
        return context


class LessonPage(AsciiSlugMixin, FoldedSearchMixin, Page):
    """A lesson (bài học) of a course: content blocks, later also quizzes and H5P activities."""

    intro = models.TextField(_("giới thiệu ngắn"), blank=True, max_length=500)
    estimated_minutes = models.PositiveIntegerField(_("thời lượng dự kiến (phút)"), default=15)
    body = StreamField(LessonBodyBlock, verbose_name=_("nội dung"), blank=True)
    required = models.BooleanField(
        _("bắt buộc"), default=True, help_text=_("Khóa học chỉ hoàn thành khi mọi bài bắt buộc đã hoàn thành.")
    )
    completion_rule = models.CharField(
        _("cách hoàn thành bài"), max_length=16, choices=LessonRule.choices, default=LessonRule.MANUAL
    )
    min_view_seconds = models.PositiveIntegerField(
        _("thời gian xem tối thiểu (giây)"),
        default=120,
        help_text=_("Dùng khi cách hoàn thành là xem đủ thời gian tối thiểu."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]
    settings_panels = [
        MultiFieldPanel(
            [FieldPanel("required"), FieldPanel("completion_rule"), FieldPanel("min_view_seconds")],
            heading=_("Hoàn thành bài học"),
        ),
    ] + Page.settings_panels
    search_fields = (
        Page.search_fields
        + [
            index.SearchField("intro"),
            index.SearchField("body"),
        ]
        + FoldedSearchMixin.search_fields
    )
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("bài học")
        verbose_name_plural = _("bài học")

    def folded_source_text(self):
        return [self.title, self.intro, self.body]

    def course(self):
        return CoursePage.objects.ancestor_of(self).first()

    def get_context(self, request, *args, **kwargs):
        from courses import progress

        context = super().get_context(request, *args, **kwargs)
        course = self.course()
        siblings = list(course.lessons()) if course else []
        position = next((i for i, lesson in enumerate(siblings) if lesson.pk == self.pk), None)
        context["course"] = course
        if position is not None:
            context["previous_lesson"] = siblings[position - 1] if position > 0 else None
            context["next_lesson"] = siblings[position + 1] if position + 1 < len(siblings) else None
            context["lesson_number"] = position + 1
            context["lesson_total"] = len(siblings)
        context["learner"] = progress.lesson_state(request.user, self, course)
        return context

    def serve(self, request, *args, **kwargs):
        from courses import progress

        if course := self.course():
            progress.record_visit(request.user, self, course)
        return super().serve(request, *args, **kwargs)
