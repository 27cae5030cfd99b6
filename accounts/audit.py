"""Security events of accounts in the audit trail (elearn.audit): logins, failures, lockouts, single sign-on,
activation, password resets, second-factor changes. Connected in AccountsConfig.ready()."""

from allauth.mfa import signals as mfa_signals
from allauth.socialaccount.signals import social_account_added
from axes.signals import user_locked_out
from django.contrib.auth import signals as auth_signals
from django.utils.translation import gettext_lazy as _

from elearn.audit import client_address, record
from units.accounts import resolve_account

LOGIN = "accounts.login"
LOGIN_FAILED = "accounts.login_failed"
LOCKED_OUT = "accounts.locked_out"
SSO_LINKED = "accounts.sso_linked"
ACTIVATED = "accounts.activated"
RESET_REQUESTED = "accounts.password_reset_requested"
RESET_DONE = "accounts.password_reset"
MFA_ADDED = "accounts.mfa_added"
MFA_REMOVED = "accounts.mfa_removed"
MFA_CODES_RENEWED = "accounts.recovery_codes_renewed"
MFA_FAILED = "accounts.mfa_failed"

METHODS = {"password": _("mật khẩu"), "mfa": _("xác thực hai bước"), "socialaccount": _("đăng nhập một lần")}

ACTIONS = {  # action: (label, message from the entry's data)
    LOGIN: (_("Đăng nhập"), _("Đăng nhập thành công ({methods})")),
    LOGIN_FAILED: (_("Đăng nhập sai"), _("Đăng nhập sai với tên “{identifier}”")),
    LOCKED_OUT: (_("Tạm khóa đăng nhập"), _("Tài khoản bị tạm khóa do nhập sai nhiều lần")),
    SSO_LINKED: (_("Liên kết đăng nhập một lần"), _("Liên kết với tài khoản định danh {provider}")),
    ACTIVATED: (_("Kích hoạt tài khoản"), _("Kích hoạt tài khoản bằng mã kích hoạt và đặt mật khẩu")),
    RESET_REQUESTED: (_("Yêu cầu đặt lại mật khẩu"), _("Gửi thư đặt lại mật khẩu")),
    RESET_DONE: (_("Đặt lại mật khẩu"), _("Đặt mật khẩu mới bằng liên kết trong thư; các phiên khác kết thúc")),
    MFA_ADDED: (_("Bật xác thực hai bước"), _("Thêm {kind}")),
    MFA_REMOVED: (_("Tắt xác thực hai bước"), _("Gỡ {kind}")),
    MFA_CODES_RENEWED: (_("Tạo lại mã khôi phục"), _("Tạo bộ mã khôi phục mới")),
    MFA_FAILED: (_("Nhập sai mã xác thực"), _("Nhập sai mã xác thực hai bước")),
}
KINDS = {"totp": _("ứng dụng xác thực"), "recovery_codes": _("mã khôi phục")}


def _logged_in(sender, request, user, **kwargs):
    records = (getattr(request, "session", None) or {}).get("account_authentication_methods") or []
    used = [str(METHODS.get(entry.get("method"), entry.get("method"))) for entry in records] or [
        str(METHODS["password"])
    ]
    record(user, LOGIN, user=user, data={"methods": ", ".join(dict.fromkeys(used))})


def _login_failed(sender, credentials, request=None, **kwargs):
    identifier = str((credentials or {}).get("username") or "")[:100]
    user = resolve_account(identifier) if identifier else None
    if user is not None:  # an unknown identifier is counted by axes; there is no account to file it under
        record(user, LOGIN_FAILED, data={"identifier": identifier})


def _locked_out(sender, request, username=None, ip_address=None, **kwargs):
    user = resolve_account(username) if username else None
    if user is not None:
        record(user, LOCKED_OUT, address=ip_address)


def _sso_linked(sender, request, sociallogin, **kwargs):
    record(sociallogin.user, SSO_LINKED, data={"provider": sociallogin.account.provider})


# allauth sends these after its transaction commits, possibly once the request is answered: the address
# comes from the request it passes along.


def _mfa_added(sender, request, user, authenticator, **kwargs):
    kind = str(KINDS.get(authenticator.type, authenticator.type))
    record(user, MFA_ADDED, user=user, data={"kind": kind}, address=client_address(request))


def _mfa_removed(sender, request, user, authenticator, **kwargs):
    kind = str(KINDS.get(authenticator.type, authenticator.type))
    record(user, MFA_REMOVED, user=request.user, data={"kind": kind}, address=client_address(request))


def _mfa_reset(sender, request, user, authenticator, **kwargs):
    record(user, MFA_CODES_RENEWED, user=user, address=client_address(request))


def _mfa_failed(sender, request, user, **kwargs):
    record(user, MFA_FAILED, address=client_address(request))


def connect():
    auth_signals.user_logged_in.connect(_logged_in, dispatch_uid="accounts.audit.login")
    auth_signals.user_login_failed.connect(_login_failed, dispatch_uid="accounts.audit.login_failed")
    user_locked_out.connect(_locked_out, dispatch_uid="accounts.audit.locked_out")
    social_account_added.connect(_sso_linked, dispatch_uid="accounts.audit.sso_linked")
    mfa_signals.authenticator_added.connect(_mfa_added, dispatch_uid="accounts.audit.mfa_added")
    mfa_signals.authenticator_removed.connect(_mfa_removed, dispatch_uid="accounts.audit.mfa_removed")
    mfa_signals.authenticator_reset.connect(_mfa_reset, dispatch_uid="accounts.audit.mfa_reset")
    mfa_signals.authentication_failed.connect(_mfa_failed, dispatch_uid="accounts.audit.mfa_failed")
