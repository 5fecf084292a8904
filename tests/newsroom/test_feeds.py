"""RSS and Atom feeds, as feed readers and validators see them."""

import datetime
import re

import feedparser
import pytest
from wagtail.models import PageViewRestriction

from tests.factories import ImageFactory, PressReleasePageFactory, TopicFactory, build_newsroom

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]

FEEDS = [
    ("/ro/stiri/rss/", "application/rss+xml", "ro"),
    ("/ro/stiri/atom/", "application/atom+xml", "ro"),
    ("/en/news/rss/", "application/rss+xml", "en"),
    ("/en/news/atom/", "application/atom+xml", "en"),
]


@pytest.fixture
def newsroom(site_tree):
    return build_newsroom(site_tree)


def parse(client, path, **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200, path
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return response, feed


@pytest.mark.parametrize("path, content_type, language", FEEDS)
def test_feeds_are_well_formed_with_their_type_and_language(
    client, newsroom, path, content_type, language
):
    PressReleasePageFactory(parent=newsroom.news)
    PressReleasePageFactory(parent=newsroom.news_en)
    response, feed = parse(client, path)
    assert response["Content-Type"] == f"{content_type}; charset=utf-8"
    assert feed.feed.language == language
    assert len(feed.entries) == 1
    self_links = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_links == [f"http://testserver{path}"]


def test_rss_declares_the_locale_it_serves_not_the_site_default(client, newsroom):
    PressReleasePageFactory(parent=newsroom.news_en)
    xml = client.get("/en/news/rss/").content.decode()
    assert "<language>en</language>" in xml
    xml = client.get("/en/news/atom/").content.decode()
    assert 'xml:lang="en"' in xml


def test_feed_lists_the_twenty_newest_releases_newest_first(client, newsroom):
    for day in range(25):
        PressReleasePageFactory(
            parent=newsroom.news,
            title=f"Comunicat {day:02d}",
            release_date=datetime.date(2021, 1, 1) + datetime.timedelta(days=day),
        )
    _, feed = parse(client, "/ro/stiri/rss/")
    titles = [entry.title for entry in feed.entries]
    assert titles == [f"Comunicat {day:02d}" for day in range(24, 4, -1)]


def test_feed_links_are_absolute_and_resolve(client, newsroom):
    PressReleasePageFactory(parent=newsroom.news, slug="primul")
    _, feed = parse(client, "/ro/stiri/atom/")
    (entry,) = feed.entries
    assert entry.link == "http://testserver/ro/stiri/primul/"
    assert client.get(entry.link.removeprefix("http://testserver")).status_code == 200
    assert feed.feed.link == "http://testserver/ro/stiri/"


def test_links_are_https_behind_a_tls_terminating_proxy(client, newsroom):
    PressReleasePageFactory(parent=newsroom.news, slug="primul")
    response, feed = parse(
        client, "/ro/stiri/rss/", HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="news.example.org"
    )
    assert feed.entries[0].link == "https://news.example.org/ro/stiri/primul/"
    # Namespace names are identifiers, not links (Media RSS's is http only).
    namespaces = (b"http://www.w3.org", b"http://purl.org", b"http://search.yahoo.com/mrss/")
    content = response.content
    for namespace in namespaces:
        content = content.replace(namespace, b"")
    assert b"http://" not in content


def test_drafts_private_pages_and_other_languages_never_appear(client, newsroom):
    PressReleasePageFactory(parent=newsroom.news, title="Public")
    PressReleasePageFactory(parent=newsroom.news, title="Ciornă", live=False)
    private = PressReleasePageFactory(parent=newsroom.news, title="Privat")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    PressReleasePageFactory(parent=newsroom.news_en, title="English")
    for path in ("/ro/stiri/rss/", "/ro/stiri/atom/"):
        _, feed = parse(client, path)
        assert [entry.title for entry in feed.entries] == ["Public"]


def test_entry_id_is_stable_when_the_slug_changes(client, newsroom):
    release = PressReleasePageFactory(parent=newsroom.news, slug="vechi")
    _, before = parse(client, "/ro/stiri/atom/")
    release.slug = "nou"
    release.save()
    _, after = parse(client, "/ro/stiri/atom/")
    assert after.entries[0].link.endswith("/ro/stiri/nou/")
    assert before.entries[0].id == after.entries[0].id
    assert before.entries[0].id.startswith("urn:uuid:")
    _, rss = parse(client, "/ro/stiri/rss/")
    assert rss.entries[0].id == after.entries[0].id
    assert rss.entries[0].guidislink is False


def test_translations_have_different_entry_ids(client, newsroom):
    from demo_content.building import ensure_translation

    release = PressReleasePageFactory(parent=newsroom.news)
    ensure_translation(release, newsroom.english, title="In English", slug="in-english")
    _, ro = parse(client, "/ro/stiri/atom/")
    _, en = parse(client, "/en/news/atom/")
    assert en.entries[0].title == "In English"
    assert ro.entries[0].id != en.entries[0].id


def test_dates_come_from_the_release_date_in_rfc_822_with_english_names(client, newsroom):
    PressReleasePageFactory(parent=newsroom.news, release_date=datetime.date(2021, 4, 8))
    xml = client.get("/ro/stiri/rss/").content.decode()
    assert "<pubDate>Thu, 08 Apr 2021 00:00:00 +0300</pubDate>" in xml
    _, feed = parse(client, "/ro/stiri/atom/")
    assert feed.entries[0].published_parsed[:3] == (2021, 4, 7)  # 00:00 EEST is 21:00 UTC
    assert feed.entries[0].published == "2021-04-08T00:00:00+03:00"


def test_entries_carry_lead_body_topics_and_hero_image(client, newsroom):
    topic = TopicFactory(name="URBACT", slug="urbact")
    image = ImageFactory()
    PressReleasePageFactory(
        parent=newsroom.news,
        lead="Pe scurt.",
        body=[
            ("paragraph", '<p>Vezi <a href="/ro/despre/">pagina</a> și textul întreg.</p>'),
            ("image", {"image": image, "alt_text": "Sala", "caption": ""}),
        ],
        hero_image=image,
        hero_image_alt="O sală de ședințe",
        topics=[topic],
    )
    for path in ("/ro/stiri/rss/", "/ro/stiri/atom/"):
        _, feed = parse(client, path)
        (entry,) = feed.entries
        assert entry.summary == "Pe scurt."
        content = entry.content[0].value
        assert "textul întreg" in content
        assert 'href="http://testserver/ro/despre/"' in content
        assert re.search(r'<img alt="Sala" [^>]*src="http://testserver/media/images/', content)
        assert 'src="/' not in content and 'href="/' not in content
        assert [tag.term for tag in entry.tags] == ["URBACT"]
        (enclosure,) = [link for link in entry.links if link.rel == "enclosure"]
        assert enclosure.type == "image/jpeg"
        assert int(enclosure.length) == image.file.size > 0
        assert enclosure.href.startswith("http://testserver/media/original_images/")


def test_atom_feed_names_the_organisation_as_author(client, newsroom):
    _, ro = parse(client, "/ro/stiri/atom/")
    _, en = parse(client, "/en/news/atom/")
    assert ro.feed.author_detail.name == "Primăria Municipiului Botoșani"
    assert en.feed.author_detail.name == "Botoșani City Hall"
    assert ro.feed.id.startswith("urn:uuid:") and ro.feed.id != en.feed.id
    assert ro.feed.updated


def test_topic_feeds_list_only_that_topics_releases_of_that_language(client, newsroom):
    urbact = TopicFactory(name="URBACT", slug="urbact")
    other = TopicFactory(name="Altceva", slug="altceva")
    PressReleasePageFactory(parent=newsroom.news, title="Despre URBACT", topics=[urbact])
    PressReleasePageFactory(parent=newsroom.news, title="Despre altceva", topics=[other])
    for path in ("/ro/stiri/subiect/urbact/rss/", "/ro/stiri/subiect/urbact/atom/"):
        _, feed = parse(client, path)
        assert [entry.title for entry in feed.entries] == ["Despre URBACT"]
        assert "URBACT" in feed.feed.title
        assert feed.feed.link == "http://testserver/ro/stiri/subiect/urbact/"


@pytest.mark.parametrize(
    "path",
    [
        "/ro/stiri/subiect/nu-exista/rss/",
        "/ro/stiri/subiect/nu-exista/atom/",
        "/en/news/topic/urbact/rss/",  # a Romanian topic in the English feed
        "/en/news/subiect/urbact/rss/",  # the Romanian path word under the English index
    ],
)
def test_a_feed_for_an_unknown_topic_is_404(client, newsroom, path):
    TopicFactory(name="URBACT", slug="urbact")
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", ["/ro/stiri/rss/", "/ro/stiri/atom/"])
def test_a_repeated_conditional_get_is_answered_304(client, newsroom, path):
    PressReleasePageFactory(parent=newsroom.news)
    first = client.get(path)
    assert first["ETag"] and first["Last-Modified"]
    again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    since = client.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_a_new_release_changes_the_etag(client, newsroom):
    PressReleasePageFactory(parent=newsroom.news)
    first = client.get("/ro/stiri/rss/")
    PressReleasePageFactory(parent=newsroom.news)
    again = client.get("/ro/stiri/rss/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert len(feedparser.parse(again.content).entries) == 2


@pytest.mark.parametrize(
    "path, language",
    [("/ro/", "ro"), ("/ro/despre/", "ro"), ("/en/about/", "en"), ("/ro/nu-exista/", "ro")],
)
def test_every_public_page_links_the_feeds_of_its_language(client, newsroom, path, language):
    html = client.get(path).content.decode()
    news = "stiri" if language == "ro" else "news"
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="Știri (RSS)" '
        f'href="http://testserver/{language}/{news}/rss/">'
        in html
        or f'type="application/rss+xml" title="News (RSS)" '
        f'href="http://testserver/{language}/{news}/rss/"'
        in html
    )
    assert 'type="application/atom+xml"' in html
    assert f'href="http://testserver/{language}/{news}/atom/"' in html


def test_atom_feed_has_an_author_before_the_organisation_is_set_up(client, newsroom):
    from pages.models import Organisation

    Organisation.objects.all().delete()
    PressReleasePageFactory(parent=newsroom.news)
    _, feed = parse(client, "/ro/stiri/atom/")
    assert feed.feed.author_detail.name == "Civic Newsroom"


def test_an_entrys_categories_are_its_topics_by_name(client, newsroom):
    # The feed prefetches the topics in their default order (Topic.Meta.ordering).
    zeta = TopicFactory(name="Zeta", slug="zeta")
    alpha = TopicFactory(name="Alpha", slug="alpha")
    PressReleasePageFactory(parent=newsroom.news, title="Două subiecte", topics=[zeta, alpha])
    for path in ("/ro/stiri/rss/", "/ro/stiri/atom/"):
        _, feed = parse(client, path)
        (entry,) = feed.entries
        assert [tag.term for tag in entry.tags] == ["Alpha", "Zeta"]
