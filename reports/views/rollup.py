"""The unit roll-up: one row per child unit with drill-down, the own members and totals, its charts and exports.

`ReportPageMixin` is what the filtered report pages share (this one and groups.py): the unit trail,
the filter form's errors, the sentence saying what the figures mean, the links to the other reports
and the spreadsheet responses.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from elearn.formatting import format_date
from units.models import CadreCategory
from units.scope import top_units_in_scope, units_in_scope

from .. import audit, charts, exports, queries
from .common import ScopedReportMixin, spreadsheet_response

HEADINGS = exports.ROLLUP_HEADINGS
ERROR_SUMMARY_ID = "report-filter-errors"


def table_response(fmt, filename, title, headings, rows, notes=()):
    return spreadsheet_response(fmt, filename, headings, rows, title=str(title), notes=notes)


class ReportPageMixin(ScopedReportMixin):
    """A filtered report of one unit in the viewer's scope, shown in the Wagtail admin and exported."""

    url_name = "unit_reports:rollup"
    nav_current = "rollup"

    def page_query(self, unit=None, **extra):
        """This page's query string for `unit`, keeping the filters (and what `extra` adds)."""
        return self.query(unit, **extra)

    # What the figures mean

    def date_range_text(self):
        filters = self.filters
        start = f"{format_date(filters.date_from)}" if filters.date_from else ""
        end = f"{format_date(filters.date_to)}" if filters.date_to else ""
        if start and end:
            return _t("từ %(start)s đến %(end)s") % {"start": start, "end": end}
        if start:
            return _t("từ %(start)s đến nay") % {"start": start}
        return _t("đến hết ngày %(end)s") % {"end": end}

    def explanation(self):
        """Sentences saying how the figures of this report are counted, for the subject and filters chosen."""
        filters = self.filters
        lines = []
        if filters.assignment is not None:
            lines.append(
                _t(
                    "Mỗi lượt phải hoàn thành là một cán bộ thuộc phạm vi đợt giao với một khóa học của đợt; "
                    "quá hạn: chưa hoàn thành khi đã qua hạn hoàn thành."
                )
            )
            if filters.dated:
                lines.append(
                    _t(
                        "Tình trạng đợt giao tính đến hôm nay; khoảng ngày hoàn thành (%(range)s) chỉ áp dụng "
                        "cho biểu đồ theo tháng."
                    )
                    % {"range": self.date_range_text()}
                )
        else:
            count = len(filters.course_ids())
            if count == 0:
                lines.append(_t("Chưa có khóa học nào đang mở thuộc lựa chọn này: không có lượt nào phải hoàn thành."))
            elif count == 1:
                lines.append(_t("Số lượt phải hoàn thành = số cán bộ (mỗi cán bộ một lượt với khóa học này)."))
            else:
                lines.append(
                    _t(
                        "Số lượt phải hoàn thành = số cán bộ × số khóa học (%(count)s khóa học); đã ghi danh, "
                        "đang học và đã hoàn thành đếm theo từng cán bộ với từng khóa học."
                    )
                    % {"count": count}
                )
            lines.append(
                _t(
                    "Quá hạn: số lượt (cán bộ với khóa học) mà một đợt giao khóa học bắt buộc đang có hiệu lực đã "
                    "quá hạn hoàn thành; chọn một đợt giao để xem riêng đợt đó."
                )
            )
            if filters.dated:
                end = f"{format_date(filters.date_to)}" if filters.date_to else _t("hôm nay")
                lines.append(
                    _t(
                        "Đã hoàn thành: số lượt hoàn thành trong khoảng %(range)s; đã ghi danh và đang học "
                        "tính đến hết ngày %(end)s."
                    )
                    % {"range": self.date_range_text(), "end": end}
                )
        if filters.as_of is not None:
            lines.append(
                _t(
                    "Tính đến hết ngày %(day)s: cây đơn vị (tên, vị trí các đơn vị sáp nhập, chuyển, đổi tên sau đó) "
                    "và nơi công tác của từng cán bộ như vào ngày đó; ghi danh, hoàn thành tính đến hết ngày đó. "
                    "Cột quá hạn không tính lại cho ngày đã qua."
                )
                % {"day": format_date(filters.as_of)}
            )
        if filters.category:
            lines.append(
                _t("Chỉ tính cán bộ thuộc đối tượng “%(category)s”.")
                % {"category": dict(CadreCategory.choices).get(filters.category, filters.category)}
            )
        if not filters.subunits:
            lines.append(
                _t("Chỉ tính cán bộ trực thuộc trực tiếp %(unit)s, không gồm đơn vị cấp dưới.")
                % {"unit": self.unit.name}
            )
        return lines

    def filter_notes(self):
        """(label, value) of the unit and filters, as written on the exports' second sheet."""
        filters = self.filters
        notes = [
            (_("Đơn vị"), self.unit.name),
            (_("Báo cáo về"), self.subject()),
            (_("Đối tượng"), dict(CadreCategory.choices).get(filters.category, _("Mọi đối tượng"))),
            (_("Phạm vi"), _("Gồm các đơn vị cấp dưới") if filters.subunits else _("Chỉ cán bộ trực thuộc đơn vị")),
        ]
        if filters.dated:
            notes.append((_("Ngày hoàn thành"), self.date_range_text()))
        notes.append((_("Số liệu tính đến ngày"), f"{format_date(filters.as_of or timezone.localdate())}"))
        notes.extend((_("Cách tính"), line) for line in self.explanation())
        return notes

    def export_title(self):
        today = format_date(timezone.localdate())
        return f"{self.get_export_heading()} – {self.unit.name} – {self.subject()} ({today})"

    def get_export_heading(self):
        return str(_("Báo cáo hoàn thành theo đơn vị"))

    # Page parts

    def trail(self):
        """The units from the top of the viewer's scope down to this one, each with this page's link."""
        ancestors = self.unit.get_ancestors()
        visible = set(
            units_in_scope(self.request.user)
            .filter(pk__in=[unit.pk for unit in ancestors])
            .values_list("pk", flat=True)
        )
        units = [unit for unit in ancestors if unit.pk in visible] + [self.unit]
        return [(unit, f"{reverse(self.url_name)}?{self.page_query(unit)}") for unit in units]

    def other_top_units(self):
        """The top units of the viewer's scope when there are several (a manager of two units, the administrator)."""
        tops = top_units_in_scope(self.request.user)
        if len(tops) < 2:
            return []
        return [
            (unit, f"{reverse(self.url_name)}?{self.page_query(unit)}", self.unit.path.startswith(unit.path))
            for unit in tops
        ]

    def report_nav(self):
        """Links to the reports of this unit and filters: [(key, label, url or None, current)]."""
        nav = [
            ("rollup", _("Theo đơn vị"), f"{reverse('unit_reports:rollup')}?{self.query()}"),
            ("category", _("Theo đối tượng"), f"{reverse('unit_reports:groups')}?{self.query(by='category')}"),
            ("position", _("Theo chức vụ"), f"{reverse('unit_reports:groups')}?{self.query(by='position')}"),
        ]
        if self.filters.course is not None:
            nav.append(("course", _("Danh sách cán bộ"), f"{reverse('unit_reports:course')}?{self.query()}"))
        return [(key, label, url, key == self.nav_current) for key, label, url in nav]

    def mark_filter_errors(self):
        """Point the fields in error at the error summary (aria-invalid, aria-describedby)."""
        form = self.form
        if form.is_bound and not form.is_valid():
            names = set(form.errors) - {"__all__"}
            if "__all__" in form.errors:
                names |= {"date_from", "date_to"}
            for name in names:
                form.fields[name].widget.attrs.update({"aria-invalid": "true", "aria-describedby": ERROR_SUMMARY_ID})

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_page_subtitle(self):
        return self.unit.name

    def export_urls(self, name):
        return {fmt: f"{reverse(name, args=[fmt])}?{self.page_query()}" for fmt in ("xlsx", "csv")}

    def report_context(self):
        self.mark_filter_errors()
        return dict(
            unit=self.unit,
            form=self.form,
            form_errors=self.form.is_bound and not self.form.is_valid(),
            error_summary_id=ERROR_SUMMARY_ID,
            form_action=reverse(self.url_name),
            subject=self.subject(),
            explanation=self.explanation(),
            trail=self.trail(),
            other_top_units=self.other_top_units(),
            report_nav=self.report_nav(),
            single_course=self.filters.course is not None,
            today=timezone.localdate(),
        )


class RollupMixin(ReportPageMixin):
    def rows(self):
        return queries.unit_rollup(self.request.user, self.unit, self.filters)


class RollupView(RollupMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "reports/rollup.html"
    page_title = _("Báo cáo hoàn thành theo đơn vị")
    header_icon = "table"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = self.rows()
        series = queries.completions_by_month(self.request.user, self.unit, self.filters)
        line = charts.completions_line(series)
        context.update(
            self.report_context(),
            rows=[(row, f"?{self.query(row.unit)}" if row.kind == queries.RowKind.CHILD else None) for row in rows],
            headings=HEADINGS,
            bars=charts.rate_bars(rows),
            line=line,
            line_description=charts.line_description(line),
            max_bars=charts.MAX_BARS,
            export_urls=self.export_urls("unit_reports:export"),
            subscribe_url=f"{reverse('unit_reports:subscriptions')}?{self.query()}",
        )
        return context


class RollupExportView(RollupMixin, View):
    def get(self, request, fmt):
        filename = f"bao-cao-don-vi-{self.unit.code}-{timezone.localdate():%Y%m%d}.{fmt}"
        rows = [exports.rollup_row(row) for row in self.rows()]
        audit.exported(request.user, self.unit, self.export_title(), fmt, len(rows), self.filter_text())
        return table_response(fmt, filename, self.export_title(), HEADINGS, rows, self.filter_notes())
