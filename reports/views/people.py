"""Reports on people: every cadre in scope in one course (paged, exportable) and one cadre's transcript."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from courses.assignments import learner_assignments
from courses.models import CoursePage
from units.models import Cadre

from .. import audit, exports, queries
from .common import FILTER_NAMES, ScopedReportMixin, spreadsheet_response
from .exports import start

PER_PAGE = 50
# The course report has no completion-date filter; the dates of the roll-up it came from are kept
# in its links and form (hidden) so that going back keeps them.
COURSE_FIELDS = ("subject", "category", "subunits")


class CourseReportMixin(ScopedReportMixin):
    """The scoped report filters, a single course subject and the optional ?status=."""

    def dispatch(self, request, *args, **kwargs):
        status = request.GET.get("status", "")
        self.status = status if status in queries.CadreStatus.ALL else ""
        return super().dispatch(request, *args, **kwargs)

    @property
    def course(self):
        return self.filters.course

    def query(self, unit=None, **extra):
        if self.status and "status" not in extra:
            extra["status"] = self.status
        return super().query(unit, **extra)

    def cadres(self):
        return queries.course_report_cadres(self.request.user, self.unit, self.filters, status=self.status)


class CourseReportView(CourseReportMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "reports/course_report.html"
    page_title = gettext_lazy("Báo cáo theo cán bộ")
    header_icon = "user"

    def get_page_subtitle(self):
        return self.course.title if self.course else self.unit.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": f"{reverse('unit_reports:rollup')}?{self.query()}", "label": _("Báo cáo")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.course is not None:
            audit.people_viewed(self.request.user, self.unit, self.course.title, self.filter_text())
        context.update(
            unit=self.unit,
            form=self.form,
            fields=[self.form[name] for name in COURSE_FIELDS],
            hidden=[
                (name, self.request.GET[name])
                for name in ("date_from", "date_to")
                if self.form.is_valid() and self.request.GET.get(name)
            ],
            status=self.status,
            status_choices=queries.CadreStatus.choices(),
            rollup_url=f"{reverse('unit_reports:rollup')}?{self.query()}",
            today=timezone.localdate(),
        )
        if self.course is None:
            self.form.fields["subject"].choices = [
                ("", _("— Chọn khóa học —")),
                *[
                    (f"course-{pk}", title)
                    for pk, title in CoursePage.objects.live().order_by("title").values_list("pk", "title")
                ],
            ]
            context.update(choose=True, courses_exist=len(self.form.fields["subject"].choices) > 1)
            return context
        page = Paginator(self.cadres(), PER_PAGE).get_page(self.request.GET.get("p"))
        lines = queries.course_report_lines(page.object_list, self.course)
        row_query = self.query(p=page.number) if page.number > 1 else self.query()  # "back" returns to this page
        context.update(
            choose=False,
            course=self.course,
            page=page,
            page_urls=self._page_urls(page),
            lines=[(line, f"{reverse('unit_reports:transcript', args=[line.cadre_id])}?{row_query}") for line in lines],
            headings=exports.COURSE_HEADINGS,
            export_urls={
                fmt: f"{reverse('unit_reports:course_export', args=[fmt])}?{self.query()}" for fmt in exports.FORMATS
            },
            sync_limit=settings.REPORT_EXPORT_SYNC_ROWS,
        )
        return context

    def _page_urls(self, page):
        def url(number):
            return f"?{self.query(p=number)}"

        return {
            "previous": url(page.previous_page_number()) if page.has_previous() else None,
            "next": url(page.next_page_number()) if page.has_next() else None,
            "first": url(1) if page.number > 2 else None,
            "last": url(page.paginator.num_pages) if page.number < page.paginator.num_pages - 1 else None,
        }


class CourseExportView(CourseReportMixin, View):
    """The course report as a file: directly when small, else through a background export."""

    def get(self, request, fmt):
        if self.course is None:
            return redirect(f"{reverse('unit_reports:course')}?{self.query()}")
        cadres = self.cadres()
        count = cadres.count()
        title = exports.course_title(self.unit, self.filters)
        if count <= settings.REPORT_EXPORT_SYNC_ROWS:
            rows = [exports.course_row(line) for line in queries.course_report_lines(cadres, self.course)]
            audit.exported(request.user, self.unit, title, fmt, len(rows), self.filter_text())
            return spreadsheet_response(
                fmt, exports.course_file_name(self.unit, fmt), exports.COURSE_HEADINGS, rows, title
            )
        params = {name: request.GET[name] for name in (*FILTER_NAMES, "status") if request.GET.get(name)}
        export = exports.create_course_export(request.user, self.unit, params, fmt, title)
        start(export)
        return redirect("unit_reports:export_status", pk=export.pk)


class TranscriptMixin:
    """The cadre named in the URL (404 if unknown) and their transcript (403 outside the viewer's scope)."""

    def dispatch(self, request, *args, **kwargs):
        self.cadre = get_object_or_404(Cadre.objects.select_related("unit", "user"), pk=kwargs["cadre_id"])
        self.lines = queries.cadre_transcript(request.user, self.cadre)
        return super().dispatch(request, *args, **kwargs)


class TranscriptView(TranscriptMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "reports/transcript.html"
    page_title = gettext_lazy("Quá trình học tập")
    header_icon = "user"

    def get_page_subtitle(self):
        return self.cadre.full_name

    def back_query(self):
        """The course report's query this page was opened from (unit, filters, status, page), if any."""
        names = ("unit", *FILTER_NAMES, "status", "p")
        return urlencode([(name, self.request.GET[name]) for name in names if self.request.GET.get(name)])

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items, {"url": reverse("unit_reports:rollup"), "label": _("Báo cáo")}]
        if self.request.GET.get("subject"):
            items.append(
                {"url": f"{reverse('unit_reports:course')}?{self.back_query()}", "label": _("Báo cáo theo cán bộ")}
            )
        return [*items, {"url": "", "label": self.cadre.full_name}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        audit.transcript_viewed(self.request.user, self.cadre)
        query = urlencode({"unit": self.cadre.unit_id})
        context.update(
            cadre=self.cadre,
            required=learner_assignments(self.cadre.user),
            lines=self.lines,
            headings=exports.TRANSCRIPT_HEADINGS,
            back_url=(
                f"{reverse('unit_reports:course')}?{self.back_query()}" if self.request.GET.get("subject") else None
            ),
            export_urls={
                fmt: reverse("unit_reports:transcript_export", args=[self.cadre.pk, fmt]) for fmt in exports.FORMATS
            },
            unit_url=f"{reverse('unit_reports:rollup')}?{query}",
        )
        return context


class TranscriptExportView(TranscriptMixin, View):
    def get(self, request, cadre_id, fmt):
        title = f"{self.cadre.full_name} ({self.cadre.staff_code}) – {self.cadre.unit.name}"
        rows = [exports.transcript_row(line) for line in self.lines]
        audit.exported(request.user, self.cadre.unit, title, fmt, len(rows))
        return spreadsheet_response(
            fmt, exports.transcript_file_name(self.cadre, fmt), exports.TRANSCRIPT_HEADINGS, rows, title
        )
