"""Reading the export: both formats (collective.exportimport's JSON file and
plone.exportimport's directory), files that are not an export refused with nothing
written, and Plone's dates read in Bucharest time."""

from datetime import datetime

import pytest
from django.core.management import CommandError

from newsroom.models import PressReleasePage
from plone_import.sample import write_collective, write_plone_exportimport
from tests.plone_import.helpers import (
    BUCHAREST,
    NEWS_RO,
    counts,
    page_for,
    plone_redirects,
    run_import,
    site_items,
    translations_canonical,
)

pytestmark = pytest.mark.usefixtures("site_database")


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "not valid JSON"),
        ('{"items": []}', "expected a JSON list of items"),
        ('[{"title": "no type"}]', "no item has an @type"),
    ],
)
def test_a_file_that_is_not_an_export_is_refused_with_nothing_written(
    news_indexes, tmp_path, content, message
):
    path = tmp_path / "content.json"
    path.write_text(content)
    before = counts()
    with pytest.raises(CommandError) as refused:
        run_import(path)
    assert str(path) in str(refused.value) and message in str(refused.value)
    assert "\n" not in str(refused.value)
    assert counts() == before


def test_a_broken_companion_file_is_refused_with_nothing_written(news_indexes, tmp_path):
    export = write_collective(tmp_path / "export", site_items())
    (tmp_path / "export" / "translations.json").write_text('{"ro": "x"}')
    before = counts()
    with pytest.raises(CommandError, match="translations.json: not a translations export"):
        run_import(export)
    assert counts() == before


def test_a_directory_that_is_not_an_export_is_refused(news_indexes, tmp_path):
    with pytest.raises(CommandError, match="no content/__metadata__.json"):
        run_import(tmp_path)


def test_plone_exportimport_directory_with_canonical_translations(news_indexes, tmp_path, client):
    directory = write_plone_exportimport(
        tmp_path / "plone6",
        site_items(),
        translations=translations_canonical(),
        redirects=plone_redirects(),
    )
    output = run_import(directory)
    assert "News Item" in output
    response = client.get("/ro/stiri/vizita-messina/")
    assert response.status_code == 200
    assert 'hreflang="en" href="http://testserver/en/news/messina-visit/"' in (
        response.content.decode()
    )
    page = page_for(NEWS_RO)
    assert page.hero_image is not None and page.hero_image.width == 8
    assert client.get("/ro/mai-vechi").status_code == 301
    assert client.get("/ro/stiri/ciorna/").status_code == 404
    assert PressReleasePage.objects.live().filter(locale__language_code="en").count() == 1


@pytest.mark.parametrize(
    "written, expected",
    [
        ("2021-03-04T10:00:00", datetime(2021, 3, 4, 10, 0, tzinfo=BUCHAREST)),
        ("2021-07-04T10:00:00+00:00", datetime(2021, 7, 4, 13, 0, tzinfo=BUCHAREST)),
        ("2021/03/04 10:00:00 GMT+1", datetime(2021, 3, 4, 11, 0, tzinfo=BUCHAREST)),
        ("1000-01-01T00:00:00", None),
        ("None", None),
    ],
)
def test_plone_dates_are_read_in_bucharest_time(written, expected):
    from plone_import.exports import parse_date

    assert parse_date(written, BUCHAREST) == expected
