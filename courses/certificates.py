"""Certificates of course completions: issued once per completion (course, cycle) of a course that has a
certificate template, with what it certifies at that moment (certificates.issuing). Expiry follows the
recertification interval of the required-course assignment in effect for the person, if any."""

from datetime import timedelta
from decimal import Decimal

from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.issuing import Achievement, issue
from certificates.models import Certificate, CertificateKind
from units.people import learner_name

from .assignments import certification_expires_on, learner_assignments
from .models import CourseCompletion


def source_key(completion):
    return f"course:{completion.course_id}:{completion.cycle}"


def _valid_until(completion, completed_on):
    line = next((line for line in learner_assignments(completion.user) if line.course.pk == completion.course_id), None)
    if line is None:
        return None
    expires = certification_expires_on(line.assignment, completed_on)
    return expires - timedelta(days=1) if expires else None


def result_text(completion):
    if completion.score is not None:
        score = f"{Decimal(completion.score).normalize():f}".replace(".", ",")
        return _("hoàn thành với kết quả %(score)s%% khóa học") % {"score": score}
    return _("hoàn thành khóa học")


def issue_for_completion(completion_id):
    """The completion's certificate, issued if its course has a template; None when it has none."""
    completion = (
        CourseCompletion.objects.select_related("course__certificate_template", "user__cadre__unit", "unit")
        .filter(pk=completion_id)
        .first()
    )
    if completion is None or completion.course is None or completion.course.certificate_template is None:
        return None
    completed_on = timezone.localdate(completion.completed_at)
    cadre = getattr(completion.user, "cadre", None)
    achievement = Achievement(
        kind=CertificateKind.COURSE,
        source_key=source_key(completion),
        source_id=completion.course_id,
        title=completion.course_title or completion.course.title,
        result=result_text(completion),
        achieved_on=completed_on,
        score=completion.score,
        valid_until=_valid_until(completion, completed_on),
    )
    unit = completion.unit or (cadre.unit if cadre is not None else None)
    certificate, _created = issue(
        completion.user, completion.course.certificate_template, achievement, learner_name(completion.user), unit
    )
    return certificate


def missing_completions():
    """Completions of courses with a template that have no certificate: a task lost to a crash, or completions
    recorded before the course was given its template (they get one too)."""
    key = Concat(Value("course:"), Cast("course_id", CharField()), Value(":"), Cast("cycle", CharField()))
    issued = Certificate.objects.filter(user_id=OuterRef("user_id"), source_key=OuterRef("key"))
    return (
        CourseCompletion.objects.filter(course__certificate_template__isnull=False)
        .annotate(key=key)
        .filter(~Exists(issued))
    )


def issue_missing():
    """The nightly sweep: issue what a lost task did not; returns how many were issued."""
    count = 0
    for completion_id in list(missing_completions().values_list("pk", flat=True)):
        if issue_for_completion(completion_id) is not None:
            count += 1
    return count


def certificate_for(user, course):
    """The person's latest certificate for `course`, or None."""
    if not user.is_authenticated:
        return None
    return (
        Certificate.objects.filter(user=user, kind=CertificateKind.COURSE, source_id=course.pk)
        .order_by("-issued_at")
        .first()
    )
