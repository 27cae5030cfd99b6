"""The admin form of a required-course assignment."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from elearn.text import fold, normalize_text
from units.models import CadreCategory, Unit

from .models import Assignment, CoursePage


class UnitTreeChoiceField(forms.ModelChoiceField):
    """Units in tree order, each indented by its depth, with its code."""

    def label_from_instance(self, unit):
        return f"{'— ' * (unit.depth - 1)}{unit.name} ({unit.code})"


class AssignmentAdminForm(WagtailAdminModelForm):
    courses = forms.ModelMultipleChoiceField(
        label=_("Khóa học"),
        queryset=CoursePage.objects.live().order_by("title"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Chọn ít nhất một khóa học.")},
    )
    unit = UnitTreeChoiceField(
        label=_("Đơn vị"),
        queryset=Unit.objects.filter(is_active=True).order_by("path"),
        required=False,
        empty_label=_("Toàn bộ tổ chức"),
        help_text=_("Để trống để giao cho toàn bộ tổ chức."),
    )
    categories = forms.MultipleChoiceField(
        label=_("Đối tượng"),
        choices=CadreCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Không chọn đối tượng nào để giao cho mọi đối tượng."),
    )
    positions = forms.CharField(
        label=_("Chức vụ"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Mỗi dòng một chức vụ, ví dụ “Chuyên viên”. Để trống để giao cho mọi chức vụ."),
    )
    due_days = forms.IntegerField(
        label=_("Hạn hoàn thành (số ngày)"),
        required=False,
        min_value=1,
        max_value=3650,
        help_text=_("Số ngày kể từ khi cán bộ thuộc phạm vi giao (hoặc từ ngày bắt đầu, nếu muộn hơn)."),
    )
    recert_months = forms.IntegerField(
        label=_("Học lại sau (tháng)"),
        required=False,
        min_value=1,
        max_value=240,
        help_text=Assignment._meta.get_field("recert_months").help_text,
    )

    class Meta:
        model = Assignment
        fields = [
            "title",
            "courses",
            "unit",
            "include_subunits",
            "categories",
            "positions",
            "starts_on",
            "due_on",
            "due_days",
            "recert_months",
            "is_active",
        ]
        widgets = {"starts_on": AdminDateInput, "due_on": AdminDateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["positions"] = "\n".join(self.instance.positions or [])
        if self.instance.unit_id:  # a unit deactivated since stays choosable on its own assignment
            self.fields["unit"].queryset = Unit.objects.filter(
                Q(is_active=True) | Q(pk=self.instance.unit_id)
            ).order_by("path")

    def clean_positions(self):
        positions, seen = [], set()
        for line in self.cleaned_data["positions"].splitlines():
            position = normalize_text(line)
            if position and fold(position) not in seen:
                seen.add(fold(position))
                positions.append(position)
        return positions

    def clean(self):
        cleaned = super().clean()
        due_on, due_days, starts_on = cleaned.get("due_on"), cleaned.get("due_days"), cleaned.get("starts_on")
        if due_on and due_days:
            raise forms.ValidationError(_("Chỉ chọn một cách tính hạn: ngày cố định hoặc số ngày, không chọn cả hai."))
        if not due_on and not due_days and "due_on" not in self.errors and "due_days" not in self.errors:
            raise forms.ValidationError(_("Cần nhập hạn hoàn thành: một ngày cố định hoặc số ngày."))
        if due_on and starts_on and due_on < starts_on:
            self.add_error("due_on", _("Hạn hoàn thành không được trước ngày bắt đầu."))
        return cleaned
