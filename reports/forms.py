"""The report filters, read from the query string: subject, unit scope, category, completion dates and the
as-of day (dd/mm/yyyy)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from courses.models import Assignment, CoursePage
from courses.models.pages import CourseTopic
from units.models import CadreCategory

from .queries import Filters

ALL_COURSES = ""


def subject_choices():
    """One select for what the report is about: all courses, a topic, a course or an assignment."""
    return [
        (ALL_COURSES, _("Tất cả khóa học")),
        (_("Chủ đề"), [(f"topic-{value}", label) for value, label in CourseTopic.choices]),
        (
            _("Khóa học"),
            [
                (f"course-{pk}", title)
                for pk, title in CoursePage.objects.live().order_by("title").values_list("pk", "title")
            ],
        ),
        (
            _("Khóa học bắt buộc (đợt giao)"),
            [
                (f"assignment-{pk}", title)
                for pk, title in Assignment.objects.filter(is_active=True).values_list("pk", "title")
            ],
        ),
    ]


class ReportFilterForm(forms.Form):
    subject = forms.ChoiceField(label=_("Báo cáo về"), required=False)
    category = forms.ChoiceField(
        label=_("Đối tượng"), required=False, choices=[("", _("Mọi đối tượng")), *CadreCategory.choices]
    )
    date_from = forms.DateField(
        label=_("Hoàn thành từ ngày"), required=False, widget=AdminDateInput(attrs={"placeholder": "dd/mm/yyyy"})
    )
    date_to = forms.DateField(
        label=_("đến ngày"), required=False, widget=AdminDateInput(attrs={"placeholder": "dd/mm/yyyy"})
    )
    as_of = forms.DateField(
        label=_("Tính đến ngày"),
        required=False,
        widget=AdminDateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        help_text=_("Số liệu và cây đơn vị như vào cuối ngày này (đơn vị sáp nhập sau đó hiện tên cũ)."),
    )
    subunits = forms.TypedChoiceField(
        label=_("Phạm vi"),
        required=False,
        coerce=lambda value: value != "0",
        empty_value=True,
        choices=[("1", _("Gồm các đơn vị cấp dưới")), ("0", _("Chỉ cán bộ trực thuộc đơn vị"))],
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["subject"].choices = subject_choices()
        self.fields["date_from"].error_messages["invalid"] = _("Ngày bắt đầu không hợp lệ (dd/mm/yyyy).")
        self.fields["date_to"].error_messages["invalid"] = _("Ngày kết thúc không hợp lệ (dd/mm/yyyy).")
        self.fields["as_of"].error_messages["invalid"] = _("Ngày “tính đến ngày” không hợp lệ (dd/mm/yyyy).")

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc."))
        as_of = data.get("as_of")
        if as_of:
            if as_of > timezone.localdate():
                self.add_error("as_of", _("Ngày này chưa tới: hãy chọn hôm nay hoặc một ngày đã qua."))
            if start or end:
                raise forms.ValidationError(_("Chọn khoảng ngày hoàn thành hoặc “tính đến ngày”, không chọn cả hai."))
            if (data.get("subject") or "").startswith("assignment-"):
                self.add_error(
                    "as_of",
                    _("Báo cáo theo đợt giao chỉ có số liệu hôm nay; để xem một ngày đã qua, chọn khóa học."),
                )
        return data

    def filters(self):
        """The Filters asked for; the default (all courses, sub-units included) while the form has errors."""
        if not self.is_valid():
            return Filters()
        data = self.cleaned_data
        kind, _sep, value = (data["subject"] or "").partition("-")
        filters = Filters(
            category=data["category"],
            date_from=data["date_from"],
            date_to=data["date_to"],
            as_of=data["as_of"],
            subunits=data["subunits"],
        )
        if kind == "course":
            filters.course = CoursePage.objects.live().get(pk=value)
        elif kind == "topic":
            filters.topic = value
        elif kind == "assignment":
            filters.assignment = Assignment.objects.get(pk=value)
        return filters
