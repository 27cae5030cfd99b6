"""Legal documents that course content cites, and when one was replaced: editors see which courses to update."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LawReference(models.Model):
    """A law or decree a course cites (e.g. "Luật Giao dịch điện tử 2005, số 51/2005/QH11")."""

    title = models.CharField(_("tên văn bản"), max_length=255)
    number = models.CharField(_("số hiệu"), max_length=64, blank=True)
    replaced_by = models.CharField(
        _("văn bản thay thế"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Luật Giao dịch điện tử 2023, số 20/2023/QH15."),
    )
    replaced_on = models.DateField(
        _("ngày hết hiệu lực"),
        null=True,
        blank=True,
        help_text=_("Ngày văn bản này hết hiệu lực (văn bản thay thế có hiệu lực). Để trống nếu còn hiệu lực."),
    )

    class Meta:
        verbose_name = _("văn bản pháp luật")
        verbose_name_plural = _("văn bản pháp luật")
        ordering = ["title"]

    def __str__(self):
        return f"{self.title} ({self.number})" if self.number else self.title

    def is_replaced(self, today=None):
        return self.replaced_on is not None and self.replaced_on <= (today or timezone.localdate())


def courses_citing_replaced_laws(today=None):
    """[(course, [replaced laws it cites])] for the courses whose saved content cites a replaced law."""
    from .pages import CoursePage

    today = today or timezone.localdate()
    courses = (
        CoursePage.objects.filter(law_references__replaced_on__lte=today)
        .distinct()
        .order_by("title")
        .prefetch_related("law_references")
    )
    return [(course, [law for law in course.law_references.all() if law.is_replaced(today)]) for course in courses]
