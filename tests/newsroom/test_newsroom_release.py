"""The press release page: what a reader and a journalist see, and what machines read."""

import datetime
import re

import feedparser
import pytest
from wagtail.models import PageViewRestriction
from wagtail_localize.models import TranslationSource

from demo_content.building import ensure_translation
from newsroom.models import PressReleasePage, PressReleaseRelatedPage
from pages.models import StandardPage
from tests.factories import (
    DocumentFactory,
    ImageFactory,
    PressContactFactory,
    PressReleaseAttachmentFactory,
    PressReleasePageFactory,
    TopicFactory,
    build_newsroom,
)
from tests.structured_data import json_ld_of_type  # noqa: E402

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]


@pytest.fixture
def newsroom(site_tree):
    return build_newsroom(site_tree)


@pytest.fixture
def release(newsroom):
    release = PressReleasePageFactory(
        parent=newsroom.news,
        title="Comunicat de presă: Întâlnirea Grupului Local URBACT",
        slug="intalnirea",
        lead="Pe 8 aprilie 2021 a avut loc întâlnirea.",
        release_date=datetime.date(2021, 4, 8),
        place='Sala de ședințe "Mihai Eminescu"',
        hero_image=ImageFactory(),
        hero_image_alt="Membrii grupului în sala de ședințe",
        hero_image_caption="Întâlnirea din 8 aprilie",
    )
    release.save_revision().publish()
    return release


def test_release_shows_date_in_romanian_place_lead_and_hero_image(client, release):
    html = client.get("/ro/stiri/intalnirea/").content.decode()
    assert '<time datetime="2021-04-08">8 aprilie 2021</time>' in html
    assert "Sala de ședințe &quot;Mihai Eminescu&quot;" in html
    assert '<p class="lead">Pe 8 aprilie 2021 a avut loc întâlnirea.</p>' in html
    assert re.search(r'<img src="[^"]+" width="1200" height="675" alt="Membrii grupului', html)
    assert "<figcaption>Întâlnirea din 8 aprilie</figcaption>" in html


def test_english_translation_shows_the_date_in_english(client, newsroom, release):
    ensure_translation(release, newsroom.english, title="URBACT Local Group meeting", slug="ulg")
    html = client.get("/en/news/ulg/").content.decode()
    assert '<time datetime="2021-04-08">April 8, 2021</time>' in html
    assert '<html lang="en">' in html


def test_breadcrumbs_lead_back_to_the_index_and_home(client, release):
    html = client.get("/ro/stiri/intalnirea/").content.decode()
    crumbs = html[html.index('<nav class="breadcrumbs"') :]
    crumbs = crumbs[: crumbs.index("</nav>")]
    assert '<a href="/ro/">' in crumbs and '<a href="/ro/stiri/">Știri</a>' in crumbs
    assert '<span aria-current="page">Comunicat de presă' in crumbs


def test_breadcrumbs_follow_a_renamed_index_at_the_next_request(client, release, newsroom):
    """Breadcrumbs are remembered per parent page and content generation: publishing the
    index under a new title shows it in every release's breadcrumbs at once."""
    assert ">Știri</a>" in client.get("/ro/stiri/intalnirea/").content.decode()
    index = newsroom.news
    index.title = "Comunicate"
    index.save_revision().publish()
    html = client.get("/ro/stiri/intalnirea/").content.decode()
    crumbs = html[html.index('<nav class="breadcrumbs"') :]
    assert '<a href="/ro/stiri/">Comunicate</a>' in crumbs[: crumbs.index("</nav>")]


def test_topics_link_to_their_listing(client, release):
    release.topics.set([TopicFactory(name="URBACT", slug="urbact")])
    release.save_revision().publish()
    html = client.get("/ro/stiri/intalnirea/").content.decode()
    assert '<a class="tag" href="/ro/stiri/subiect/urbact/">URBACT</a>' in html
    assert client.get("/ro/stiri/subiect/urbact/").status_code == 200


def test_topics_are_shown_by_name_and_a_renamed_topic_shows_its_new_name(client, release):
    # The topics' listing addresses are remembered between requests: a rename must still
    # show at once, on the release and in the feed.
    urbanism = TopicFactory(name="Urbanism", slug="urbanism")
    release.topics.set([urbanism, TopicFactory(name="Mobilitate", slug="mob")])
    release.save_revision().publish()
    html = client.get("/ro/stiri/intalnirea/").content.decode()
    assert html.index(">Mobilitate</a>") < html.index(">Urbanism</a>")
    topic = release.topics.get(slug="mob")
    topic.name = "Transport"
    topic.save()
    html = client.get("/ro/stiri/intalnirea/").content.decode()
    assert ">Mobilitate</a>" not in html
    assert html.index(">Transport</a>") < html.index(">Urbanism</a>")
    feed = feedparser.parse(client.get("/ro/stiri/rss/").content)
    (entry,) = [e for e in feed.entries if e.link.endswith("/ro/stiri/intalnirea/")]
    assert [tag.term for tag in entry.tags] == ["Transport", "Urbanism"]


def test_contacts_are_shown_in_their_order(client, release):
    PressContactFactory(
        release=release,
        name="Claudiu Nanea",
        role="Responsabil proiect",
        sort_order=0,
        email="claudiu@example.org",
        phone="0231 000 000",
    )
    PressContactFactory(
        release=release, name="Ortansa Albu", role="Responsabil proiect", sort_order=1
    )
    html = client.get("/ro/stiri/intalnirea/").content.decode()
    section = html[html.index('<section class="contacts"') :]
    assert "Persoane de contact pentru presă" in section
    assert section.index("Claudiu Nanea") < section.index("Ortansa Albu")
    assert '<a href="mailto:claudiu@example.org">' in section
    assert '<a href="tel:0231000000">0231 000 000</a>' in section


def test_attachments_show_their_type_and_size(client, release):
    PressReleaseAttachmentFactory(release=release, document=DocumentFactory(title="Dosar de presă"))
    html = client.get("/ro/stiri/intalnirea/").content.decode()
    assert re.search(r'<a href="/documents/\d+/dosar-de-presa[^"]*\.pdf">Dosar de presă</a>', html)
    assert "(PDF, 2,0\xa0KO)" in html  # Django writes kilobytes as KO in Romanian


def test_related_pages_are_listed_in_the_release_language(client, newsroom, release):
    project = StandardPage(title="DigiPlace", slug="digiplace")
    newsroom.home.add_child(instance=project)
    project.save_revision().publish()
    ensure_translation(project, newsroom.english, title="DigiPlace (EN)", slug="digiplace")
    release.related_pages.add(PressReleaseRelatedPage(page=project))
    release.save_revision().publish()
    html = client.get("/ro/stiri/intalnirea/").content.decode()
    assert '<a href="/ro/digiplace/">DigiPlace</a>' in html
    # The English translation shares the relation, but links the English project.
    ensure_translation(release, newsroom.english, title="ULG", slug="ulg")
    html = client.get("/en/news/ulg/").content.decode()
    assert '<a href="/en/digiplace/">DigiPlace (EN)</a>' in html


def test_previous_and_next_releases_follow_the_index_order(client, newsroom, release):
    older = PressReleasePageFactory(
        parent=newsroom.news, title="Mai vechi", release_date=datetime.date(2021, 4, 1)
    )
    PressReleasePageFactory(
        parent=newsroom.news, title="Cel mai vechi", release_date=datetime.date(2020, 1, 1)
    )
    newer = PressReleasePageFactory(
        parent=newsroom.news, title="Mai nou", release_date=datetime.date(2021, 5, 1)
    )
    PressReleasePageFactory(
        parent=newsroom.news, title="Ciornă", release_date=datetime.date(2021, 4, 20), live=False
    )
    html = client.get("/ro/stiri/intalnirea/").content.decode()
    nav = html[html.index('<nav class="release-nav') :]
    assert f'href="{newer.url}"' in nav and "Mai nou" in nav
    assert f'href="{older.url}"' in nav and "Mai vechi" in nav
    assert "Ciornă" not in nav and "Cel mai vechi" not in nav


def test_json_ld_news_article_names_the_organisation_as_publisher(client, release):
    html = client.get("/ro/stiri/intalnirea/").content.decode()
    data = json_ld_of_type(html, "NewsArticle")
    assert data["headline"] == "Comunicat de presă: Întâlnirea Grupului Local URBACT"
    assert data["datePublished"] == "2021-04-08"
    assert data["inLanguage"] == "ro"
    assert data["publisher"]["name"] == "Primăria Municipiului Botoșani"
    assert data["image"][0].startswith("http://testserver/media/images/")


def test_markup_in_a_title_cannot_break_out_of_the_json_ld(client, newsroom):
    PressReleasePageFactory(
        parent=newsroom.news, title="</script><script>alert(1)</script>", slug="rau", body=[]
    )
    html = client.get("/ro/stiri/rau/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert json_ld_of_type(html, "NewsArticle")["headline"] == "</script><script>alert(1)</script>"


def test_opengraph_describes_an_article_with_the_hero_image(client, release):
    html = client.get("/ro/stiri/intalnirea/").content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert re.search(
        r'<meta property="og:image" content="http://testserver/media/images/[^"]+\.fill-1200x630',
        html,
    )
    assert '<meta name="description" content="Pe 8 aprilie 2021 a avut loc întâlnirea.">' in html


def test_release_page_links_its_feeds_and_print_stylesheet(client, release):
    html = client.get("/ro/stiri/intalnirea/").content.decode()
    assert 'type="application/rss+xml"' in html and 'href="http://testserver/ro/stiri/rss/"' in html
    assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in html


def test_about_lists_live_public_releases_of_that_language_newest_first(newsroom):
    project = StandardPage(title="DigiPlace", slug="digiplace")
    newsroom.home.add_child(instance=project)
    project_en = ensure_translation(project, newsroom.english, title="DigiPlace", slug="digiplace")

    def about(parent, title, day, page=project, **fields):
        release = PressReleasePageFactory(
            parent=parent, title=title, release_date=datetime.date(2021, 1, day), **fields
        )
        release.related_pages.add(PressReleaseRelatedPage(page=page))
        release.save()
        return release

    old = about(newsroom.news, "Vechi", 1)
    new = about(newsroom.news, "Nou", 2)
    about(newsroom.news, "Ciornă", 3, live=False)
    private = about(newsroom.news, "Privat", 4)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    english = about(newsroom.news_en, "English", 5, page=project_en)
    PressReleasePageFactory(parent=newsroom.news, title="Fără legătură")
    assert list(PressReleasePage.about(project)) == [new, old]
    assert list(PressReleasePage.about(project_en)) == [english]


def test_two_releases_sharing_a_slug_past_wagtails_checks_still_answer(client, newsroom, release):
    # Wagtail refuses a sibling's slug in the editor; rows written by hand (SQL, an old
    # import) can still share one. The reader gets the first release, not an error.
    other = PressReleasePageFactory(parent=newsroom.news, title="Alt comunicat", slug="alt")
    other.save_revision().publish()
    PressReleasePage.objects.filter(pk=other.pk).update(slug="intalnirea")
    response = client.get("/ro/stiri/intalnirea/")
    assert response.status_code == 200
    assert "<h1>Comunicat de presă: Întâlnirea Grupului Local URBACT</h1>" in response.text
    assert client.get("/ro/stiri/nu-exista/").status_code == 404


def test_a_release_read_again_writes_nothing_to_the_rendition_cache(client, release, monkeypatch):
    """Its renditions come from Wagtail's rendition cache and are not written back to it on
    every read (a Redis write per request in production); emptied, the cache is filled
    again from the database by the next reader."""
    backend = release.hero_image.get_rendition_model().cache_backend
    client.get("/ro/stiri/intalnirea/")  # makes the renditions
    writes = []
    for name in ("set", "set_many"):
        original = getattr(backend, name)
        monkeypatch.setattr(
            backend,
            name,
            lambda *args, _original=original, **kwargs: (
                writes.append(args) or _original(*args, **kwargs)
            ),
        )

    html = client.get("/ro/stiri/intalnirea/").content.decode()
    assert writes == []
    assert re.search(r'<img src="/media/images/[^"]+\.width-1200\.[a-z]+"', html)
    assert re.search(r'<meta property="og:image" content="[^"]+\.fill-1200x630\.', html)

    backend.clear()
    html_after_clearing = client.get("/ro/stiri/intalnirea/").content.decode()
    assert html_after_clearing == html
    assert writes, "the renditions read from the database go back to the cache"
    writes.clear()
    client.get("/ro/stiri/intalnirea/")
    assert writes == []


def test_a_release_translated_with_wagtail_localize_is_filed_under_translated_topics(
    client, site_tree
):
    newsroom = build_newsroom(site_tree)
    topic = TopicFactory(name="Inovare digitală", slug="inovare-digitala")
    ensure_translation(
        topic, newsroom.english, name="Digital innovation", slug="digital-innovation"
    )
    release = PressReleasePageFactory(
        parent=newsroom.news,
        slug="intalnirea",
        release_date=datetime.date(2021, 4, 8),
        topics=[topic],
    )
    PressContactFactory(release=release, name="Claudiu Nanea")
    release.save_revision().publish()

    source, _ = TranslationSource.get_or_create_from_instance(release)
    source.create_or_update_translation(newsroom.english, fallback=True)
    english = release.get_translation(newsroom.english).specific
    english.save_revision().publish()

    assert [t.name for t in english.topics.all()] == ["Digital innovation"]
    assert english.release_date == release.release_date
    assert [c.name for c in english.contacts.all()] == ["Claudiu Nanea"]
    html = client.get(english.url).content.decode()
    assert '<a class="tag" href="/en/news/topic/digital-innovation/">Digital innovation</a>' in html
    listing = client.get("/en/news/topic/digital-innovation/").content.decode()
    assert english.title in listing


@pytest.mark.parametrize(
    "path",
    [
        "/ro/stiri/intalnirea%00/",
        "/ro/stiri/'%3Bselect%201--/",
        "/ro/stiri/" + "a" * 3000 + "/",
        "/ro/stiri/%E2%80%AE/",
    ],
)
def test_a_hostile_release_address_is_not_found(client, release, path):
    # The release's route query reads its lists and topics with it: nothing of the
    # address reaches that SQL but the slug, as a parameter.
    assert client.get(path).status_code == 404
