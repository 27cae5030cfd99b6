"""Signal handlers of the courses app."""

from collections import defaultdict

from django.db.models.signals import post_save
from django.dispatch import receiver

from units.signals import units_succeeded

from .models import Assignment, CourseCompletion
from .tasks import issue_certificate


@receiver(units_succeeded)
def hand_over_assignments(sender, successions, **kwargs):
    """An assignment of a unit that was merged away follows the unit that carries it on.

    A unit split into several successors keeps its assignments: which part inherits them is the
    administrators' decision.
    """
    successors = defaultdict(set)
    for old, new in successions:
        if old.pk != new.pk:
            successors[old.pk].add(new)
    for old_pk, new_units in successors.items():
        if len(new_units) == 1:
            Assignment.objects.filter(unit_id=old_pk).update(unit=new_units.pop())


@receiver(post_save, sender=CourseCompletion, dispatch_uid="courses.certificate_on_completion")
def certificate_on_completion(sender, instance, created, **kwargs):
    """A new completion of a course with a certificate template gets its certificate, after the commit."""
    if created and instance.course_id is not None:
        issue_certificate.delay_on_commit(instance.pk)
