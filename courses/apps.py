from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "courses"
    verbose_name = _("Khóa học")

    def ready(self):
        from units import scope

        from . import signals  # noqa: F401
        from .models import CourseCompletion, Enrolment, LessonProgress, ReminderLog

        for model in (Enrolment, LessonProgress, CourseCompletion, ReminderLog):
            scope.register(model, unit="user__cadre__unit")
