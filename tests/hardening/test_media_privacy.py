"""Uploads are safe to put online: documents only through Wagtail's view with their
collection's privacy, images only as raster files, nothing served as HTML or script."""

import datetime
import json
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction

from plone_import.sample import bilingual_site, blob_base64, item, png_bytes, write_collective
from tests.factories import (
    DocumentFactory,
    ImageFactory,
    PressReleaseAttachmentFactory,
    PressReleasePageFactory,
    build_newsroom,
    root_collection,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]


@pytest.fixture
def private_collection(db):
    collection = root_collection().add_child(name="Plone import (private)")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


@pytest.fixture
def private_document(private_collection):
    return DocumentFactory(
        title="Notă internă",
        collection=private_collection,
        file=ContentFile(b"%PDF-1.4 intern", name="intern.pdf"),
    )


@pytest.fixture
def release(site_tree):
    newsroom = build_newsroom(site_tree)
    release = PressReleasePageFactory(
        parent=newsroom.news, slug="intalnirea", release_date=datetime.date(2021, 4, 8)
    )
    release.save_revision().publish()
    return release


# Documents ------------------------------------------------------------------------------------


def test_a_document_is_never_served_from_its_raw_media_address(client, private_document):
    assert private_document.file.name.startswith("documents/")
    assert client.get(f"/media/{private_document.file.name}").status_code == 404
    public = DocumentFactory()
    assert client.get(f"/media/{public.file.name}").status_code == 404
    assert client.get(f"/media/images/../{public.file.name}").status_code == 404


def test_a_private_document_asks_for_a_login_and_its_link_is_wagtails_view(
    client, private_document
):
    assert private_document.url.startswith(f"/documents/{private_document.pk}/intern")
    response = client.get(private_document.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_document_is_downloaded_as_an_attachment_with_nosniff(client):
    document = DocumentFactory(file=ContentFile(b"a,b\n1,2\n", name="date.csv"))
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")


def test_a_pdf_opens_in_the_browser_and_is_still_nosniff(client):
    document = DocumentFactory()
    response = client.get(document.url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_release_does_not_list_a_private_attachment_to_the_public(
    client, release, private_document
):
    PressReleaseAttachmentFactory(release=release, document=private_document)
    PressReleaseAttachmentFactory(release=release, document=DocumentFactory(title="Dosar public"))
    html = client.get("/ro/stiri/intalnirea/").content.decode()
    assert "Dosar public" in html
    assert "Notă internă" not in html and f"/documents/{private_document.pk}/" not in html


def test_an_attachment_leaves_the_release_once_its_collection_is_made_private(
    client, release, settings
):
    # Pages remember which collections are private (per content generation): restricting
    # one, or a parent of it, must reach the next reader, with the page cache on.
    settings.PAGE_CACHE_ENABLED = True
    parent = root_collection().add_child(name="Dosare")
    collection = parent.add_child(name="Ședințe")
    document = DocumentFactory(title="Proces-verbal", collection=collection)
    PressReleaseAttachmentFactory(release=release, document=document)
    for _attempt in range(2):  # the second read is the one the page cache stores
        assert "Proces-verbal" in client.get("/ro/stiri/intalnirea/").content.decode()
    assert client.get("/ro/stiri/intalnirea/")["X-Page-Cache"] == "hit"

    CollectionViewRestriction.objects.create(
        collection=parent, restriction_type=CollectionViewRestriction.LOGIN
    )
    assert "Proces-verbal" not in client.get("/ro/stiri/intalnirea/").content.decode()


def test_an_attachment_leaves_the_release_once_its_collection_moves_under_a_private_one(
    client, release, private_collection, settings
):
    settings.PAGE_CACHE_ENABLED = True
    collection = root_collection().add_child(name="Ședințe")
    document = DocumentFactory(title="Proces-verbal", collection=collection)
    PressReleaseAttachmentFactory(release=release, document=document)
    for _attempt in range(2):  # the second read is the one the page cache stores
        assert "Proces-verbal" in client.get("/ro/stiri/intalnirea/").content.decode()
    assert client.get("/ro/stiri/intalnirea/")["X-Page-Cache"] == "hit"

    # As Wagtail's collection editor does: the collection is saved, then moved.
    collection.save()
    collection.move(private_collection, "sorted-child")
    assert "Proces-verbal" not in client.get("/ro/stiri/intalnirea/").content.decode()


def test_a_document_block_of_a_private_document_shows_nothing_to_the_public(
    client, release, private_document
):
    public = DocumentFactory(title="Dosar public")
    release.body = [
        ("document", {"document": private_document, "title": ""}),
        ("document", {"document": public, "title": ""}),
    ]
    release.save_revision().publish()
    html = client.get("/ro/stiri/intalnirea/").content.decode()
    assert "Dosar public" in html
    assert "Notă internă" not in html and f"/documents/{private_document.pk}/" not in html


def test_the_api_neither_lists_nor_links_a_private_document(client, release, private_document):
    PressReleaseAttachmentFactory(release=release, document=private_document)
    listed = client.get("/api/v2/documents/").json()["items"]
    assert private_document.pk not in [document["id"] for document in listed]
    assert client.get(f"/api/v2/documents/{private_document.pk}/").status_code == 404
    page = client.get(f"/api/v2/pages/{release.pk}/").json()
    assert "intern.pdf" not in json.dumps(page)


# Images ---------------------------------------------------------------------------------------


def test_an_image_original_and_its_rendition_are_served_as_images_with_nosniff(client):
    image = ImageFactory()
    response = client.get(f"/media/{image.file.name}")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    rendition = image.get_rendition("width-100")
    response = client.get(rendition.url)
    assert response.status_code == 200 and response["Content-Type"].startswith("image/")


def test_nothing_under_media_is_served_as_html_or_svg(client, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    for name in ("original_images/x.html", "images/x.svg", "original_images/x.js", "poza.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<script>alert(1)</script>")
        assert client.get(f"/media/{name}").status_code == 404, name


# Uploads in the admin -------------------------------------------------------------------------


def test_an_html_file_is_refused_as_a_document_in_the_admin(admin_client):
    response = admin_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("x.html", b"<script>alert(1)</script>", "text/html")},
    )
    assert not get_document_model().objects.filter(title="x").exists()
    assert "html" in response.content.decode() and "not allowed" in response.content.decode()


def test_an_html_file_is_refused_as_an_image_in_the_admin(admin_client):
    response = admin_client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("poza.html", png_bytes(), "text/html")},
    )
    assert not get_image_model().objects.filter(title="poza").exists()
    assert response.json()["success"] is False
    assert "GIF, JPG, JPEG, PNG, WEBP" in response.json()["error_message"]


# The Plone importer ---------------------------------------------------------------------------


def test_the_importer_refuses_html_files_naming_the_entry(site_tree, tmp_path):
    export = write_collective(
        tmp_path / "export",
        bilingual_site("/ro/noutati")
        + [
            item("File", "/ro/documente/x.html", "Pagină", file=blob_base64(
                b"<script>alert(1)</script>", "x.html", "text/html")),
            item("Image", "/ro/imagini/poza.html", "Poză", image=blob_base64(
                png_bytes(), "poza.html", "text/html")),
            item("File", "/ro/documente/raport.pdf", "Raport", file=blob_base64(
                b"%PDF-1.4 raport", "raport.pdf", "application/pdf")),
        ],
    )  # fmt: skip
    report_path = tmp_path / "report.json"
    call_command(
        "import_plone", str(export), "--report", str(report_path),
        stdout=StringIO(), stderr=StringIO(),
    )  # fmt: skip
    report = json.loads(report_path.read_text())
    lines = report["lines"]
    skipped = {line["path"]: line["reason"] for line in lines if line["kind"] == "skipped"}
    assert "'x.html'" in skipped["/ro/documente/x.html"]
    assert "'poza.html'" in skipped["/ro/imagini/poza.html"]
    assert "not allowed" in skipped["/ro/documente/x.html"]
    assert list(get_document_model().objects.values_list("title", flat=True)) == ["Raport"]
    assert not get_image_model().objects.exists()
