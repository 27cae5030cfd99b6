"""Session lifetime: 30 minutes idle (SESSION_COOKIE_AGE) and 12 hours in all."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

SESSION_STARTED_KEY = "elearn_login_at"


class SessionLifetimeMiddleware:
    """Log out a session older than SESSION_ABSOLUTE_LIFETIME, however active it was."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.limit = settings.SESSION_ABSOLUTE_LIFETIME.total_seconds()

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            started = request.session.get(SESSION_STARTED_KEY)
            if started is None:
                request.session[SESSION_STARTED_KEY] = time.time()
            elif time.time() - started > self.limit:
                logout(request)
                messages.info(request, _("Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại."))
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class OutOfScopeMiddleware:
    """Answer units.scope.OutOfScope with a Vietnamese 403 page, logged with the viewer and the URL.

    The refusal goes to the "elearn.scope" logger and to Wagtail's audit log (action "units.out_of_scope"
    on the viewer's account), where administrators see it in the site history report.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from .scope import OutOfScope
        from .scope_log import refuse

        if isinstance(exception, OutOfScope):
            return refuse(request, exception)
        return None
