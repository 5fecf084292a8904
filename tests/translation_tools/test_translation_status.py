"""The translation status report (Reports → Translation status), its dashboard panel and
the "Sync translations" bulk action on the page listing."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from editorial_roles.permissions import setup_permissions
from newsroom.models import PressReleasePage
from pages.models import StandardPage
from tests.factories import PressReleasePageFactory, build_newsroom

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]

REPORT = "/admin/reports/translation-status/"
CSV_HEADINGS = [
    "Title",
    "Page type",
    "Section",
    "Source language",
    "Target language",
    "Status",
    "Source changed at",
    "Translation updated at",
    "Source page ID",
    "Translation page ID",
]


def member(django_user_model, name, group=None):
    user = django_user_model.objects.create_user(name, f"{name}@example.com", "password")
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def translator(client, django_user_model, site_tree):
    setup_permissions()  # the Translators' English tree
    client.force_login(member(django_user_model, "translator", "Translators"))
    return client


def rows(client, query=""):
    """The report's rows as (title, target language, status shown) triples."""
    html = client.get(f"{REPORT}?{query}").content.decode()
    found = re.findall(
        r'<tr data-translation-status="([^"]+)">\s*<td class="title">\s*<(?:a|span)[^>]*>([^<]+)</'
        r".*?</td>\s*<td>[^<]*</td>\s*<td>[^<]*</td>\s*<td>([^<]+)</td>",
        html,
        re.S,
    )
    return {(title.strip(), language.strip()): status for status, title, language in found}


def export(client, query=""):
    response = client.get(f"{REPORT}?export=csv&{query}")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(content)))


def republish(page, **changes):
    page = page.specific_class.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def bulk_sync(client, *pages):
    ids = "&".join(f"id={page.pk}" for page in pages)
    return client.post(
        f"/admin/bulk/wagtailcore/page/sync_translations/?{ids}&next={REPORT}", {}, follow=True
    )


def test_demo_translations_are_in_sync_and_a_new_romanian_page_is_missing(translator, site_tree):
    new = StandardPage(title="Program de audiențe", slug="program-de-audiente")
    site_tree.home.add_child(instance=new)
    new.save_revision().publish()

    report = rows(translator)
    assert report[("Despre", "English")] == "in sync"
    assert report[("Program de audiențe", "English")] == "missing"
    # English translations are not sources of their own.
    assert ("About", "Română") not in report


def test_republishing_the_source_makes_the_translation_outdated_until_a_bulk_sync(
    translator, site_tree
):
    about = StandardPage.objects.get(slug="despre", locale__language_code="ro")
    republish(about, introduction="O introducere nouă, scrisă de un editor.")
    assert rows(translator)[("Despre", "English")] == "outdated"

    response = bulk_sync(translator, about)
    assert "have been synced" in response.content.decode() or "sincronizate" in (
        response.content.decode()
    )
    assert rows(translator)[("Despre", "English")] == "in sync"


def english_first_page(site_tree):
    page = StandardPage(title="Visiting hours", slug="visiting-hours")
    site_tree.home_en.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_page_written_first_in_english_is_a_source_with_romanian_as_target(translator, site_tree):
    english_first_page(site_tree)
    report = rows(translator)
    assert report[("Visiting hours", "Română")] == "missing"
    assert ("Visiting hours", "English") not in report


def test_a_romanian_wagtail_localize_translation_of_an_english_page_is_not_a_source(
    translator, site_tree, django_user_model
):
    page = english_first_page(site_tree)
    # An editor translates it (`admin_client` would be the translator's client, logged in
    # again: translators may not add Romanian pages).
    editor = Client()
    editor.force_login(member(django_user_model, "editor", "Editors"))
    response = editor.post(
        f"/admin/localize/submit/page/{page.pk}/", {"locales": [site_tree.romanian.pk]}
    )
    assert response.status_code == 302
    report = rows(translator)
    assert report[("Visiting hours", "Română")] == "in sync"
    assert not [key for key in report if key[1] == "English" and key[0] == "Visiting hours"]


def key_paired_page(site_tree):
    """A Romanian page and its English translation sharing a translation key, without
    wagtail-localize records (as the Plone importer makes them)."""
    romanian = StandardPage(title="Arhivă", slug="arhiva")
    site_tree.home.add_child(instance=romanian)
    romanian.save_revision().publish()
    english = romanian.copy_for_translation(site_tree.english)
    english.title, english.slug = "Archive", "archive"
    english.save_revision().publish()
    return romanian, english


def test_pages_paired_by_translation_key_alone_pair_without_wagtail_localize(translator, site_tree):
    romanian, _ = key_paired_page(site_tree)
    assert not TranslationSource.objects.filter(object_id=romanian.translation_key).exists()

    report = rows(translator)
    assert report[("Arhivă", "English")] == "in sync"
    assert ("Archive", "Română") not in report
    republish(romanian, introduction="Documente vechi.")
    assert rows(translator)[("Arhivă", "English")] == "outdated"


def test_a_translation_edited_after_the_source_changed_counts_as_in_sync(translator, site_tree):
    about = StandardPage.objects.get(slug="despre", locale__language_code="ro")
    republish(about, introduction="O introducere nouă.")
    republish(StandardPage.objects.get(slug="about"), introduction="A new introduction.")
    assert rows(translator)[("Despre", "English")] == "in sync"


@pytest.fixture
def newsroom(site_tree):
    newsroom = build_newsroom(site_tree)
    newsroom.release = PressReleasePageFactory(parent=newsroom.news, title="Vizita din Messina")
    newsroom.release.save_revision().publish()
    return newsroom


def test_filters_by_status_language_page_type_and_section(translator, newsroom):
    english_first_page(newsroom)

    assert set(rows(translator, "status=missing")) == {
        ("Vizita din Messina", "English"),
        ("Visiting hours", "Română"),
    }
    assert set(rows(translator, "locale=ro")) == {("Visiting hours", "Română")}
    assert set(rows(translator, "page_type=newsroom.PressReleasePage")) == {
        ("Vizita din Messina", "English")
    }
    assert set(rows(translator, "section=news")) == {
        ("Știri", "English"),
        ("Vizita din Messina", "English"),
    }
    assert ("Știri", "English") not in rows(translator, "section=other")
    assert ("Despre", "English") in rows(translator, "section=other")
    assert set(rows(translator, "section=news&status=in sync")) == {("Știri", "English")}


def test_an_unknown_filter_value_is_ignored_not_an_error(translator, newsroom):
    response = translator.get(f"{REPORT}?status=lost&section=nowhere")
    assert response.status_code == 200
    assert ("Vizita din Messina", "English") in rows(translator, "status=lost")


def test_the_screen_shows_statuses_in_the_editors_language_and_the_csv_machine_values(
    translator, newsroom
):
    html = translator.get(f"{REPORT}?status=missing").content.decode()
    row = re.search(r'<tr data-translation-status="missing">(.*?)</tr>', html, re.S).group(1)
    assert re.search(r">\s*lipsă\s*<", row)  # "missing", in the Romanian admin
    assert "Vizita din Messina" in row

    table = export(translator)
    assert table[0] == CSV_HEADINGS
    by_title = {(row[0], row[4]): row for row in table[1:]}
    release = by_title[("Vizita din Messina", "en")]
    assert release[1:6] == ["newsroom.PressReleasePage", "news", "ro", "en", "missing"]
    assert release[9] == ""
    assert by_title[("Despre", "en")][5] == "in sync"
    assert {row[5] for row in table[1:]} <= {"missing", "outdated", "in sync"}


def test_the_csv_export_follows_the_filters(translator, newsroom):
    table = export(translator, "status=missing")
    assert [row[0] for row in table[1:]] == ["Vizita din Messina"]


def test_the_xlsx_export_is_a_spreadsheet(translator, newsroom):
    response = translator.get(f"{REPORT}?export=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    table = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert table[0] == CSV_HEADINGS
    assert ["Vizita din Messina", "newsroom.PressReleasePage", "news", "ro", "en", "missing"] in [
        row[:6] for row in table[1:]
    ]


def translate(client, translation, english):
    """Fill segments in wagtail-localize's editor, as a translator does."""
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        if segment.string.data in english:
            response = client.put(
                f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
                f"value={english[segment.string.data]}",
                content_type="application/x-www-form-urlencoded",
            )
            assert response.status_code in (200, 201)


def test_bulk_sync_keeps_translated_text_copies_synchronised_fields_and_keeps_own_fields(
    admin_client, translator, newsroom
):
    import datetime

    release = newsroom.release
    response = admin_client.post(
        f"/admin/localize/submit/page/{release.pk}/", {"locales": [newsroom.english.pk]}
    )
    assert response.status_code == 302
    translation = Translation.objects.get(source__object_id=release.translation_key)
    translate(translator, translation, {"Vizita din Messina": "The Messina visit"})
    translation.save_target(publish=False)
    english = PressReleasePage.objects.get(
        translation_key=release.translation_key, locale__language_code="en"
    )
    assert english.title == "The Messina visit" and not english.live
    # The translation's own choice, in a field wagtail-localize neither translates nor
    # synchronises.
    english.show_in_menus = True
    english.save()
    english.save_revision()

    republish(release, release_date=datetime.date(2021, 4, 9), lead="Un paragraf schimbat.")
    assert rows(translator)[("Vizita din Messina", "English")] == "outdated"

    bulk_sync(translator, release)

    english.refresh_from_db()
    assert english.title == "The Messina visit"  # translated text kept
    assert english.release_date == datetime.date(2021, 4, 9)  # synchronised field copied
    assert english.show_in_menus is True  # the translation's own field untouched
    assert not english.live
    # The changed lead is offered to the translator, in Romanian until translated.
    assert english.lead == "Un paragraf schimbat."
    assert "Un paragraf schimbat." in StringSegment.objects.filter(
        source=translation.source
    ).values_list("string__data", flat=True)
    assert rows(translator)[("Vizita din Messina", "English")] == "in sync"


def test_bulk_sync_does_not_publish_a_live_translation(client, translator, site_tree):
    about = StandardPage.objects.get(slug="despre", locale__language_code="ro")
    republish(about, introduction="O introducere nouă, scrisă de un editor.")
    english_before = client.get("/en/about/").content.decode()

    bulk_sync(translator, about)

    english_after = client.get("/en/about/").content.decode()
    assert "O introducere nouă" not in english_after
    assert StandardPage.objects.get(slug="about").introduction in english_before
    translation = Translation.objects.get(source__object_id=about.translation_key)
    total, translated = translation.get_progress()
    assert translated == total - 1  # the translation editor shows the change


def test_bulk_sync_names_the_pages_wagtail_localize_does_not_translate(translator, site_tree):
    about = StandardPage.objects.get(slug="despre", locale__language_code="ro")
    archive, _ = key_paired_page(site_tree)
    republish(archive, introduction="Documente vechi.")
    response = bulk_sync(translator, about, archive)
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"Nu sunt traduse cu wagtail-localize[^<]*: Arhivă\.", html)
    assert "Traducerile unei pagini au fost sincronizate" in html
    assert rows(translator)[("Arhivă", "English")] == "outdated"


def test_bulk_sync_of_a_translation_syncs_it_from_its_source(translator, site_tree):
    # Translators may not open the Romanian tree: they select the English page.
    about = StandardPage.objects.get(slug="despre", locale__language_code="ro")
    republish(about, introduction="O introducere nouă.")
    response = bulk_sync(translator, StandardPage.objects.get(slug="about"))
    assert "Traducerile unei pagini au fost sincronizate" in response.content.decode()
    assert rows(translator)[("Despre", "English")] == "in sync"


def test_bulk_sync_asks_for_confirmation_and_changes_nothing_before(translator, site_tree):
    about = StandardPage.objects.get(slug="despre", locale__language_code="ro")
    republish(about, introduction="O introducere nouă.")
    response = translator.get(f"/admin/bulk/wagtailcore/page/sync_translations/?id={about.pk}")
    assert response.status_code == 200
    assert "Despre" in response.content.decode()
    assert rows(translator)[("Despre", "English")] == "outdated"


@pytest.mark.parametrize("group", ["Translators", "Editors", "Moderators"])
def test_the_editorial_groups_see_the_report_in_the_reports_menu(
    client, django_user_model, site_tree, group
):
    client.force_login(member(django_user_model, "someone", group))
    response = client.get(REPORT)
    assert response.status_code == 200
    assert "Stare traduceri" in response.content.decode()
    assert REPORT in client.get("/admin/").content.decode()


def test_an_anonymous_visitor_is_sent_to_the_login(client, site_tree):
    response = client.get(REPORT)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_user_in_no_group_is_denied(client, django_user_model, site_tree):
    client.force_login(member(django_user_model, "nobody"))
    response = client.get(REPORT)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert ("Despre", "English") not in rows(client)


def test_an_admin_user_without_translation_rights_is_denied(client, django_user_model, site_tree):
    readers = Group.objects.create(name="Readers")
    readers.permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(member(django_user_model, "reader", "Readers"))
    response = client.get(REPORT)
    # Wagtail's answer to PermissionDenied in the admin: back to the dashboard, with a message.
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert REPORT not in client.get("/admin/").content.decode()


def dashboard_counts(client):
    html = client.get("/admin/").content.decode()
    return {
        status: int(count)
        for status, count in re.findall(
            r'\?status=(\w+)" data-translation-status-count>(\d+)</a>', html
        )
    }


def test_the_dashboard_counts_missing_and_outdated_translations_and_links_the_report(
    translator, newsroom
):
    assert dashboard_counts(translator) == {"missing": 1, "outdated": 0}
    republish(StandardPage.objects.get(slug="despre"), introduction="Alt text.")
    english_first_page(newsroom)
    assert dashboard_counts(translator) == {"missing": 2, "outdated": 1}
    html = translator.get("/admin/").content.decode()
    assert "Stare traduceri" in html and "Lipsă" in html and "Depășită" in html


def test_the_dashboard_panel_is_not_shown_to_users_without_translation_rights(
    client, django_user_model, site_tree
):
    readers = Group.objects.create(name="Readers")
    readers.permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(member(django_user_model, "reader", "Readers"))
    assert dashboard_counts(client) == {}


def test_each_row_links_to_the_source_the_translation_and_the_sync(
    client, django_user_model, newsroom
):
    client.force_login(member(django_user_model, "editor", "Editors"))
    html = client.get(REPORT).content.decode()
    about = StandardPage.objects.get(slug="despre")
    about_en = StandardPage.objects.get(slug="about")
    source = TranslationSource.objects.get(object_id=about.translation_key)
    assert f'href="/admin/pages/{about.pk}/edit/"' in html
    assert f'href="/admin/pages/{about_en.pk}/edit/"' in html
    assert f'href="/admin/localize/update/{source.pk}/"' in html
    release = newsroom.release
    assert f'href="/admin/localize/submit/page/{release.pk}/?select_locale=en"' in html


def test_a_translator_is_shown_only_the_links_to_the_english_side(translator, newsroom):
    html = translator.get(REPORT).content.decode()
    about = StandardPage.objects.get(slug="despre")
    about_en = StandardPage.objects.get(slug="about")
    source = TranslationSource.objects.get(object_id=about.translation_key)
    assert f'href="/admin/pages/{about.pk}/edit/"' not in html  # Romanian: not theirs
    assert f'href="/admin/pages/{about_en.pk}/edit/"' in html
    assert f'href="/admin/localize/update/{source.pk}/"' in html
    release = newsroom.release
    assert f'href="/admin/localize/submit/page/{release.pk}/?select_locale=en"' in html


def queries_per_address(client):
    counts = {}
    for address in (
        REPORT,
        f"{REPORT}?status=missing&section=news",
        f"{REPORT}?export=csv",
        "/admin/",
    ):
        client.get(address)  # warm-up: caches that fill once per process
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
            if address.endswith("csv"):
                b"".join(response.streaming_content)
        assert response.status_code == 200
        counts[address] = len(queries)
    return counts


def test_the_report_costs_the_same_number_of_queries_at_10_and_100_pages(translator, newsroom):
    for _ in range(10):
        PressReleasePageFactory(parent=newsroom.news)
    at_10 = queries_per_address(translator)
    for _ in range(90):
        PressReleasePageFactory(parent=newsroom.news)
    at_100 = queries_per_address(translator)
    assert len(rows(translator)) == 50  # the first page of the listing is full
    assert len(export(translator)) > 100
    assert at_10 == at_100
