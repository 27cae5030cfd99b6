from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from elearn.text import normalize_text
from units.models import Unit

from .models import AnonymisationReason, CorrectionRequest


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        return f"{unit.name} ({unit.code})"


class CorrectionForm(forms.Form):
    """What the learner asks to correct; a field left as it is asks for no change."""

    full_name = forms.CharField(label=_("Họ và tên đúng"), max_length=150, required=False)
    position = forms.CharField(label=_("Chức vụ đúng"), max_length=150, required=False)
    new_unit = UnitChoiceField(
        label=_("Đơn vị đúng"),
        queryset=Unit.objects.filter(is_active=True).order_by("path"),
        required=False,
        empty_label=_("— Không đổi —"),
    )
    note = forms.CharField(
        label=_("Giải thích, căn cứ (ví dụ: số quyết định điều động)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, cadre, **kwargs):
        super().__init__(*args, **kwargs)
        self.cadre = cadre
        self.fields["full_name"].initial = cadre.full_name
        self.fields["position"].initial = cadre.position

    def clean(self):
        data = super().clean()
        full_name = normalize_text(data.get("full_name", ""))
        position = normalize_text(data.get("position", ""))
        unit = data.get("new_unit")
        data["full_name"] = full_name if full_name and full_name != self.cadre.full_name else ""
        data["position"] = position if position and position != self.cadre.position else ""
        data["new_unit"] = unit if unit is not None and unit.pk != self.cadre.unit_id else None
        if not (data["full_name"] or data["position"] or data["new_unit"]):
            raise forms.ValidationError(
                _("Bạn chưa sửa mục nào: hãy ghi thông tin đúng vào ô cần sửa (họ và tên, chức vụ hoặc đơn vị).")
            )
        return data


class Decision:
    START = "start"
    APPLY = "apply"
    REJECT = "reject"
    CHOICES = [
        (START, _("Nhận xử lý (báo cho người đề nghị là đang xem xét)")),
        (APPLY, _("Đồng ý: sửa hồ sơ cán bộ như đề nghị")),
        (REJECT, _("Từ chối (phải ghi lý do)")),
    ]


class CorrectionHandleForm(WagtailAdminModelForm):
    """The manager's answer to a correction request (privacy.viewsets)."""

    decision = forms.ChoiceField(label=_("Quyết định"), choices=Decision.CHOICES, widget=forms.RadioSelect)

    class Meta:
        model = CorrectionRequest
        fields = ["reply"]
        labels = {"reply": _("Trả lời người đề nghị (bắt buộc khi từ chối)")}


class AnonymiseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Lý do"), choices=AnonymisationReason.choices, initial=AnonymisationReason.REQUEST
    )
    note = forms.CharField(label=_("Căn cứ (số, ngày văn bản đề nghị)"), max_length=255, required=False)
    confirm = forms.BooleanField(
        label=_(
            "Tôi hiểu: họ tên, mã cán bộ, email, chức vụ sẽ bị xóa vĩnh viễn, không khôi phục được; tài khoản bị khóa."
        ),
        required=True,
    )
