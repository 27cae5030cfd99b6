"""The H5P block of a lesson body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from courses import activities


class H5PBlock(blocks.StructBlock):
    """An H5P activity inside a lesson: practice whose completion advances the lesson, never a certified score."""

    activity = SnippetChooserBlock("h5p.H5PActivity", label=_("Hoạt động H5P"))
    intro = blocks.TextBlock(label=_("Lời dẫn"), required=False)

    class Meta:
        icon = "media"
        label = _("Hoạt động H5P")
        template = "blocks/h5p_block.html"

    def get_context(self, value, parent_context=None):
        """Add what the player needs (file and tracking URLs, saved state) and the learner's last attempts."""
        from . import player

        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        activity = value.get("activity")
        if activity is not None and request is not None:
            page = (parent_context or {}).get("page")
            context["h5p"] = player.block_state(request, activity, lesson=page)
        return context


def lesson_activities(lesson):
    """The H5P activities placed in a lesson's body."""
    return activities.placed(lesson, "h5p")
