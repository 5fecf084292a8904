"""The EU funding statement: an EU-funded project shows the EU flag with "Co-funded by the
European Union" in its page's language, in the API, and on the releases about it."""

import re

import pytest
from django.contrib.staticfiles import finders

from newsroom.models import PressReleaseRelatedPage
from pages.funding import EUFund
from tests.factories import (
    NewsIndexPageFactory,
    PressReleasePageFactory,
    ProjectPageFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]

FLAG_RO = re.compile(
    r'<img class="eu-funding__flag" src="/static/img/eu-flag\.svg" width="75" height="50" '
    r'alt="Drapelul Uniunii Europene">'
)
FLAG_EN = re.compile(r'<img class="eu-funding__flag" [^>]*alt="Flag of the European Union">')


@pytest.fixture
def funded(partners_tree):
    tree = partners_tree
    tree.project = ProjectPageFactory(
        parent=tree.projects, programme="URBACT III", eu_fund=EUFund.ERDF
    )
    tree.project_en = tree.project.copy_for_translation(tree.english)
    tree.project_en.programme = "URBACT III"
    tree.project_en.save_revision().publish()
    tree.unfunded = ProjectPageFactory(parent=tree.projects, title="Altul", slug="altul")
    return tree


def test_a_funded_project_shows_the_flag_and_statement_in_romanian(client, funded):
    html = client.get("/ro/proiecte/digiplace/").content.decode()
    assert FLAG_RO.search(html)
    assert '<p class="eu-funding__statement">Co-finanțat de Uniunea Europeană</p>' in html
    assert "URBACT III · Fondul European de Dezvoltare Regională (FEDR)" in html


def test_a_funded_project_shows_the_flag_and_statement_in_english(client, funded):
    html = client.get("/en/projects/digiplace/").content.decode()
    assert FLAG_EN.search(html)
    assert '<p class="eu-funding__statement">Co-funded by the European Union</p>' in html
    assert "URBACT III · European Regional Development Fund (ERDF)" in html


def test_a_project_without_an_eu_fund_shows_no_statement(client, funded):
    html = client.get("/ro/proiecte/altul/").content.decode()
    assert "eu-funding" not in html and "Co-finanțat" not in html


def test_the_flag_is_served_as_an_svg_of_the_eu_colours(client, funded):
    svg = open(finders.find("img/eu-flag.svg"), encoding="utf-8").read()
    assert svg.count("<polygon") == 12
    assert 'fill="#003399"' in svg and 'fill="#FFDD00"' in svg


@pytest.mark.parametrize(
    "locale, statement, fund_name",
    [
        (
            "ro",
            "Co-finanțat de Uniunea Europeană",
            "Fondul European de Dezvoltare Regională (FEDR)",
        ),
        ("en", "Co-funded by the European Union", "European Regional Development Fund (ERDF)"),
    ],
)
def test_the_api_gives_the_fund_and_statement_in_the_pages_language(
    client, funded, locale, statement, fund_name
):
    response = client.get(
        "/api/v2/pages/",
        {"type": "partners.ProjectPage", "fields": "eu_fund,eu_funding", "locale": locale},
    )
    assert response.status_code == 200
    by_slug = {item["meta"]["slug"]: item for item in response.json()["items"]}
    assert by_slug["digiplace"]["eu_fund"] == "erdf"
    assert by_slug["digiplace"]["eu_funding"] == {
        "programme": "URBACT III",
        "fund": "erdf",
        "fund_name": fund_name,
        "statement": statement,
    }
    if locale == "ro":
        assert by_slug["altul"]["eu_funding"] is None


def test_a_release_about_a_funded_project_shows_the_statement(client, funded):
    news = NewsIndexPageFactory(parent=funded.home)
    news.save_revision().publish()
    PressReleasePageFactory(
        parent=news,
        slug="despre-digiplace",
        related_pages=[PressReleaseRelatedPage(page=funded.project)],
    )
    PressReleasePageFactory(
        parent=news,
        slug="despre-altul",
        related_pages=[PressReleaseRelatedPage(page=funded.unfunded)],
    )
    html = client.get("/ro/stiri/despre-digiplace/").content.decode()
    assert FLAG_RO.search(html)
    assert "Co-finanțat de Uniunea Europeană" in html
    assert "URBACT III · Fondul European de Dezvoltare Regională (FEDR)" in html
    assert "Co-finanțat" not in client.get("/ro/stiri/despre-altul/").content.decode()
