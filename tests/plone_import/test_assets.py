"""Images and Files as Wagtail images and documents: hero images with their caption
and alternative text, private files, blobs read from the export or downloaded."""

import json
import threading
from functools import partial
from http.server import HTTPServer, SimpleHTTPRequestHandler

import pytest
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from newsroom.models import Topic
from plone_import.sample import item, png_bytes, uid, write_collective
from tests.plone_import.helpers import NEWS_RO, lines, page_for, run_import

pytestmark = pytest.mark.usefixtures("site_database")


def test_hero_image_caption_alt_text_and_topics(imported, client):
    page = page_for(NEWS_RO)
    assert page.hero_image is not None
    assert page.hero_image.collection.name == "Plone import"
    assert page.hero_image_caption == "Delegația la Messina"
    assert page.hero_image_alt == "Delegația la Messina"
    assert sorted(t.name for t in page.topics.all()) == ["Digitalizare", "URBACT"]
    assert set(Topic.objects.filter(locale__language_code="ro").values_list("slug", flat=True)) >= {
        "urbact",
        "digitalizare",
    }
    html = client.get("/ro/stiri/vizita-messina/").content.decode()
    assert 'alt="Delegația la Messina"' in html
    report, _ = imported
    assert any("alt text" in line["reason"] for line in lines(report, "review"))


def test_a_private_file_is_for_logged_in_users_only(imported, client):
    document = get_document_model().objects.get(title="Notă internă")
    assert document.collection.name == "Plone import (private)"
    response = client.get(document.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_blobs_are_downloaded_and_a_missing_blob_is_reported(news_indexes, tmp_path):
    served = tmp_path / "served"
    served.mkdir()
    (served / "remote.png").write_bytes(png_bytes((10, 10, 10)))
    handler = partial(QuietHandler, directory=str(served))
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        items = [
            item("LRF", "/ro", "Română", language="ro"),
            item("Folder", "/ro/noutati", "Noutăți"),
            item("Image", "/ro/remote.png", "Remote", image={"download": f"{base}/remote.png"}),
            item(
                "News Item",
                "/ro/noutati/fara-imagine",
                "Fără imagine",
                description="x",
                image={"download": f"{base}/missing.png", "filename": "missing.png"},
            ),
            item(
                "News Item",
                "/ro/noutati/blob-path",
                "Blob path",
                description="x",
                image={"blob_path": "ab/cd/blob.png", "filename": "blob.png"},
            ),
        ]
        blob_home = tmp_path / "blobs"
        (blob_home / "ab" / "cd").mkdir(parents=True)
        (blob_home / "ab" / "cd" / "blob.png").write_bytes(png_bytes())
        export = write_collective(tmp_path / "export", items)
        report_path = tmp_path / "r.json"
        run_import(
            export,
            "--blob-home",
            str(blob_home),
            "--report",
            str(report_path),
            # The test's server is on the loopback address, refused unless allowed.
            "--download-host",
            "127.0.0.1",
            "--allow-private-downloads",
        )
    finally:
        server.shutdown()
    assert get_image_model().objects.filter(title="Remote").exists()
    assert page_for("/ro/noutati/fara-imagine").hero_image is None
    assert page_for("/ro/noutati/blob-path").hero_image is not None
    report = json.loads(report_path.read_text())
    missing = [line for line in report["lines"] if line["uid"] == uid("/ro/noutati/fara-imagine")]
    assert any("imported without its image" in line["reason"] for line in missing)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
