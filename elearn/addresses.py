"""The site's public address, for links that leave the request: emails, QR codes, PDFs."""

from django.conf import settings


def site_url():
    """The public address: SITE_URL, else WAGTAILADMIN_BASE_URL (no trailing slash)."""
    base = getattr(settings, "SITE_URL", "") or settings.WAGTAILADMIN_BASE_URL
    return base.rstrip("/")


def absolute_url(path):
    return f"{site_url()}{path}"
