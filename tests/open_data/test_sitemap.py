"""/sitemap.xml: every live page of both locales, with hreflang pairs."""

import xml.etree.ElementTree as ET

import pytest

from pages.models import StandardPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def parse(response):
    root = ET.fromstring(response.content)
    return {
        url.find("s:loc", NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


def test_sitemap_lists_every_live_page_of_both_locales(client, site_tree):
    draft = StandardPage(title="Ciornă", slug="ciorna", live=False)
    site_tree.home.add_child(instance=draft)
    urls = parse(client.get("/sitemap.xml"))
    assert "http://testserver/ro/despre/" in urls
    assert "http://testserver/en/about/" in urls
    assert "http://testserver/en/" in urls
    assert not any("ciorna" in url for url in urls)


def test_sitemap_pairs_translations_with_hreflang(client, site_tree):
    urls = parse(client.get("/sitemap.xml"))
    assert urls["http://testserver/en/about/"] == {
        "ro": "http://testserver/ro/despre/",
        "en": "http://testserver/en/about/",
        "x-default": "http://testserver/ro/despre/",
    }


def test_sitemap_urls_are_https_behind_a_tls_proxy(client, site_tree):
    response = client.get("/sitemap.xml", HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="testserver")
    assert all(url.startswith("https://testserver/") for url in parse(response))


def test_sitemap_costs_the_same_queries_at_5_and_50_pages(client, site_tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add_pages(count, start):
        for number in range(start, start + count):
            page = StandardPage(title=f"Pagina {number}", slug=f"pagina-{number}")
            site_tree.home.add_child(instance=page)
            page.save_revision().publish()
            site_tree.home.refresh_from_db()

    def queries():
        client.get("/sitemap.xml")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/sitemap.xml").status_code == 200
        return len(captured)

    add_pages(5, 0)
    few = queries()
    add_pages(45, 5)
    assert queries() == few
    assert few <= 12
