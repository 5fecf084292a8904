"""The read-only API at /api/v2/ and robots.txt."""

import pytest

from pages.models import StandardPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]


def titles(response):
    return [item["title"] for item in response.json()["items"]]


def test_api_filters_pages_by_locale(client, site_tree):
    english = client.get("/api/v2/pages/", {"locale": "en"})
    assert english.status_code == 200
    assert "About" in titles(english)
    assert "Despre" not in titles(english)


def test_api_serves_only_live_public_pages(client, site_tree):
    draft = StandardPage(title="Ciornă secretă", slug="ciorna", live=False)
    site_tree.home.add_child(instance=draft)
    assert "Ciornă secretă" not in titles(client.get("/api/v2/pages/", {"limit": 100}))
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404


def test_api_is_read_only(client, site_tree):
    assert client.post("/api/v2/pages/", {"title": "x"}).status_code == 405


@pytest.mark.parametrize("query", ["locale=xx", "limit=abc", "type=nope.Nope", "order=<b>"])
def test_api_answers_bad_parameters_with_a_message_not_a_500(client, site_tree, query):
    response = client.get(f"/api/v2/pages/?{query}")
    assert response.status_code in (400, 404)
    # Whatever the message quotes back is JSON, never HTML a browser would render.
    assert response["Content-Type"] == "application/json"
    assert "message" in response.json()


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
