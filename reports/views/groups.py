"""The report by category (đối tượng) or by position (chức vụ) within a unit's scope, and its exports."""

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from .. import audit, queries
from ..exports import FIGURE_HEADINGS, rollup_row
from .rollup import ReportPageMixin, table_response

GROUPINGS = {
    "category": {"heading": _("Đối tượng"), "title": _("Báo cáo hoàn thành theo đối tượng"), "slug": "doi-tuong"},
    "position": {"heading": _("Chức vụ"), "title": _("Báo cáo hoàn thành theo chức vụ"), "slug": "chuc-vu"},
}


class GroupMixin(ReportPageMixin):
    """?by=category (default) or ?by=position; any other value is a page that does not exist (404)."""

    url_name = "unit_reports:groups"

    def dispatch(self, request, *args, **kwargs):
        self.by = request.GET.get("by") or "category"
        if self.by not in GROUPINGS:
            raise Http404(f"by={self.by}")
        self.nav_current = self.by
        return super().dispatch(request, *args, **kwargs)

    def page_query(self, unit=None, **extra):
        return self.query(unit, by=self.by, **extra)

    def headings(self):
        return [GROUPINGS[self.by]["heading"], *FIGURE_HEADINGS]

    def rows(self):
        return queries.group_report(self.request.user, self.unit, self.filters, self.by)

    def get_export_heading(self):
        return str(GROUPINGS[self.by]["title"])


class GroupReportView(GroupMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "reports/groups.html"
    header_icon = "table"

    def get_page_title(self):
        return GROUPINGS[self.by]["title"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            self.report_context(),
            by=self.by,
            rows=[(row, None) for row in self.rows()],
            headings=self.headings(),
            group_heading=GROUPINGS[self.by]["heading"],
            export_urls=self.export_urls("unit_reports:groups_export"),
            rollup_url=f"{reverse('unit_reports:rollup')}?{self.query()}",
        )
        return context


class GroupExportView(GroupMixin, View):
    def get(self, request, fmt):
        slug = GROUPINGS[self.by]["slug"]
        filename = f"bao-cao-{slug}-{self.unit.code}-{timezone.localdate():%Y%m%d}.{fmt}"
        rows = [rollup_row(row) for row in self.rows()]
        audit.exported(request.user, self.unit, self.export_title(), fmt, len(rows), self.filter_text())
        return table_response(fmt, filename, self.export_title(), self.headings(), rows, self.filter_notes())
