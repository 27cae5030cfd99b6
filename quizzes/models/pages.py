"""The public landing page of a contest (cuộc thi trực tuyến)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from elearn.search import FoldedSearchMixin


class ContestPage(FoldedSearchMixin, Page):
    """A contest's public page: rules and dates, the entry button, and the rankings once published."""

    intro = models.TextField(_("giới thiệu ngắn"), max_length=600)
    rules = RichTextField(_("thể lệ"), features=["h3", "bold", "italic", "ul", "ol", "link"])
    quiz = models.ForeignKey(
        "quizzes.Quiz",
        verbose_name=_("bài thi"),
        on_delete=models.PROTECT,
        related_name="contest_pages",
        limit_choices_to={"is_contest": True},
    )
    ranking_size = models.PositiveSmallIntegerField(_("số người trên bảng xếp hạng"), default=50)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("rules"),
        FieldPanel("quiz"),
        FieldPanel("ranking_size"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")] + FoldedSearchMixin.search_fields
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("cuộc thi")
        verbose_name_plural = _("cuộc thi")

    def folded_source_text(self):
        return [self.title, self.intro, self.rules]

    def get_context(self, request, *args, **kwargs):
        from quizzes import presentation, ranking

        context = super().get_context(request, *args, **kwargs)
        context["entry"] = presentation.quiz_state(request.user, self.quiz)
        if self.quiz.ranking_published:
            context["ranking"] = ranking.individual_ranking(self.quiz, limit=self.ranking_size)
            context["unit_ranking"] = ranking.unit_ranking(self.quiz)
        return context
