"""What a reader sees on the results page: ranking, phrases, type, date, highlights,
filter, paging, the other language's suggestion, bad input; the header's search box."""

import re

import pytest

from tests.search.test_search_page import result_titles

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]


def test_a_title_match_ranks_above_a_body_match(client, releases):
    titles = result_titles(client.get("/ro/cautare/", {"q": "castanul"}))
    assert titles.index("Castanul din curte") < titles.index("Curtea școlii")


def test_quoted_words_match_only_as_a_phrase(client, releases):
    loose = result_titles(client.get("/ro/cautare/", {"q": "acord cultural"}))
    phrase = result_titles(client.get("/ro/cautare/", {"q": '"acordul cultural"'}))
    assert "Două proiecte noi pentru tineri" in loose
    assert "Acord semnat cu orașul Fermo" in phrase
    assert "Două proiecte noi pentru tineri" not in phrase


def test_each_result_shows_its_type_date_and_highlighted_snippet(client, releases):
    html = client.get("/ro/cautare/", {"q": "parteneriatul"}).content.decode()
    card = html.split('data-type="release"', 1)[1].split("</li>", 1)[0]
    assert "Comunicat de presă" in card or "Press release" in card
    assert re.search(r'<time datetime="\d{4}-\d{2}-\d{2}">', card)
    assert "un <mark>parteneriat</mark> cu Fermo" in card


def test_results_can_be_filtered_by_type(client, releases):
    everything = result_titles(client.get("/ro/cautare/", {"q": "castanul"}))
    pages = result_titles(client.get("/ro/cautare/", {"q": "castanul", "type": "page"}))
    releases_only = result_titles(client.get("/ro/cautare/", {"q": "castanul", "type": "release"}))
    assert "Castanul din curte" in everything
    assert "Castanul din curte" in pages
    assert releases_only == []
    assert result_titles(client.get("/ro/cautare/", {"q": "proiectele", "type": "release"})) == [
        "Două proiecte noi pentru tineri"
    ]


def test_paging_keeps_the_type_filter(client, releases):
    from pages.models import StandardPage

    for number in range(12):
        page = StandardPage(title=f"Stejarul {number}", slug=f"stejar-{number}")
        releases.home.add_child(instance=page)
        page.save_revision().publish()
    first = client.get("/ro/cautare/", {"q": "stejarii", "type": "page"}).content.decode()
    assert "type=page&amp;page=2" in first
    second = client.get("/ro/cautare/", {"q": "stejarii", "type": "page", "page": 2})
    assert len(result_titles(second)) == 2


def test_no_results_suggests_the_other_languages_search(client, releases):
    html = client.get("/ro/cautare/", {"q": "partnerships"}).content.decode()
    assert result_titles_in(html) == []
    assert 'href="/en/search/?q=partnerships"' in html
    html = client.get("/en/search/", {"q": "parteneriatul"}).content.decode()
    assert 'href="/ro/cautare/?q=parteneriatul"' in html


def test_no_suggestion_when_neither_language_has_results(client, releases):
    html = client.get("/ro/cautare/", {"q": "xylofonistul"}).content.decode()
    assert "search-suggestion" not in html


def result_titles_in(html):
    return re.findall(r'<ol class="card-list search-results"', html)


@pytest.mark.parametrize(
    "query",
    [
        "\x00",
        '"Botoșani',
        'Botoșani"',
        '""',
        "AND OR NOT",
        "NEAR(a b)",
        "parteneriat*",
        "title:parteneriat",
        "-parteneriat ^2 {}",
        "'; DROP TABLE x; --",
        "x" * 5000,
        " ".join(["cuvânt"] * 500),
        "ab " * 2000,
    ],
)
def test_hostile_queries_get_results_or_a_clear_message(client, releases, query):
    response = client.get("/ro/cautare/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<form class="filters" role="search"' in html
    assert '<p role="status">' in html or not query.strip("\x00")


def test_an_open_quote_still_searches_the_word(client, releases):
    assert "Acord semnat cu orașul Fermo" in result_titles(
        client.get("/ro/cautare/", {"q": '"Botoșani'})
    )


@pytest.mark.parametrize(("address", "action"), [("/ro/", "/ro/cautare/"), ("/en/", "/en/search/")])
def test_every_page_has_a_labelled_search_box_in_its_header(client, site_tree, address, action):
    html = client.get(address).content.decode()
    header = html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
    assert f'<form class="header-search" role="search" action="{action}" method="get">' in header
    assert '<label for="header-search-query">' in header
    assert '<input id="header-search-query" type="search" name="q"' in header
