"""Minimal exposure on public pages: crawled anonymously over the demo data, no page shows a staff code or an
email of any demo person (contest rankings show names and units only; certificate verification pages show the
name and what was certified only)."""

import re
from collections import deque
from urllib.parse import urldefrag, urlparse

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page

from certificates.models import Certificate
from tests.demo.test_demo_data import closed_contest
from units.models import Cadre

MAX_PAGES = 400
SKIP = ("/admin/", "/tai-khoan/", "/documents/", "/static/", "/media/", "/h5p/")


@pytest.fixture
def demo(demo_output, db):
    return demo_output


def links(html):
    for href in re.findall(r'href="([^"]+)"', html):
        url = urldefrag(href.replace("&amp;", "&"))[0]
        if url.startswith("/") and not url.startswith("//") and not url.startswith(SKIP):
            yield url


def test_no_public_page_shows_a_staff_code_or_an_email_of_a_demo_person(demo, client):
    codes = set(Cadre.objects.values_list("staff_code", flat=True))
    emails = {email.lower() for email in get_user_model().objects.exclude(email="").values_list("email", flat=True)}
    assert len(codes) > 100 and len(emails) > 100
    personal = re.compile("|".join(re.escape(value) for value in sorted(codes | emails, key=len, reverse=True)), re.I)

    live = [page.url for page in Page.objects.live().public().specific() if page.url]  # linked or not
    # Certificate verification pages are public by design (reached by QR code, linked from nowhere): a sample
    # of both kinds, below the page's rate limit.
    verified = [
        reverse("certificates:verify", args=[code])
        for kind in ("course", "contest")
        for code in Certificate.objects.filter(kind=kind).order_by("pk").values_list("code", flat=True)[:10]
    ]
    seen, queue, leaks, pages = set(), deque(["/", *live, *verified]), [], 0
    while queue and pages < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        html = response.content.decode()
        leaks += [f"{url}: {match}" for match in set(personal.findall(html))]
        queue.extend(link for link in links(html) if urlparse(link).path not in seen)
    assert pages > 20, f"only {pages} public pages were reached"
    assert closed_contest().url in seen  # its rankings list people by name and unit
    assert len(verified) == 20 and set(verified) <= seen
    assert not leaks, leaks[:10]
