"""The public landing page of a contest (cuộc thi trực tuyến)."""

from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from elearn.search import FoldedSearchMixin
from elearn.slugs import AsciiSlugMixin

from .contest import OverallRule


class ContestPage(AsciiSlugMixin, FoldedSearchMixin, RoutablePageMixin, Page):
    """A contest's public page: rules and dates, the entry button, and the rankings once published."""

    intro = models.TextField(_("giới thiệu ngắn"), max_length=600)
    rules = RichTextField(_("thể lệ"), features=["h3", "bold", "italic", "ul", "ol", "link"])
    overall_rule = models.CharField(
        _("kết quả chung cuộc"),
        max_length=8,
        choices=OverallRule.choices,
        default=OverallRule.BEST,
        help_text=_("Theo thể lệ: cách tính kết quả chung của người dự thi nhiều đợt."),
    )
    ranking_size = models.PositiveSmallIntegerField(_("số người trên bảng xếp hạng"), default=50)
    open_registration = models.BooleanField(
        _("cho phép công dân đăng ký dự thi"),
        default=False,
        help_text=_(
            "Người không phải cán bộ đăng ký bằng thư điện tử, được xếp hạng cùng cán bộ nhưng không tính vào tỉ lệ "
            "tham gia của đơn vị."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("rules"),
        InlinePanel("rounds", label=_("Đợt thi"), min_num=1, heading=_("Các đợt thi")),
        FieldPanel("overall_rule"),
        FieldPanel("ranking_size"),
        FieldPanel("open_registration"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")] + FoldedSearchMixin.search_fields
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("cuộc thi")
        verbose_name_plural = _("cuộc thi")

    def folded_source_text(self):
        return [self.title, self.intro, self.rules]

    def round_list(self):
        """The rounds in their order, each with its quiz (read once per request)."""
        if not hasattr(self, "_round_list"):
            if "rounds" in getattr(self, "_prefetched_objects_cache", {}):
                rounds = sorted(self.rounds.all(), key=lambda item: item.sort_order or 0)
            else:
                rounds = self.rounds.select_related("quiz").order_by("sort_order")
            self._round_list = list(rounds)
        return self._round_list

    def quizzes(self):
        return [item.quiz for item in self.round_list()]

    def current_round(self, now=None):
        """The round open now; else the next to open; else the last one."""
        now = now or timezone.now()
        rounds = self.round_list()
        for item in rounds:
            if item.quiz.is_open(now):
                return item
        upcoming = [item for item in rounds if item.quiz.has_not_opened(now)]
        if upcoming:
            return min(upcoming, key=lambda item: item.quiz.opens_at)
        return rounds[-1] if rounds else None

    def has_closed(self, now=None):
        """Every round has closed."""
        rounds = self.round_list()
        return bool(rounds) and all(item.quiz.has_closed(now) for item in rounds)

    def closes_at(self):
        """When the last round closes (None when a round has no closing time)."""
        ends = [item.quiz.closes_at for item in self.round_list()]
        return None if not ends or None in ends else max(ends)

    @path("")
    def contest(self, request):
        return self.render(request)

    @path("ket-qua/<int:round_id>/", name="round_results")
    def round_results(self, request, round_id):
        """A round's public results page: winners, unit prizes and statistics, once organisers publish them."""
        from quizzes import standings

        item = next((item for item in self.round_list() if item.pk == round_id), None)
        if item is None or not item.quiz.ranking_published:
            raise Http404
        context = self.get_context(request)
        context["results"] = standings.round_results(self, item)
        return TemplateResponse(request, "quizzes/contest_round_results_page.html", context)

    @path("dang-ky/", name="register")
    def register(self, request):
        from quizzes import registration_views

        return registration_views.register(request, self)

    @path("dang-ky/xac-nhan/", name="confirm")
    def confirm(self, request):
        from quizzes import registration_views

        return registration_views.confirm(request, self)

    def get_context(self, request, *args, **kwargs):
        from quizzes import standings

        context = super().get_context(request, *args, **kwargs)
        context["contest"] = standings.contest_view(self, request.user)
        return context
