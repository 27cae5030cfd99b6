"""Admin screens of H5P uploads: the upload form (the activities' "add"), and the installed libraries.

Thin views: h5p.validation checks a package, h5p.registry installs it. Uploading installs code that
runs on the site, so only users with the permission h5p.upload_h5p reach the upload form.
"""

import logging
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.ui.tables import Column, UserColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import Button, HeaderButton
from wagtail.snippets.views.snippets import IndexView

from elearn.formatting import format_local

from .models import H5PActivity, H5PLibrary
from .registry import install_package
from .validation import PackageRejected, validate_package

logger = logging.getLogger(__name__)

UPLOAD_PERMISSION = "h5p.upload_h5p"


def can_upload(user):
    return user.has_perm(UPLOAD_PERMISSION)


def can_view_libraries(user):
    return can_upload(user) or user.has_perm("h5p.view_h5plibrary")


def activities_url():
    return reverse(H5PActivity.snippet_viewset.get_url_name("list"))


class ActivityIndexView(IndexView):
    """The activities listing: its "add" button is "Tải lên gói H5P", for uploaders only."""

    def get_add_url(self):
        if self.add_url_name and can_upload(self.request.user):
            return reverse(self.add_url_name)
        return None

    @cached_property
    def add_item_label(self):
        return _("Tải lên gói H5P")

    @cached_property
    def add_button(self):
        return HeaderButton(self.add_item_label, url=self.add_url, icon_name="upload")

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if can_view_libraries(self.request.user):
            buttons.append(
                Button(_("Thư viện H5P đã cài"), url=reverse("h5p_libraries:index"), icon_name="code", priority=80)
            )
        return buttons

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["can_add"] = bool(self.add_url)
        context["add_url"] = context["header_action_url"] = self.add_url
        context["header_action_label"] = self.add_item_label
        return context


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Gói H5P (.h5p)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".h5p"}),
    )
    title = forms.CharField(
        label=gettext_lazy("Tên hoạt động"),
        required=False,
        max_length=255,
        help_text=gettext_lazy("Để trống để dùng tên ghi trong gói (h5p.json)."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if PurePath(upload.name).suffix.lower() != ".h5p":
            raise forms.ValidationError(_("Chỉ nhận tệp gói H5P có đuôi .h5p."))
        if upload.size > settings.H5P_MAX_PACKAGE_BYTES:
            raise forms.ValidationError(
                _("Gói H5P quá lớn: giới hạn là %(limit)s.") % {"limit": filesizeformat(settings.H5P_MAX_PACKAGE_BYTES)}
            )
        return upload


class UploadView(WagtailAdminTemplateMixin, FormView):
    """Upload a .h5p package: validated, then installed; a rejected package leaves nothing behind."""

    template_name = "h5p/admin/upload.html"
    form_class = UploadForm
    page_title = gettext_lazy("Tải lên gói H5P")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not can_upload(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": activities_url(), "label": _("Hoạt động H5P")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            max_package=filesizeformat(settings.H5P_MAX_PACKAGE_BYTES),
            max_uncompressed=filesizeformat(settings.H5P_MAX_UNCOMPRESSED_BYTES),
            max_files=settings.H5P_MAX_FILES,
        )
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            package = validate_package(upload)
            result = install_package(package, user=self.request.user, title=form.cleaned_data["title"])
        except PackageRejected as rejected:
            form.add_error("file", rejected.message)
            return self.form_invalid(form)
        except (OSError, DatabaseError):
            logger.exception("H5P package %r could not be installed", upload.name)
            form.add_error(
                None,
                _("Không cài được gói do lỗi lưu trữ; không có gì được lưu. Hãy thử lại hoặc báo quản trị hệ thống."),
            )
            return self.form_invalid(form)
        activity = result.activity
        installed = ", ".join(library.folder for library in result.installed)
        text = _("Đã tải lên hoạt động “%(title)s”.") % {"title": activity.title}
        if installed:
            text += " " + _("Thư viện mới được cài: %(libraries)s.") % {"libraries": installed}
        messages.success(self.request, text)
        for warning in result.warnings:
            messages.warning(self.request, warning)
        return redirect(activities_url())


class LibraryIndexView(ReportView):
    """Installed H5P libraries (read-only): name, version, hash, installed at and by."""

    model = H5PLibrary
    page_title = gettext_lazy("Thư viện H5P đã cài")
    header_icon = "code"
    index_url_name = "h5p_libraries:index"
    index_results_url_name = "h5p_libraries:results"
    default_ordering = "machine_name"
    paginate_by = 100
    columns = [
        Column("machine_name", label=gettext_lazy("Tên máy"), sort_key="machine_name"),
        Column("title", label=gettext_lazy("Tên")),
        Column("version", label=gettext_lazy("Phiên bản")),
        # The start of the hash tells versions apart on a phone; the export has it in full.
        Column("sha256", label=gettext_lazy("Mã băm SHA-256"), accessor=lambda row: f"{row.sha256[:16]}…"),
        Column(
            "installed",
            label=gettext_lazy("Ngày cài"),
            accessor=lambda row: format_local(row.installed_at),
            sort_key="installed_at",
        ),
        UserColumn("installed_by", label=gettext_lazy("Người cài")),
    ]
    list_export = ["machine_name", "title", "version", "sha256", "installed_at", "installed_by"]
    export_headings = {
        "machine_name": gettext_lazy("Tên máy"),
        "title": gettext_lazy("Tên"),
        "version": gettext_lazy("Phiên bản"),
        "sha256": gettext_lazy("Mã băm SHA-256"),
        "installed_at": gettext_lazy("Ngày cài"),
        "installed_by": gettext_lazy("Người cài"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_view_libraries(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return H5PLibrary.objects.select_related("installed_by")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": activities_url(), "label": _("Hoạt động H5P")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_preprocess_function(self, field, value, export_format):
        if field == "installed_at":
            return format_local
        if field == "installed_by":
            return lambda user: user.get_username() if user else ""
        return super().get_preprocess_function(field, value, export_format)

    def get_filename(self):
        return "thu-vien-h5p"


app_name = "h5p_libraries"
urlpatterns = [
    path("", LibraryIndexView.as_view(), name="index"),
    path("results/", LibraryIndexView.as_view(results_only=True), name="results"),
]
