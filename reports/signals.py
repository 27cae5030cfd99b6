"""Keep the report counters fresh: every write that changes who counts or what they did schedules a refresh."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from courses.models import CourseCompletion, Enrolment
from units.models import Cadre
from units.signals import members_changed

from . import counters


def _unit_of(user_id):
    return Cadre.objects.filter(user_id=user_id).values_list("unit_id", flat=True).first()


@receiver(post_save, sender=Enrolment)
@receiver(post_delete, sender=Enrolment)
@receiver(post_save, sender=CourseCompletion)
@receiver(post_delete, sender=CourseCompletion)
def progress_changed(sender, instance, **kwargs):
    if instance.course_id is not None:
        counters.schedule({_unit_of(instance.user_id)}, {instance.course_id})


@receiver(post_save, sender=Cadre)
@receiver(post_delete, sender=Cadre)
def cadre_changed(sender, instance, **kwargs):
    # A move also goes through units.membership.record_units, which names the unit left.
    counters.schedule({instance.unit_id})


@receiver(post_save, sender=get_user_model())
def account_changed(sender, instance, created, update_fields=None, **kwargs):
    if created or (update_fields is not None and "is_active" not in update_fields):
        return  # e.g. a login stamping last_login
    counters.schedule({_unit_of(instance.pk)})


@receiver(members_changed)
def members_moved(sender, unit_ids, **kwargs):
    counters.schedule(unit_ids)
