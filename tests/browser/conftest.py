"""Real-browser tests: Playwright drives the system Chromium (/usr/bin/chromium) headless.

Playwright's own browser download does not work here, so the tests launch the Debian
package; they are skipped with a clear reason where it is not installed (`.ci/run`
installs it). A failing test saves a screenshot under test-artifacts/.
"""

import os
import shutil
import threading
from pathlib import Path

import pytest
from django.core.management import call_command
from pytest_django.live_server_helper import LiveServer

# Playwright's sync API runs an event loop in this thread; the Django ORM calls made by
# fixtures in the same thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# Each module here is marked `browser` itself (a conftest's pytestmark marks nothing):
# `make test` runs them apart from the rest.


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip(f"Chromium not installed at {CHROMIUM} (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


class RequestGate:
    """Wraps the live server's application: counts the requests it is answering and, once
    closed, answers new ones with a 503 without touching the database.

    The database is flushed after each test, while the browser may still be talking to the
    server: closing a tab on the page editor sends a beacon that releases its editing
    session (a write). On SQLite the live server shares the test's connection, and a
    request running during the flush makes the flush fail ("database table is locked").
    """

    def __init__(self, app):
        self.app = app
        self.running = 0
        self.open = True
        self.idle = threading.Condition()

    @classmethod
    def on(cls, live_server):
        server = live_server.thread.httpd
        if not isinstance(server.get_app(), cls):
            server.set_app(cls(server.get_app()))
        return server.get_app()

    def __call__(self, environ, start_response):
        with self.idle:
            if not self.open:
                start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
                return [b"The test has ended."]
            self.running += 1
        try:
            response = self.app(environ, start_response)
            try:
                # Read the whole body here, so that no database work outlives the count.
                return list(response)
            finally:
                if hasattr(response, "close"):
                    response.close()
        finally:
            with self.idle:
                self.running -= 1
                self.idle.notify_all()

    def close(self, timeout=10):
        with self.idle:
            self.open = False
            self.idle.wait_for(lambda: self.running == 0, timeout=timeout)

    def reopen(self):
        with self.idle:
            self.open = True


@pytest.fixture
def demo_site(live_server, transactional_db):
    """The demo content and a live server, for a test that writes: the database is flushed
    after it (pytest-django's transactional_db), so each test starts from the demo."""
    gate = RequestGate.on(live_server)
    gate.reopen()
    call_command("load_demo_content", stdout=open(os.devnull, "w"))
    yield live_server
    gate.close()


@pytest.fixture(scope="module")
def demo_to_read(django_db_setup, django_db_blocker):
    """The demo content, loaded once for a module whose tests only read it (public pages,
    accessibility scans), served by a live server of the module's own.

    Loading the demo and flushing the database take most of a browser test's time, more on
    PostgreSQL; a module of 25 reading tests does both once instead of 25 times. Not
    pytest-django's `live_server`: a test that uses it is given `transactional_db`, which
    flushes the database after each test. A module uses this fixture or `demo_site`, not
    both, since the latter flushes what this one loaded.
    """
    with django_db_blocker.unblock():
        call_command("load_demo_content", stdout=open(os.devnull, "w"))
        server = LiveServer("localhost")
        gate = RequestGate.on(server)
        try:
            yield server
        finally:
            gate.close()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
