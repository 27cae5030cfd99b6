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
        self._forget_round_pages_on_change()

    def _forget_round_pages_on_change(self):
        """A submit reads which pages need an overall result from the cache (entries.multi_round_pages)."""
        from django.db.models.signals import post_delete, post_save, pre_save

        from .entries import forget_round_pages
        from .models import ContestPage, ContestRound

        def round_changing(sender, instance, **kwargs):
            if instance.pk:  # the quiz it was a round of, if the round now names another
                old = ContestRound.objects.filter(pk=instance.pk).values_list("quiz_id", flat=True).first()
                forget_round_pages(quiz_ids=[old])

        def round_changed(sender, instance, **kwargs):
            forget_round_pages(page_id=instance.page_id, quiz_ids=[instance.quiz_id])

        def page_changed(sender, instance, **kwargs):
            forget_round_pages(page_id=instance.pk)

        pre_save.connect(round_changing, sender=ContestRound, weak=False)
        post_save.connect(round_changed, sender=ContestRound, weak=False)
        post_delete.connect(round_changed, sender=ContestRound, weak=False)
        post_save.connect(page_changed, sender=ContestPage, weak=False)
