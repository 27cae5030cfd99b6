from django import forms
from django.utils.translation import gettext_lazy as _


class ActivationForm(forms.Form):
    identifier = forms.CharField(
        label=_("Mã cán bộ hoặc email"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "autofocus": True}),
    )
    code = forms.CharField(
        label=_("Mã kích hoạt"),
        max_length=40,
        help_text=_("In trên phiếu kích hoạt, ví dụ ABCD-EFGH-JKMN."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
