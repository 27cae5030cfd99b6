import re

from django import forms
from django.utils.translation import gettext_lazy as _

NUMBER = re.compile(r"^\s*0*(\d{1,9})\s*/\s*(\d{4})\s*$")


class LookupForm(forms.Form):
    number = forms.CharField(label=_("Số chứng nhận"), max_length=20, help_text=_("Ví dụ: 000123/2026"))
    full_name = forms.CharField(label=_("Họ và tên người được cấp"), max_length=150)

    def clean_number(self):
        match = NUMBER.match(self.cleaned_data["number"])
        if not match:
            raise forms.ValidationError(_("Số chứng nhận có dạng số thứ tự/năm, ví dụ 000123/2026."))
        return int(match.group(2)), int(match.group(1))


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do thu hồi"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Hãy ghi lý do thu hồi: lý do được lưu vào nhật ký.")},
    )


class BulkForm(forms.Form):
    date_from = forms.DateField(label=_("Cấp từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("Ngày bắt đầu phải trước ngày kết thúc."))
        return data
