"""The site's root sends a reader to the home of their browser's language, Romanian
by default."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]


def test_root_redirects_to_romanian_by_default(client, site_tree):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/ro/"


def test_root_redirects_to_english_for_an_english_browser(client, site_tree):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9,ro;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/en/"
