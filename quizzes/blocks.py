"""The quiz block of a lesson body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class QuizBlock(blocks.StructBlock):
    """A quiz inside a lesson: the learner starts it from the lesson, and its pass completes the lesson."""

    quiz = SnippetChooserBlock("quizzes.Quiz", label=_("Bài kiểm tra"))
    intro = blocks.TextBlock(label=_("Lời dẫn"), required=False)

    class Meta:
        icon = "tasks"
        label = _("Bài kiểm tra")
        template = "blocks/quiz_block.html"


def lesson_quizzes(lesson):
    """The quizzes placed in a lesson's body."""
    return [block.value["quiz"] for block in lesson.body if block.block_type == "quiz" and block.value["quiz"]]
