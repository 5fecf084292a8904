"""Old URLs: every item's Plone path, its views, scales and downloads, news folders and
Plone's own redirects answer 301 to the final page, in every language."""

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from plone_import.sample import item, uid, write_collective
from tests.plone_import.helpers import (
    FILE,
    IMAGE,
    NEWS_EN,
    NEWS_RO,
    PRIVATE_DOCUMENT,
    TEAM,
    page_for,
    run_import,
)

pytestmark = pytest.mark.usefixtures("site_database")


def test_a_private_document_at_its_old_address_answers_404_not_a_redirect_to_itself(
    imported, client
):
    assert page_for(PRIVATE_DOCUMENT).live is False
    for path in ("/ro/intern/", "/ro/intern/view/"):
        assert client.get(path).status_code == 404, path


def test_old_urls_answer_301_to_the_new_page(imported, client):
    for old in (NEWS_RO, NEWS_RO + "/"):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"].endswith("/ro/stiri/vizita-messina/")
    response = client.get(TEAM + "/")
    assert response.status_code == 301 and response["Location"].endswith("/ro/echipa/")
    response = client.get("/ro/noutati/")  # the news folder -> the news index
    assert response.status_code == 301 and response["Location"].endswith("/ro/stiri/")
    image = get_image_model().objects.get(title="Primăria Botoșani")
    response = client.get(IMAGE)
    assert response.status_code == 301 and response["Location"].endswith(image.file.url)


def test_plone_redirects_point_straight_at_the_final_page(imported, client):
    for old in ("/ro/vizita-veche", "/ro/mai-vechi/"):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"].endswith("/ro/stiri/vizita-messina/")
        assert client.get(response["Location"]).status_code == 200  # never a chain
    assert Redirect.objects.filter(old_path="/ro/mai-vechi", is_permanent=True).exists()


def test_plones_view_image_scale_and_download_addresses_redirect_too(imported, client):
    image = get_image_model().objects.get(title="Primăria Botoșani")
    document = get_document_model().objects.get(title="Raport anual")
    expected = {
        IMAGE + "/@@images/image": image.file.url,
        IMAGE + "/@@images/image/custom": image.file.url,  # not one of Plone's scales
        IMAGE + "/image_view_fullscreen": image.file.url,
        IMAGE + "/view": image.file.url,
        FILE + "/@@download/file/raport.pdf": document.url,
        FILE + "/at_download/file": document.url,
        FILE + "/view/": document.url,
        NEWS_RO + "/view": "/ro/stiri/vizita-messina/",
        # Its new address is its old one: the item's redirect still serves its views.
        NEWS_EN + "/view": "/en/news/messina-visit/",
        "/ro/noutati/view": "/ro/stiri/",
    }
    for old, new in expected.items():
        response = client.get(old)
        assert (response.status_code, response.get("Location")) == (301, new), old
    assert client.get(document.url).status_code == 200
    # A named scale leads to a rendition of that size (Plone 6's), not to the original.
    for old, spec in (
        ("/@@images/image/large", "width-800"),
        ("/@@images/image/preview", "width-400"),
        ("/image_thumb", "max-128x128"),
    ):
        response = client.get(IMAGE + old)
        assert response.status_code == 301, old
        assert response["Location"] == image.get_rendition(spec).url, old
    # A suffix on an address that was never an item's is still the site's 404.
    assert client.get("/ro/noutati/necunoscut/view/").status_code == 404
    assert client.get("/ro/stiri/vizita-messina/images/view/").status_code == 404


def test_a_plone_site_without_language_folders_redirects_in_every_language(
    news_indexes, tmp_path, client
):
    """Old paths without a language (/noutati/vizita) answer under /ro/ and /en/ with that
    language's translation of the item, and without a prefix in the reader's language."""
    items = [
        item("Folder", "/noutati", "Noutăți"),
        item("Folder", "/news", "News", language="en"),
        item("News Item", "/noutati/vizita", "Vizită", language="ro", description="Vizita."),
        item("News Item", "/news/visit", "Visit", language="en", description="The visit."),
    ]
    translations = [{"ro": uid("/noutati/vizita"), "en": uid("/news/visit")}]
    run_import(write_collective(tmp_path / "flat", items, translations=translations))
    expected = {
        "/ro/noutati/vizita/": "/ro/stiri/vizita/",
        "/en/noutati/vizita/": "/en/news/visit/",
        "/noutati/vizita": "/ro/stiri/vizita/",
        "/en/noutati/vizita/view": "/en/news/visit/",
        "/ro/news/visit/": "/ro/stiri/vizita/",
        "/en/noutati/": "/en/news/",
    }
    for old, new in expected.items():
        response = client.get(old)
        assert (response.status_code, response.get("Location")) == (301, new), old
    response = client.get("/noutati/vizita/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == "/en/news/visit/"
    assert Redirect.objects.filter(old_path="/noutati/vizita").count() == 1
