"""A quiz (bài kiểm tra): which questions, and the rules of its attempts, review and contest."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from .bank import Difficulty, Question, QuestionCategory


class SelectionMode(models.TextChoices):
    FIXED = "fixed", _("Danh sách câu hỏi cố định")
    RANDOM = "random", _("Rút ngẫu nhiên theo danh mục")


class GradingMethod(models.TextChoices):
    """Which attempts make the learner's grade on the quiz."""

    HIGHEST = "highest", _("Lượt cao điểm nhất")
    LAST = "last", _("Lượt cuối cùng")
    FIRST = "first", _("Lượt đầu tiên")
    AVERAGE = "average", _("Trung bình các lượt")


class ReviewWhen(models.TextChoices):
    NEVER = "never", _("Không bao giờ")
    AFTER_ATTEMPT = "after_attempt", _("Ngay sau khi nộp bài")
    AFTER_CLOSE = "after_close", _("Sau khi bài kiểm tra đóng")


class Quiz(index.Indexed, ClusterableModel):
    """A quiz of the bank's questions; a contest (cuộc thi) when marked so and shown on a contest page."""

    title = models.CharField(_("tên bài kiểm tra"), max_length=255)
    description = models.TextField(_("hướng dẫn"), blank=True)
    selection_mode = models.CharField(
        _("cách chọn câu hỏi"), max_length=8, choices=SelectionMode.choices, default=SelectionMode.FIXED
    )
    shuffle_questions = models.BooleanField(_("xáo trộn thứ tự câu hỏi"), default=True)
    shuffle_options = models.BooleanField(_("xáo trộn thứ tự phương án"), default=True)
    questions_per_page = models.PositiveSmallIntegerField(
        _("số câu mỗi trang"), default=5, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    time_limit_minutes = models.PositiveIntegerField(
        _("thời gian làm bài (phút)"), null=True, blank=True, help_text=_("Để trống nếu không giới hạn thời gian.")
    )
    opens_at = models.DateTimeField(_("mở từ"), null=True, blank=True)
    closes_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)
    max_attempts = models.PositiveSmallIntegerField(
        _("số lượt làm tối đa"), default=0, help_text=_("0 là không giới hạn.")
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("điểm đạt (%)"), default=50, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    grading_method = models.CharField(
        _("cách tính điểm"), max_length=8, choices=GradingMethod.choices, default=GradingMethod.HIGHEST
    )
    review_score = models.CharField(
        _("xem điểm"), max_length=16, choices=ReviewWhen.choices, default=ReviewWhen.AFTER_ATTEMPT
    )
    review_answers = models.CharField(
        _("xem đáp án đúng"), max_length=16, choices=ReviewWhen.choices, default=ReviewWhen.AFTER_ATTEMPT
    )
    review_explanations = models.CharField(
        _("xem giải thích"), max_length=16, choices=ReviewWhen.choices, default=ReviewWhen.AFTER_ATTEMPT
    )
    is_contest = models.BooleanField(
        _("là cuộc thi"), default=False, help_text=_("Cuộc thi có trang giới thiệu công khai và bảng xếp hạng.")
    )
    prediction_enabled = models.BooleanField(
        _("có câu hỏi dự đoán"),
        default=False,
        help_text=_("Dự đoán số người trả lời đúng tất cả các câu hỏi, dùng để phân định thứ hạng."),
    )
    ranking_published = models.BooleanField(_("công bố bảng xếp hạng"), default=False)
    certificate_template = models.ForeignKey(
        "certificates.CertificateTemplate",
        verbose_name=_("mẫu chứng nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Cuộc thi: khi công bố bảng xếp hạng, mỗi người dự thi được cấp một chứng nhận theo mẫu này."),
    )
    office_addresses = models.TextField(
        _("địa chỉ mạng của cơ quan"),
        blank=True,
        help_text=_(
            "Cuộc thi: mỗi dòng một địa chỉ IP hoặc dải địa chỉ (ví dụ 203.113.0.0/24) mà cả cơ quan dùng chung; "
            "nhiều người nộp bài từ các địa chỉ này không bị coi là đáng ngờ."
        ),
    )
    integrity_checked_at = models.DateTimeField(
        _("kiểm tra tính trung thực lúc"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("selection_mode"),
                InlinePanel("fixed_questions", label=_("Câu hỏi cố định")),
                InlinePanel("draw_rules", label=_("Rút ngẫu nhiên")),
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_options")]),
                FieldPanel("questions_per_page"),
            ],
            heading=_("Câu hỏi"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldRowPanel([FieldPanel("time_limit_minutes"), FieldPanel("max_attempts")]),
                FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("grading_method")]),
            ],
            heading=_("Thời gian và cách tính điểm"),
        ),
        MultiFieldPanel(
            [FieldPanel("review_score"), FieldPanel("review_answers"), FieldPanel("review_explanations")],
            heading=_("Xem lại sau khi làm bài"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("is_contest"),
                FieldPanel("prediction_enabled"),
                FieldPanel("ranking_published"),
                FieldPanel("certificate_template"),
                FieldPanel("office_addresses"),
            ],
            heading=_("Cuộc thi"),
        ),
        InlinePanel("prize_tiers", label=_("Giải cá nhân"), heading=_("Giải cá nhân của đợt thi")),
        InlinePanel("unit_prize_tiers", label=_("Giải tập thể"), heading=_("Giải tập thể của đợt thi")),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title"), index.FilterField("is_contest")]

    class Meta:
        verbose_name = _("bài kiểm tra")
        verbose_name_plural = _("bài kiểm tra")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("Thời điểm đóng phải sau thời điểm mở.")})

    def is_open(self, now=None):
        now = now or timezone.now()
        return (self.opens_at is None or now >= self.opens_at) and (self.closes_at is None or now < self.closes_at)

    def has_closed(self, now=None):
        return self.closes_at is not None and (now or timezone.now()) >= self.closes_at

    def has_not_opened(self, now=None):
        return self.opens_at is not None and (now or timezone.now()) < self.opens_at

    def question_count(self):
        if self.selection_mode == SelectionMode.FIXED:
            return self.fixed_questions.count()
        return sum(rule.count for rule in self.draw_rules.all())


class QuizQuestion(Orderable):
    """A question a fixed quiz always asks."""

    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="fixed_questions")
    question = models.ForeignKey(Question, verbose_name=_("câu hỏi"), on_delete=models.PROTECT, related_name="+")

    panels = [FieldPanel("question")]

    class Meta(Orderable.Meta):
        verbose_name = _("câu hỏi của bài kiểm tra")
        verbose_name_plural = _("câu hỏi của bài kiểm tra")

    def __str__(self):
        return str(self.question)


class QuizDrawRule(Orderable):
    """Draw `count` random active questions of a category (and difficulty) for each attempt."""

    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="draw_rules")
    category = models.ForeignKey(QuestionCategory, verbose_name=_("danh mục"), on_delete=models.PROTECT)
    difficulty = models.CharField(_("độ khó"), max_length=8, choices=Difficulty.choices, blank=True)
    count = models.PositiveSmallIntegerField(_("số câu"), validators=[MinValueValidator(1)])

    panels = [FieldRowPanel([FieldPanel("category"), FieldPanel("difficulty"), FieldPanel("count")])]

    class Meta(Orderable.Meta):
        verbose_name = _("quy tắc rút câu hỏi")
        verbose_name_plural = _("quy tắc rút câu hỏi")

    def __str__(self):
        return f"{self.count} × {self.category}"

    def candidates(self):
        questions = Question.objects.filter(category=self.category, is_active=True)
        if self.difficulty:
            questions = questions.filter(difficulty=self.difficulty)
        return questions
