"""Activation: the staff code (or email) and the code from the slip, then a first password, then logged in."""

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import get_user_model, login, user_login_failed
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from . import activation
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
                return redirect("activation:password")
    return render(request, "accounts/activate.html", {"form": form}, status=status)


@sensitive_post_parameters("new_password1", "new_password2")
def set_password(request):
    """Step 2: a first password, checked by the password validators; then the person is logged in."""
    activation_id = request.session.get(SESSION_KEY)
    code = activation.ActivationCode.objects.usable().filter(pk=activation_id).select_related("user").first()
    if code is None:
        request.session.pop(SESSION_KEY, None)
        return redirect("activation:start")
    form = SetPasswordForm(code.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = activation.activate(code.pk, form.cleaned_data["new_password1"])
        except activation.ActivationError as error:
            form.add_error(None, str(error))
        else:
            request.session.pop(SESSION_KEY, None)
            user = get_user_model().objects.get(pk=user.pk)
            login(request, user, backend=BACKEND)
            return redirect("/")
    return render(request, "accounts/set_password.html", {"form": form, "person": code.user}, status=200)
