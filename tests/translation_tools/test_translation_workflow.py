"""Translators work in wagtail-localize: the demo's translations are theirs to keep in sync."""

import pytest
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from pages.models import StandardPage

pytestmark = pytest.mark.django_db


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
