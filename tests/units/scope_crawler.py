"""The scope crawler: every GET URL of the site and the admin, tried as one role, searched for people it must not see.

The URLs come from the URL configuration (so a new view is crawled without anyone listing it); their
arguments from a pool of objects inside and outside the role's scope. Each response (HTML, JSON, CSV,
XLSX) is searched for the staff codes and names of the people outside the scope.
"""

import io
import json
import re
import sys
import time
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path
from urllib.parse import urlencode

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern
from openpyxl import load_workbook

# GET endpoints whose job is to end the session or to fail on purpose.
PRIVACY_NOTICE = "/tai-khoan/du-lieu-ca-nhan/"
SKIPPED_NAMES = {"wagtailadmin_logout", "accounts:logout", "wagtailadmin_error_test"}
# Public by design, to anyone holding the link: a certificate's verification page names its holder (and nothing
# else; tests/certificates and tests/demo/test_public_exposure.py check what it shows).
PUBLIC_BY_DESIGN = {"certificates:verify"}
REFUSED = {302, 401, 403, 404, 405}
ROUTE_ARGUMENT = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^)]*)\)|\((?P<anon>[^?)][^)]*)\)")


@dataclass
class Pattern:
    """One URL pattern: its full route (route syntax or regex pieces), its name and its view."""

    pieces: list  # (kind, text): kind "route" or "regex"
    name: str
    callback: object

    @property
    def view_class(self):
        return getattr(self.callback, "view_class", None)

    @property
    def is_ours(self):
        """Whether the view is one of this project's (not Wagtail's or Django's)."""
        from django.conf import settings

        path = Path(getattr(sys.modules.get(self.callback.__module__), "__file__", None) or "/").resolve()
        return path.is_relative_to(settings.BASE_DIR) and ".venv" not in path.parts

    @property
    def model(self):
        """The model of a Wagtail generic view (its viewset passes it in), else None."""
        initkwargs = getattr(self.callback, "view_initkwargs", None) or {}
        model = initkwargs.get("model") or initkwargs.get("model_class")
        if isinstance(model, str):
            from django.apps import apps

            model = apps.get_model(model)
        return model if isinstance(model, type) else None


def url_patterns(resolver=None, pieces=(), namespace=""):
    """Every URL pattern of the configuration, with its namespaced name."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        kind = "regex" if isinstance(entry.pattern, RegexPattern) else "route"
        piece = (kind, str(entry.pattern))
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            if namespace and entry.namespace:
                inner = f"{namespace}:{entry.namespace}"
            yield from url_patterns(entry, (*pieces, piece), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else (entry.name or "")
            yield Pattern([*pieces, piece], name, entry.callback)


@dataclass
class Values:
    """Candidate values for URL arguments, by argument name, converter or model."""

    by_name: dict
    by_model: object  # model -> candidate pks
    pool: list  # ids of every object of interest, for an id whose model the crawler cannot tell
    pages: list  # ids of a few pages (for the page admin's many views)
    page_paths: list  # the public URLs of every live page
    defaults: dict = field(
        default_factory=lambda: {"str": ["x"], "slug": ["x"], "path": ["x"], "uuid": [str(uuid.UUID(int=1))]}
    )

    def for_argument(self, name, converter, model):
        if isinstance(model, str):
            from django.apps import apps

            model = apps.get_model(model)
        if name in self.by_name:
            return self.by_name[name]
        if model is not None and name in ("pk", "id", "object_id"):
            return self.by_model(model) or ["1"]
        if name in ("page_id", "parent_page_id"):
            return self.pages
        if converter == "int" or converter is None and name.endswith("_id") or converter == "regex-int":
            return self.pool
        return self.defaults.get(converter, ["x"])


def _route_urls(text, values, model):
    """(fragments, {argument: value}) for a route piece."""
    names = [(match["name"], match["converter"] or "str") for match in ROUTE_ARGUMENT.finditer(text)]
    choices = [values.for_argument(name, converter, model) for name, converter in names]
    for combination in product(*choices):
        arguments = dict(zip([name for name, _ in names], combination, strict=True))
        fragment = ROUTE_ARGUMENT.sub(lambda match, given=arguments: str(given[match["name"]]), text)
        yield fragment, arguments


def _regex_urls(text, values, model):
    """Fragments for a regex piece: alternations spelled out, digits from the pool, anything else 'x'."""
    text = text.lstrip("^").rstrip("$")
    if text == r"((?:[\w\-]+/)*)":  # Wagtail's page route: every live page
        for page_path in values.page_paths:
            yield page_path.lstrip("/"), {}
        return
    groups = list(REGEX_GROUP.finditer(text))
    choices = []
    for group in groups:
        name = group["name"] or ""
        body = group["body"] if group["name"] else group["anon"]
        if re.fullmatch(r"[\w|]+", body or ""):
            choices.append([(name, option) for option in body.split("|")])
        elif body in (r"\d+", r"[0-9]+"):
            choices.append([(name, value) for value in values.for_argument(name or "id", "regex-int", model)])
        else:
            choices.append([(name, "x")])
    for combination in product(*choices):
        fragment, arguments, position = "", {}, 0
        for group, (name, value) in zip(groups, combination, strict=True):
            fragment += text[position : group.start()] + str(value)
            position = group.end()
            if name:
                arguments[name] = value
        fragment += text[position:]
        yield fragment.replace("\\.", ".").replace(".*", "x"), arguments


def concrete_urls(pattern, values):
    """Every URL to try for one pattern, with the arguments that went into it."""
    expansions = [
        (_route_urls if kind == "route" else _regex_urls)(text, values, pattern.model) for kind, text in pattern.pieces
    ]
    for parts in product(*[list(expansion) for expansion in expansions]):
        arguments = {}
        for _fragment, part_arguments in parts:
            arguments.update(part_arguments)
        yield "/" + "".join(fragment for fragment, _ in parts), arguments


def response_text(response):
    """What a person would read in the response: HTML/JSON/CSV as text, an .xlsx as its cell values."""
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    if body.startswith(b"PK"):
        try:
            workbook = load_workbook(io.BytesIO(body), read_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError):
            return ""
        cells = [
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        ]
        return unicodedata.normalize("NFC", "\n".join(cells))
    text = body.decode("utf-8", errors="replace")
    if "json" in response.get("Content-Type", ""):
        try:
            text = json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            pass
    return unicodedata.normalize("NFC", text)


@dataclass
class Guard:
    """The people a role must not see: their staff codes (always) and their names (where unambiguous)."""

    staff_codes: set
    names: set

    def __post_init__(self):
        words = {word.casefold() for word in self.staff_codes | self.names}
        # One alternation of thousands of words tries each of them at every character of a page; a trie of
        # them tries only the branches that start with that character (the crawl spent half its time here).
        self.regex = re.compile(rf"(?<!\w)(?:{_trie_pattern(words)})(?!\w)", re.IGNORECASE) if words else None

    def leaks(self, text):
        if self.regex is None:
            return set()
        return set(self.regex.findall(text))


def _trie_pattern(words):
    """A regex matching exactly `words`, shaped as their prefix tree; a longer word is tried before its prefix."""
    trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node):
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


@dataclass
class Finding:
    url: str
    status: int
    problem: str


@dataclass
class CrawlResult:
    """What one role's crawl saw."""

    role: str
    tried: int = 0
    allowed: int = 0
    refused: int = 0
    seconds: float = 0.0
    findings: list = field(default_factory=list)
    time_by_pattern: dict = field(default_factory=dict)

    @property
    def leaks(self):
        return [finding for finding in self.findings if finding.problem.startswith("leak")]


def _listing_variants(response, pattern, search_probe):
    """Query strings a listing also answers: its search and its export buttons, where it has them.

    The search probe is part of a hidden person's staff code, so that a listing which echoes the query
    ("results for ...") is not taken for a leak, while one that finds the person shows the whole code.
    """
    from wagtail.admin.views.generic.base import BaseListingView

    context = response.context or {}
    view = context.get("view")
    ours = pattern.is_ours and isinstance(view, BaseListingView)
    variants = []
    if ours or getattr(view, "is_searchable", False) or "search_form" in context:
        variants.append({"q": search_probe})
    if ours or getattr(view, "list_export", None):
        variants += [{"export": "xlsx"}, {"export": "csv"}]
    return variants


def crawl(client, user, role, guard, values, out_of_scope_objects, unit_params, search_probe):
    """GET every URL as the logged-in `client`; record leaks, 200s on out-of-scope objects and errors.

    out_of_scope_objects: {model: set of pks} the role must not open; unit_params: query strings naming
    units in and out of scope, tried on every admin URL the role may open; search_probe: what the listings'
    search is asked for.
    """
    result = CrawlResult(role)
    seen = set()

    def log_in():
        client.force_login(user)
        client.post(PRIVACY_NOTICE, {"next": "/"})  # accept the published notice, as at a first login

    def fetch(url, arguments, pattern, follow_ups=True):
        if url in seen:
            return
        seen.add(url)
        response = client.get(url)
        if "_auth_user_id" not in client.session:  # a crawled URL ended the session
            log_in()
        result.tried += 1
        status = response.status_code
        if status >= 500:
            result.findings.append(Finding(url, status, "server error"))
        if status in REFUSED or status >= 400:
            result.refused += 1
        else:
            result.allowed += 1
        leaked = guard.leaks(response_text(response))
        if leaked:
            result.findings.append(Finding(url, status, f"leak: {', '.join(sorted(leaked)[:5])}"))
        if status == 200:
            for name, value in arguments.items():
                target = pattern.model if name in ("pk", "id") else KWARG_MODELS.get(name)
                if target is not None and str(value) in out_of_scope_objects.get(target, set()):
                    result.findings.append(Finding(url, status, f"200 for an out-of-scope {target.__name__}"))
        if status == 200 and follow_ups and guard.regex is not None:
            base = url.split("?")[0]
            variants = _listing_variants(response, pattern, search_probe)
            if base.startswith("/admin/") and pattern.is_ours:  # Wagtail's own views never read ?unit=
                variants += unit_params
            for params in variants:
                fetch(f"{base}?{urlencode(params)}", arguments, pattern, follow_ups=False)

    log_in()
    started = time.monotonic()
    for pattern in url_patterns():
        if pattern.name in SKIPPED_NAMES | PUBLIC_BY_DESIGN:
            continue
        pattern_started, seen_before = time.monotonic(), len(seen)
        for url, arguments in concrete_urls(pattern, values):
            fetch(url, arguments, pattern)
        key = pattern.name or "".join(text for _kind, text in pattern.pieces)
        key = f"{key} ({len(seen) - seen_before})"
        result.time_by_pattern[key] = result.time_by_pattern.get(key, 0) + time.monotonic() - pattern_started
    result.seconds = time.monotonic() - started
    return result


KWARG_MODELS = {}  # argument name -> model, filled by the test from the apps' models


def table(results):
    """The crawler's figures, one line per role."""
    lines = [f"{'role':<14}{'URLs tried':>11}{'allowed':>9}{'refused':>9}{'leaks':>7}{'other':>7}{'seconds':>9}"]
    for result in results:
        lines.append(
            f"{result.role:<14}{result.tried:>11}{result.allowed:>9}{result.refused:>9}"
            f"{len(result.leaks):>7}{len(result.findings) - len(result.leaks):>7}{result.seconds:>9.1f}"
        )
    return "\n".join(lines)
