"""Refusing an out-of-scope request: the 403 page and the record of who asked for what."""

import logging

from django.shortcuts import render
from wagtail.log_actions import log

logger = logging.getLogger("elearn.scope")

ACTION = "units.out_of_scope"


def describe(target):
    if target is None:
        return ""
    return f"{target._meta.label}:{target.pk}"


def record(request, target=None):
    """Log an out-of-scope request with the viewer and the URL, in the log and in Wagtail's audit log."""
    user = request.user
    url = request.get_full_path()
    logger.warning(
        "out-of-scope request refused: user=%s (%s) %s %s target=%s",
        user.pk,
        user.get_username(),
        request.method,
        url,
        describe(target),
    )
    if user.is_authenticated:
        account = getattr(user, "_wrapped", user)  # the real account behind request.user's lazy object
        log(
            instance=account,
            action=ACTION,
            user=account,
            data={"url": url, "method": request.method, "target": describe(target)},
        )


def refuse(request, exception):
    """The 403 page of an OutOfScope refusal, in the admin's frame for admin URLs."""
    record(request, exception.target)
    in_admin = request.path.startswith("/admin/")
    template = "units/out_of_scope_admin.html" if in_admin else "units/out_of_scope.html"
    return render(request, template, {"message": exception.message}, status=403)
