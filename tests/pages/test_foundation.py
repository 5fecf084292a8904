"""The skeleton a newcomer meets: two language homes, the switcher, 404s, the admin login."""

import re

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]


def test_romanian_home_renders_in_romanian(client, site_tree):
    response = client.get("/ro/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ro">' in html
    assert "Primăria Municipiului Botoșani" in html


def test_english_home_renders_in_english(client, site_tree):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "External Relations Office" in html


def test_language_switcher_goes_to_the_translation_of_the_current_page(client, site_tree):
    html = client.get("/ro/despre/").content.decode()
    assert re.search(r'<a href="/en/about/" lang="en" hreflang="en">English</a>', html)
    html = client.get("/en/about/").content.decode()
    assert re.search(r'<a href="/ro/despre/" lang="ro" hreflang="ro">Română</a>', html)


def test_hreflang_links_point_at_real_translations(client, site_tree):
    html = client.get("/en/about/").content.decode()
    links = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    assert links == {
        "ro": "http://testserver/ro/despre/",
        "en": "http://testserver/en/about/",
        "x-default": "http://testserver/ro/despre/",
    }
    for url in links.values():
        assert client.get(url.removeprefix("http://testserver")).status_code == 200


def test_switcher_goes_to_the_other_home_when_a_page_has_no_translation(client, site_tree):
    from pages.models import StandardPage

    only_romanian = StandardPage(title="Doar în română", slug="doar-romana")
    site_tree.home.add_child(instance=only_romanian)
    only_romanian.save_revision().publish()
    html = client.get("/ro/doar-romana/").content.decode()
    assert '<a href="/en/?untranslated=1" lang="en" hreflang="en">English</a>' in html
    assert 'hreflang="en" href=' not in html


@pytest.mark.parametrize(
    "path, language, text",
    [
        ("/ro/nu-exista/", "ro", "Pagina nu a fost găsită"),
        ("/en/does-not-exist/", "en", "Page not found"),
        ("/de/seite/", "ro", "Pagina nu a fost găsită"),
    ],
)
def test_unknown_paths_get_the_localised_404_page(client, site_tree, path, language, text):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert text in html
    assert 'class="site-footer"' in html


def test_markup_in_the_query_string_is_never_echoed(client, site_tree):
    response = client.get("/ro/", {"q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_admin_asks_for_a_login(client, site_tree):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_organisation_details_show_in_the_footer_of_both_locales(client, site_tree):
    ro = client.get("/ro/").content.decode()
    en = client.get("/en/").content.decode()
    footer_ro = ro[ro.index('<footer class="site-footer">') :]
    footer_en = en[en.index('<footer class="site-footer">') :]
    assert "Compartimentul Relații Externe" in footer_ro
    assert "3372882" in footer_ro
    assert "External Relations Office" in footer_en
    assert "3372882" in footer_en
    assert 'href="/ro/declaratie-accesibilitate/"' in footer_ro
    assert 'href="/en/accessibility-statement/"' in footer_en


def test_accessibility_statement_is_a_marked_template_not_invented_facts(client, site_tree):
    html = client.get("/en/accessibility-statement/").content.decode()
    assert "[For the editors to complete:" in html
    assert "Feedback and contact information" in html
    assert "Enforcement procedure" in html


def test_every_page_describes_the_organisation_as_structured_data(client, site_tree):
    from tests.structured_data import json_ld_of_type

    data = json_ld_of_type(client.get("/en/about/").content.decode(), "GovernmentOrganization")
    assert data["name"] == "Botoșani City Hall"
    assert data["taxID"] == "3372882"


def test_every_page_has_opengraph_and_canonical_meta(client, site_tree):
    html = client.get("/ro/despre/").content.decode()
    assert '<link rel="canonical" href="http://testserver/ro/despre/">' in html
    assert '<meta property="og:title" content="Despre">' in html
    assert '<meta property="og:locale" content="ro_RO">' in html
    assert '<meta name="twitter:card" content="summary">' in html


def test_a_page_without_translation_switches_to_its_nearest_translated_ancestor(client, site_tree):
    from pages.models import StandardPage

    about = site_tree.home.get_children().get(slug="despre").specific
    only_romanian = StandardPage(title="Istoric", slug="istoric")
    about.add_child(instance=only_romanian)
    only_romanian.save_revision().publish()
    html = client.get("/ro/despre/istoric/").content.decode()
    assert '<a href="/en/about/?untranslated=1" lang="en" hreflang="en">English</a>' in html
    assert 'hreflang="en" href=' not in html
    notice = client.get("/en/about/?untranslated=1").content.decode()
    assert "has no version in this language yet" in notice


def test_a_private_section_stays_private_for_its_pages_and_children(client, site_tree):
    from wagtail.models import PageViewRestriction

    from pages.models import StandardPage

    about = site_tree.home.get_children().get(slug="despre").specific
    child = StandardPage(title="Intern", slug="intern")
    about.add_child(instance=child)
    child.save_revision().publish()
    PageViewRestriction.objects.create(page=about, restriction_type="login")
    for path in ("/ro/despre/", "/ro/despre/intern/"):
        response = client.get(path)
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    assert "/ro/despre/" not in client.get("/ro/").content.decode().split("<main")[0]
