"""Report views and exports in the audit trail (elearn.audit): who looked at or took away whose data.

Entries are filed under the viewer's account, so only those who may see accounts (administrators) read
them in "Nhật ký"; the message names the unit, the report, the filters and the number of rows."""

from django.utils.translation import gettext_lazy as _

from elearn.audit import record

EXPORTED = "reports.exported"
PEOPLE_VIEWED = "reports.people_viewed"
TRANSCRIPT_VIEWED = "reports.transcript_viewed"

ACTIONS = {
    EXPORTED: (_("Xuất báo cáo"), _("Xuất {report} của {unit} ({format}, {rows} dòng; lọc: {filters})")),
    PEOPLE_VIEWED: (_("Xem danh sách cán bộ"), _("Xem {report} của {unit} (lọc: {filters})")),
    TRANSCRIPT_VIEWED: (_("Xem quá trình học tập"), _("Xem quá trình học tập của {person} ({unit})")),
}


def _unit(unit):
    return f"{unit.name} ({unit.code})"


def exported(viewer, unit, report, fmt, rows, filters=""):
    record(
        viewer,
        EXPORTED,
        user=viewer,
        data={
            "report": str(report),
            "unit": _unit(unit),
            "unit_code": unit.code,
            "format": fmt,
            "rows": rows,
            "filters": filters or "—",
        },
    )


def people_viewed(viewer, unit, report, filters=""):
    record(
        viewer,
        PEOPLE_VIEWED,
        user=viewer,
        data={
            "report": str(report),
            "unit": _unit(unit),
            "unit_code": unit.code,
            "filters": filters or "—",
        },
    )


def transcript_viewed(viewer, cadre):
    record(
        viewer,
        TRANSCRIPT_VIEWED,
        user=viewer,
        data={
            "person": f"{cadre.full_name} ({cadre.staff_code})",
            "unit": _unit(cadre.unit),
            "unit_code": cadre.unit.code,
        },
    )
