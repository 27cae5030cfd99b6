from allauth.account.forms import ReauthenticateForm as AllauthReauthenticateForm
from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from allauth.mfa.recovery_codes.forms import GenerateRecoveryCodesForm
from allauth.mfa.totp.forms import ActivateTOTPForm, DeactivateTOTPForm
from django import forms
from django.contrib.auth.forms import AuthenticationForm
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


class LoginForm(AuthenticationForm):
    """Login with a staff code or email and a password."""

    username = forms.CharField(
        label=_("Mã cán bộ hoặc email"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "autocapitalize": "none"}),
    )
    error_messages = {
        "invalid_login": _(
            "Mã cán bộ/email hoặc mật khẩu không đúng. Lưu ý: tài khoản bị tạm khóa sau 5 lần nhập sai."
        ),
        "inactive": _("Tài khoản này đã ngừng hoạt động."),
    }


# django-allauth's forms with Vietnamese labels (MFA_FORMS and ACCOUNT_FORMS in the settings).
CODE_LABEL = _("Mã xác thực (6 chữ số trong ứng dụng, hoặc một mã khôi phục)")


def _labelled(form_class, **labels):
    class Labelled(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for name, label in labels.items():
                self.fields[name].label = label
                self.fields[name].widget.attrs.pop("placeholder", None)

    Labelled.__name__ = form_class.__name__
    return Labelled


MFAAuthenticateForm = _labelled(AuthenticateForm, code=CODE_LABEL)
MFAReauthenticateForm = _labelled(ReauthenticateForm, code=CODE_LABEL)
MFAActivateForm = _labelled(ActivateTOTPForm, code=_("Mã 6 chữ số hiện trong ứng dụng"))
MFADeactivateForm = _labelled(DeactivateTOTPForm)
MFAGenerateRecoveryCodesForm = _labelled(GenerateRecoveryCodesForm)
PasswordReauthenticateForm = _labelled(AllauthReauthenticateForm, password=_("Mật khẩu hiện tại"))
