"""Admin: the correction requests of the viewer's scope ("Đề nghị sửa thông tin"), answered from their edit page."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from elearn.formatting import format_date, format_local
from units.scope import OutOfScope, ScopedViewSetMixin

from . import corrections
from .forms import CorrectionHandleForm, Decision
from .models import CorrectionRequest


def _due(correction):
    text = format_date(correction.reply_due_on)
    return _("%(date)s – quá hạn") % {"date": text} if corrections.overdue(correction) else text


class CorrectionIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "unit", "new_unit")


class CorrectionEditView(EditView):
    """The request's details, and the manager's decision: take it on, apply it, or refuse it with a reason."""

    template_name = "privacy/admin/correction_edit.html"

    def get_object(self, queryset=None):
        correction = super().get_object(queryset)
        if correction.user_id == self.request.user.pk:
            raise OutOfScope(_("Bạn không tự xử lý đề nghị sửa thông tin của chính mình."), target=correction)
        return correction

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        correction = self.object
        context.update(
            correction=correction,
            changes=corrections.changes(correction),
            overdue=corrections.overdue(correction),
            created=format_local(correction.created_at),
            handled=format_local(correction.handled_at) if correction.handled_at else "",
        )
        return context

    def form_valid(self, form):
        correction, decision, reply = self.object, form.cleaned_data["decision"], form.cleaned_data["reply"]
        if not correction.is_open:
            return self._refused(form, _("Đề nghị này đã được xử lý xong."))
        try:
            if decision == Decision.START:
                corrections.start(correction, self.request.user)
            elif decision == Decision.APPLY:
                corrections.apply(correction, self.request.user, reply)
            else:
                corrections.reject(correction, self.request.user, reply)
        except corrections.CorrectionError as error:
            return self._refused(form, str(error))
        messages.success(self.request, _("Đã lưu quyết định; người đề nghị được báo kết quả."))
        return redirect(self.get_success_url())

    def _refused(self, form, message):
        form.add_error(None, message)
        self.produced_error_message = message
        return self.form_invalid(form)


class CorrectionViewSet(ScopedViewSetMixin, ModelViewSet):
    model = CorrectionRequest
    icon = "edit"
    menu_label = gettext_lazy("Đề nghị sửa thông tin")
    url_namespace = corrections.ADMIN_VIEWSET
    url_prefix = "de-nghi-sua-thong-tin"
    index_view_class = CorrectionIndexView
    edit_view_class = CorrectionEditView
    edit_handler = ObjectList([FieldPanel("decision"), FieldPanel("reply")], base_form_class=CorrectionHandleForm)
    list_display = [
        TitleColumn(
            "person",
            label=gettext_lazy("Người đề nghị"),
            accessor=lambda c: c.current.get("full_name", ""),
            get_url=lambda c: reverse(f"{corrections.ADMIN_VIEWSET}:edit", args=[c.pk]),
        ),
        Column("unit", label=gettext_lazy("Đơn vị")),
        Column("changes", label=gettext_lazy("Nội dung"), accessor=corrections.describe),
        Column("created_at", label=gettext_lazy("Gửi lúc"), accessor=lambda c: format_local(c.created_at)),
        Column("reply_due_on", label=gettext_lazy("Hạn phản hồi"), accessor=_due),
        Column("status", label=gettext_lazy("Trạng thái"), accessor="get_status_display"),
    ]
    list_filter = ["status"]
    ordering = ["-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = False
