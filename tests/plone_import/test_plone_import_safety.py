"""Moving from Plone, safely: an export is a file someone else wrote. It reads no file
outside the export, fetches nothing but the old site, fails clearly on hostile JSON, and a
dry run or a failed item leaves nothing behind. What it and the demo write opens in the
admin's editor."""

import json
import threading
from functools import partial
from http.server import HTTPServer, SimpleHTTPRequestHandler
from pathlib import Path

import pytest
from django.core.management import CommandError
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail.signals import page_published, published

from plone_import.pages import PageImport
from plone_import.sample import (
    bilingual_site,
    blob_base64,
    item,
    png_bytes,
    uid,
    write_collective,
    write_plone_exportimport,
)
from tests.plone_import.helpers import counts, run_import
from translation_tools.sync import sync_translations

pytestmark = pytest.mark.usefixtures("site_database")


def report_lines(report_path, path):
    report = json.loads(Path(report_path).read_text())
    return [line for line in report["lines"] if line["uid"] == uid(path)]


def media_files(settings):
    return sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())


# blob_path ---------------------------------------------------------------------------------


@pytest.mark.parametrize("blob_path", ["../secret.png", "ab/../../secret.png", "SECRET_ABS"])
def test_a_blob_path_outside_the_export_folder_is_refused_and_named(
    news_indexes, tmp_path, blob_path
):
    secret = tmp_path / "secret.png"
    secret.write_bytes(png_bytes((1, 2, 3)))
    blob_path = str(secret) if blob_path == "SECRET_ABS" else blob_path
    blob_home = tmp_path / "blobs"
    (blob_home / "ab").mkdir(parents=True)
    items = [
        item("LRF", "/ro", "Română", language="ro"),
        item("Image", "/ro/furat.png", "Furat", image={"blob_path": blob_path}),
    ]
    report_path = tmp_path / "r.json"
    run_import(
        write_collective(tmp_path / "export", items),
        "--blob-home",
        str(blob_home),
        "--report",
        str(report_path),
    )
    assert not get_image_model().objects.filter(title="Furat").exists()
    (line,) = report_lines(report_path, "/ro/furat.png")
    assert line["path"] == "/ro/furat.png"
    assert "blob_path refused" in line["reason"] and blob_path in line["reason"]


def test_a_symbolic_link_out_of_a_plone_exportimport_directory_is_refused(news_indexes, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(png_bytes((1, 2, 3)))
    image = item("Image", "/ro/link.png", "Legat", image={"blob_path": "leak/secret.png"})
    directory = write_plone_exportimport(
        tmp_path / "plone6", [item("LRF", "/ro", "Română", language="ro"), image]
    )
    (directory / "content" / "leak").symlink_to(tmp_path)
    report_path = tmp_path / "r.json"
    run_import(directory, "--report", str(report_path))
    assert not get_image_model().objects.filter(title="Legat").exists()
    (line,) = report_lines(report_path, "/ro/link.png")
    assert "blob_path refused" in line["reason"]


# download ----------------------------------------------------------------------------------


class CountingHandler(SimpleHTTPRequestHandler):
    requests = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        CountingHandler.requests.append(self.path)
        super().do_GET()


@pytest.fixture
def local_server(tmp_path):
    served = tmp_path / "served"
    served.mkdir()
    (served / "remote.png").write_bytes(png_bytes((10, 10, 10)))
    (served / "big.png").write_bytes(png_bytes((10, 10, 10)) + b"\0" * (1024 * 1024 + 1))
    CountingHandler.requests = []
    server = HTTPServer(("127.0.0.1", 0), partial(CountingHandler, directory=str(served)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def import_download(tmp_path, url, *options):
    items = [
        item("LRF", "/ro", "Română", language="ro"),
        item("Image", "/ro/remote.png", "Descărcat", image={"download": url}),
    ]
    report_path = tmp_path / "r.json"
    run_import(write_collective(tmp_path / "export", items), "--report", str(report_path), *options)
    return get_image_model().objects.filter(title="Descărcat").exists(), report_lines(
        report_path, "/ro/remote.png"
    )


def test_a_download_from_another_host_than_the_old_sites_is_refused(
    news_indexes, tmp_path, local_server
):
    imported, (line,) = import_download(tmp_path, f"{local_server}/remote.png")
    assert not imported
    assert "download refused (host 127.0.0.1 is not the old site's)" in line["reason"]
    assert CountingHandler.requests == []


def test_a_download_from_a_loopback_address_is_refused_unless_allowed(
    news_indexes, tmp_path, local_server
):
    url = f"{local_server}/remote.png"
    imported, (line,) = import_download(tmp_path, url, "--download-host", "127.0.0.1")
    assert not imported
    assert "private or local address: 127.0.0.1" in line["reason"]
    assert CountingHandler.requests == []

    imported, _lines = import_download(
        tmp_path, url, "--download-host", "127.0.0.1", "--allow-private-downloads"
    )
    assert imported
    assert CountingHandler.requests == ["/remote.png"]


def test_a_download_larger_than_the_cap_is_refused(news_indexes, tmp_path, local_server):
    imported, (line,) = import_download(
        tmp_path,
        f"{local_server}/big.png",
        "--download-host",
        "127.0.0.1",
        "--allow-private-downloads",
        "--download-max-mb",
        "1",
    )
    assert not imported
    assert "larger than 1048576 bytes" in line["reason"]


def test_a_redirect_to_an_internal_address_is_not_followed(news_indexes, tmp_path, monkeypatch):
    from plone_import import blobs

    monkeypatch.setattr(
        blobs.socket,
        "getaddrinfo",
        lambda host, port: [(None, None, None, "", ("93.184.216.34", port))],
    )
    policy = blobs.DownloadPolicy(hosts={"old.example.org"})
    with pytest.raises(blobs.BlobMissing, match="not the old site's"):
        blobs.CheckedRedirects(policy).redirect_request(
            None, None, 302, "Found", {}, "http://169.254.169.254/latest/meta-data/"
        )
    # A host that resolves to a private address is refused even when it is the old site's.
    monkeypatch.setattr(
        blobs.socket, "getaddrinfo", lambda host, port: [(None, None, None, "", ("10.0.0.5", port))]
    )
    with pytest.raises(blobs.BlobMissing, match="private or local address: 10.0.0.5"):
        policy.check("http://old.example.org/x.png")


# hostile JSON ------------------------------------------------------------------------------


def test_deeply_nested_json_is_refused_with_a_clear_message(news_indexes, tmp_path):
    path = tmp_path / "content.json"
    path.write_text("[" * 200_000 + "]" * 200_000)
    before = counts()
    with pytest.raises(CommandError, match="nested too deeply to be read"):
        run_import(path)
    assert counts() == before


def test_a_deeply_nested_item_of_a_directory_export_is_named_and_skipped(news_indexes, tmp_path):
    directory = write_plone_exportimport(
        tmp_path / "plone6", [item("LRF", "/ro", "Română", language="ro")]
    )
    bad = directory / "content" / "deadbeef" / "data.json"
    bad.parent.mkdir()
    bad.write_text('{"a": ' + "[" * 200_000 + "]" * 200_000 + "}")
    report_path = tmp_path / "r.json"
    run_import(directory, "--report", str(report_path))
    report = json.loads(report_path.read_text())
    assert any(
        line["path"] == str(bad) and line["reason"] == "nested too deeply to be read"
        for line in report["lines"]
    )


# dry run and rolled-back items -------------------------------------------------------------


def test_a_dry_run_announces_no_publishing(news_indexes, collective_export, settings):
    heard = []

    def listener(sender, instance, **kwargs):
        heard.append(instance)

    page_published.connect(listener)
    published.connect(listener)
    files_before = media_files(settings)
    try:
        run_import(collective_export, "--dry-run")
    finally:
        page_published.disconnect(listener)
        published.disconnect(listener)
    assert heard == []
    assert media_files(settings) == files_before
    # Publishing is heard again after the dry run.
    run_import(collective_export)
    page_published.connect(listener)
    try:
        Page.objects.live().filter(depth__gt=2).first().specific.save_revision().publish()
    finally:
        page_published.disconnect(listener)
    assert len(heard) == 1


def test_the_files_of_an_item_that_fails_are_removed(news_indexes, tmp_path, settings, monkeypatch):
    def fail(self, page, builder, summary, item, path):
        raise RuntimeError("relations exploded")

    monkeypatch.setattr(PageImport, "set_relations", fail)
    items = bilingual_site("/ro/noutati") + [
        item(
            "News Item",
            "/ro/noutati/cu-imagine",
            "Cu imagine",
            description="x",
            image=blob_base64(png_bytes(), "erou.png", "image/png"),
        )
    ]
    files_before = media_files(settings)
    report_path = tmp_path / "r.json"
    run_import(write_collective(tmp_path / "export", items), "--report", str(report_path))
    assert media_files(settings) == files_before
    assert not get_image_model().objects.exists()
    reasons = [line["reason"] for line in report_lines(report_path, "/ro/noutati/cu-imagine")]
    assert "RuntimeError: relations exploded" in reasons


# rich text in the admin's editor -----------------------------------------------------------


def test_every_page_the_demo_and_the_importer_create_opens_in_the_editor(
    demo_content, collective_export, tmp_path, admin_client, django_user_model
):
    extra = [
        item(
            "Document",
            "/ro/adresa",
            "Adresa",
            text={"data": "<p>România<br>Județul Botoșani<br>Municipiul</p>"},
        ),
        item(
            "Document",
            "/ro/text-simplu",
            "Text simplu",
            text={"content-type": "text/plain", "data": "Rândul unu\nrândul doi\n\nAlt paragraf"},
        ),
    ]
    items = json.loads(Path(collective_export).read_text()) + extra
    Path(collective_export).write_text(json.dumps(items))
    run_import(collective_export)
    # What "Sync translations" writes opens too (it saves translations that are not live).
    contact = Page.objects.get(slug="contact", locale__language_code="ro")
    contact.get_translation(Locale.objects.get(language_code="en")).specific.unpublish()
    assert sync_translations(contact, django_user_model.objects.get(username="admin"))
    pages = Page.objects.filter(depth__gt=1)
    assert pages.filter(title="Adresa").exists() and pages.filter(title="Contact").count() == 2
    for page in pages:
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, (page.url_path, response.status_code)
