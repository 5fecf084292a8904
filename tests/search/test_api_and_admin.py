"""The API's find view and ?search= know the language; the admin finds pages by text."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]


@pytest.mark.parametrize(("path", "which"), [("/ro/stiri/", "news"), ("/en/news/", "news_en")])
def test_find_resolves_an_address_with_its_language_prefix(client, releases, path, which):
    response = client.get("/api/v2/pages/find/", {"html_path": path})
    assert response.status_code == 302
    assert f"/api/v2/pages/{getattr(releases, which).pk}/?" in response["Location"]


@pytest.mark.parametrize("path", ["/fr/stiri/", "/ro/nu-exista/", "/en/stiri/"])
def test_find_answers_404_for_an_address_that_is_no_page(client, releases, path):
    assert client.get("/api/v2/pages/find/", {"html_path": path}).status_code == 404


def test_find_does_not_reveal_a_draft(client, releases):
    releases.partnership_ro.unpublish()
    path = releases.partnership_ro.url
    assert client.get("/api/v2/pages/find/", {"html_path": path}).status_code == 404


def api_titles(response):
    assert response.status_code == 200
    return [item["title"] for item in response.json()["items"]]


def test_api_search_is_stemmed_in_the_locales_language(client, releases):
    ro = api_titles(client.get("/api/v2/pages/", {"search": "parteneriatul", "locale": "ro"}))
    en = api_titles(client.get("/api/v2/pages/", {"search": "partnerships", "locale": "en"}))
    assert "Acord semnat cu orașul Fermo" in ro
    assert en == ["Agreement signed with Fermo"]


@pytest.mark.parametrize(
    "query", [" ".join(["cuvânt"] * 500), "x" * 5000, '"Botoșani', "\x00", "AND NOT ("]
)
def test_api_search_answers_any_query_without_an_error(client, releases, query):
    response = client.get("/api/v2/pages/", {"search": query})
    assert response.status_code == 200
    assert "items" in response.json()


def test_admin_search_finds_pages_by_their_text_in_romanian(admin_client, releases):
    html = admin_client.get("/admin/pages/search/", {"q": "parteneriatul"}).content.decode()
    assert "Acord semnat cu orașul Fermo" in html
    html = admin_client.get("/admin/pages/search/", {"q": "schimburile"}).content.decode()
    assert "Acord semnat cu orașul Fermo" in html


def test_admin_search_finds_english_pages_by_their_text(admin_client, releases):
    html = admin_client.get("/admin/pages/search/", {"q": "partnerships"}).content.decode()
    assert "Agreement signed with Fermo" in html


def test_admin_search_finds_a_word_being_typed(admin_client, releases):
    html = admin_client.get("/admin/pages/search/", {"q": "partene"}).content.decode()
    assert "Acord semnat cu orașul Fermo" in html
