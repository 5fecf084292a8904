"""Translation pairs: a shared translation key, hreflang and the sitemap, and the
wagtail-localize records translators work from."""

import json

import pytest

from tests.plone_import.helpers import NEWS_EN, NEWS_RO, page_for, run_import

pytestmark = pytest.mark.usefixtures("site_database")


def test_translated_releases_link_each_other_with_hreflang(imported, client):
    ro_page, en_page = page_for(NEWS_RO), page_for(NEWS_EN)
    assert ro_page.translation_key == en_page.translation_key
    html = client.get("/ro/stiri/vizita-messina/").content.decode()
    head = html.split("</head>")[0]
    assert (
        '<link rel="alternate" hreflang="en" href="http://testserver/en/news/messina-visit/">'
        in head
    )
    assert (
        '<link rel="alternate" hreflang="ro" href="http://testserver/ro/stiri/vizita-messina/">'
        in head
    )


def test_the_sitemap_pairs_the_imported_translations_and_leaves_out_drafts(imported, client):
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(client.get("/sitemap.xml").content)
    urls = {
        url.find("s:loc", ns).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)
        }
        for url in root.findall("s:url", ns)
    }
    assert urls["http://testserver/en/news/messina-visit/"]["ro"] == (
        "http://testserver/ro/stiri/vizita-messina/"
    )
    assert not any("ciorna" in url for url in urls)


def test_wagtail_localize_sees_the_english_release_as_a_translation(imported):
    from wagtail_localize.models import Translation, TranslationSource

    source = TranslationSource.objects.get_for_instance_or_none(page_for(NEWS_RO))
    assert source is not None
    translation = Translation.objects.get(source=source, target_locale__language_code="en")
    # Disabled: editors keep the imported English text; translators can start syncing.
    assert translation.enabled is False


def test_wagtail_localize_records_are_the_ones_it_writes_itself(imported):
    """The import writes them in bulk; wagtail-localize's own code must find nothing to
    add or change, and translators get the Romanian text to translate."""
    from wagtail_localize.models import TranslationSource

    page = page_for(NEWS_RO)
    source = TranslationSource.objects.get_for_instance(page)
    imported_records = localize_records(source)
    assert len(imported_records[-1]) > 10  # title, lead, captions, the body's paragraphs…
    assert "Vizită la Messina" in [entry.msgid for entry in source.export_po()]
    assert "Delegația Botoșanilor a vizitat Messina." in [e.msgid for e in source.export_po()]
    source.delete()
    own, created = TranslationSource.get_or_create_from_instance(page)
    assert created
    assert localize_records(own) == imported_records


def test_should_the_bulk_write_fail_wagtail_localize_records_each_pair_itself(
    news_indexes, collective_export, monkeypatch
):
    from wagtail_localize.models import Translation, TranslationSource

    def fail(pairs):
        raise RuntimeError("bulk write failed")

    monkeypatch.setattr("plone_import.translations.create_translation_sources", fail)
    output = run_import(collective_export)
    source = TranslationSource.objects.get_for_instance_or_none(page_for(NEWS_RO))
    assert source is not None
    assert Translation.objects.filter(source=source, enabled=False).count() == 1
    assert "translation source not set up" not in output


def localize_records(source):
    segments = sorted(
        (s.order, s.context.path, s.context.field_path, s.string.data, s.attrs)
        for s in source.stringsegment_set.select_related("context", "string")
    )
    segments += sorted(
        (s.order, s.context.path, s.context.field_path, s.template.template, "")
        for s in source.templatesegment_set.select_related("context", "template")
    )
    segments += sorted(
        (s.order, s.context.path, s.context.field_path, s.data_json, "")
        for s in source.overridablesegment_set.select_related("context")
    )
    segments += sorted(
        (s.order, s.context.path, s.context.field_path, str(s.object_id), "")
        for s in source.relatedobjectsegment_set.select_related("context")
    )
    content = json.loads(source.content_json)
    return (
        source.specific_content_type_id,
        source.locale_id,
        source.object_repr,
        {k: v for k, v in content.items() if k not in ("latest_revision", "live_revision")},
        segments,
    )


def test_translation_sources_can_be_left_for_a_later_run(news_indexes, collective_export):
    from wagtail_localize.models import TranslationSource

    run_import(collective_export, "--no-translation-sources")
    assert page_for(NEWS_RO).translation_key == page_for(NEWS_EN).translation_key
    assert TranslationSource.objects.get_for_instance_or_none(page_for(NEWS_RO)) is None
    run_import(collective_export)
    assert TranslationSource.objects.get_for_instance_or_none(page_for(NEWS_RO)) is not None
