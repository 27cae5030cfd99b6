"""A large export's progress page and its download: for the user who asked for it only.

The progress page refreshes itself (a meta refresh, so it works without JavaScript; with
JavaScript it polls ?format=json instead) until the file is ready or the export failed.
"""

import logging

from django.conf import settings
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from elearn.formatting import thousands
from units import scope
from units.models import Unit

from .. import audit, exports
from ..models import ExportState, ReportExport
from ..tasks import build_export
from .common import FILTER_NAMES

logger = logging.getLogger(__name__)

REFRESH_SECONDS = 3


def start(export):
    """Send the export's task once the transaction commits (in-process on the embedded default)."""
    try:
        build_export.delay_on_commit(export.pk)
    except Exception:  # the broker is unreachable: say so on the export
        logger.exception("Report export %s could not be queued", export.pk)
        exports.fail_to_queue(export)


def payload(export):
    """What the progress page shows, as JSON for its polling script."""
    done = export.state == ExportState.DONE
    return {
        "state": export.state,
        "state_label": str(export.get_state_display()),
        "finished": export.state in (ExportState.DONE, ExportState.FAILED),
        "percent": export.percent,
        "done": export.done,
        "total": export.total,
        "download_url": reverse("unit_reports:export_download", args=[export.pk]) if done else None,
        "error": export.error,
        "text": progress_text(export),
    }


def progress_text(export):
    numbers = {"done": thousands(export.done), "total": thousands(export.total)}
    if export.state == ExportState.PENDING:
        return _("Đang chờ xử lý…")
    if export.state == ExportState.FAILED:
        return _("Không tạo được tệp.")
    if export.state == ExportState.DONE:
        return _("Đã xong: %(total)s cán bộ.") % numbers
    return _("Đã ghi %(done)s/%(total)s cán bộ…") % numbers


class ExportMixin:
    """Loads the export named in the URL; 403 for anyone but its requester (administrators too)."""

    def dispatch(self, request, *args, **kwargs):
        self.export = scope.check_visible(
            request.user,
            get_object_or_404(ReportExport, pk=kwargs["pk"]),
            _("Chỉ người yêu cầu được xem và tải tệp xuất báo cáo này."),
        )
        return super().dispatch(request, *args, **kwargs)


class ExportStatusView(ExportMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "reports/export_status.html"
    page_title = gettext_lazy("Tệp xuất báo cáo")
    header_icon = "download"

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "json":
            response = JsonResponse(payload(self.export))
            response["Cache-Control"] = "no-store"
            return response
        response = super().get(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response

    def get_page_subtitle(self):
        return self.export.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("unit_reports:rollup"), "label": _("Báo cáo")},
            {"url": "", "label": self.get_page_title()},
        ]

    def report_url(self):
        """The report the export was made from, with the same unit and filters."""
        if self.export.kind != exports.COURSE:
            return None
        params = self.export.params
        query = {name: params[name] for name in ("unit", *FILTER_NAMES, "status") if params.get(name)}
        return f"{reverse('unit_reports:course')}?{urlencode(query)}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        progress = payload(self.export)
        context.update(
            export=self.export,
            progress=progress,
            refresh_seconds=None if progress["finished"] else REFRESH_SECONDS,
            status_url=f"{reverse('unit_reports:export_status', args=[self.export.pk])}?format=json",
            report_url=self.report_url(),
            download_name=exports.download_name(self.export) if progress["download_url"] else "",
            keep_days=settings.REPORT_EXPORT_KEEP_DAYS,
        )
        return context


class ExportDownloadView(ExportMixin, View):
    def get(self, request, pk):
        opened = exports.open_file(self.export)
        if opened is None:
            raise Http404(_("Tệp chưa sẵn sàng hoặc đã bị xóa."))
        params = dict(self.export.params)
        unit = Unit.objects.get(pk=params.pop("unit"))
        audit.exported(request.user, unit, self.export.title, self.export.fmt, self.export.total, urlencode(params))
        return FileResponse(
            opened,
            as_attachment=True,
            filename=exports.download_name(self.export),
            content_type=exports.CONTENT_TYPES[self.export.fmt],
        )
