"""django-allauth adapters: no self-signup, Vietnamese messages, QR codes by segno, staff keep their factor."""

import time
from io import BytesIO

import segno
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.utils.translation import gettext_lazy as _

from . import mfa

FRESH_LOGIN_SECONDS = 5 * 60


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "incorrect_password": _("Mật khẩu không đúng."),
        "account_inactive": _("Tài khoản này đã ngừng hoạt động."),
        "rate_limited": _("Bạn đã thử quá nhiều lần. Vui lòng đợi một lát rồi thử lại."),
        "too_many_login_attempts": _("Bạn đã nhập sai quá nhiều lần. Vui lòng đợi 5 phút rồi thử lại."),
    }

    def is_reauthentication_required(self, *, app, **kwargs):
        """A security change (the second factor, recovery codes) needs the password again, unless the person
        logged in within the last few minutes: the forced enrolment right after login asks for nothing twice."""
        request = context.request
        if request is not None and request.user.is_authenticated:
            records = get_authentication_records(request, request.user)
            if records and time.time() - records[-1]["at"] < FRESH_LOGIN_SECONDS:
                return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def get_login_redirect_url(self, request):
        """Staff start on their admin start page (their role's numbers and queues); learners on the site."""
        from .views import start_page_for

        return start_page_for(request.user) or super().get_login_redirect_url(request)

    def is_open_for_signup(self, request):
        return False  # accounts come from HR's import or an administrator, never from a signup form

    def add_message(self, request, level, message_template=None, message_context=None, extra_tags="", message=None):
        # allauth's own notices are English templates; the site's pages say what happened in Vietnamese.
        if message_template and not message_template.startswith(("mfa/", "usersessions/")):
            return
        super().add_message(request, level, message_template, message_context, extra_tags, message)


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": _("Mã xác thực không đúng hoặc đã được dùng. Vui lòng nhập mã mới trong ứng dụng."),
        "cannot_delete_authenticator": _(
            "Tài khoản có quyền quản trị hoặc xem báo cáo phải luôn bật xác thực hai bước."
        ),
        "cannot_generate_recovery_codes": _("Hãy bật ứng dụng xác thực trước khi tạo mã khôi phục."),
        "unverified_email": _("Cần xác minh email trước khi bật xác thực hai bước."),
        "rate_limited": _("Bạn đã nhập sai quá nhiều lần. Vui lòng đợi một lát rồi thử lại."),
    }

    def build_totp_svg(self, url):
        buffer = BytesIO()
        segno.make(url, error="m").save(buffer, kind="svg", scale=5, border=2, xmldecl=False)
        return buffer.getvalue().decode("utf-8")

    def can_delete_authenticator(self, authenticator):
        if authenticator.type == Authenticator.Type.TOTP and mfa.requires_mfa(authenticator.user):
            return False
        return super().can_delete_authenticator(authenticator)
