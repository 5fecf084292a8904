"""Routing from the remembered language home (languages/routing.py): a section is read with
its own fields in one query, the private sections with the site root paths; what is
remembered follows every change, as the reader sees it."""

import pytest
from wagtail.models import PageViewRestriction

from pages.models import StandardPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]


def test_a_section_made_private_after_being_served_is_private_at_once(client, site_tree):
    about = site_tree.home.get_children().get(slug="despre").specific
    child = StandardPage(title="Intern", slug="intern", body=[])
    about.add_child(instance=child)
    child.save_revision().publish()
    for path in ("/ro/", "/ro/despre/", "/ro/despre/intern/", "/en/about/"):
        assert client.get(path).status_code == 200

    PageViewRestriction.objects.create(page=about, restriction_type="login")

    for path in ("/ro/despre/", "/ro/despre/intern/"):
        response = client.get(path)
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    # The menu leaves the private section out, and the English section stays public.
    assert 'href="/ro/despre/"' not in client.get("/ro/").content.decode().split("<main")[0]
    assert client.get("/en/about/").status_code == 200


def test_a_section_is_served_with_its_own_fields_and_a_missing_one_is_404(client, site_tree):
    about = site_tree.home.get_children().get(slug="despre").specific
    html = client.get("/ro/despre/").content.decode()
    assert about.title in html
    assert client.get("/ro/nu-exista/").status_code == 404
    # Renamed: the old slug is gone and the new one serves the same page.
    about.slug = "despre-noi"
    about.save_revision().publish()
    assert client.get("/ro/despre/").status_code == 404
    assert about.title in client.get("/ro/despre-noi/").content.decode()
