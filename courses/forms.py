"""Admin forms of the course pages."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from units.models import CadreCategory


class CoursePageForm(WagtailAdminPageForm):
    """The course editor, with the audience as checkboxes instead of raw JSON."""

    audience = forms.MultipleChoiceField(
        label=_("Đối tượng"),
        choices=CadreCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Để trống nếu khóa học dành cho mọi đối tượng."),
    )
