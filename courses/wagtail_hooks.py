from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .models import CourseCompletion, Enrolment
from .viewsets import AssignmentViewSet, LawReferenceViewSet

register_snippet(LawReferenceViewSet)


@hooks.register("register_admin_viewset")
def register_assignment_viewset():
    return AssignmentViewSet("assignments")


@hooks.register("register_learning_history")
def course_history(user):
    """For units.people.learning_history: a person's enrolments and completions."""
    phrases = []
    enrolled = Enrolment.objects.filter(user=user).count()
    if enrolled:
        phrases.append(
            ngettext("%(n)d lượt ghi danh khóa học", "%(n)d lượt ghi danh khóa học", enrolled) % {"n": enrolled}
        )
    completed = CourseCompletion.objects.filter(user=user).count()
    if completed:
        phrases.append(
            ngettext("%(n)d lần hoàn thành khóa học", "%(n)d lần hoàn thành khóa học", completed) % {"n": completed}
        )
    return phrases
