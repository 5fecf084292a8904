"""The CDN purge: what a publish makes stale at the CDN, the page itself, its listings,
feeds and the sitemap."""

import datetime
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from pages.models import StandardPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]


class PurgeRecorder(BaseHTTPRequestHandler):
    received = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.received.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server():
    PurgeRecorder.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_publishing_purges_the_page_its_listings_and_the_sitemap_from_the_cdn(
    site_tree, settings, purge_server, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{purge_server.server_port}",
        }
    }
    settings.WAGTAILFRONTENDCACHE_LANGUAGES = []
    about = StandardPage.objects.get(slug="despre")
    with django_capture_on_commit_callbacks(execute=True):
        about.title = "Despre noi"
        about.save_revision().publish()
    paths = {path for host, path in PurgeRecorder.received}
    assert "/ro/despre/" in paths
    assert "/ro/" in paths  # the home lists its children
    assert "/sitemap.xml" in paths
    hosts = {host for host, path in PurgeRecorder.received}
    assert hosts == {about.get_site().hostname}

    PurgeRecorder.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        about.unpublish()
    assert "/ro/despre/" in {path for host, path in PurgeRecorder.received}


class CapturingBackend(BaseBackend):
    """A frontend cache backend that only records the URLs it is asked to purge."""

    purged = []

    def purge(self, url):
        CapturingBackend.purged.append(url)


def test_publishing_a_release_purges_its_listings_and_feeds_from_the_cdn(
    site_tree, settings, django_capture_on_commit_callbacks
):
    from newsroom.models import PressReleaseRelatedPage
    from tests.factories import (
        PressReleasePageFactory,
        ProjectIndexPageFactory,
        ProjectPageFactory,
        TopicFactory,
        build_newsroom,
    )

    settings.WAGTAILFRONTENDCACHE = {
        "capture": {"BACKEND": "tests.page_cache.test_cdn_purge.CapturingBackend"}
    }
    settings.WAGTAILFRONTENDCACHE_LANGUAGES = []
    newsroom = build_newsroom(site_tree)
    projects = ProjectIndexPageFactory(parent=site_tree.home)
    project = ProjectPageFactory(parent=projects)
    topic = TopicFactory(name="URBACT", slug="urbact")
    older = PressReleasePageFactory(
        parent=newsroom.news, slug="mai-vechi", release_date=datetime.date(2021, 1, 1)
    )
    release = PressReleasePageFactory(
        parent=newsroom.news, slug="nou", release_date=datetime.date(2021, 2, 1), topics=[topic]
    )
    release.related_pages.add(PressReleaseRelatedPage(page=project))
    CapturingBackend.purged = []
    with django_capture_on_commit_callbacks(execute=True):
        release.save_revision().publish()
    purged = {url.removeprefix("http://localhost") for url in CapturingBackend.purged}
    for path in [
        "/ro/stiri/nou/",
        "/ro/",
        "/ro/stiri/",
        "/ro/stiri/rss/",
        "/ro/stiri/atom/",
        "/ro/stiri/subiect/urbact/",
        "/ro/stiri/subiect/urbact/rss/",
        "/ro/stiri/subiect/urbact/atom/",
        "/ro/proiecte/digiplace/",
        "/ro/stiri/proiect/digiplace/rss/",
        "/ro/stiri/proiect/digiplace/atom/",
        "/ro/stiri/mai-vechi/",  # its "newer release" link
        "/sitemap.xml",
    ]:
        assert path in purged, (path, sorted(purged))
    assert older.pk  # listed beside it

    CapturingBackend.purged = []
    with django_capture_on_commit_callbacks(execute=True):
        release.unpublish()
    purged = {url.removeprefix("http://localhost") for url in CapturingBackend.purged}
    assert {"/ro/stiri/nou/", "/ro/stiri/rss/", "/ro/stiri/subiect/urbact/atom/"} <= purged
