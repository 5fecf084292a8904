"""Embargoed releases: an editor sets the embargo and hands out private preview links;
before its time the release is nowhere public, at its time it goes live by itself."""

import datetime
import html
import io
import re
from contextlib import contextmanager
from unittest import mock

import feedparser
import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from editorial_roles.permissions import setup_permissions
from embargo.models import Embargo, PreviewLink
from newsroom.models import PressReleasePage

from ..factories import PressContactFactory, PressReleasePageFactory, build_newsroom, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]

TITLE = "Contract semnat pentru pasarela Mihai Eminescu"


@pytest.fixture
def newsroom(site_tree):
    setup_permissions()
    return build_newsroom(site_tree)


@pytest.fixture
def editor(client, django_user_model):
    user = make_user(django_user_model, "editor", "Editors")
    client.force_login(user)
    return user


@pytest.fixture
def release(newsroom):
    page = PressReleasePageFactory(
        parent=newsroom.news, title=TITLE, slug="pasarela", live=False, lead="Pasarela nouă."
    )
    PressContactFactory(
        release=page,
        name="Ana Pop",
        role="Purtător de cuvânt",
        email="presa@example.ro",
        phone="+40 231 502 200",
    )
    page.save_revision()
    return PressReleasePage.objects.get(pk=page.pk)


@contextmanager
def clock_at(moment):
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def shown(response):
    return html.unescape(response.content.decode())


def manage_url(page):
    return reverse("embargo_manage", args=[page.pk])


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def embargo(client, page, until):
    return client.post(manage_url(page), {"action": "embargo", "until": local(until)}, follow=True)


def create_link(client, page, recipient="Monitorul de Botoșani", expires_at=None):
    expires_at = expires_at or timezone.now() + datetime.timedelta(days=2)
    response = client.post(
        manage_url(page),
        {"action": "create_link", "recipient": recipient, "expires_at": local(expires_at)},
    )
    match = re.search(r"https?://[^/\s]+(/embargo/[^/\s]+/)", shown(response))
    return response, match.group(1) if match else None


def in_two_hours():
    return (timezone.now() + datetime.timedelta(hours=2)).replace(second=0, microsecond=0)


def test_an_editor_puts_a_release_under_embargo_and_it_is_scheduled(client, editor, release):
    until = in_two_hours()
    response = embargo(client, release, until)
    assert "is under embargo until" in shown(response)
    page = PressReleasePage.objects.get(pk=release.pk)
    assert not page.live
    assert page.scheduled_revision.approved_go_live_at == until
    assert Embargo.objects.get(page=page).until == until
    assert "Under embargo until" in shown(client.get(manage_url(release)))


def test_an_embargo_in_the_past_is_refused_with_a_form_error(client, editor, release):
    response = embargo(client, release, timezone.now() - datetime.timedelta(hours=1))
    assert "The embargo must end in the future." in shown(response)
    assert not Embargo.objects.exists()
    assert (
        not PressReleasePage.objects.get(pk=release.pk)
        .revisions.filter(approved_go_live_at__isnull=False)
        .exists()
    )


def test_a_live_release_cannot_be_embargoed(client, editor, newsroom):
    live = PressReleasePageFactory(parent=newsroom.news, title="Deja publicat")
    response = embargo(client, live, in_two_hours())
    assert "is already live: an embargo cannot take it back" in shown(response)
    assert not Embargo.objects.exists()


def test_a_translator_may_not_embargo_nor_create_links(client, django_user_model, release):
    client.force_login(make_user(django_user_model, "translator", "Translators"))
    response = client.post(manage_url(release), {"action": "embargo", "until": "2030-01-01 10:00"})
    assert not Embargo.objects.exists()
    # Wagtail's "no permission": back to the dashboard, nothing done.
    assert response.status_code == 302 and response["Location"] == "/admin/"
    response = client.get(manage_url(release))
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_the_preview_link_shows_the_release_with_the_embargo_banner(client, editor, release):
    until = in_two_hours()
    embargo(client, release, until)
    response, path = create_link(client, release)

    invitation = shown(response)
    assert "Copy it now" in invitation
    assert "Ana Pop — Purtător de cuvânt — presa@example.ro — +40 231 502 200" in invitation
    assert path is not None

    preview = Client().get(path)
    assert preview.status_code == 200
    page = shown(preview)
    assert TITLE in page
    # In the release's language, in the site's zone (EET in winter).
    banner = "SUB EMBARGO PÂNĂ LA " + timezone.localtime(until).strftime("%-d ")
    assert banner in page
    assert timezone.localtime(until).strftime("%H:%M EET") in page
    assert "no-store" in preview["Cache-Control"] and "private" in preview["Cache-Control"]
    assert "noindex" in preview["X-Robots-Tag"]
    assert preview["Referrer-Policy"] == "no-referrer"  # the address never leaves in a Referer
    # Only the hash is stored: the address itself cannot be read from the database.
    assert path.split("/")[2] not in PreviewLink.objects.get().token_hash


def test_revoked_expired_and_unknown_links_show_nothing(client, editor, release):
    embargo(client, release, in_two_hours())
    _response, revoked = create_link(client, release, recipient="Ziarul A")
    _response, expiring = create_link(
        client,
        release,
        recipient="Ziarul B",
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    link = PreviewLink.objects.get(recipient="Ziarul A")
    response = client.post(manage_url(release), {"action": "revoke", "link": link.pk}, follow=True)
    assert "The link for Ziarul A no longer works." in shown(response)

    assert Client().get(revoked).status_code == 404
    assert Client().get(expiring).status_code == 200
    with clock_at(timezone.now() + datetime.timedelta(minutes=61)):
        assert Client().get(expiring).status_code == 404
    assert Client().get("/embargo/not-a-token/").status_code == 404
    # A link id of another page is not revoked from this page's view.
    response = client.post(manage_url(release), {"action": "revoke", "link": "999"}, follow=True)
    assert "does not exist or was already revoked" in shown(response)


def test_a_link_valid_too_long_is_refused(client, editor, release):
    embargo(client, release, in_two_hours())
    response, path = create_link(
        client, release, expires_at=timezone.now() + datetime.timedelta(days=45)
    )
    assert "30 days at most" in shown(response)
    assert path is None and not PreviewLink.objects.exists()


PUBLIC_ADDRESSES = [
    "/ro/stiri/",
    "/ro/stiri/rss/",
    "/ro/stiri/atom/",
    "/sitemap.xml",
    "/ro/cautare/?q=pasarela",
    "/api/v2/pages/?type=newsroom.PressReleasePage&fields=*&locale=ro",
]


def test_an_embargoed_release_leaks_nowhere_before_its_time(client, editor, release, settings):
    settings.PAGE_CACHE_ENABLED = True
    caches[settings.PAGE_CACHE_ALIAS].clear()
    until = in_two_hours()
    embargo(client, release, until)
    _response, path = create_link(client, release)
    reader = Client()
    # A journalist reads the preview; nothing of it may reach the shared page cache.
    assert TITLE in shown(reader.get(path))
    assert reader.get(path).get("X-Page-Cache") is None

    for address in PUBLIC_ADDRESSES:
        response = reader.get(address)
        assert response.status_code == 200, address
        content = shown(response)
        assert TITLE not in content and "/pasarela/" not in content, address
    assert reader.get("/ro/stiri/pasarela/").status_code == 404
    assert reader.get(f"/api/v2/pages/{release.pk}/").status_code == 404
    feed = feedparser.parse(reader.get("/ro/stiri/rss/").content)
    assert TITLE not in [entry.title for entry in feed.entries]

    # At its time, with no one doing anything but the scheduler's run, it is everywhere.
    with clock_at(until + datetime.timedelta(seconds=20)):
        call_command("run_scheduler", "--once", stdout=io.StringIO())
        assert reader.get("/ro/stiri/pasarela/").status_code == 200
        feed = feedparser.parse(reader.get("/ro/stiri/rss/").content)
        assert TITLE in [entry.title for entry in feed.entries]
        assert "pasarela" in reader.get("/ro/stiri/").content.decode()
        assert "pasarela" in reader.get("/sitemap.xml").content.decode()
        # The preview link now leads to the public page.
        response = reader.get(path)
        assert response.status_code == 302 and response["Location"].endswith("/ro/stiri/pasarela/")


def test_a_release_with_a_translation_is_embargoed_in_both_languages(
    client, editor, newsroom, release
):
    translation = release.copy_for_translation(newsroom.english)
    translation.title, translation.slug = "Contract signed for the footbridge", "footbridge"
    translation.save()
    translation.save_revision()
    until = in_two_hours()
    response = embargo(client, release, until)
    assert "is under embargo until" in shown(response)
    for page in (release, translation):
        page = PressReleasePage.objects.get(pk=page.pk)
        assert not page.live
        assert page.scheduled_revision.approved_go_live_at == until
        assert Embargo.objects.get(page=page).until == until
    with clock_at(until + datetime.timedelta(seconds=1)):
        call_command("run_scheduler", "--once", stdout=io.StringIO())
    assert Client().get("/ro/stiri/pasarela/").status_code == 200
    assert Client().get("/en/news/footbridge/").status_code == 200


def test_after_the_time_the_link_shows_the_release_until_it_is_live_unless_cancelled(
    client, editor, release
):
    until = in_two_hours()
    embargo(client, release, until)
    _response, path = create_link(client, release, expires_at=until + datetime.timedelta(days=1))
    with clock_at(until + datetime.timedelta(seconds=10)):
        # The scheduler has not run yet: the journalist still reads it, not a 404.
        assert Client().get(path).status_code == 200
        # The editor cancelled the publication: nothing to show any more.
        release.revisions.update(approved_go_live_at=None)
        assert Client().get(path).status_code == 404


def test_the_edit_view_offers_the_embargo_to_those_who_may_publish(
    client, editor, release, newsroom, django_user_model
):
    edit = reverse("wagtailadmin_pages:edit", args=[release.pk])
    assert manage_url(release) in shown(client.get(edit))
    translator = make_user(django_user_model, "translator", "Translators")
    translation = release.copy_for_translation(newsroom.english)
    client.force_login(translator)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[translation.pk]))
    assert response.status_code == 200  # a translator edits the English page…
    assert "Embargo and preview links" not in shown(response)  # …but cannot embargo it
