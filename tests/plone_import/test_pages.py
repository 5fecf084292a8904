"""News Items as press releases and Documents as standard pages: where they are
served, in which language, with which dates, and private items kept from the public."""

from datetime import datetime

import pytest

from pages.models import StandardPage
from tests.plone_import.helpers import (
    ABOUT,
    BUCHAREST,
    DRAFT,
    HISTORY,
    NEWS_EN,
    NEWS_RO,
    TEAM,
    page_for,
)

pytestmark = pytest.mark.usefixtures("site_database")


def test_releases_are_served_at_their_urls_in_their_locale(imported, client):
    response = client.get("/ro/stiri/vizita-messina/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vizită la Messina" in html
    assert '<html lang="ro">' in html
    english = client.get("/en/news/messina-visit/")
    assert english.status_code == 200
    assert '<html lang="en">' in english.content.decode()
    assert page_for(NEWS_EN).locale.language_code == "en"


def test_releases_keep_plones_dates_in_bucharest_time(imported):
    page = page_for(NEWS_RO)
    # "2021-03-04T10:00:00" has no offset: it is Bucharest time (UTC+2 in March).
    assert page.first_published_at == datetime(2021, 3, 4, 10, 0, tzinfo=BUCHAREST)
    assert page.last_published_at == datetime(2021, 3, 5, 12, 30, tzinfo=BUCHAREST)
    assert page.release_date.isoformat() == "2021-03-04"
    assert page.lead == "Delegația Botoșanilor a vizitat Messina."


def test_private_items_are_drafts_hidden_from_the_public(imported, client):
    page = page_for(DRAFT)
    assert page.live is False
    assert client.get("/ro/stiri/ciorna/").status_code == 404


def test_documents_become_standard_pages_below_their_language_home(imported, client):
    about = page_for(ABOUT)
    assert isinstance(about, StandardPage)
    assert client.get("/ro/despre-noi/").status_code == 200
    team = page_for(TEAM)
    assert team.get_parent().specific == about.get_parent().specific  # the folder is gone
    assert client.get("/ro/echipa/").status_code == 200
    history = page_for(HISTORY)
    assert history.get_parent().pk == about.pk  # a Document inside a Document stays inside
    html = client.get("/ro/despre-noi/istoric/").content.decode()
    assert 'href="/ro/stiri/vizita-messina/"' in html  # the public old address, resolved
