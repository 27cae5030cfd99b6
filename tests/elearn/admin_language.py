"""The admin language crawler: English that Wagtail or Django would show a Vietnamese member of staff.

The messages are the msgids of the installed apps' gettext catalogues (Wagtail, Django, django-filter, taggit,
...) that have no Vietnamese translation in the running site, the project's own catalogue included. The
crawler walks the admin as one logged-in user from the dashboard, following the links of every page it opens
(menus, listings, edit and create links), a few pages of each URL shape, and compares each page's visible text
(text nodes and the attributes a person reads or hears) with those messages.
"""

import json
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import django
import polib
from bs4 import BeautifulSoup, Comment
from django.apps import apps

# Words that are the same in Vietnamese staff's usage and Wagtail's English: product and file-format names.
SAME_IN_VIETNAMESE = {
    "Wagtail",  # the CMS's name, in "Wagtail" links and the admin's about text
    "H5P",
    "SCORM",
    "Excel",
    "PDF",
    "CSV",
    "JSON",
    "URL",
    "HTML",
    "Email",  # "Email" is the usual Vietnamese word in public administration forms
    "ID",
    "OK",
    "SVG",
}

# Attributes a person reads or a screen reader speaks.
SPOKEN_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt", "aria-description", "data-w-tooltip-content-value")
# Keys of the JSON that Wagtail's admin widgets carry in attributes and scripts and show as labels.
LABEL_KEYS = {"label", "helpText", "help_text", "title", "placeholder", "description", "text", "heading"}
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[^{}]*\}")
SKIPPED_PATHS = ("/admin/logout/", "/admin/jsi18n/", "/admin/documents/serve/", "/admin/password_reset/")
# Links that download a file or change something on GET, not pages to read.
SKIPPED_QUERY = re.compile(r"(^|&)(export|format)=")


def catalogue_files(domain="django"):
    """One .po file per installed app (and Django itself) holding the app's msgids, in English where shipped."""
    roots = [Path(django.__file__).parent / "conf"] + [Path(config.path) for config in apps.get_app_configs()]
    for root in roots:
        locale = root / "locale"
        if not locale.is_dir():
            continue
        english = locale / "en" / "LC_MESSAGES" / f"{domain}.po"
        if english.exists():
            yield english
            continue
        # A package without an English catalogue (django-filter): any language's file lists the same msgids.
        yield from sorted(locale.glob(f"*/LC_MESSAGES/{domain}.po"))[:1]


def catalogue_messages(domain="django"):
    """Every catalogue entry of the installed apps in `domain`, but the words that are the same in Vietnamese."""
    for path in catalogue_files(domain):
        for entry in polib.pofile(str(path)):
            if not entry.obsolete and entry.msgid and entry.msgid not in SAME_IN_VIETNAMESE:
                yield entry


def untranslated_messages():
    """The msgids the site shows in English to a Vietnamese reader: those no Vietnamese catalogue translates
    (a translation may equal the English, as "%(size)d byte" does)."""
    from django.utils.translation import trans_real

    catalogue = trans_real.translation("vi")._catalog
    missing = set()
    for entry in catalogue_messages():
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            key = (key, 0)
        if not catalogue.get(key):
            missing.add(entry.msgid)
    return missing


class Matcher:
    """Finds the untranslated messages in a piece of visible text."""

    def __init__(self, messages):
        self.exact = {}
        self.patterns = []
        for message in messages:
            if "<" in message:  # a message with markup never arrives whole in one text node
                continue
            text = " ".join(message.split())
            if not re.search(r"[A-Za-z]{2}", PLACEHOLDER.sub("", text)):
                continue  # only placeholders, digits or punctuation: nothing English to read
            if PLACEHOLDER.search(text):
                parts = PLACEHOLDER.split(text)
                self.patterns.append((message, re.compile(".+?".join(re.escape(part) for part in parts) + "$")))
            else:
                self.exact[text] = message

    def find(self, text):
        text = " ".join(text.split())
        if not text:
            return None
        if text in self.exact:
            return self.exact[text]
        # "Pages" in "24 Pages": the count is a separate node in some templates; the text itself may end in ":" or "…"
        bare = text.rstrip(":…*").strip()
        if bare in self.exact:
            return self.exact[bare]
        for message, pattern in self.patterns:
            if pattern.match(text):
                return message
        return None


def _json_labels(value, found, links=None):
    """The labels in JSON that an admin widget renders (found), and its menu's links (links)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in LABEL_KEYS and isinstance(item, str):
                found.append(item)
            elif key == "url" and isinstance(item, str) and links is not None:
                links.append(item)
            else:
                _json_labels(item, found, links)
    elif isinstance(value, list):
        for item in value:
            _json_labels(item, found, links)


def visible_texts(html):
    """The texts of a page a person reads or hears (text nodes, spoken attributes, button values, JSON labels),
    and the links of the page, those of the sidebar menu (JSON that a script renders) included."""
    soup = BeautifulSoup(html, "html.parser")
    texts, links = [], [link["href"] for link in soup.find_all("a", href=True)]
    for script in soup.find_all("script"):
        if script.get("type") in ("application/json", "text/json") or script.get("id", "").endswith("-data"):
            try:
                _json_labels(json.loads(script.string or ""), texts, links)
            except ValueError:
                pass
        script.decompose()
    for style in soup.find_all("style"):
        style.decompose()
    for node in soup.find_all(string=True):
        if not isinstance(node, Comment) and node.strip():
            texts.append(str(node))
    for element in soup.find_all(True):
        for attribute in SPOKEN_ATTRIBUTES:
            if element.get(attribute):
                texts.append(element[attribute])
        if element.name == "input" and element.get("type") in ("submit", "button") and element.get("value"):
            texts.append(element["value"])
        for attribute, value in element.attrs.items():
            if attribute.startswith("data-") and isinstance(value, str) and value[:1] in "{[":
                try:
                    _json_labels(json.loads(value), texts)
                except ValueError:
                    pass
    return texts, links


# What makes the browser fetch: attributes and CSS url(). A page may link out (an <a>); it may not load from outside.
LOADING_ATTRIBUTES = ("src", "srcset", "poster", "data", "action", "formaction")
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")


def outside_references(html, own_host="testserver"):
    """The addresses on other hosts that the page would load (scripts, styles, images, frames, fonts...)."""
    soup = BeautifulSoup(html, "html.parser")
    found = set()
    for element in soup.find_all(True):
        candidates = [element.get(name) for name in LOADING_ATTRIBUTES]
        if element.name == "link":
            candidates.append(element.get("href"))
        if element.get("style"):
            candidates += CSS_URL.findall(element["style"])
        for value in candidates:
            for address in str(value or "").replace(",", " ").split():
                host = urlsplit(address).netloc if address.startswith(("http:", "https:", "//")) else ""
                if host and host != own_host:
                    found.add(address)
    for style in soup.find_all("style"):
        for address in CSS_URL.findall(style.get_text()):
            host = urlsplit(address).netloc
            if host and host != own_host:
                found.add(address)
    return found


def _shape(path):
    """/admin/pages/12/edit/ and /admin/pages/40/edit/ are one shape; so are two ?p= pages of a listing."""
    return re.sub(r"/\d+(?=/)", "/N", path)


@dataclass
class PageReport:
    url: str
    status: int
    english: list = field(default_factory=list)
    outside: set = field(default_factory=set)


@dataclass
class Crawl:
    role: str
    pages: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    seconds: float = 0.0

    @property
    def english_count(self):
        return sum(len(page.english) for page in self.pages)

    def table(self):
        lines = [f"{self.role}: {len(self.pages)} pages, {self.english_count} English strings, {self.seconds:.0f} s"]
        for page in self.pages:
            shown = "; ".join(sorted(set(page.english))[:6])
            lines.append(f"  {len(page.english):>3}  {page.url}" + (f"  [{shown}]" if shown else ""))
        return "\n".join(lines)


# The editor's choosers open in a modal from a script, so no link leads to them; their HTML comes as JSON.
CHOOSERS = ["/admin/choose-page/", "/admin/images/chooser/", "/admin/documents/chooser/"]


def crawl(client, role, matcher, start="/admin/", per_shape=1, limit=400):
    """GET the admin from `start` (and the choosers) as the logged-in client, following admin links breadth first."""
    result = Crawl(role)
    queue, by_shape = [start, *CHOOSERS], defaultdict(int)
    seen = set(queue)
    started = time.monotonic()
    while queue and len(result.pages) < limit:
        url = queue.pop(0)
        response = client.get(url)
        if response.status_code >= 500:
            result.errors.append(f"{response.status_code} {url}")
        if response.status_code != 200:
            continue
        if "json" in response.get("Content-Type", ""):  # a chooser modal: {"html": ..., "step": ...}
            try:
                html = json.loads(response.content).get("html", "")
            except (ValueError, AttributeError):
                continue
        elif "html" in response.get("Content-Type", ""):
            html = response.content.decode()
        else:
            continue
        texts, links = visible_texts(html)
        report = PageReport(url, response.status_code, outside=outside_references(html))
        for text in texts:
            message = matcher.find(text)
            if message:
                report.english.append(message)
        result.pages.append(report)
        for link in links:
            target = urljoin(url, link)
            parts = urlsplit(target)
            if parts.netloc or not parts.path.startswith("/admin/") or parts.path.startswith(SKIPPED_PATHS):
                continue
            if SKIPPED_QUERY.search(parts.query):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            shape = _shape(parts.path) + ("?" if parts.query else "")
            if target in seen or by_shape[shape] >= per_shape:
                continue
            seen.add(target)
            by_shape[shape] += 1
            queue.append(target)
    result.seconds = time.monotonic() - started
    return result
