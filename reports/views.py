"""Admin report pages of the unit managers: completion roll-up by unit with drill-down, and its exports.

Thin views: the figures come from reports.queries. A unit outside the viewer's scope (including a
tampered ?unit=) gets 403, never a redirect.
"""

import csv
import io

from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.urls import path, re_path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from openpyxl import Workbook
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from courses.models import Assignment, CoursePage
from units.models import Unit
from units.scope import units_in_scope

from . import queries

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADINGS = [
    _("Đơn vị"), _("Số cán bộ"), _("Số lượt phải hoàn thành"), _("Đã ghi danh"), _("Đang học"),
    _("Đã hoàn thành"), _("Quá hạn"), _("Tỷ lệ hoàn thành (%)"),
]


def can_view_reports(user):
    return units_in_scope(user).exists()


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_reports(request.user)


def row_values(row):
    return [row.label, row.cadres, row.required, row.enrolled, row.in_progress, row.completed, row.overdue, row.rate]


class RollupMixin:
    """Reads ?unit=, ?course=, ?assignment= and checks the unit against the viewer's scope."""

    def dispatch(self, request, *args, **kwargs):
        scope = units_in_scope(request.user)
        if "unit" in request.GET:
            self.unit = get_object_or_404(Unit, pk=request.GET["unit"] if request.GET["unit"].isdigit() else None)
            if not scope.filter(pk=self.unit.pk).exists():
                return HttpResponseForbidden()
        else:
            self.unit = scope.order_by("path").first()
            if self.unit is None:
                return HttpResponseForbidden()
        self.assignment = self._pick(Assignment.objects.all(), "assignment")
        self.course = None if self.assignment else self._pick(CoursePage.objects.live(), "course")
        return super().dispatch(request, *args, **kwargs)

    def _pick(self, queryset, name):
        value = self.request.GET.get(name, "")
        return queryset.filter(pk=value).first() if value.isdigit() else None

    def rows(self):
        if self.assignment is None and self.course is None:
            return None
        return queries.unit_rollup(self.request.user, self.unit, assignment=self.assignment, course=self.course)

    def query(self, unit=None, **extra):
        params = {"unit": (unit or self.unit).pk}
        if self.assignment:
            params["assignment"] = self.assignment.pk
        elif self.course:
            params["course"] = self.course.pk
        params.update(extra)
        return urlencode(params)

    def subject(self):
        return self.assignment.title if self.assignment else self.course.title if self.course else ""


class RollupView(RollupMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "reports/rollup.html"
    page_title = _("Báo cáo hoàn thành theo đơn vị")
    header_icon = "table"

    def get_page_subtitle(self):
        return self.unit.name

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope = units_in_scope(self.request.user)
        ancestors = set(scope.filter(pk__in=[a.pk for a in self.unit.get_ancestors()]).values_list("pk", flat=True))
        trail = [a for a in self.unit.get_ancestors() if a.pk in ancestors] + [self.unit]
        rows = self.rows()
        context.update(
            unit=self.unit,
            trail=[(unit, f"?{self.query(unit)}") for unit in trail],
            rows=[(row, f"?{self.query(row.unit)}" if row.kind == queries.RowKind.CHILD else None)
                  for row in rows or []],
            selected=rows is not None,
            headings=HEADINGS,
            courses=CoursePage.objects.live().order_by("title"),
            assignments=Assignment.objects.filter(is_active=True),
            assignment=self.assignment,
            course=self.course,
            subject=self.subject(),
            today=timezone.localdate(),
            xlsx_url=f"{reverse('unit_reports:export', args=['xlsx'])}?{self.query()}",
            csv_url=f"{reverse('unit_reports:export', args=['csv'])}?{self.query()}",
        )
        return context


class RollupExportView(RollupMixin, View):
    def get(self, request, fmt):
        rows = self.rows()
        if rows is None:
            return HttpResponse(_("Chọn khóa học hoặc đợt giao."), status=400)
        filename = f"bao-cao-don-vi-{self.unit.code}-{timezone.localdate():%Y%m%d}.{fmt}"
        if fmt == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow([str(heading) for heading in HEADINGS])
            writer.writerows(row_values(row) for row in rows)
            response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
        else:
            workbook = Workbook()
            sheet = workbook.active
            sheet.title = str(_("Báo cáo"))
            sheet.append([f"{self.unit.name} – {self.subject()} ({timezone.localdate():%d/%m/%Y})"])
            sheet.append([str(heading) for heading in HEADINGS])
            for row in rows:
                sheet.append(row_values(row))
            buffer = io.BytesIO()
            workbook.save(buffer)
            response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


app_name = "unit_reports"
urlpatterns = [
    path("", RollupView.as_view(), name="rollup"),
    re_path(r"^export\.(?P<fmt>xlsx|csv)$", RollupExportView.as_view(), name="export"),
]
