"""The forms of a citizen's registration for an open contest (quizzes.registration holds the rules)."""

from captcha.fields import CaptchaField
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elearn.text import normalize_text

from . import registration


class CitizenRegistrationForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    email = forms.EmailField(
        label=_("Thư điện tử"), help_text=_("Mã xác nhận được gửi tới địa chỉ này; bạn đăng nhập bằng địa chỉ này.")
    )
    phone = forms.CharField(label=_("Số điện thoại di động (không bắt buộc)"), max_length=20, required=False)
    ward = forms.ChoiceField(label=_("Xã, phường, đặc khu nơi bạn sinh sống"))
    birth_year = forms.IntegerField(label=_("Năm sinh"))
    consent = forms.BooleanField(
        label=_(
            "Tôi đồng ý để Ban Tổ chức xử lý họ tên, thư điện tử, số điện thoại, nơi ở và năm sinh của tôi cho "
            "cuộc thi này. Bảng xếp hạng công khai chỉ hiện họ tên và xã, phường."
        )
    )
    captcha = CaptchaField(label=_("Nhập các ký tự trong hình"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].choices = [("", _("— Chọn xã, phường —")), *registration.ward_choices()]
        self.fields["full_name"].widget.attrs.update(autocomplete="name")
        self.fields["email"].widget.attrs.update(autocomplete="email")
        self.fields["phone"].widget.attrs.update(autocomplete="tel", inputmode="tel")
        self.fields["birth_year"].widget.attrs.update(inputmode="numeric")

    def clean_full_name(self):
        name = " ".join(normalize_text(self.cleaned_data["full_name"]).split())
        if len(name.split()) < 2:
            raise ValidationError(_("Hãy nhập đầy đủ họ và tên."))
        return name

    def clean_phone(self):
        return registration.normalize_phone(self.cleaned_data["phone"])

    def clean_birth_year(self):
        year = self.cleaned_data["birth_year"]
        this_year = timezone.localdate().year
        if not 1900 <= year <= this_year - 6:
            raise ValidationError(_("Năm sinh không hợp lệ."))
        return year

    def registration(self):
        data = self.cleaned_data
        return registration.Registration(
            full_name=data["full_name"],
            email=data["email"],
            phone=data["phone"],
            ward_code=data["ward"],
            birth_year=data["birth_year"],
        )


class CitizenConfirmForm(forms.Form):
    code = forms.CharField(label=_("Mã xác nhận (6 chữ số)"), max_length=12)
    password1 = forms.CharField(label=_("Mật khẩu"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(
        label=_("Nhập lại mật khẩu"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(inputmode="numeric", autocomplete="one-time-code")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("Hai mật khẩu không khớp."))
        return cleaned
