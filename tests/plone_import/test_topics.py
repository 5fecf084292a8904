"""Plone's subjects as topics, and a Romanian topic paired with its English one."""

import json

import pytest

from newsroom.models import Topic
from plone_import.sample import bilingual_site, item, uid, write_collective
from tests.plone_import.helpers import NEWS_EN, NEWS_RO, lines, page_for, run_import

pytestmark = pytest.mark.usefixtures("site_database")


def test_a_topic_and_its_translation_come_from_the_subjects_of_a_translated_pair(imported, client):
    romanian = Topic.objects.get(locale__language_code="ro", slug="digitalizare")
    english = Topic.objects.get(locale__language_code="en", slug="digitalisation")
    assert english.translation_key == romanian.translation_key
    assert Topic.objects.get(locale__language_code="en", slug="urbact").translation_key == (
        Topic.objects.get(locale__language_code="ro", slug="urbact").translation_key
    )
    html = client.get("/en/news/topic/digitalisation/").content.decode()
    assert "Visit to Messina" in html and "Vizită la Messina" not in html
    html = client.get("/ro/stiri/subiect/digitalizare/").content.decode()
    assert "Vizită la Messina" in html and "Visit to Messina" not in html
    feed = client.get("/en/news/topic/digitalisation/rss/")
    assert feed.status_code == 200 and "Visit to Messina" in feed.content.decode()
    report, _ = imported
    assert report["summary"]["topics paired"] == 2


def test_a_release_translated_later_in_wagtail_is_filed_under_the_paired_topic(imported):
    # wagtail-localize copies a release with its topics; the release files itself under
    # their English translations, which exist only because the import paired them.
    english = page_for(NEWS_EN)
    english.topics = list(page_for(NEWS_RO).topics.all())
    english.save()
    assert sorted(english.topics.values_list("slug", flat=True)) == ["digitalisation", "urbact"]


def test_conflicting_subject_pairs_are_reported_and_the_most_frequent_wins(
    news_indexes, tmp_path, client
):
    items = bilingual_site("/ro/noutati")
    pairs = []
    for number, (romanian, english) in enumerate(
        [
            (["Cultură"], ["Culture"]),
            (["Cultură"], ["Culture"]),
            (["Cultură"], ["Youth"]),  # a slip: outvoted, reported
            (["Tineret", "URBACT"], ["URBACT"]),  # different numbers: only URBACT pairs
        ]
    ):
        for language, folder, subjects in (
            ("ro", "/ro/noutati", romanian),
            ("en", "/en/news", english),
        ):
            items.append(
                item(
                    "News Item",
                    f"{folder}/release-{number}",
                    f"Release {number} {language}",
                    description="x",
                    language=language,
                    subjects=subjects,
                )
            )
        pairs.append(
            {"ro": uid(f"/ro/noutati/release-{number}"), "en": uid(f"/en/news/release-{number}")}
        )
    report_path = tmp_path / "r.json"
    run_import(
        write_collective(tmp_path / "export", items, translations=pairs),
        "--report",
        str(report_path),
    )

    def key(language, slug):
        return Topic.objects.get(locale__language_code=language, slug=slug).translation_key

    assert key("en", "culture") == key("ro", "cultura")
    assert key("en", "urbact") == key("ro", "urbact")
    assert key("en", "youth") not in (key("ro", "cultura"), key("ro", "tineret"))
    warnings = [line["reason"] for line in lines(json.loads(report_path.read_text()), "warning")]
    assert any("'cultura' (ro) not paired with 'youth' (en)" in w for w in warnings)
    assert any("only subjects written the same in both are paired" in w for w in warnings)
    assert client.get("/en/news/topic/culture/").status_code == 200
