"""Home page and the awareness-news section."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from elearn.blocks import BaseContentBlock
from elearn.search import FoldedSearchMixin
from elearn.slugs import AsciiSlugMixin


class HomePage(AsciiSlugMixin, Page):
    """The site's front page: a hero, featured courses and the latest news."""

    hero_title = models.CharField(_("tiêu đề nổi bật"), max_length=255, blank=True)
    hero_text = models.TextField(_("lời giới thiệu"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh nền"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_cta_text = models.CharField(_("nhãn nút hành động"), max_length=80, blank=True)
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("trang của nút hành động"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    news_count = models.PositiveSmallIntegerField(_("số tin mới hiển thị"), default=3)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_text"),
                PageChooserPanel("hero_cta_page"),
            ],
            heading=_("Phần giới thiệu"),
        ),
        InlinePanel("featured_courses", label=_("Khóa học nổi bật"), max_num=6),
        FieldPanel("news_count"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")

    def featured_course_pages(self):
        return [item.course for item in self.featured_courses.select_related("course") if item.course.live]

    def latest_articles(self):
        return ArticlePage.objects.live().public().order_by("-date", "-pk")[: self.news_count]

    def current_contests(self):
        """Live contests that have not closed, soonest closing first."""
        import datetime

        from quizzes.models import ContestPage

        now = timezone.now()
        pages = ContestPage.objects.live().public().order_by("-first_published_at").prefetch_related("rounds__quiz")
        running = [page for page in pages if not page.has_closed(now)]
        far = datetime.datetime.max.replace(tzinfo=datetime.UTC)
        return sorted(running, key=lambda page: page.closes_at() or far)[:3]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_courses"] = self.featured_course_pages()
        context["latest_articles"] = self.latest_articles()
        context["contests"] = self.current_contests()
        return context


class HomeFeaturedCourse(Orderable):
    """A course shown on the home page, in the editor's order."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_courses")
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("khóa học"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("course")]

    class Meta(Orderable.Meta):
        verbose_name = _("khóa học nổi bật")
        verbose_name_plural = _("khóa học nổi bật")

    def __str__(self):
        return str(self.course)


class ArticleIndexPage(AsciiSlugMixin, Page):
    """The awareness-news section (tin tức, tuyên truyền): lists its articles, newest first."""

    intro = RichTextField(_("giới thiệu"), blank=True, features=["bold", "italic", "link"])
    per_page = 10

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.ArticlePage"]

    class Meta:
        verbose_name = _("chuyên mục tin bài")
        verbose_name_plural = _("chuyên mục tin bài")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.child_of(self).live().public().order_by("-date", "-pk")
        context["articles"] = Paginator(articles, self.per_page).get_page(request.GET.get("trang"))
        return context


class ArticlePage(AsciiSlugMixin, FoldedSearchMixin, Page):
    """A news or awareness article."""

    date = models.DateField(_("ngày đăng"), default=timezone.localdate)
    intro = models.TextField(_("tóm tắt"), max_length=500)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseContentBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = (
        Page.search_fields + [index.SearchField("intro"), index.SearchField("body")] + FoldedSearchMixin.search_fields
    )
    parent_page_types = ["home.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("tin bài")
        verbose_name_plural = _("tin bài")

    def folded_source_text(self):
        return [self.title, self.intro, self.body]


class HelpAudience(models.TextChoices):
    LEARNER = "learner", _("Học viên")
    EDITOR = "editor", _("Biên tập viên")
    MODERATOR = "moderator", _("Kiểm duyệt viên")
    MANAGER = "manager", _("Quản lý đơn vị")
    ADMINISTRATOR = "administrator", _("Quản trị")


class HelpIndexPage(AsciiSlugMixin, Page):
    """ "Hướng dẫn sử dụng": the user guides, one page per role, written in the CMS with screenshots."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.HelpPage"]
    max_count = 1

    class Meta:
        verbose_name = _("mục hướng dẫn sử dụng")
        verbose_name_plural = _("mục hướng dẫn sử dụng")

    def guides(self):
        return HelpPage.objects.child_of(self).live().public().order_by("path")


class HelpPage(AsciiSlugMixin, FoldedSearchMixin, Page):
    """One user guide (for learners, editors, managers...): steps with screenshots of the product."""

    audience = models.CharField(_("dành cho"), max_length=16, choices=HelpAudience.choices)
    intro = models.TextField(_("tóm tắt"), max_length=500)
    body = StreamField(BaseContentBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("audience"), FieldPanel("intro"), FieldPanel("body")]
    search_fields = (
        Page.search_fields + [index.SearchField("intro"), index.SearchField("body")] + FoldedSearchMixin.search_fields
    )
    parent_page_types = ["home.HelpIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("hướng dẫn sử dụng")
        verbose_name_plural = _("hướng dẫn sử dụng")

    def folded_source_text(self):
        return [self.title, self.intro, self.body]


def guide_for(audience):
    """The live guide for `audience` (HelpAudience), or None."""
    return HelpPage.objects.live().public().filter(audience=audience).order_by("path").first()


class PeriodicRun(models.Model):
    """When each periodic task (CELERY_BEAT_SCHEDULE) last ran and how it ended: the administrator's start page
    tells from it whether beat (or `make run`'s in-process scheduler) is alive."""

    task = models.CharField(_("tác vụ"), max_length=200, unique=True)
    finished_at = models.DateTimeField(_("chạy xong lúc"))
    succeeded = models.BooleanField(_("thành công"), default=True)
    message = models.TextField(_("lỗi"), blank=True)

    class Meta:
        verbose_name = _("lần chạy tác vụ định kỳ")
        verbose_name_plural = _("lần chạy tác vụ định kỳ")

    def __str__(self):
        return self.task
