"""Build the demo home page, news section and default site (home.demo_content), idempotently."""

from elearn.publishing import stream, sync_child_page, sync_default_site
from elearn.sync import CREATED, UNCHANGED, UPDATED, SyncCounts

from .demo_content import ARTICLES, HOME, NEWS_INDEX, REVIEW_DRAFT
from .models import ArticleIndexPage, ArticlePage, HomeFeaturedCourse, HomePage

SITE_HOSTNAME = "localhost"
SITE_NAME = "Học tập CNTT cho cán bộ"


def get_home_page():
    """The one HomePage (created by home's data migration)."""
    home_page = HomePage.objects.first()
    if home_page is None:
        raise HomePage.DoesNotExist("No HomePage: run `manage.py migrate` first.")
    return home_page


def load_demo_news(home_page):
    """The news index below the home page and its articles; return SyncCounts over these pages."""
    counts = SyncCounts()
    index, status = sync_child_page(
        home_page, ArticleIndexPage, NEWS_INDEX["slug"], {"title": NEWS_INDEX["title"], "intro": NEWS_INDEX["intro"]}
    )
    counts.record(status)
    for article in ARTICLES:
        fields = {
            "title": article["title"],
            "date": article["date"],
            "intro": article["intro"],
            "body": stream(article["body"]),
        }
        _page, status = sync_child_page(index, ArticlePage, article["slug"], fields)
        counts.record(status)
    return counts


def configure_home_page(home_page, cta_page, featured_courses):
    """Hero texts, the hero button to `cta_page` and the featured courses, once; return the status.

    Only a home page that has never been given a hero button is configured: after that it is
    the editors' page.
    """
    if home_page.hero_cta_page_id is not None:
        return UNCHANGED
    for name, value in {**HOME, "hero_cta_page": cta_page}.items():
        setattr(home_page, name, value)
    home_page.featured_courses = [
        HomeFeaturedCourse(course=course, sort_order=order) for order, course in enumerate(featured_courses)
    ]
    home_page.save_revision().publish()
    return UPDATED


def configure_default_site(home_page):
    """The default site serves the home page on localhost under the product's name; return (site, status)."""
    return sync_default_site(home_page, SITE_HOSTNAME, SITE_NAME)


def load_demo_review_draft(username="bientap"):
    """A news draft by the demo editor, sent to the review workflow once; return the status."""
    from django.contrib.auth import get_user_model

    index = ArticleIndexPage.objects.filter(slug=NEWS_INDEX["slug"]).first()
    if index is None or ArticlePage.objects.filter(slug=REVIEW_DRAFT["slug"]).exists():
        return UNCHANGED
    editor = get_user_model().objects.get(username=username)
    page = ArticlePage(
        title=REVIEW_DRAFT["title"],
        slug=REVIEW_DRAFT["slug"],
        intro=REVIEW_DRAFT["intro"],
        body=stream(REVIEW_DRAFT["body"]),
        live=False,
        owner=editor,
    )
    index.add_child(instance=page)
    page.save_revision(user=editor)
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, editor)
    return CREATED
