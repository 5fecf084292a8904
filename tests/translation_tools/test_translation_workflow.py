"""Translators work in wagtail-localize: the demo's translations are theirs to keep in sync,
PO files go out and come back, and a release goes from an editor's Romanian to the English
public the way the office works: an editor publishes it, a translator (with only the
Translators group's permissions) translates it in wagtail-localize and submits it, the
workflow's reviewers approve, and a moderator's approval publishes it."""

import datetime
import re

import feedparser
import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page, TaskState
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from editorial_roles.permissions import setup_permissions
from newsroom.models import PressReleasePage
from pages.models import StandardPage
from tests.factories import build_newsroom

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]


def translation_of(page, language_code="en"):
    source = TranslationSource.objects.get_for_instance(page)
    return Translation.objects.get(source=source, target_locale__language_code=language_code)


def test_demo_translations_are_complete_in_wagtail_localize(site_tree):
    about = site_tree.home.get_children().get(slug="despre")
    total, translated = translation_of(about).get_progress()
    assert total == translated > 0


def test_sync_after_a_romanian_change_shows_the_changed_segment_as_untranslated(
    admin_client, site_tree
):
    about = StandardPage.objects.get(slug="despre", locale__language_code="ro")
    about.introduction = "O introducere nouă, scrisă de un editor."
    about.save_revision().publish()

    source = TranslationSource.objects.get_for_instance(about)
    response = admin_client.post(f"/admin/localize/update/{source.pk}/", {})
    assert response.status_code == 302

    total, translated = translation_of(about).get_progress()
    assert translated == total - 1
    english = StandardPage.objects.get(slug="about", locale__language_code="en")
    assert english.title == "About"


def test_translators_group_may_submit_translations():
    translators = Group.objects.get(name="Translators")
    assert translators.permissions.filter(codename="submit_translation").exists()


def upload(admin_client, translation, content, name="about.po"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return admin_client.post(
        f"/admin/localize/translate/{translation.pk}/pofile/upload/",
        {"file": SimpleUploadedFile(name, content, content_type="text/x-gettext-translation")},
        follow=True,
    )


def string_translations(translation):
    return sorted(
        StringTranslation.objects.filter(
            locale=translation.target_locale, context__object=translation.source.object
        ).values_list("data", flat=True)
    )


@pytest.fixture
def english_admin(admin_client, django_user_model):
    """The admin in English, so that the tests read wagtail-localize's own messages."""
    profile = UserProfile.get_for_user(django_user_model.objects.get(username="admin"))
    profile.preferred_language = "en"
    profile.save()
    return admin_client


def test_po_export_then_import_round_trip_updates_the_translation(english_admin, site_tree):
    import polib

    about = StandardPage.objects.get(slug="despre", locale__language_code="ro")
    translation = translation_of(about)
    response = english_admin.get(f"/admin/localize/translate/{translation.pk}/pofile/download/")
    assert response.status_code == 200
    po = polib.pofile(response.content.decode())
    entry = next(e for e in po if e.msgid == "Despre")
    assert entry.msgstr == "About"
    entry.msgstr = "About us"
    response = upload(english_admin, translation, str(po).encode())
    assert "Successfully imported translations" in response.content.decode()
    assert "About us" in string_translations(translation)


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\xff this is not a PO file",
        b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        b'msgid "Despre"\nmsgstr "Hacked"\n',
    ],
    ids=["malformed", "no-translation-id"],
)
def test_malformed_po_files_are_refused_and_change_nothing(english_admin, site_tree, content):
    about = StandardPage.objects.get(slug="despre", locale__language_code="ro")
    translation = translation_of(about)
    before = string_translations(translation)
    response = upload(english_admin, translation, content)
    assert response.status_code == 200
    assert "valid PO file" in response.content.decode() or "different translation" in (
        response.content.decode()
    )
    assert string_translations(translation) == before


def test_po_file_of_another_page_is_refused_and_changes_nothing(english_admin, site_tree):
    about = StandardPage.objects.get(slug="despre", locale__language_code="ro")
    contact = StandardPage.objects.get(slug="contact", locale__language_code="ro")
    other = english_admin.get(
        f"/admin/localize/translate/{translation_of(contact).pk}/pofile/download/"
    ).content
    translation = translation_of(about)
    before = string_translations(translation)
    response = upload(english_admin, translation, other)
    assert "created for a different translation" in response.content.decode()
    assert string_translations(translation) == before


# From an editor's Romanian to the English public.

ENGLISH = {
    "Vizita delegației din Messina": "The Messina delegation's visit",
    "Delegația a vizitat Primăria.": "The delegation visited the City Hall.",
    "Sala de ședințe": "The meeting room",
    "Discuțiile au privit acțiunile pilot.": "The talks were about the pilot actions.",
    "vizita-delegatiei-din-messina": "the-messina-delegations-visit",
}


@pytest.fixture
def office(site_tree, django_user_model):
    newsroom = build_newsroom(site_tree)
    setup_permissions()

    def member(name, group):
        user = django_user_model.objects.create_user(name, f"{name}@example.com", "password")
        user.groups.add(Group.objects.get(name=group))
        return user

    newsroom.editor = member("editor", "Editors")
    newsroom.translator = member("translator", "Translators")
    newsroom.moderator = member("moderator", "Moderators")
    return newsroom


def test_a_release_travels_from_romanian_editor_to_english_readers(client, office):
    # An editor publishes a Romanian release.
    release = PressReleasePage(
        title="Vizita delegației din Messina",
        slug="vizita-delegatiei-din-messina",
        lead="Delegația a vizitat Primăria.",
        place="Sala de ședințe",
        release_date=datetime.date(2021, 4, 8),
        body=[("paragraph", "<p>Discuțiile au privit acțiunile pilot.</p>")],
    )
    office.news.add_child(instance=release)
    release.save_revision(user=office.editor).publish(user=office.editor)

    # The translator starts the English translation...
    client.force_login(office.translator)
    english = Locale.objects.get(language_code="en")
    response = client.post(f"/admin/localize/submit/page/{release.pk}/", {"locales": [english.pk]})
    assert response.status_code == 302
    source = TranslationSource.objects.get_for_instance(release)
    translation = Translation.objects.get(source=source, target_locale=english)

    # ...fills every segment in wagtail-localize's editor...
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        response = client.put(
            f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
            f"value={ENGLISH[segment.string.data]}",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (200, 201), segment.string.data
    assert translation.get_progress() == (len(ENGLISH), len(ENGLISH))

    # ...and submits it for moderation (what the editor's "Submit" button does: save the
    # translated page, then start the news index's workflow).
    translation.save_target(user=office.translator, publish=False)
    english_release = PressReleasePage.objects.get(
        translation_key=release.translation_key, locale=english
    )
    assert not english_release.live
    english_release.get_workflow().start(english_release, office.translator)
    assert (
        client.get(english_release.url or "/en/news/the-messina-delegations-visit/").status_code
        == 404
    )

    # The translator cannot publish it themselves.
    assert not english_release.permissions_for_user(office.translator).can_publish()

    # The workflow: an editor reviews, then a moderator approves, which publishes.
    for reviewer in (office.editor, office.moderator):
        client.force_login(reviewer)
        task_state = TaskState.objects.get(
            workflow_state__base_content_type__isnull=False,
            workflow_state__object_id=str(english_release.pk),
            status=TaskState.STATUS_IN_PROGRESS,
        )
        response = client.post(
            f"/admin/pages/workflow/action/{english_release.pk}/approve/{task_state.pk}/",
            {"comment": "OK"},
        )
        assert response.status_code in (200, 302)
    english_release.refresh_from_db()
    assert english_release.live

    # The English public sees it: in the English feed, with the same release date...
    client.logout()
    feed = feedparser.parse(client.get("/en/news/rss/").content)
    assert feed.bozo == 0
    entry = next(e for e in feed.entries if e.title == "The Messina delegation's visit")
    assert "08 Apr 2021" in entry.published  # the release date, in the site's time zone
    assert english_release.release_date == release.release_date
    assert "The Messina delegation's visit" not in client.get("/ro/stiri/rss/").content.decode()

    # ...and the two pages name each other as translations.
    def hreflangs(path):
        html = client.get(path).content.decode()
        return dict(re.findall(r'<link rel="alternate" hreflang="(ro|en)" href="([^"]+)">', html))

    ro_path = release.url
    en_path = Page.objects.get(pk=english_release.pk).url
    assert (
        hreflangs(ro_path)
        == hreflangs(en_path)
        == {
            "ro": f"http://testserver{ro_path}",
            "en": f"http://testserver{en_path}",
        }
    )
