"""The quiz block of a lesson body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from courses import activities
from courses.models import LessonPage


class QuizBlock(blocks.StructBlock):
    """A quiz inside a lesson: the learner starts it from the lesson, and its pass completes the lesson."""

    quiz = SnippetChooserBlock("quizzes.Quiz", label=_("Bài kiểm tra"))
    intro = blocks.TextBlock(label=_("Lời dẫn"), required=False)

    class Meta:
        icon = "tasks"
        label = _("Bài kiểm tra")
        template = "blocks/quiz_block.html"

    def get_context(self, value, parent_context=None):
        """Add the learner's state on the quiz (best grade, attempts left, open attempt) for the lesson page."""
        from quizzes import presentation

        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        if value.get("quiz") is not None and request is not None:
            page = parent_context.get("page")
            lesson = page if isinstance(page, LessonPage) else None
            context["state"] = presentation.quiz_state(request.user, value["quiz"], lesson=lesson)
        return context


def lesson_quizzes(lesson):
    """The quizzes placed in a lesson's body."""
    return activities.placed(lesson, "quiz")
