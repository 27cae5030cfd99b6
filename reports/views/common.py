"""What every report view shares: the unit in scope (403 outside it), the filters and their query string."""

from django.shortcuts import get_object_or_404
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem

from elearn.spreadsheets import attachment
from units.models import Unit
from units.scope import OutOfScope, top_units_in_scope, units_in_scope

from .. import exports
from ..forms import ReportFilterForm

FILTER_NAMES = ("subject", "category", "date_from", "date_to", "as_of", "subunits")


def spreadsheet_response(fmt, filename, headings, rows, title="", notes=()):
    """A report table as a downloaded .xlsx (title row, headings, rows; `notes` on a second sheet) or .csv."""
    return attachment(exports.render(fmt, headings, rows, title, notes), exports.CONTENT_TYPES[fmt], filename)


def can_view_reports(user):
    return units_in_scope(user).exists()


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_reports(request.user)


class ScopedReportMixin:
    """Reads ?unit= (403 outside the viewer's scope; default: the top unit in scope) and the filters."""

    def dispatch(self, request, *args, **kwargs):
        scope = units_in_scope(request.user)
        value = request.GET.get("unit", "")
        if value:
            self.unit = get_object_or_404(Unit, pk=value if value.isdigit() else None)
            if not scope.filter(pk=self.unit.pk).exists():
                raise OutOfScope(_("Đơn vị này nằm ngoài phạm vi bạn được xem báo cáo."), target=self.unit)
        else:
            self.unit = next(iter(top_units_in_scope(request.user)), None)
            if self.unit is None:
                raise OutOfScope(_("Bạn chưa được giao quản lý đơn vị nào nên chưa có báo cáo để xem."))
        self.form = ReportFilterForm(request.GET)
        self.filters = self.form.filters()
        return super().dispatch(request, *args, **kwargs)

    def query(self, unit=None, **extra):
        """The query string of this report for `unit` (default: the current one), keeping the filters."""
        params = {"unit": (unit or self.unit).pk}
        if self.form.is_valid():
            params.update((name, self.request.GET[name]) for name in FILTER_NAMES if self.request.GET.get(name))
        params.update(extra)
        return urlencode(params)

    def filter_text(self):
        """The filters in use, as the audit trail records them ("subject=…&date_from=…")."""
        return urlencode(
            [(name, self.request.GET[name]) for name in (*FILTER_NAMES, "status") if self.request.GET.get(name)]
        )

    def subject(self):
        """What the report is about, in words."""
        return self.filters.subject_text()
