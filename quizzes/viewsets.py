"""Admin screens of the question bank and quizzes (Wagtail viewsets)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .forms import QuestionAdminForm, QuizAdminForm
from .import_views import QuestionIndexView
from .models import Question, QuestionCategory, Quiz


class QuestionCategoryViewSet(SnippetViewSet):
    model = QuestionCategory
    icon = "folder-open-inverse"
    menu_label = _("Danh mục câu hỏi")
    list_display = ["name", "topic"]
    list_filter = ["topic"]
    search_fields = ["name"]


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Ngân hàng câu hỏi")
    list_display = [
        "__str__",
        "category",
        "question_type",
        "difficulty",
        BooleanColumn("is_active", label=_("Đang dùng")),
    ]
    list_filter = ["category", "question_type", "difficulty", "is_active"]
    index_view_class = QuestionIndexView  # adds import, template and export to the header
    edit_handler = ObjectList(Question.panels, base_form_class=QuestionAdminForm)


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "tasks"
    menu_label = _("Bài kiểm tra")
    list_display = [
        "title",
        "selection_mode",
        "opens_at",
        "closes_at",
        BooleanColumn("is_contest", label=_("Cuộc thi")),
    ]
    list_filter = ["is_contest", "selection_mode"]
    edit_handler = ObjectList(Quiz.panels, base_form_class=QuizAdminForm)


class QuizzesViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Kiểm tra và thi")
    menu_icon = "tasks"
    menu_order = 240
    items = (QuizViewSet, QuestionViewSet, QuestionCategoryViewSet)
