"""Existing page slugs with Vietnamese letters become ASCII (đ as d); each old address redirects to its page.

Only pages whose slug is not ASCII change: their url_path and their descendants' follow, and a permanent
redirect from the old path (as the site served it) to the page keeps bookmarks and printed links working.
"""

from django.db import migrations

from elearn.text import ascii_slug

STEPLEN = 4  # treebeard's path step for Wagtail pages


def _free_slug(Page, page, base):
    siblings = Page.objects.filter(path__startswith=page.path[:-STEPLEN], depth=page.depth)
    taken = set(siblings.exclude(pk=page.pk).values_list("slug", flat=True))
    slug, number = base or "trang", 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def fold_slugs(apps, schema_editor):
    from wagtail.contrib.redirects.models import Redirect as LiveRedirect

    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Redirect = apps.get_model("wagtailredirects", "Redirect")
    sites = list(Site.objects.select_related("root_page"))
    for page in Page.objects.order_by("depth"):  # parents first: a child's url_path then starts right
        page.refresh_from_db(fields=["url_path"])
        if page.slug.isascii():
            continue
        old_url_path = page.url_path
        page.slug = _free_slug(Page, page, ascii_slug(page.slug))
        new_url_path = old_url_path[: old_url_path.rstrip("/").rfind("/") + 1] + page.slug + "/"
        page.url_path = new_url_path
        page.save(update_fields=["slug", "url_path"])
        for descendant in Page.objects.filter(path__startswith=page.path, depth__gt=page.depth):
            descendant.url_path = new_url_path + descendant.url_path[len(old_url_path) :]
            descendant.save(update_fields=["url_path"])
        for site in sites:
            root = site.root_page.url_path
            if old_url_path.startswith(root):
                old_path = LiveRedirect.normalise_path("/" + old_url_path[len(root) :])
                Redirect.objects.get_or_create(
                    old_path=old_path, site=site, defaults={"redirect_page_id": page.pk, "is_permanent": True}
                )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_remove_wagtail_default_roles"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(fold_slugs, migrations.RunPython.noop)]
