"""Idempotent page publishing: create a missing page and publish it; leave an existing one alone.

Used by the demo data and by anything else that seeds pages from data held in code.
StreamField content is written in a short notation (see `stream`), turned into the raw
JSON of elearn.blocks.BaseContentBlock.
"""

from wagtail.models import Page, Site

from elearn.sync import CREATED, UNCHANGED, UPDATED

CALLOUT_KINDS = {"tip", "note", "warning"}


def rich_text(content):
    """HTML for a rich text field: a paragraph, or a list when `content` is a list of items."""
    if isinstance(content, (list, tuple)):
        return "<ul>" + "".join(f"<li>{item}</li>" for item in content) + "</ul>"
    return content if content.startswith("<") else f"<p>{content}</p>"


def stream(spec):
    """Raw StreamField data (list of {"type", "value"}) from a list of short block tuples.

    ("h2", text) / ("h3", text)               heading
    ("p", text or html)                       paragraph
    ("ul", [items]) / ("ol", [items])         paragraph holding a list
    ("tip" | "note" | "warning", title, text or [items])   callout
    ("quote", text, source)                   quote
    ("image", image id, caption, alt text)    image
    Texts may hold inline HTML (<b>, <i>).
    """
    blocks = []
    for kind, *args in spec:
        if kind in ("h2", "h3"):
            blocks.append({"type": "heading", "value": {"text": args[0], "level": kind}})
        elif kind == "p":
            blocks.append({"type": "paragraph", "value": rich_text(args[0])})
        elif kind in ("ul", "ol"):
            items = "".join(f"<li>{item}</li>" for item in args[0])
            blocks.append({"type": "paragraph", "value": f"<{kind}>{items}</{kind}>"})
        elif kind in CALLOUT_KINDS:
            title, text = args
            blocks.append({"type": "callout", "value": {"kind": kind, "title": title, "text": rich_text(text)}})
        elif kind == "quote":
            text, source = args
            blocks.append({"type": "quote", "value": {"text": text, "source": source}})
        elif kind == "image":
            image, caption, alt_text = args
            blocks.append({"type": "image", "value": {"image": image, "caption": caption, "alt_text": alt_text}})
        else:
            raise ValueError(f"Unknown block kind in stream spec: {kind!r}")
    return blocks


def _set_child_rows(page, relation, rows):
    model = getattr(page, relation).model
    setattr(page, relation, [model(**row) for row in rows])


def sync_child_page(parent, page_class, slug, fields, child_relations=None):
    """Make a published `page_class` page with `slug` exist below `parent`.

    A missing page is created with these fields and published; an existing one is left as
    editors made it (a rerun never overwrites their work). Returns ``(page, status)``.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is None:
        page = page_class(slug=slug, **fields)
        for name, rows in (child_relations or {}).items():
            _set_child_rows(page, name, rows)
        # Re-read the parent: its numchild decides where treebeard puts the new page.
        Page.objects.get(pk=parent.pk).add_child(instance=page)
        page.save_revision().publish()
        return page, CREATED
    page = existing.specific
    if not isinstance(page, page_class):
        raise TypeError(f"Page {page.url_path!r} is a {type(page).__name__}, expected {page_class.__name__}")
    return page, UNCHANGED


def sync_default_site(root_page, hostname, site_name, port=None):
    """Make the default site answer on `hostname` with `root_page` as root; return (site, status)."""
    site = Site.objects.filter(is_default_site=True).first()
    wanted = {"hostname": hostname, "root_page_id": root_page.pk, "site_name": site_name}
    if port is not None:
        wanted["port"] = port
    if site is None:
        return Site.objects.create(is_default_site=True, port=port or 80, **wanted), CREATED
    changed = {name: value for name, value in wanted.items() if getattr(site, name) != value}
    if not changed:
        return site, UNCHANGED
    for name, value in changed.items():
        setattr(site, name, value)
    site.save()
    return site, UPDATED
