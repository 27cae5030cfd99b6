from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class H5PConfig(AppConfig):
    """H5P interactive activities: package validation, library registry, player and xAPI tracking."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "h5p"
    verbose_name = _("Hoạt động tương tác H5P")

    def ready(self):
        from courses import activities
        from units import scope

        from .blocks import H5PBlock
        from .models import H5PAttempt, H5PState

        for model in (H5PAttempt, H5PState):
            scope.register(model, unit="user__cadre__unit")
        activities.register("h5p", H5PBlock, chosen="activity")
