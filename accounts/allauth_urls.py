"""What django-allauth serves here, under the names it reverses (account_login, mfa_*, usersessions_*, ...).

Only the steps after the password are allauth's: the second factor (mfa), the session list (usersessions),
single sign-on (socialaccount, with the OpenID Connect provider) and reauthentication before a security
change. Its login, signup, email and password views are not mounted; the names its templates and flows
reverse point to the site's own pages, so there is one login page, one lockout and one password reset.
"""

from allauth.account import views as allauth_views
from allauth.socialaccount import views as socialaccount_views
from django.urls import include, path, reverse_lazy
from django.views.generic import RedirectView

from . import sso, views

urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="account_login"),
    path("dang-xuat/", views.LogoutView.as_view(), name="account_logout"),
    path("dang-ky/", RedirectView.as_view(url=reverse_lazy("accounts:login")), name="account_signup"),
    path("email/", RedirectView.as_view(url=reverse_lazy("accounts:mine")), name="account_email"),
    path(
        "mat-khau/",
        RedirectView.as_view(url=reverse_lazy("accounts:password_change")),
        name="account_change_password",
    ),
    path("xac-nhan-lai/", allauth_views.reauthenticate, name="account_reauthenticate"),
    path("ngung-hoat-dong/", allauth_views.account_inactive, name="account_inactive"),
    path("xac-thuc-2-buoc/", include("allauth.mfa.urls")),
    path("phien/", include("allauth.usersessions.urls")),
    # Of allauth's socialaccount pages only those a sign-in passes through; managing linked accounts is not
    # offered (its name leads to "Tài khoản của tôi", which lists them).
    path("sso/huy/", socialaccount_views.login_cancelled, name="socialaccount_login_cancelled"),
    path("sso/loi/", socialaccount_views.login_error, name="socialaccount_login_error"),
    path("sso/dang-ky/", socialaccount_views.signup, name="socialaccount_signup"),
    path("sso/lien-ket/", RedirectView.as_view(url=reverse_lazy("accounts:mine")), name="socialaccount_connections"),
    # allauth's openid_connect URLs, on the views that check the id token's signature and nonce (accounts.sso)
    path("sso/oidc/<str:provider_id>/login/", sso.login, name="openid_connect_login"),
    path("sso/oidc/<str:provider_id>/login/callback/", sso.callback, name="openid_connect_callback"),
]
