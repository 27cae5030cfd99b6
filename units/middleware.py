"""Session lifetime: 30 minutes idle (SESSION_COOKIE_AGE) and 12 hours in all."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

SESSION_STARTED_KEY = "elearn_login_at"
SESSION_REFRESHED_KEY = "elearn_seen_at"


class SessionLifetimeMiddleware:
    """Log out a session older than SESSION_ABSOLUTE_LIFETIME, however active it was; keep an active one alive.

    An active session's idle clock (SESSION_COOKIE_AGE) is wound when it was last wound more than
    SESSION_REFRESH_SECONDS ago: the session is saved then, with its cookie, instead of on every request.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.limit = settings.SESSION_ABSOLUTE_LIFETIME.total_seconds()
        self.refresh = settings.SESSION_REFRESH_SECONDS

    def __call__(self, request):
        user = getattr(request, "user", None)
        now = time.time()
        if user is not None and user.is_authenticated:
            started = request.session.get(SESSION_STARTED_KEY)
            if started is None:
                request.session[SESSION_STARTED_KEY] = now
            elif now - started > self.limit:
                logout(request)
                messages.info(request, _("Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại."))
                return redirect_to_login(request.get_full_path())
            if now - request.session.get(SESSION_REFRESHED_KEY, 0) > self.refresh:
                request.session[SESSION_REFRESHED_KEY] = now
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
