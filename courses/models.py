"""Course catalogue pages: index, course and lesson."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BaseContentBlock


class CourseTopic(models.TextChoices):
    IT_LAW = "it_law", _("Pháp luật về CNTT")
    SECURITY = "security", _("An toàn thông tin và an ninh mạng")
    DIGITAL_SKILLS = "digital_skills", _("Kỹ năng số")


class CourseIndexPage(Page):
    """The course catalogue."""

    intro = RichTextField(_("giới thiệu"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("danh mục khóa học")
        verbose_name_plural = _("danh mục khóa học")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.child_of(self).live().public().specific()
        return context


class CoursePage(Page):
    """A course (khóa học): a summary, objectives and its ordered lessons (child pages)."""

    topic = models.CharField(_("chủ đề"), max_length=32, choices=CourseTopic.choices)
    summary = models.TextField(_("tóm tắt"), max_length=600)
    objectives = RichTextField(_("mục tiêu"), blank=True, features=["bold", "italic", "ul", "ol", "link"])
    estimated_minutes = models.PositiveIntegerField(_("thời lượng dự kiến (phút)"), default=60)
    cover_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("ảnh bìa"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("topic"),
        FieldPanel("summary"),
        FieldPanel("objectives"),
        FieldPanel("estimated_minutes"),
        FieldPanel("cover_image"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("objectives")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("khóa học")
        verbose_name_plural = _("khóa học")

    def lessons(self):
        return LessonPage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["lessons"] = self.lessons()
        return context


class LessonPage(Page):
    """A lesson (bài học) of a course: content blocks, later also quizzes and H5P activities."""

    intro = models.TextField(_("giới thiệu ngắn"), blank=True, max_length=500)
    estimated_minutes = models.PositiveIntegerField(_("thời lượng dự kiến (phút)"), default=15)
    body = StreamField(BaseContentBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("bài học")
        verbose_name_plural = _("bài học")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        course = self.get_parent().specific
        siblings = list(course.lessons()) if isinstance(course, CoursePage) else []
        position = next((i for i, lesson in enumerate(siblings) if lesson.pk == self.pk), None)
        context["course"] = course
        if position is not None:
            context["previous_lesson"] = siblings[position - 1] if position > 0 else None
            context["next_lesson"] = siblings[position + 1] if position + 1 < len(siblings) else None
            context["lesson_number"] = position + 1
            context["lesson_total"] = len(siblings)
        return context
