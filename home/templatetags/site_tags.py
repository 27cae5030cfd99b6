"""Template tags shared by every public page: navigation, the signed-in user, forms, pagination."""

from django import template
from django.core.cache import cache
from django.core.paginator import Page as PaginatorPage
from django.urls import NoReverseMatch, reverse
from wagtail.models import Site

from elearn.formatting import duration_text
from home import page_cache

register = template.Library()

_SECTIONS_CACHE = "_site_sections"
SECTIONS_SECONDS = 300
ADMIN_LINK_SECONDS = 60


def _site_root(request):
    site = Site.find_for_request(request) if request is not None else None
    return site.root_page if site else None


@register.simple_tag(takes_context=True)
def site_sections(context):
    """The first live course catalogue and news section of the current site, as {"courses", "news"}.

    Looked up once per request (the header, the home page and the footer all ask for it), and kept in the
    shared cache with the cached pages' generation, so that publishing or moving a page forgets it.
    """
    request = context.get("request")
    cached = getattr(request, _SECTIONS_CACHE, None)
    if cached is not None:
        return cached
    root = _site_root(request)
    key = f"site-sections:{page_cache.generation()}:{root.pk if root else 0}"
    sections = cache.get(key)
    if sections is None:
        sections = _sections_below(root)
        cache.set(key, sections, SECTIONS_SECONDS)
    if request is not None:
        setattr(request, _SECTIONS_CACHE, sections)
    return sections


def _sections_below(root):
    from courses.models import CourseIndexPage
    from home.models import ArticleIndexPage

    sections = {}
    for key, model in (("courses", CourseIndexPage), ("news", ArticleIndexPage)):
        pages = model.objects.live().public()
        if root is not None:
            pages = pages.descendant_of(root)
        sections[key] = pages.order_by("path").first()
    return sections


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    """The main navigation, marking the section of the current page with aria-current."""
    request = context.get("request")
    current = context.get("page")
    root = _site_root(request)
    sections = site_sections(context)
    items = []
    if root is not None:
        items.append({"key": "home", "page": root, "current": _current(current, root, exact_only=True)})
    for key in ("courses", "news"):
        section = sections.get(key)
        if section is not None:
            items.append({"key": key, "page": section, "current": _current(current, section)})
    return {"items": items, "request": request}


def _current(current, target, exact_only=False):
    """aria-current value for a link to target: "page" on it, "true" below it, "" elsewhere."""
    if current is None or not getattr(current, "path", None):
        return ""
    if current.pk == target.pk:
        return "page"
    if not exact_only and current.path.startswith(target.path):
        return "true"
    return ""


@register.filter
def display_name(user):
    """A cadre's full name, else the account's username."""
    # A user without a profile raises RelatedObjectDoesNotExist, an AttributeError.
    cadre = getattr(user, "cadre", None)
    return (cadre.full_name if cadre is not None else "") or user.get_username()


@register.filter
def can_access_admin(user):
    """Whether the header links to the admin; remembered a minute per person (the admin checks for itself)."""
    if not (user and user.is_authenticated):
        return False
    return cache.get_or_set(
        f"can-access-admin:{user.pk}", lambda: user.has_perm("wagtailadmin.access_admin"), ADMIN_LINK_SECONDS
    )


@register.simple_tag
def admin_url():
    try:
        return reverse("wagtailadmin_home")
    except NoReverseMatch:
        return "/admin/"


@register.filter
def described_widget(bound_field):
    """Render a form field's widget pointing at its help text and errors with aria-describedby."""
    ids = []
    if bound_field.help_text:
        ids.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        ids.append(f"{bound_field.auto_id}_errors")
    attrs = {"aria-describedby": " ".join(ids)} if ids else None
    return bound_field.as_widget(attrs=attrs)


@register.filter
def elided_pages(page):
    """Page numbers around the current page, with Paginator.ELLIPSIS for the gaps."""
    if not isinstance(page, PaginatorPage):
        return []
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))


@register.filter
def minutes_seconds(seconds):
    """A duration in seconds as Vietnamese words (static/js/lesson.js formats the countdown alike)."""
    return duration_text(seconds)


@register.simple_tag
def help_index_url():
    """The user guides' address ("Hướng dẫn sử dụng"), for the footer; empty when there are none."""
    from home.models import HelpIndexPage

    index = HelpIndexPage.objects.live().public().first()
    return index.url if index else ""
