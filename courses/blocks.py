"""Blocks of a lesson body: the shared content blocks and the lesson's activities."""

from home.blocks import BaseContentBlock
from quizzes.blocks import QuizBlock


class LessonBodyBlock(BaseContentBlock):
    """Content blocks plus activities whose results count towards the lesson."""

    quiz = QuizBlock()
