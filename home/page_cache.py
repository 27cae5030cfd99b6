"""Public pages served from the shared cache to visitors who are not logged in (README, "Exam day").

Only Wagtail's page serving goes through here (home.serving), and only for a visitor without any cookie of
ours: such a request cannot carry a person, so its page is the same for everyone. A response is kept only
when it is a plain 200 that sets no cookie and says nothing against caching (a page with a form sets the CSRF
cookie, and is therefore never kept). A person's pages are never cached: a logged-in visitor always has the
session cookie. Every publish, unpublish, move or deletion of a page, a change of its privacy and a contest's
published ranking start a new generation of keys, so no visitor sees a page that was replaced; anything else
a page shows is at most PAGE_CACHE_SECONDS old.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

GENERATION_KEY = "page-cache:generation"
KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition")


def generation():
    return cache.get_or_set(GENERATION_KEY, 1, timeout=None)


def new_generation(**kwargs):
    """Signal receiver: forget every cached page."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet (or the cache was emptied): the next one starts afresh
        cache.set(GENERATION_KEY, 2, timeout=None)


def _anonymous(request):
    cookies = request.COOKIES
    return request.method in ("GET", "HEAD") and not (
        settings.SESSION_COOKIE_NAME in cookies or settings.CSRF_COOKIE_NAME in cookies or "messages" in cookies
    )


def _keepable(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.cookies
        and not getattr(response, "streaming", False)
        and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
    )


def served(request, view):
    """The response of `view()` for this request, from the cache when the visitor is anonymous."""
    seconds = settings.PAGE_CACHE_SECONDS
    if not seconds or not _anonymous(request):
        return view()
    key = f"page-cache:{generation()}:{request.get_host()}:{request.get_full_path()}"
    kept = cache.get(key)
    if kept is not None:
        content, headers = kept
        return HttpResponse(content, headers=headers)
    response = view()
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    if _keepable(response):
        headers = {name: response[name] for name in KEPT_HEADERS if name in response}
        cache.set(key, (response.content, headers), seconds)
    return response
