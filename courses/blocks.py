"""Blocks of a lesson body: the shared content blocks and the lesson's activities."""

from h5p.blocks import H5PBlock
from home.blocks import BaseContentBlock
from quizzes.blocks import QuizBlock


class LessonBodyBlock(BaseContentBlock):
    """Content blocks plus activities whose results count towards the lesson."""

    quiz = QuizBlock()
    h5p = H5PBlock()
