"""Activation: the staff code (or email) and the code from the slip, then a first password, then logged in."""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_ip_address
from django.contrib.auth import login, user_login_failed
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from . import activation, reset
from .forms import ActivationForm

SESSION_KEY = "accounts.activation"
BACKEND = "units.backends.StaffCodeOrEmailBackend"


@sensitive_post_parameters("code")
def activate(request):
    """Step 1: the person names their account and types the code; a wrong code counts as a failed login."""
    form = ActivationForm(request.POST or None)
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
                return redirect("access:activate_password")
    return render(request, "accounts/activate.html", {"form": form}, status=status)


@sensitive_post_parameters("new_password1", "new_password2")
def set_password(request):
    """Step 2: a first password, checked by the password validators; then the person is logged in."""
    activation_id = request.session.get(SESSION_KEY)
    code = activation.ActivationCode.objects.usable().filter(pk=activation_id).select_related("user").first()
    if code is None:
        request.session.pop(SESSION_KEY, None)
        return redirect("access:activate")
    form = SetPasswordForm(code.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = activation.activate(code.pk, form.cleaned_data["new_password1"])
        except activation.ActivationError as error:
            form.add_error(None, str(error))
        else:
            request.session.pop(SESSION_KEY, None)
            login(request, user, backend=BACKEND)
            return redirect("/")
    return render(request, "accounts/set_password.html", {"form": form, "person": code.user}, status=200)


class PasswordResetView(auth_views.PasswordResetView):
    """ "Quên mật khẩu": the same answer for any address; limited per client address and per account."""

    form_class = reset.ResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("access:password_reset_done")

    def form_valid(self, form):
        if not reset.address_allowed(get_client_ip_address(self.request)):
            form.add_error(None, reset.too_many_message())
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)
