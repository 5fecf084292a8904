"""Fixtures of the importer's tests: the news indexes it files releases under, the sample
export written to a temporary folder, and that export imported."""

import json

import pytest

from plone_import.sample import write_collective
from tests.plone_import.helpers import (
    plone_redirects,
    plone_relations,
    run_import,
    site_items,
    translations_by_language,
)


@pytest.fixture
def news_indexes(site_tree):
    from demo_content.building import ensure_page, ensure_translation
    from newsroom.models import NewsIndexPage

    index = ensure_page(site_tree.home, NewsIndexPage, "stiri", title="Știri")
    ensure_translation(index, site_tree.english, title="News", slug="news")
    return site_tree


@pytest.fixture
def collective_export(tmp_path):
    return write_collective(
        tmp_path / "export",
        site_items(),
        translations=translations_by_language(),
        redirects=plone_redirects(),
        relations=plone_relations(),
    )


@pytest.fixture
def imported(news_indexes, collective_export, tmp_path):
    report_path = tmp_path / "report.json"
    output = run_import(
        collective_export,
        "--report",
        str(report_path),
        "--old-site-url",
        "https://www.primariabt.ro",
    )
    return json.loads(report_path.read_text()), output
