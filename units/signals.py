"""Signal handlers of the organisation app."""

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .middleware import SESSION_STARTED_KEY


@receiver(user_logged_in)
def stamp_login_time(sender, request, user, **kwargs):
    """Start the absolute session clock at login."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_STARTED_KEY] = time.time()
