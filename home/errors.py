"""The error pages: 403 and 404 on the site and in the admin, and the admin's permission refusal as a 403 page.

Wagtail answers an admin permission refusal with a redirect to the dashboard and a flash message, and a
signed-in person without admin access with a redirect to the login page: someone who followed a link never
learns why. Here both are a 403 page in the frame the person was in, with a way back. The 500 page is
Django's own view on templates/500.html (errors/standalone.html: no request, context processors or database).
"""

from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

ADMIN_PREFIX = "/admin/"


def _in_admin(request):
    user = getattr(request, "user", None)
    return (
        request.path.startswith(ADMIN_PREFIX)
        and user is not None
        and user.is_authenticated
        and user.has_perm("wagtailadmin.access_admin")
    )


def _way_back(request, fallback):
    """The page the person came from, when it is on this site; else `fallback`."""
    referer = request.headers.get("referer", "")
    if (
        referer
        and referer != request.build_absolute_uri()
        and url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return referer
    return fallback


def admin_permission_denied(request):
    """An admin screen the member of staff may not open: a 403 page in the admin, back to where they were."""
    return render(
        request,
        "wagtailadmin/403.html",
        {"back_url": _way_back(request, reverse("wagtailadmin_home"))},
        status=403,
    )


def permission_denied(request, exception=None):
    """handler403: the admin's 403 page for staff inside the admin, the site's for everyone else."""
    if _in_admin(request):
        return admin_permission_denied(request)
    return render(request, "403.html", {"back_url": _way_back(request, "/")}, status=403)


def page_not_found(request, exception=None):
    """handler404: Wagtail's admin 404 page for staff inside the admin, the site's for everyone else."""
    if _in_admin(request):
        return render(request, "wagtailadmin/404.html", status=404)
    return render(request, "404.html", status=404)


def install_admin_refusals():
    """Make Wagtail's refusals 403 pages (its auth module looks these functions up when it refuses)."""
    from wagtail.admin import auth

    wagtail_reject_request = auth.reject_request

    def reject_request(request):
        if request.user.is_authenticated and request.headers.get("x-requested-with") != "XMLHttpRequest":
            return render(
                request, "403.html", {"back_url": "/", "not_staff": True}, status=403
            )  # signed in, but no admin access: the login page would not help
        return wagtail_reject_request(request)

    def refuse(request):
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        return admin_permission_denied(request)

    auth.permission_denied = refuse
    auth.reject_request = reject_request
