"""Release reference numbers ("CP-2021-014") and published corrections: the admin form,
the page, the feeds and wagtail-localize."""

import datetime

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail_localize.models import TranslationSource
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.types import StringSegmentValue

from newsroom.models import PressReleasePage
from tests.admin_forms import edit_form, edit_url, release_form
from tests.factories import PressReleasePageFactory, build_newsroom

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]


@pytest.fixture
def newsroom(site_tree):
    return build_newsroom(site_tree)


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["newsroom", "pressreleasepage", parent.pk])


def test_the_admin_refuses_a_reference_already_given_that_year(admin_client, newsroom):
    PressReleasePageFactory(
        parent=newsroom.news,
        title="Primul",
        reference="CP-2021-014",
        release_date=datetime.date(2021, 1, 5),
    )
    response = admin_client.post(add_url(newsroom.news), release_form(reference="cp-2021-014"))
    assert response.status_code == 200
    assert response.context["form"].errors["reference"] == [
        "În 2021 există deja un comunicat cu numărul CP-2021-014: „Primul”. Numerele de "
        "referință sunt unice într-un an."
    ]
    assert PressReleasePage.objects.count() == 1


def test_the_admin_accepts_the_same_reference_in_another_year(admin_client, newsroom):
    PressReleasePageFactory(
        parent=newsroom.news, reference="14", release_date=datetime.date(2020, 4, 8)
    )
    response = admin_client.post(add_url(newsroom.news), release_form(reference="14"))
    assert response.status_code == 302, response.context["form"].errors
    assert PressReleasePage.objects.filter(reference="14").count() == 2


def test_the_admin_refuses_a_reference_with_other_characters(admin_client, newsroom):
    response = admin_client.post(add_url(newsroom.news), release_form(reference="CP#14"))
    assert response.status_code == 200
    assert "reference" in response.context["form"].errors


def test_an_empty_reference_gets_the_next_number_of_the_year(admin_client, newsroom):
    for number, year in (("CP-2021-007", 2021), ("CP-2021-013", 2021), ("CP-2022-020", 2022)):
        PressReleasePageFactory(
            parent=newsroom.news, reference=number, release_date=datetime.date(year, 3, 1)
        )
    response = admin_client.post(add_url(newsroom.news), release_form(reference=""))
    assert response.status_code == 302, response.context["form"].errors
    release = PressReleasePage.objects.get(slug="intalnirea-grupului-local")
    assert release.reference == "CP-2021-014"


def test_editing_a_release_keeps_its_own_reference(admin_client, newsroom):
    release = PressReleasePageFactory(
        parent=newsroom.news, reference="CP-2021-014", release_date=datetime.date(2021, 4, 8)
    )
    response = admin_client.post(edit_url(release), edit_form(release, reference="CP-2021-014"))
    assert response.status_code == 302, response.context["form"].errors


def test_the_reference_is_the_same_in_both_languages_and_not_offered_to_translators(
    newsroom, django_capture_on_commit_callbacks
):
    release = PressReleasePageFactory(
        parent=newsroom.news, reference="CP-2021-014", release_date=datetime.date(2021, 4, 8)
    )
    source, _ = TranslationSource.get_or_create_from_instance(release)
    offered = [
        segment.path
        for segment in extract_segments(release)
        if isinstance(segment, StringSegmentValue)
    ]
    assert "reference" not in offered
    with django_capture_on_commit_callbacks(execute=True):
        source.create_or_update_translation(newsroom.english, fallback=True)
    english = release.get_translation(newsroom.english)
    assert english.reference == "CP-2021-014"
    # The translation shares the number: it is no duplicate of its original.
    english.full_clean()


def test_the_release_shows_its_reference(client, newsroom):
    PressReleasePageFactory(parent=newsroom.news, slug="comunicat", reference="CP-2021-014")
    html = client.get("/ro/stiri/comunicat/").content.decode()
    assert "Număr de referință: CP-2021-014" in html


def test_a_correction_is_shown_in_the_releases_language(client, newsroom):
    corrected = timezone.make_aware(datetime.datetime(2021, 4, 12, 10, 0))
    PressReleasePageFactory(
        parent=newsroom.news,
        slug="comunicat",
        correction_note="Data întâlnirii era greșită.",
        corrected_at=corrected,
    )
    PressReleasePageFactory(
        parent=newsroom.news_en,
        slug="release",
        correction_note="The date of the meeting was wrong.",
        corrected_at=corrected,
    )
    html = client.get("/ro/stiri/comunicat/").content.decode()
    assert "<strong>Actualizat la 12 aprilie 2021:</strong> Data întâlnirii era greșită." in html
    html = client.get("/en/news/release/").content.decode()
    assert "<strong>Updated on April 12, 2021:</strong> The date of the meeting was wrong." in html


def test_a_release_without_correction_shows_no_update(client, newsroom):
    PressReleasePageFactory(parent=newsroom.news, slug="comunicat")
    assert "Actualizat la" not in client.get("/ro/stiri/comunicat/").content.decode()


def test_publishing_a_correction_dates_it_and_updates_the_atom_entry(
    admin_client, client, newsroom
):
    release = PressReleasePageFactory(
        parent=newsroom.news, reference="CP-2021-014", release_date=datetime.date(2021, 4, 8)
    )
    release.save_revision().publish()
    # Published days ago, corrected now.
    PressReleasePage.objects.filter(pk=release.pk).update(
        last_published_at=timezone.make_aware(datetime.datetime(2021, 4, 8, 12, 0))
    )
    before = feedparser.parse(client.get("/ro/stiri/atom/").content).entries[0]

    response = admin_client.post(
        edit_url(release),
        edit_form(
            release,
            reference="CP-2021-014",
            correction_note="Data întâlnirii era greșită.",
            **{"action-publish": "action-publish"},
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    release.refresh_from_db()
    assert release.corrected_at is not None

    after = feedparser.parse(client.get("/ro/stiri/atom/").content).entries[0]
    assert after.updated_parsed > before.updated_parsed
    assert after.published_parsed == before.published_parsed


def test_a_correction_dated_later_is_the_entrys_update(client, newsroom):
    corrected = timezone.now() + datetime.timedelta(days=1)
    PressReleasePageFactory(
        parent=newsroom.news, correction_note="Corectat.", corrected_at=corrected
    )
    entry = feedparser.parse(client.get("/ro/stiri/atom/").content).entries[0]
    assert entry.updated_parsed[:5] == corrected.utctimetuple()[:5]


@pytest.mark.parametrize("path", ["/ro/stiri/rss/", "/ro/stiri/atom/"])
def test_feed_readers_see_the_reference_in_the_title(client, newsroom, path):
    PressReleasePageFactory(
        parent=newsroom.news, title="Întâlnirea Grupului Local", reference="CP-2021-014"
    )
    PressReleasePageFactory(parent=newsroom.news, title="Fără număr")
    feed = feedparser.parse(client.get(path).content)
    assert feed.bozo == 0
    titles = {entry.title for entry in feed.entries}
    assert titles == {"Întâlnirea Grupului Local (CP-2021-014)", "Fără număr"}


def test_a_second_correction_gets_its_own_date(newsroom):
    first = timezone.make_aware(datetime.datetime(2021, 4, 12, 10, 0))
    release = PressReleasePageFactory(
        parent=newsroom.news, correction_note="Data era greșită.", corrected_at=first
    )
    release.correction_note = "Data era greșită. Și locul."
    release.save()
    assert release.corrected_at > first
    dated_by_hand = timezone.make_aware(datetime.datetime(2021, 5, 1, 9, 0))
    release.correction_note, release.corrected_at = "Altceva.", dated_by_hand
    release.save()
    assert release.corrected_at == dated_by_hand
