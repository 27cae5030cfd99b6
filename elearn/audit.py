"""The audit trail: security and data events in Wagtail's audit log (ModelLogEntry), with the client address.

Every app records its events with `record`, under an action it registers (`register` from its hook
`register_log_actions`: a Vietnamese label, and a message template that the entry's data fills in), so
they appear in Wagtail's own "Nhật ký" report with its filters and Excel export. Wagtail offers no screen
that edits or deletes log entries; `prune` removes those older than AUDIT_RETENTION_MONTHS (a periodic task).

`RequestContextMiddleware` remembers the request's client address and user for the events that signals
raise deep below a view (a role given in a form, a login, a second factor added); every entry made during
a request, Wagtail's own included (pages, snippets, assignments), gets the address.
"""

import contextvars
from datetime import timedelta

from django.conf import settings
from django.db.models.signals import pre_save
from django.utils import timezone
from wagtail.log_actions import LogFormatter, log
from wagtail.models import ModelLogEntry, PageLogEntry

_address = contextvars.ContextVar("audit_address", default=None)
_actor = contextvars.ContextVar("audit_actor", default=None)


def client_address(request):
    """The client's address as django-axes sees it (the proxy's X-Forwarded-For first, as configured)."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request)


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        address = _address.set(client_address(request))
        actor = _actor.set(request)
        try:
            return self.get_response(request)
        finally:
            _address.reset(address)
            _actor.reset(actor)


def current_actor():
    """The logged-in user of the request being answered, if any (None in tasks and commands)."""
    request = _actor.get()
    user = getattr(request, "user", None) if request is not None else None
    return user if user is not None and user.is_authenticated else None


def record(instance, action, user=None, data=None, address=None):
    """Log `action` on `instance` by `user` (default: the request's user) with `data` and the client address."""
    data = {**(data or {}), "ip": address or _address.get()}
    return log(instance=instance, action=action, user=user or current_actor(), data=data)


def register(actions, table):
    """Register each action of `table` ({action: (label, message template)}) with Wagtail's log registry
    (from a `register_log_actions` hook)."""
    for action, (label, template) in table.items():
        actions.register_action(action)(described(label, template))


def described(label, template):
    """A formatter for an action: its label, and a message made from the entry's data with `template`
    (str.format with the data's keys; a missing key shows as "?")."""

    class Formatter(LogFormatter):
        def format_message(self, log_entry):
            data = _Missing(log_entry.data or {})
            text = str(template).format_map(data)
            address = data.get("ip")
            return f"{text} (IP {address})" if address else text

    Formatter.label = label
    return Formatter


class _Missing(dict):
    def __missing__(self, key):
        return "?"


def _add_address(sender, instance, **kwargs):
    """Every new audit entry, Wagtail's own too (a page published, an assignment edited), gets the address."""
    if instance._state.adding and isinstance(instance.data, dict) and "ip" not in instance.data:
        address = _address.get()
        if address:
            instance.data = {**instance.data, "ip": address}


pre_save.connect(_add_address, sender=ModelLogEntry, dispatch_uid="elearn.audit.address")
pre_save.connect(_add_address, sender=PageLogEntry, dispatch_uid="elearn.audit.page_address")


def prune(now=None):
    """Delete the audit entries older than AUDIT_RETENTION_MONTHS; returns how many went."""
    limit = (now or timezone.now()) - timedelta(days=30 * settings.AUDIT_RETENTION_MONTHS)
    deleted, _by_model = ModelLogEntry.objects.filter(timestamp__lt=limit).delete()
    return deleted
