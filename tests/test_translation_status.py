"""The translation status report (Reports → Translation status), its dashboard panel and
the "Sync translations" bulk action on the page listing."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.test.utils import CaptureQueriesContext
from django.db import connection
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from newsroom.models import PressReleasePage
from pages.models import StandardPage
from website.demo.building import ensure_translation

from .factories import PressReleasePageFactory, build_newsroom

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/translation-status/"
CSV_HEADINGS = [
    "Title", "Page type", "Section", "Source language", "Target language", "Status",
    "Source changed at", "Translation updated at", "Source page ID", "Translation page ID",
]


def member(django_user_model, name, group=None):
    user = django_user_model.objects.create_user(name, f"{name}@example.com", "password")
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def translator(client, django_user_model, site_tree):
    client.force_login(member(django_user_model, "translator", "Translators"))
    return client


def rows(client, query=""):
    """The report's rows as (title, target language, status shown) triples."""
    html = client.get(f"{REPORT}?{query}").content.decode()
    found = re.findall(
        r'<tr data-translation-status="([^"]+)">\s*<td class="title">\s*<a [^>]*>([^<]+)</a>'
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


def test_demo_translations_are_in_sync_and_a_new_romanian_page_is_missing(
    translator, site_tree
):
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
