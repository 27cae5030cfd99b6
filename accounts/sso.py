"""Single sign-on with OpenID Connect, on django-allauth's openid_connect provider.

Providers are configured from the environment only (elearn.settings: OIDC_PROVIDERS). Two things are
stricter than allauth's defaults: the id token's signature is always checked against the provider's keys
(allauth skips it when the token came straight from the token endpoint), and every sign-in carries a
nonce that the id token must repeat. A sign-in is linked to the cadre whose staff code or email equals the
configured claim; with no such cadre the person sees why and nobody is created (unless SSO_CREATE_ACCOUNTS).
"""

import secrets

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialAccount, SocialApp
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider, _pick_data
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from units.accounts import resolve_account

PROVIDER = "openid_connect"


class StrictOIDCAdapter(OpenIDConnectOAuth2Adapter):
    def _decode_id_token(self, app, id_token):
        return jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            verify_signature=True,
        )


class ProvincialOIDCProvider(OpenIDConnectProvider):
    oauth2_adapter_class = StrictOIDCAdapter

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        nonce = secrets.token_urlsafe(24)
        auth_params = kwargs.pop("auth_params", None) or self.get_auth_params()
        kwargs["auth_params"] = {**auth_params, "nonce": nonce}
        return super().redirect(request, process, next_url, data, nonce=nonce, **kwargs)


def _adapter_view(view_class, request, provider_id):
    try:
        return view_class.adapter_view(StrictOIDCAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist as missing:
        raise Http404 from missing


def login(request, provider_id):
    """Start a sign-in at the provider (allauth's view, with the strict adapter)."""
    return _adapter_view(OAuth2LoginView, request, provider_id)


def callback(request, provider_id):
    """The provider's answer: state, code exchange, id token checks, then SocialAccountAdapter below."""
    return _adapter_view(OAuth2CallbackView, request, provider_id)


def refuse(request, message, status=403):
    """Raise the Vietnamese "cannot sign you in" page; nothing has been created or linked."""
    response = render(request, "accounts/sso_refused.html", {"message": message}, status=status)
    raise ImmediateHttpResponse(response)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        return settings.SSO_CREATE_ACCOUNTS

    def pre_social_login(self, request, sociallogin):
        data = sociallogin.account.extra_data or {}
        id_token = data.get("id_token") or {}
        expected = (sociallogin.state or {}).get("nonce")
        if not expected or not secrets.compare_digest(str(id_token.get("nonce", "")), expected):
            refuse(request, _("Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại."), 400)
        if sociallogin.is_existing:
            if not sociallogin.user.is_active:
                refuse(request, _("Tài khoản này đã ngừng hoạt động. Vui lòng liên hệ cán bộ quản trị của đơn vị."))
            return
        claim = sociallogin.account.get_provider().app.settings.get("match_claim", "email")
        value = str(_pick_data(data).get(claim) or "").strip()
        user = resolve_account(value) if value else None
        if user is not None and user.is_active:
            sociallogin.connect(request, user)
            return
        if user is None and settings.SSO_CREATE_ACCOUNTS:
            return  # allauth's automatic signup creates a learner account without a cadre record
        refuse(
            request,
            _(
                "Tài khoản định danh của bạn chưa khớp với cán bộ nào trong hệ thống (không tìm thấy mã cán bộ "
                "hoặc email tương ứng). Không có tài khoản nào được tạo. Vui lòng liên hệ cán bộ quản trị của "
                "đơn vị để được bổ sung hoặc sửa thông tin."
            ),
        )


def providers(request):
    """The configured providers, for the login page's buttons."""
    return [provider for provider in DefaultSocialAccountAdapter().list_providers(request) if provider.id == PROVIDER]


def linked_providers(user):
    """Names of the providers this person has signed in with (a provider no longer configured by its id)."""
    names = []
    for account in SocialAccount.objects.filter(user=user):
        try:
            names.append(account.get_provider().name)
        except SocialApp.DoesNotExist:
            names.append(account.provider)
    return names
