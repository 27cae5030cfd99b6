"""The ways in: login (then allauth's second-factor step), activation, password reset; and "Tài khoản của tôi".

Every way in ends in allauth's login flow (accounts.mfa.complete_login), so a second factor, once enrolled,
is asked whichever door a person came through.
"""

from functools import wraps
from urllib.parse import urlencode

from allauth.usersessions.models import UserSession
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth import user_login_failed
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from wagtail import hooks
from wagtail.models import Revision

from elearn.audit import record
from units.people import managers_of

from . import activation, audit, mfa, privacy, reset, sso
from .forms import ActivationForm, LoginForm

SESSION_KEY = "accounts.activation"
BACKEND = "units.backends.StaffCodeOrEmailBackend"


def passwords_off(request):
    message = _("Hệ thống này chỉ đăng nhập bằng tài khoản định danh (đăng nhập một lần); không dùng mật khẩu.")
    return render(request, "accounts/passwords_off.html", {"message": message}, status=404)


def local_passwords_only(view):
    """Where LOCAL_PASSWORDS is off, a password page says so: single sign-on is the only way in."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.LOCAL_PASSWORDS:
            return passwords_off(request)
        return view(request, *args, **kwargs)

    return wrapper


def start_page_for(user):
    """Where a person starts after logging in: staff on their admin start page; learners on the site (None)."""
    if user is not None and user.has_perm("wagtailadmin.access_admin"):
        return reverse("wagtailadmin_home")
    return None


class LoginView(auth_views.LoginView):
    """The one login page, of the site and of the admin: password (axes counts failures), or a provider."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            providers=sso.providers(self.request), local_passwords=settings.LOCAL_PASSWORDS, **kwargs
        )

    def post(self, request, *args, **kwargs):
        if not settings.LOCAL_PASSWORDS:
            return passwords_off(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        self.signed_in = form.get_user()
        return mfa.complete_login(self.request, self.signed_in, self.get_success_url())

    def get_default_redirect_url(self):
        """Without a ?next=: the person's start page (staff: the admin's, with their role's numbers)."""
        return start_page_for(getattr(self, "signed_in", None)) or super().get_default_redirect_url()


class LogoutView(auth_views.LogoutView):
    pass


def admin_login_redirect(request):
    """/admin/login/ (GET or POST) logs nobody in: it sends the person to the site's login page."""
    target = reverse("accounts:login")
    if next_url := request.GET.get("next"):
        target += "?" + urlencode({"next": next_url})
    return redirect(target)


def lockout(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the login page again, with the lockout explained."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _(
        "Tài khoản đã bị tạm khóa do nhập sai mật khẩu %(limit)d lần. Vui lòng thử lại sau %(minutes)d phút "
        "hoặc liên hệ quản trị viên."
    ) % {"limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    form = LoginForm(request, initial={"username": request.POST.get("username", "")})
    context = {
        "form": form,
        "locked_out": True,
        "lockout_message": message,
        "providers": sso.providers(request),
        "local_passwords": settings.LOCAL_PASSWORDS,
    }
    return render(request, "accounts/login.html", context, status=429)


@login_required
def my_account(request):
    """ "Tài khoản của tôi": the cadre record (read-only), password, second factor, sessions."""
    cadre = getattr(request.user, "cadre", None)
    sessions = UserSession.objects.purge_and_list(request.user)
    context = {
        "cadre": cadre,
        "contacts": managers_of(request.user),
        "mfa": mfa.summary(request.user),
        "sessions": sessions,
        "current_session_key": request.session.session_key,
        "local_passwords": settings.LOCAL_PASSWORDS,
        "linked_providers": sso.linked_providers(request.user),
        "consents": privacy.consents_of(request.user),
        # Pages of apps above this one (privacy's copy of one's data) add their links through this hook.
        "links": [link for hook in hooks.get_hooks("register_account_links") for link in hook(request)],
    }
    return render(request, "accounts/my_account.html", context)


@local_passwords_only
@sensitive_post_parameters("code")
def activate(request):
    """Step 1: the person names their account and types the code; a wrong code counts as a failed login.
    The QR code on the slip opens this page with the staff code filled in (?ma=...)."""
    form = ActivationForm(request.POST or None, initial={"identifier": request.GET.get("ma", "")[:40]})
    status = 200
    if request.method == "POST" and form.is_valid():
        credentials = {"username": form.cleaned_data["identifier"]}
        if AxesProxyHandler.is_locked(request, credentials):
            form.add_error(None, _("Tài khoản đang tạm khóa do nhập sai nhiều lần. Vui lòng thử lại sau."))
            status = 429
        else:
            try:
                found = activation.find(form.cleaned_data["identifier"], form.cleaned_data["code"])
            except activation.ActivationError as error:
                user_login_failed.send(sender=__name__, credentials=credentials, request=request)
                form.add_error(None, str(error))
                status = 400
            else:
                request.session[SESSION_KEY] = found.pk
                return redirect("accounts:activate_password")
    return render(request, "accounts/activate.html", {"form": form}, status=status)


@local_passwords_only
@sensitive_post_parameters("new_password1", "new_password2")
def set_password(request):
    """Step 2: a first password, checked by the password validators; then the person is logged in."""
    activation_id = request.session.get(SESSION_KEY)
    code = activation.ActivationCode.objects.usable().filter(pk=activation_id).select_related("user").first()
    if code is None:
        request.session.pop(SESSION_KEY, None)
        return redirect("accounts:activate")
    form = SetPasswordForm(code.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = activation.activate(code.pk, form.cleaned_data["new_password1"])
        except activation.ActivationError as error:
            form.add_error(None, str(error))
        else:
            request.session.pop(SESSION_KEY, None)
            record(user, audit.ACTIVATED, user=user)
            user.backend = BACKEND
            return mfa.complete_login(request, user, "/")
    return render(request, "accounts/set_password.html", {"form": form, "person": code.user}, status=200)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        record(form.user, audit.RESET_DONE, user=form.user)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """ "Quên mật khẩu": the same answer for any address; limited per client address and per account."""

    form_class = reset.ResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    @classmethod
    def as_view(cls, **initkwargs):
        return local_passwords_only(super().as_view(**initkwargs))

    def form_valid(self, form):
        if not reset.address_allowed(get_client_ip_address(self.request)):
            form.add_error(None, reset.too_many_message())
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


def privacy_notice(request):
    """The published privacy notice, for anyone; a logged-in person who has not accepted it accepts here."""
    revision_id = privacy.live_revision_id()
    revision = Revision.objects.filter(pk=revision_id).first() if revision_id else None
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        next_url = "/"
    if request.method == "POST" and revision is not None and request.user.is_authenticated:
        privacy.accept(request, revision.pk, get_client_ip_address(request))
        return redirect(next_url)
    pending = revision is not None and request.user.is_authenticated and privacy.must_accept(request)
    context = {
        "notice": privacy.version_of(revision) if revision else None,
        "revision": revision,
        "pending": pending,
        "next": next_url,
    }
    return render(request, "accounts/privacy_notice.html", context)


@login_required
def privacy_version(request, revision_id):
    """A version of the notice that this person accepted, as it was."""
    consent = get_object_or_404(privacy.consents_of(request.user), revision_id=revision_id)
    context = {"notice": privacy.version_of(consent.revision), "revision": consent.revision, "consent": consent}
    return render(request, "accounts/privacy_notice.html", context)
