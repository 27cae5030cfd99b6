"""The question bank (ngân hàng câu hỏi): categories, questions and their options."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from courses.models import CourseTopic


class Difficulty(models.TextChoices):
    EASY = "easy", _("Dễ")
    MEDIUM = "medium", _("Trung bình")
    HARD = "hard", _("Khó")


class QuestionType(models.TextChoices):
    SINGLE = "single", _("Một đáp án đúng")
    MULTIPLE = "multiple", _("Nhiều đáp án đúng")
    TRUE_FALSE = "true_false", _("Đúng/Sai")


class Scoring(models.TextChoices):
    """How a multiple-choice question is scored."""

    ALL_OR_NOTHING = "all_or_nothing", _("Đúng hết mới có điểm")
    PARTIAL = "partial", _("Tính điểm từng phần")


class QuestionCategory(models.Model):
    """A category of the question bank, by topic (e.g. "Luật An ninh mạng - khái niệm")."""

    name = models.CharField(_("tên danh mục"), max_length=200, unique=True)
    topic = models.CharField(_("chủ đề"), max_length=32, choices=CourseTopic.choices)
    description = models.TextField(_("mô tả"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("topic"), FieldPanel("description")]

    class Meta:
        verbose_name = _("danh mục câu hỏi")
        verbose_name_plural = _("danh mục câu hỏi")
        ordering = ["name"]

    def __str__(self):
        return self.name


class QuestionTag(TaggedItemBase):
    """A free tag on a question (e.g. "dữ liệu cá nhân")."""

    content_object = ParentalKey("quizzes.Question", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = _("thẻ câu hỏi")
        verbose_name_plural = _("thẻ câu hỏi")


class Question(index.Indexed, ClusterableModel):
    """A question of the bank. Its key (which options are correct) never leaves the server before a submit."""

    code = models.CharField(
        _("mã câu hỏi"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Mã dùng khi nhập/xuất Excel; để trống nếu không cần."),
    )
    category = models.ForeignKey(
        QuestionCategory, verbose_name=_("danh mục"), on_delete=models.PROTECT, related_name="questions"
    )
    difficulty = models.CharField(_("độ khó"), max_length=8, choices=Difficulty.choices, default=Difficulty.MEDIUM)
    question_type = models.CharField(_("loại câu hỏi"), max_length=12, choices=QuestionType.choices)
    scoring = models.CharField(
        _("cách chấm"),
        max_length=16,
        choices=Scoring.choices,
        default=Scoring.ALL_OR_NOTHING,
        help_text=_("Chỉ áp dụng cho câu nhiều đáp án đúng."),
    )
    stem = RichTextField(_("nội dung câu hỏi"), features=["bold", "italic", "ul", "ol", "link"])
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hình minh họa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    explanation = RichTextField(_("giải thích"), blank=True, features=["bold", "italic", "ul", "ol", "link"])
    points = models.DecimalField(
        _("điểm"), max_digits=5, decimal_places=2, default=Decimal("1"), validators=[MinValueValidator(Decimal("0.01"))]
    )
    is_active = models.BooleanField(_("đang dùng"), default=True)
    tags = ClusterTaggableManager(verbose_name=_("thẻ"), through=QuestionTag, blank=True)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ngày sửa"), auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("category"), FieldPanel("difficulty")]),
        FieldRowPanel([FieldPanel("question_type"), FieldPanel("scoring"), FieldPanel("points")]),
        FieldPanel("stem"),
        FieldPanel("image"),
        InlinePanel("options", label=_("Phương án trả lời"), min_num=2, max_num=8),
        FieldPanel("explanation"),
        MultiFieldPanel([FieldPanel("code"), FieldPanel("tags"), FieldPanel("is_active")], heading=_("Quản lý")),
    ]
    search_fields = [
        index.SearchField("stem"),
        index.AutocompleteField("stem"),
        index.SearchField("code"),
        index.FilterField("category"),
        index.FilterField("difficulty"),
        index.FilterField("question_type"),
        index.FilterField("is_active"),
    ]

    class Meta:
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("câu hỏi")
        ordering = ["-created_at"]

    def __str__(self):
        from django.utils.html import strip_tags
        from django.utils.text import Truncator

        return Truncator(strip_tags(self.stem)).chars(90)


class QuestionOption(Orderable):
    """One answer option of a question, with its feedback shown after the attempt."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(_("phương án"), max_length=1000)
    is_correct = models.BooleanField(_("là đáp án đúng"), default=False)
    feedback = models.CharField(_("phản hồi khi chọn"), max_length=1000, blank=True)

    panels = [FieldPanel("text"), FieldPanel("is_correct"), FieldPanel("feedback")]

    class Meta(Orderable.Meta):
        verbose_name = _("phương án trả lời")
        verbose_name_plural = _("phương án trả lời")

    def __str__(self):
        return self.text
