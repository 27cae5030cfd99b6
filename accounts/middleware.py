"""Before anything else: a staff account enrols a second factor (accounts.mfa), then everyone accepts the
published privacy notice (accounts.privacy)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from . import mfa, privacy

# Pages open to a person who must enrol: the enrolment itself, reauthentication, logging out, static files.
OPEN_URL_NAMES = {
    "mfa_index",
    "mfa_activate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "account_reauthenticate",
    "account_logout",
    "logout",
}


class RequireMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        match = request.resolver_match
        if match is not None and match.url_name in OPEN_URL_NAMES:
            return None
        if request.path.startswith(("/static/", "/media/")) or not mfa.must_enrol(request):
            return None
        messages.warning(
            request,
            _(
                "Tài khoản của bạn có quyền quản trị hoặc xem báo cáo nên phải bật xác thực hai bước "
                "trước khi tiếp tục."
            ),
        )
        return redirect(reverse("mfa_activate_totp"))


PRIVACY_OPEN_URL_NAMES = OPEN_URL_NAMES | {"privacy", "privacy_version"}


class RequirePrivacyConsentMiddleware:
    """A logged-in person who has not accepted the published privacy notice reads it before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(("/static/", "/media/")):
            return None
        match = request.resolver_match
        if match is not None and match.url_name in PRIVACY_OPEN_URL_NAMES:
            return None
        if not privacy.must_accept(request):
            return None
        return redirect(f"{reverse('accounts:privacy')}?{urlencode({'next': request.get_full_path()})}")
