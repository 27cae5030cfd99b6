from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    """Quizzes, question banks and contests (built out by the quiz-engine issue)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "quizzes"
    verbose_name = _("Bài kiểm tra và cuộc thi")

    def ready(self):
        from courses import activities
        from units import scope

        from . import tasks  # noqa: F401 - connects the contest certificates to publishing the ranking
        from .blocks import QuizBlock
        from .models import Attempt

        scope.register(Attempt, unit="user__cadre__unit")
        activities.register("quiz", QuizBlock, chosen="quiz")
