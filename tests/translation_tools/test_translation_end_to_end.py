"""A release goes from an editor's Romanian to the English public, the way the office works:
an editor publishes it, a translator (with only the Translators group's permissions)
translates it in wagtail-localize and submits it, the workflow's reviewers approve, and a
moderator's approval publishes it."""

import datetime
import re

import feedparser
import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page, TaskState
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from editorial_roles.permissions import setup_permissions
from newsroom.models import PressReleasePage
from tests.factories import build_newsroom

pytestmark = pytest.mark.django_db

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
