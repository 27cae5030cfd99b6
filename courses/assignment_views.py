"""Admin page of one required-course assignment: how many people per status, and who is overdue.

Thin: the figures come from courses.assignments.summary.
"""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from units import scope
from units.models import Cadre, Unit

from . import assignments
from .models import Assignment, CoursePage

MAX_LISTED = 500  # overdue people listed on the page, most overdue first


def visible_rows(viewer, rows):
    """The rows about people in the viewer's scope."""
    visible = set(scope.restrict(viewer, Cadre.objects.all()).values_list("pk", flat=True))
    return [row for row in rows if row.cadre_id in visible]


def overdue_lines(rows, limit=MAX_LISTED):
    """The first `limit` overdue rows, most overdue first, with names, units and course titles."""
    rows = sorted(rows, key=lambda row: (row.due_on, row.cadre_id, row.course_id))[:limit]
    cadres = Cadre.objects.in_bulk({row.cadre_id for row in rows})
    units = Unit.objects.in_bulk({row.unit_id for row in rows})
    courses = CoursePage.objects.in_bulk({row.course_id for row in rows})
    return [
        {
            "cadre": cadres[row.cadre_id],
            "unit": units[row.unit_id],
            "course": courses[row.course_id],
            "due_on": row.due_on,
        }
        for row in rows
    ]


class AssignmentStatusView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    permission_policy = ModelPermissionPolicy(Assignment)
    permission_required = "change"
    template_name = "courses/admin/assignment_status.html"
    page_title = _("Tình trạng thực hiện")
    header_icon = "tasks"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.assignment = get_object_or_404(Assignment.objects.select_related("unit"), pk=kwargs["pk"])

    def get_page_subtitle(self):
        return self.assignment.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("assignments:index"), "label": _("Khóa học bắt buộc")},
            {"url": reverse("assignments:edit", args=[self.assignment.pk]), "label": self.assignment.title},
            {"url": None, "label": self.get_page_title()},
        ]

    def get_header_buttons(self):
        return [HeaderButton(_("Sửa"), url=reverse("assignments:edit", args=[self.assignment.pk]), icon_name="edit")]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        counts, overdue = assignments.summary(self.assignment, today)
        overdue = visible_rows(self.request.user, overdue)
        context.update(
            assignment=self.assignment,
            today=today,
            in_effect=assignments.in_effect(self.assignment, today),
            counts=counts,
            total=sum(count for _status, _label, count in counts),
            overdue=overdue_lines(overdue),
            overdue_total=len(overdue),
            max_listed=MAX_LISTED,
        )
        return context
