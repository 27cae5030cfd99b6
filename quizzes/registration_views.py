"""The registration pages of an open contest (routes of ContestPage): thin views over quizzes.registration."""

from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from elearn.audit import client_address

from . import registration
from .registration_forms import CitizenConfirmForm, CitizenRegistrationForm

PENDING = "contest-registration"
BACKEND = "units.backends.StaffCodeOrEmailBackend"


def _page_url(request, page, route=None):
    url = page.get_url(request)
    return url + page.reverse_subpage(route) if route else url


def _render(request, page, template, **context):
    return TemplateResponse(request, template, {**page.get_context(request), "page": page, **context})


@never_cache
def register(request, page):
    if not page.open_registration:
        raise Http404
    if request.user.is_authenticated:
        messages.info(request, _("Bạn đã đăng nhập: hãy vào thi ngay trên trang cuộc thi."))
        return redirect(_page_url(request, page))
    form = CitizenRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            citizen = registration.register(
                form.registration(),
                client_address(request),
                request.build_absolute_uri(_page_url(request, page, "confirm")),
            )
        except registration.RegistrationError as error:
            form.add_error(None, str(error))
        else:
            request.session[PENDING] = citizen.pk
            return redirect(_page_url(request, page, "confirm"))
    return _render(request, page, "quizzes/contest_register.html", form=form)


@never_cache
def confirm(request, page):
    if not page.open_registration:
        raise Http404
    citizen_id = request.session.get(PENDING)
    if citizen_id is None:
        messages.info(request, _("Hãy đăng ký trước khi nhập mã xác nhận."))
        return redirect(_page_url(request, page, "register"))
    form = CitizenConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = registration.confirm(citizen_id, form.cleaned_data["code"], form.cleaned_data["password1"])
        except registration.RegistrationError as error:
            form.add_error(None, str(error))
        else:
            request.session.pop(PENDING, None)
            login(request, user, backend=BACKEND)
            messages.success(request, _("Đăng ký thành công. Bạn có thể vào thi ngay."))
            return redirect(_page_url(request, page))
    return _render(request, page, "quizzes/contest_confirm.html", form=form)
