"""Admin report pages of unit managers. Thin views: the figures come from reports.queries."""

from django.urls import path, re_path

from . import emulation, exports, groups, people, rollup, subscriptions

EXPORT = r"export\.(?P<fmt>xlsx|csv)$"

app_name = "unit_reports"
urlpatterns = [
    path("", rollup.RollupView.as_view(), name="rollup"),
    re_path(rf"^{EXPORT}", rollup.RollupExportView.as_view(), name="export"),
    path("theo-doi-tuong/", groups.GroupReportView.as_view(), name="groups"),
    re_path(rf"^theo-doi-tuong/{EXPORT}", groups.GroupExportView.as_view(), name="groups_export"),
    path("khoa-hoc/", people.CourseReportView.as_view(), name="course"),
    re_path(rf"^khoa-hoc/{EXPORT}", people.CourseExportView.as_view(), name="course_export"),
    path("can-bo/<int:cadre_id>/", people.TranscriptView.as_view(), name="transcript"),
    re_path(rf"^can-bo/(?P<cadre_id>\d+)/{EXPORT}", people.TranscriptExportView.as_view(), name="transcript_export"),
    path("thi-dua/", emulation.PeriodListView.as_view(), name="emulation_periods"),
    path("thi-dua/<int:pk>/", emulation.PeriodReportView.as_view(), name="emulation"),
    path("thi-dua/<int:pk>/khoa/", emulation.FreezeView.as_view(), name="emulation_freeze"),
    path("thi-dua/<int:pk>/mo-lai/", emulation.ReopenView.as_view(), name="emulation_reopen"),
    re_path(
        r"^thi-dua/(?P<pk>\d+)/tep\.(?P<fmt>xlsx|pdf)$", emulation.PeriodFileView.as_view(), name="emulation_export"
    ),
    re_path(
        r"^thi-dua/(?P<pk>\d+)/minh-chung/(?P<unit_id>\d+)\.(?P<fmt>xlsx|pdf)$",
        emulation.EvidenceFileView.as_view(),
        name="emulation_evidence",
    ),
    path("dang-ky/", subscriptions.SubscriptionsView.as_view(), name="subscriptions"),
    path("dang-ky/<int:pk>/huy/", subscriptions.CancelView.as_view(), name="subscription_cancel"),
    path("tep-xuat/<int:pk>/", exports.ExportStatusView.as_view(), name="export_status"),
    path("tep-xuat/<int:pk>/tai-ve/", exports.ExportDownloadView.as_view(), name="export_download"),
]
