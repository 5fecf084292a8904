"""Per-language stemming: the query → pages table, run on whichever database the tests
use (SQLite by default; PostgreSQL with DATABASE_URL=postgres://...)."""

import pytest

from search import stemming
from tests.search.test_search_page import result_titles

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]

FERMO_RO = "Acord semnat cu orașul Fermo"
PROJECTS_RO = "Două proiecte noi pentru tineri"
FERMO_EN = "Agreement signed with Fermo"
# The demo's own pages (site_tree) may match too; the table is about these.
OURS = {FERMO_RO, PROJECTS_RO, FERMO_EN}

TABLE = [
    # Romanian: articled, genitive and plural forms find the bare word, and back.
    ("/ro/cautare/", "parteneriat", [FERMO_RO]),
    ("/ro/cautare/", "parteneriatul", [FERMO_RO]),
    ("/ro/cautare/", "parteneriatului", [FERMO_RO]),
    ("/ro/cautare/", "parteneriatele", [FERMO_RO]),
    ("/ro/cautare/", "proiectele", [PROJECTS_RO]),
    ("/ro/cautare/", "proiectul", [PROJECTS_RO]),
    ("/ro/cautare/", "proiectelor", [PROJECTS_RO]),
    ("/ro/cautare/", "orasului", [FERMO_RO]),
    ("/ro/cautare/", "Orașul Fermo", [FERMO_RO]),
    ("/ro/cautare/", "școlile", [FERMO_RO]),
    ("/ro/cautare/", "scolilor", [FERMO_RO]),
    ("/ro/cautare/", "Botosaniului", [FERMO_RO]),
    ("/ro/cautare/", "primariei", [FERMO_RO]),
    # English: plurals and -ing forms; English pages only.
    ("/en/search/", "partnerships", [FERMO_EN]),
    ("/en/search/", "partnership", [FERMO_EN]),
    ("/en/search/", "project", [FERMO_EN]),
    ("/en/search/", "city", [FERMO_EN]),
    ("/en/search/", "run", [FERMO_EN]),
    ("/en/search/", "proiectele", []),
    ("/ro/cautare/", "partnerships", []),
]


@pytest.mark.parametrize(("address", "query", "expected"), TABLE)
def test_query_finds_the_pages_of_its_language_in_any_form(
    client, releases, address, query, expected
):
    response = client.get(address, {"q": query})
    assert response.status_code == 200
    assert sorted(t for t in result_titles(response) if t in OURS) == sorted(expected)


def test_romanian_stemmer_gives_bare_and_articled_forms_one_stem():
    forms = ["parteneriat", "parteneriatul", "parteneriatului", "parteneriate", "Parteneriatele"]
    assert len({stemming.stems(form, "ro")[0] for form in forms}) == 1
    assert stemming.stems("Botoșani Botoşani Botosani", "ro") == ["botosan"] * 3
    assert stemming.stems("partnerships", "en") == stemming.stems("partnership", "en")
