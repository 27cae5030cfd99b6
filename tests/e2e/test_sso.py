"""Single sign-on in a real browser against a real OpenID Connect provider (npm oidc-provider on loopback)."""

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.factories import CadreFactory
from tests.oidc_server import node_available, running_provider

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not node_available(), reason="node or node_modules/oidc-provider missing (run make)"),
]

PROVIDER_ID = "tinh"
BUTTON = "Đăng nhập bằng Cổng định danh tỉnh"
ACCOUNTS = {
    "lan": {
        "sub": "sub-lan",
        "email": "lan@idp.example",
        "email_verified": True,
        "name": "Phạm Thị Lan",
        "staff_code": "HP000901",
    },
    "stranger": {
        "sub": "sub-stranger",
        "email": "stranger@idp.example",
        "email_verified": True,
        "name": "Người Lạ",
        "staff_code": "XX999999",
    },
}


@pytest.fixture
def provider(live_server, settings):
    callback = f"{live_server.url}/tai-khoan/sso/oidc/{PROVIDER_ID}/login/callback/"
    client = {"client_id": "elearn", "client_secret": "bi-mat-thu-nghiem", "redirect_uris": [callback]}
    with running_provider(clients=[client], accounts=ACCOUNTS) as running:
        settings.SOCIALACCOUNT_PROVIDERS = {
            "openid_connect": {
                "provider_class": "accounts.sso.ProvincialOIDCProvider",
                "APPS": [
                    {
                        "provider_id": PROVIDER_ID,
                        "name": "Cổng định danh tỉnh",
                        "client_id": "elearn",
                        "secret": "bi-mat-thu-nghiem",
                        "settings": {
                            "server_url": running.issuer,
                            "scope": ["openid", "profile", "email"],
                            "match_claim": "staff_code",
                            "oauth_pkce_enabled": True,
                        },
                    }
                ],
            }
        }
        yield running


@pytest.fixture
def lan(tree):
    return CadreFactory(staff_code="HP000901", full_name="Phạm Thị Lan", unit=tree["department"]).user


def sign_in_at_provider(page, live_server, login):
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    with page.expect_navigation():
        page.get_by_role("button", name=BUTTON).click()
    page.locator("input[name=login]").fill(login)
    with page.expect_navigation(url=lambda url: url.startswith(live_server.url)):
        page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_a_cadre_signs_in_through_the_provider_and_is_linked_by_staff_code(live_server, desktop, provider, lan):
    sign_in_at_provider(desktop, live_server, "lan")
    expect(desktop.locator(".user-nav__name")).to_contain_text("Phạm Thị Lan")
    account = SocialAccount.objects.get(user=lan)
    assert account.provider == PROVIDER_ID and account.uid == "sub-lan"

    desktop.goto(live_server.url + "/tai-khoan/cua-toi/")
    expect(desktop.get_by_text("Đã liên kết đăng nhập một lần: Cổng định danh tỉnh")).to_be_visible()


def test_a_sign_in_without_a_matching_cadre_creates_nothing(live_server, phone, provider, lan):
    users = get_user_model().objects.count()
    sign_in_at_provider(phone, live_server, "stranger")
    expect(phone.get_by_role("heading", name="Không đăng nhập được bằng tài khoản định danh")).to_be_visible()
    expect(phone.get_by_text("chưa khớp với cán bộ nào")).to_be_visible()
    assert phone.locator(".user-nav__name").count() == 0
    assert get_user_model().objects.count() == users and not SocialAccount.objects.exists()


@pytest.mark.parametrize(
    "mode, message",
    [
        ("tamper", "Không xác minh được lần đăng nhập này"),  # signature no longer matches
        ("expire", "Không xác minh được lần đăng nhập này"),  # validly signed, expired an hour ago
        ("nonce", "Phiên đăng nhập không hợp lệ hoặc đã hết hạn"),  # validly signed, another sign-in's nonce
    ],
)
def test_a_tampered_expired_or_replayed_id_token_is_refused(live_server, desktop, provider, lan, mode, message):
    provider.set_mode(mode)
    sign_in_at_provider(desktop, live_server, "lan")
    expect(desktop.get_by_text(message)).to_be_visible()
    assert desktop.locator(".user-nav__name").count() == 0
    assert not SocialAccount.objects.exists()


def test_a_wrong_state_is_refused(live_server, desktop, provider, lan):
    desktop.goto(f"{live_server.url}/tai-khoan/sso/oidc/{PROVIDER_ID}/login/callback/?state=gia-mao&code=abc")
    expect(desktop.get_by_text("Không xác minh được lần đăng nhập này")).to_be_visible()
    assert desktop.locator(".user-nav__name").count() == 0


def test_where_the_setting_allows_it_an_unmatched_sign_in_creates_a_learner_account(
    live_server, phone, provider, lan, settings
):
    settings.SSO_CREATE_ACCOUNTS = True
    sign_in_at_provider(phone, live_server, "stranger")
    expect(phone.locator(".user-nav__name")).to_be_attached()
    account = SocialAccount.objects.get(uid="sub-stranger")
    assert account.user.email == "stranger@idp.example" and not hasattr(account.user, "cadre")


def test_with_local_passwords_off_single_sign_on_is_the_only_way_in(live_server, desktop, provider, lan, settings):
    settings.LOCAL_PASSWORDS = False
    desktop.goto(live_server.url + "/tai-khoan/dang-nhap/")
    assert desktop.get_by_label("Mật khẩu").count() == 0
    desktop.goto(live_server.url + "/tai-khoan/kich-hoat/")
    expect(desktop.get_by_text("chỉ đăng nhập bằng tài khoản định danh")).to_be_visible()
    sign_in_at_provider(desktop, live_server, "lan")
    expect(desktop.locator(".user-nav__name")).to_contain_text("Phạm Thị Lan")
