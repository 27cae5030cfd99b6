"""The H5P block of a lesson body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class H5PBlock(blocks.StructBlock):
    """An H5P activity inside a lesson: practice whose completion advances the lesson, never a certified score."""

    activity = SnippetChooserBlock("h5p.H5PActivity", label=_("Hoạt động H5P"))
    intro = blocks.TextBlock(label=_("Lời dẫn"), required=False)

    class Meta:
        icon = "media"
        label = _("Hoạt động H5P")
        template = "blocks/h5p_block.html"


def lesson_activities(lesson):
    """The H5P activities placed in a lesson's body."""
    return [
        block.value["activity"] for block in lesson.body if block.block_type == "h5p" and block.value["activity"]
    ]
