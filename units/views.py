"""Login, logout and the lockout answer."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.utils.translation import gettext as _

from .forms import LoginForm


class LoginView(auth_views.LoginView):
    template_name = "units/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def lockout(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the login page again, with the lockout explained."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _(
        "Tài khoản đã bị tạm khóa do nhập sai mật khẩu %(limit)d lần. Vui lòng thử lại sau %(minutes)d phút "
        "hoặc liên hệ quản trị viên."
    ) % {"limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    form = LoginForm(request, initial={"username": request.POST.get("username", "")})
    context = {"form": form, "locked_out": True, "lockout_message": message}
    return render(request, "units/login.html", context, status=429)
