"""The demo releases built from the two seed documents, in Romanian and English."""

import datetime

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from newsroom.models import (
    NewsIndexPage,
    PressReleasePage,
    Topic,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_database")]

ULG_RO = "Comunicat de presă: Întâlnirea Grupului Local URBACT"
ULG_EN = "Press release: URBACT Local Group meeting"


def load():
    call_command("load_demo_content", stdout=open("/dev/null", "w"))


def test_news_indexes_are_in_the_menu_of_both_languages(client):
    ro = NewsIndexPage.objects.get(locale__language_code="ro")
    en = NewsIndexPage.objects.get(locale__language_code="en")
    assert (ro.url, ro.title, ro.show_in_menus) == ("/ro/stiri/", "Știri", True)
    assert (en.url, en.title, en.show_in_menus) == ("/en/news/", "News", True)
    assert ro.translation_key == en.translation_key
    assert '<a href="/ro/stiri/">Știri</a>' in client.get("/ro/").content.decode()
    assert '<a href="/en/news/">News</a>' in client.get("/en/").content.decode()


def test_both_seed_documents_are_releases_in_both_languages(client):
    ro = client.get("/ro/stiri/").content.decode()
    en = client.get("/en/news/").content.decode()
    assert ULG_RO in ro and "Digital Innovation 4 Cities – DI4C" in ro
    assert ULG_EN in en and "Digital Innovation 4 Cities – DI4C" in en
    assert PressReleasePage.objects.filter(locale__language_code="ro").count() == 2
    assert PressReleasePage.objects.filter(locale__language_code="en").count() == 2


def test_english_releases_are_translations_with_synchronised_fields():
    for release in PressReleasePage.objects.filter(locale__language_code="ro"):
        english = release.get_translation(
            release.get_translation_or_none.__self__.locale.__class__.objects.get(
                language_code="en"
            )
        ).specific
        assert english.translation_key == release.translation_key
        assert english.release_date == release.release_date
        assert english.hero_image_id == release.hero_image_id
        assert english.title != release.title
        assert [t.translation_key for t in english.topics.order_by("translation_key")] == [
            t.translation_key for t in release.topics.order_by("translation_key")
        ]
        assert {t.locale.language_code for t in english.topics.all()} == {"en"}


def test_the_meeting_release_is_structured_from_its_seed(client):
    release = PressReleasePage.objects.get(title=ULG_RO)
    assert release.release_date == datetime.date(2021, 4, 8)
    assert "Mihai Eminescu" in release.place
    assert [(c.name, c.role) for c in release.contacts.all()] == [
        ("Claudiu Nanea", "Responsabil proiect"),
        ("Ortansa Albu", "Responsabil proiect"),
    ]
    (facts,) = [block for block in release.body if block.block_type == "facts"]
    assert len(facts.value["items"]) == 5
    assert facts.value["items"][0].startswith("utilizarea temporară a instrumentelor digitale")
    html = client.get(release.url).content.decode()
    assert "8 aprilie 2021" in html
    assert "Bugetul alocat prin Program acestor activități pilot este de maxim 10.000 euro." in html
    english = client.get("/en/news/press-release-urbact-local-group-meeting/").content.decode()
    assert "April 8, 2021" in english and "Project officer" in english


def test_the_undated_di4c_announcement_is_dated_by_its_decision_and_says_so(client):
    release = PressReleasePage.objects.get(
        locale__language_code="ro", release_date=datetime.date(2019, 6, 25)
    )
    html = client.get(release.url).content.decode()
    assert "anunțul original nu este datat" in html
    english = release.get_translation(Locale.objects.get(language_code="en")).specific
    html = client.get(english.url).content.decode()
    assert "the original announcement carries no date" in html
    assert "25 June 2019" in html


def test_topics_are_translated():
    ro = Topic.objects.get(locale__language_code="ro", slug="inovare-digitala")
    en = Topic.objects.get(locale__language_code="en", slug="digital-innovation")
    assert (ro.name, en.name) == ("Inovare digitală", "Digital innovation")
    assert ro.translation_key == en.translation_key


def test_demo_feeds_are_served_in_both_languages(client):
    import feedparser

    for path, language in (("/ro/stiri/rss/", "ro"), ("/en/news/atom/", "en")):
        feed = feedparser.parse(client.get(path).content)
        assert feed.bozo == 0
        assert feed.feed.language == language
        assert len(feed.entries) == 2
    # A feed entry's title ends with the release's reference.
    feed = feedparser.parse(client.get("/en/news/topic/urbact/rss/").content)
    assert [e.title for e in feed.entries][0] == f"{ULG_EN} (CP-2021-001)"


def test_the_demo_releases_carry_their_reference_in_both_languages(client):
    ro = PressReleasePage.objects.get(title=ULG_RO)
    en = PressReleasePage.objects.get(title=ULG_EN)
    assert ro.reference == en.reference == "CP-2021-001"
    assert "Număr de referință: CP-2021-001" in client.get(ro.url).content.decode()
    assert "Reference: CP-2021-001" in client.get(en.url).content.decode()
