"""The privacy notice and consent (Luật Bảo vệ dữ liệu cá nhân 91/2025): everyone who logs in reads and accepts
the published version of the notice once, and again whenever a new version is published.

The notice is a snippet with revisions (accounts.models.PrivacyNotice); a version is its live revision, which
is what a PrivacyConsent records, with the time and the client address, and what "Tài khoản của tôi" shows.
"""

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from elearn.audit import record

from .models import PrivacyConsent, PrivacyNotice

ACCEPTED = "accounts.privacy_accepted"
ACTIONS = {
    ACCEPTED: (_("Đồng ý thông báo dữ liệu cá nhân"), _("Đồng ý thông báo xử lý dữ liệu cá nhân, phiên bản {version}"))
}
SESSION_KEY = "accounts.privacy_accepted"
CACHE_KEY = "accounts.privacy_live_revision"
CACHE_SECONDS = 30  # a newly published version reaches everyone within half a minute


def live_revision_id():
    """The id of the published version of the notice, or None when none is published."""
    value = cache.get(CACHE_KEY)
    if value is None:
        notice = PrivacyNotice.objects.filter(live=True).order_by("pk").first()
        value = notice.live_revision_id if notice and notice.live_revision_id else 0
        cache.set(CACHE_KEY, value, CACHE_SECONDS)
    return value or None


def forget_live_revision(**kwargs):
    cache.delete(CACHE_KEY)


def must_accept(request):
    """True when the logged-in person has not accepted the published version yet (checked once a session)."""
    revision_id = live_revision_id()
    if revision_id is None or request.session.get(SESSION_KEY) == revision_id:
        return False
    if PrivacyConsent.objects.filter(user=request.user, revision_id=revision_id).exists():
        request.session[SESSION_KEY] = revision_id
        return False
    return True


def accept(request, revision_id, address=None):
    consent, created = PrivacyConsent.objects.get_or_create(
        user=request.user, revision_id=revision_id, defaults={"address": address}
    )
    if created:
        record(request.user, ACCEPTED, user=request.user, data={"version": revision_id})
    request.session[SESSION_KEY] = revision_id
    return consent


def version_of(revision):
    """The notice as it was in `revision`."""
    return revision.as_object()


def consents_of(user):
    return PrivacyConsent.objects.filter(user=user).select_related("revision").order_by("-accepted_at")
