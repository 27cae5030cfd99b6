"""The admin speaks Vietnamese and works offline: a crawl of the admin as each demo staff role finds no
untranslated message and no page that loads anything from another host (avatars, fonts, scripts).

The messages are those of Wagtail's and Django's catalogues that have no Vietnamese translation in the
running site; the crawl prints, per role, the count of English strings on each page it opened. The site's
pages are checked for outside loads in tests/elearn/test_offline.py.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.elearn import admin_language

pytestmark = [pytest.mark.django_db, pytest.mark.markup]

STAFF_ROLES = {"editor": "bientap", "moderator": "kiemduyet", "manager": "quanly", "administrator": "quantri"}


@pytest.fixture(scope="module")
def matcher():
    return admin_language.Matcher(admin_language.untranslated_messages())


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_every_admin_page_a_role_opens_is_in_vietnamese_and_loads_nothing_from_outside(demo_output, matcher, role):
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(get_user_model().objects.get(username=STAFF_ROLES[role]))
    client.post("/tai-khoan/du-lieu-ca-nhan/", {"next": "/"})  # the privacy notice, as at a first login
    result = admin_language.crawl(client, role, matcher)
    print(result.table())
    assert len(result.pages) > 10, "the crawl opened too few admin pages to mean anything"
    assert not result.errors
    outside = {page.url: sorted(page.outside) for page in result.pages if page.outside}
    assert not outside, f"admin pages that load from outside the site (an offline network breaks them): {outside}"
    english = sorted({message for page in result.pages for message in page.english})
    assert not english, (
        f"{result.english_count} English strings on the {role}'s pages, {len(english)} messages: {english}"
    )


def test_the_admin_scripts_speak_vietnamese_too():
    """The page editor's scripts (comments, StreamField, choosers) read the JavaScript catalogue."""
    shown = _javascript_catalogue()
    entries = admin_language.catalogue_messages("djangojs")
    untranslated = sorted({entry.msgid for entry in entries if not shown.get(entry.msgid)})
    assert not untranslated, f"{len(untranslated)} admin script messages in English: {untranslated[:40]}"


def _javascript_catalogue():
    """The Vietnamese catalogue the admin's /admin/jsi18n/ serves, as {msgid: translation}."""
    import json
    import re

    response = Client(HTTP_ACCEPT_LANGUAGE="vi").get("/admin/jsi18n/")
    match = re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S)
    return json.loads(match.group(1)) if match else {}
