"""The emulation review (thi đua) pages: the periods, a period's ranking, freezing and reopening, the files.

Thin views: the figures, the scope cut and the freeze rules come from reports.emulation; the files from
reports.emulation_files. Managers see the rows of the units in their scope; administrators see all, freeze and
reopen.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from elearn.spreadsheets import XLSX_CONTENT_TYPE, attachment
from units.models import Unit
from units.scope import OutOfScope, is_administrator, top_units_in_scope

from .. import audit, emulation, emulation_files
from ..models import EmulationPeriod
from .common import can_view_reports

FORMATS = {"xlsx": XLSX_CONTENT_TYPE, "pdf": "application/pdf"}


class EmulationAccessMixin:
    """Managers and administrators only (403 with a Vietnamese page otherwise); `self.period` from the URL."""

    administrators_only = False

    def dispatch(self, request, *args, **kwargs):
        if not can_view_reports(request.user):
            raise OutOfScope(_("Bạn chưa được giao quản lý đơn vị nào nên chưa có báo cáo thi đua để xem."))
        if self.administrators_only and not is_administrator(request.user):
            raise OutOfScope(_("Chỉ quản trị hệ thống được khóa hoặc mở lại kỳ thi đua."))
        if "pk" in kwargs:
            self.period = get_object_or_404(EmulationPeriod, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def report(self):
        """(the report cut to the viewer's scope, the snapshot in force or None)."""
        data, snapshot = emulation.report(self.period)
        return emulation.visible(self.request.user, data), snapshot


class PeriodListView(EmulationAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "reports/emulation_periods.html"
    page_title = _("Thi đua")
    header_icon = "trophy"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = [
            (period, period.current_snapshot(), reverse("unit_reports:emulation", args=[period.pk]))
            for period in EmulationPeriod.objects.all()
        ]
        context.update(
            rows=rows,
            is_administrator=is_administrator(self.request.user),
            manage_url=reverse("emulation_periods_admin:index"),
            schemes_url=reverse("emulation_schemes:index"),
        )
        return context


class PeriodReportView(EmulationAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "reports/emulation_report.html"
    page_title = _("Kết quả thi đua")
    header_icon = "trophy"

    def get_page_subtitle(self):
        return self.period.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("unit_reports:emulation_periods"), "label": _t("Thi đua")},
            {"url": "", "label": self.period.name},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data, snapshot = self.report()
        administrator = is_administrator(self.request.user)
        groups = []
        for position, group in enumerate(data["groups"], start=1):
            rows = [
                {
                    **row,
                    "grade_label": emulation_files.grade_text(row["grade"]),
                    "cells": [
                        (emulation_files.number_text(value["value"]), emulation_files.number_text(value["points"]))
                        for value in row["values"]
                    ],
                    "total_text": emulation_files.number_text(row["total"]),
                    "evidence": [
                        (fmt, reverse("unit_reports:emulation_evidence", args=[self.period.pk, row["unit_id"], fmt]))
                        for fmt in FORMATS
                    ]
                    if row["missing"]
                    else [],
                }
                for row in group["rows"]
            ]
            criteria = [
                {**criterion, "text": emulation_files.criterion_text(criterion)} for criterion in group["criteria"]
            ]
            groups.append(
                {
                    **group,
                    "heading": emulation_files.group_heading(position, group),
                    "rows": rows,
                    "criteria": criteria,
                    "grades_text": emulation_files.grades_text(group),
                }
            )
        context.update(
            period=self.period,
            groups=groups,
            snapshot=snapshot,
            intact=snapshot is None or emulation.checksum(snapshot.data) == snapshot.checksum,
            status_line=emulation_files.status_line(data, snapshot),
            history=list(self.period.snapshots.select_related("frozen_by", "reopened_by").order_by("-version"))
            if administrator
            else [],
            is_administrator=administrator,
            file_urls=[(fmt, reverse("unit_reports:emulation_export", args=[self.period.pk, fmt])) for fmt in FORMATS],
            freeze_url=reverse("unit_reports:emulation_freeze", args=[self.period.pk]),
            reopen_url=reverse("unit_reports:emulation_reopen", args=[self.period.pk]),
            edit_url=reverse("emulation_periods_admin:edit", args=[self.period.pk]),
        )
        return context


class FreezeView(EmulationAccessMixin, View):
    administrators_only = True

    def post(self, request, pk):
        try:
            snapshot = emulation.freeze(self.period, request.user)
        except emulation.EmulationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _t("Đã khóa số liệu %(period)s (lần %(version)s).")
                % {"period": self.period.name, "version": snapshot.version},
            )
        return redirect("unit_reports:emulation", pk=self.period.pk)


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do mở lại"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Ghi rõ căn cứ (ví dụ: văn bản đề nghị điều chỉnh số liệu). Bản chốt cũ vẫn được lưu."),
        error_messages={"required": _("Hãy ghi lý do mở lại kỳ thi đua.")},
    )


class ReopenView(EmulationAccessMixin, WagtailAdminTemplateMixin, FormView):
    administrators_only = True
    template_name = "reports/emulation_reopen.html"
    form_class = ReopenForm
    page_title = _("Mở lại kỳ thi đua")
    header_icon = "lock-open"

    def get_page_subtitle(self):
        return self.period.name

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            period=self.period,
            snapshot=self.period.current_snapshot(),
            cancel_url=reverse("unit_reports:emulation", args=[self.period.pk]),
            **kwargs,
        )

    def form_valid(self, form):
        snapshot = self.period.current_snapshot()
        if snapshot is None:
            messages.error(self.request, _t("Kỳ thi đua này chưa khóa số liệu."))
        else:
            try:
                emulation.reopen(snapshot, self.request.user, form.cleaned_data["reason"])
            except emulation.EmulationError as error:
                form.add_error("reason", str(error))
                return self.form_invalid(form)
            messages.success(
                self.request, _t("Đã mở lại %(period)s; bản chốt cũ được lưu.") % {"period": self.period.name}
            )
        return redirect("unit_reports:emulation", pk=self.period.pk)


class PeriodFileView(EmulationAccessMixin, View):
    """The ranking as .xlsx or .pdf, cut to the viewer's scope."""

    def get(self, request, pk, fmt):
        data, snapshot = self.report()
        render = emulation_files.report_pdf if fmt == "pdf" else emulation_files.report_xlsx
        content = render(data, snapshot)
        rows = sum(len(group["rows"]) for group in data["groups"])
        unit = top_units_in_scope(request.user)[0]  # the audit entry names the top of the viewer's scope
        audit.exported(request.user, unit, emulation_files.title(), fmt, rows, f"period={self.period.pk}")
        return attachment(content, FORMATS[fmt], f"thi-dua-{self.period.pk}-{timezone.localdate():%Y%m%d}.{fmt}")


class EvidenceFileView(EmulationAccessMixin, View):
    """One ranked unit's annex of cadres who did not complete a required course (its scope only)."""

    def get(self, request, pk, unit_id, fmt):
        unit = get_object_or_404(Unit, pk=unit_id)
        try:
            data, snapshot, lines = emulation.annex(request.user, self.period, unit)
        except emulation.EmulationError as error:
            messages.error(request, str(error))
            return redirect("unit_reports:emulation", pk=self.period.pk)
        render = emulation_files.evidence_pdf if fmt == "pdf" else emulation_files.evidence_xlsx
        content = render(data, snapshot, unit.name, lines)
        audit.exported(request.user, unit, emulation_files.evidence_title(), fmt, len(lines), f"period={pk}")
        return attachment(content, FORMATS[fmt], f"phu-luc-thi-dua-{pk}-{unit.code}.{fmt}")
