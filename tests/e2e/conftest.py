"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser)."""

import os
import shutil
import threading

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class OneRequestAtATimeOnSharedConnection(ThreadedWSGIServer):
    """The live server, answering one request at a time when its threads share one database connection.

    With the embedded default's in-memory SQLite, every thread of the live server uses the test's
    single connection (a second connection would see another, empty database). A page that fires
    requests in parallel (the H5P player saves its state and posts its xAPI statement together)
    would then interleave two transactions on one connection, which no real deployment does.
    On PostgreSQL each thread has its own connection and requests stay parallel.
    """

    request_lock = threading.Lock()

    def set_app(self, application):
        if not self.connections_override:
            return super().set_app(application)

        def one_at_a_time(environ, start_response):
            with self.request_lock:
                return application(environ, start_response)

        return super().set_app(one_at_a_time)


LiveServerThread.server_class = OneRequestAtATimeOnSharedConnection


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium): browser tests need it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def _page(browser, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser):
    """A page 375 px wide, as on a phone."""
    yield from _page(browser, 375, 800)


@pytest.fixture
def desktop(browser):
    yield from _page(browser, 1280, 900)
