"""Signal handlers of the organisation app."""

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import Signal, receiver

from .middleware import SESSION_STARTED_KEY

# Sent inside a reorganisation's transaction with `successions`: [(old_unit, new_unit), ...], so that
# other apps can hand over what pointed at the old units (e.g. course assignments).
units_succeeded = Signal()

# Sent with `unit_ids` after a bulk write changed who counts in those units or how (cadres moved in or
# out, created, left or came back, changed category), so that other apps can refresh what they derive
# from members (e.g. the report counters). Saves of single cadres send Django's post_save instead.
members_changed = Signal()


@receiver(user_logged_in)
def stamp_login_time(sender, request, user, **kwargs):
    """Start the absolute session clock at login."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_STARTED_KEY] = time.time()
