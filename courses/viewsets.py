"""Admin screens of required courses (Wagtail viewsets), registered in courses/wagtail_hooks.py."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.snippets.views.snippets import SnippetViewSet

from elearn.formatting import format_date

from .assignment_forms import AssignmentAdminForm
from .assignment_views import AssignmentStatusView
from .models import Assignment, LawReference


def status_url(assignment):
    return reverse("assignments:status", args=[assignment.pk])


def scope_label(assignment):
    return assignment.unit.name if assignment.unit_id else _("Toàn bộ tổ chức")


def due_label(assignment):
    if assignment.due_on:
        return format_date(assignment.due_on)
    return _("%(days)s ngày sau khi vào phạm vi") % {"days": assignment.due_days}


class AssignmentIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(MenuItem(_("Tình trạng thực hiện"), url=status_url(instance), icon_name="tasks", priority=15))
        return buttons


class AssignmentCreateView(CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class AssignmentEditView(EditView):
    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(_("Tình trạng thực hiện"), url=status_url(self.object), icon_name="tasks", priority=5),
        ]


class AssignmentViewSet(ModelViewSet):
    """Khóa học bắt buộc: which courses a unit subtree and/or categories must complete, by when."""

    model = Assignment
    form_fields = AssignmentAdminForm.Meta.fields
    index_view_class = AssignmentIndexView
    add_view_class = AssignmentCreateView
    edit_view_class = AssignmentEditView
    icon = "date"
    menu_label = _("Khóa học bắt buộc")
    menu_order = 260
    add_to_admin_menu = True
    list_display = [
        "title",
        Column("scope", label=_("Phạm vi"), accessor=scope_label),
        Column("starts_on", label=_("Ngày bắt đầu"), accessor=lambda assignment: format_date(assignment.starts_on)),
        Column("due", label=_("Hạn hoàn thành"), accessor=due_label),
        BooleanColumn("is_active", label=_("Đang áp dụng")),
    ]
    list_filter = ["is_active"]
    search_fields = ["title"]
    ordering = ["-starts_on", "title"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return AssignmentAdminForm

    def get_queryset(self, request):
        return Assignment.objects.select_related("unit")

    @property
    def status_view(self):
        return AssignmentStatusView.as_view()

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("status/<int:pk>/", self.status_view, name="status")]


class LawReferenceViewSet(SnippetViewSet):
    """The laws courses cite; the editor's start page lists the courses citing one that was replaced."""

    model = LawReference
    icon = "doc-full"
    menu_label = _("Văn bản pháp luật")
    list_display = ["title", "number", "replaced_by", Column("replaced_on", label=_("Hết hiệu lực từ"))]
    search_fields = ["title", "number", "replaced_by"]
    ordering = ["title"]
