"""Blocks of a lesson body: the shared content blocks and the registered lesson activities."""

from elearn.blocks import BaseContentBlock

from . import activities


class LessonBodyBlock(BaseContentBlock):
    """Content blocks plus the activities apps registered (courses.activities), whose results count towards
    the lesson. LessonPage passes this class, not an instance, so it is built once every app is ready."""

    def __init__(self, local_blocks=None, **kwargs):
        super().__init__([*(local_blocks or ()), *activities.blocks()], **kwargs)
