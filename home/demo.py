"""Build the demo home page, news section and default site (home.demo_content), idempotently."""

from elearn.publishing import stream, sync_child_page, sync_default_site
from elearn.sync import CREATED, UNCHANGED, UPDATED, SyncCounts

from .demo_content import ARTICLES, GUIDES, HELP_INDEX, HOME, NEWS_INDEX, REVIEW_DRAFT
from .models import ArticleIndexPage, ArticlePage, HelpIndexPage, HelpPage, HomeFeaturedCourse, HomePage

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


def _screenshot_images(screenshots_dir):
    """{file name: Wagtail image} of the guides' screenshots, in a "Hướng dẫn sử dụng" collection, made once."""
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    collection = Collection.objects.filter(name=HELP_INDEX["title"]).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=HELP_INDEX["title"])
    image_model = get_image_model()
    images = {}
    names = {block[1] for guide in GUIDES for block in guide["body"] if block[0] == "shot"}
    for name in sorted(names):
        image = image_model.objects.filter(collection=collection, title=name).first()
        if image is None and (screenshots_dir / name).exists():
            with open(screenshots_dir / name, "rb") as source:
                image = image_model(title=name, collection=collection, file=ImageFile(source, name=name))
                image.save()
        images[name] = image
    return images


def load_demo_help(home_page, screenshots_dir):
    """The user guides (one per role) below the home page, with the product's screenshots; return SyncCounts."""
    images = _screenshot_images(screenshots_dir)
    counts = SyncCounts()
    index, status = sync_child_page(
        home_page, HelpIndexPage, HELP_INDEX["slug"], {"title": HELP_INDEX["title"], "intro": HELP_INDEX["intro"]}
    )
    counts.record(status)
    for guide in GUIDES:
        body = []
        for kind, *args in guide["body"]:
            if kind != "shot":
                body.append((kind, *args))
            elif images.get(args[0]) is not None:
                body.append(("image", images[args[0]].pk, args[1], args[1]))
        fields = {"title": guide["title"], "audience": guide["audience"], "intro": guide["intro"], "body": stream(body)}
        _page, status = sync_child_page(index, HelpPage, guide["slug"], fields)
        counts.record(status)
    return counts
