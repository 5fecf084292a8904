"""The RSS and Atom feeds of the releases about one project, and the project page's links."""

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from demo_content.building import ensure_translation
from newsroom.models import PressReleaseRelatedPage
from tests.factories import PressReleasePageFactory, ProjectPageFactory, build_newsroom

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]

FEEDS = [
    ("/ro/stiri/proiect/digiplace/rss/", "application/rss+xml", "ro"),
    ("/ro/stiri/proiect/digiplace/atom/", "application/atom+xml", "ro"),
    ("/en/news/project/digiplace/rss/", "application/rss+xml", "en"),
    ("/en/news/project/digiplace/atom/", "application/atom+xml", "en"),
]


@pytest.fixture
def newsroom(partners_tree):
    """Both news indexes and the DigiPlace project in both languages, plus another project."""
    tree = build_newsroom(partners_tree)
    tree.project = ProjectPageFactory(parent=tree.projects, title="DigiPlace", slug="digiplace")
    tree.project_en = ensure_translation(
        tree.project, tree.english, title="DigiPlace (EN)", slug="digiplace"
    )
    tree.other = ProjectPageFactory(parent=tree.projects, title="Alt proiect", slug="alt-proiect")
    return tree


def release_about(parent, *pages, **kwargs):
    release = PressReleasePageFactory(parent=parent, **kwargs)
    for page in pages:
        PressReleaseRelatedPage.objects.create(release=release, page=page)
    return release


def parse(client, path, **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200, path
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return response, feed


@pytest.mark.parametrize("path, content_type, language", FEEDS)
def test_project_feeds_are_well_formed_with_their_type_language_and_self_link(
    client, newsroom, path, content_type, language
):
    release_about(newsroom.news, newsroom.project)
    release_about(newsroom.news_en, newsroom.project_en)
    response, feed = parse(client, path)
    assert response["Content-Type"] == f"{content_type}; charset=utf-8"
    assert feed.feed.language == language
    assert len(feed.entries) == 1
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [
        f"http://testserver{path}"
    ]
    project_path = "/ro/proiecte/digiplace/" if language == "ro" else "/en/projects/digiplace/"
    assert feed.feed.link == f"http://testserver{project_path}"


def test_project_feed_lists_only_that_projects_releases_of_that_language(client, newsroom):
    release_about(newsroom.news, newsroom.project, title="Despre DigiPlace")
    # A release naming the project's other-language page counts too (translation key).
    release_about(newsroom.news, newsroom.project_en, title="Despre DigiPlace, legat în engleză")
    release_about(newsroom.news, newsroom.other, title="Despre alt proiect")
    release_about(newsroom.news, title="Fără proiect")
    release_about(newsroom.news_en, newsroom.project_en, title="About DigiPlace")
    for path in ("/ro/stiri/proiect/digiplace/rss/", "/ro/stiri/proiect/digiplace/atom/"):
        _, feed = parse(client, path)
        assert sorted(entry.title for entry in feed.entries) == [
            "Despre DigiPlace",
            "Despre DigiPlace, legat în engleză",
        ]
    _, feed = parse(client, "/en/news/project/digiplace/rss/")
    assert [entry.title for entry in feed.entries] == ["About DigiPlace"]
    assert feed.feed.title.startswith("DigiPlace (EN) – News")


def test_project_feed_leaves_out_drafts_and_private_releases(client, newsroom):
    release_about(newsroom.news, newsroom.project, title="Public")
    release_about(newsroom.news, newsroom.project, title="Ciornă", live=False)
    private = release_about(newsroom.news, newsroom.project, title="Privat")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    _, feed = parse(client, "/ro/stiri/proiect/digiplace/atom/")
    assert [entry.title for entry in feed.entries] == ["Public"]


def test_project_feed_lists_the_twenty_newest_with_stable_ids(client, newsroom):
    releases = [release_about(newsroom.news, newsroom.project) for _ in range(22)]
    _, feed = parse(client, "/ro/stiri/proiect/digiplace/rss/")
    assert len(feed.entries) == 20
    assert feed.entries[0].title == releases[-1].title
    assert feed.entries[0].id == releases[-1].stable_id
    assert feed.entries[0].guidislink is False
    _, atom = parse(client, "/ro/stiri/proiect/digiplace/atom/")
    _, topic_free = parse(client, "/ro/stiri/atom/")
    assert atom.entries[0].id == topic_free.entries[0].id
    assert atom.feed.id.startswith("urn:uuid:") and atom.feed.id != topic_free.feed.id


@pytest.mark.parametrize(
    "path",
    [
        "/ro/stiri/proiect/nu-exista/rss/",
        "/ro/stiri/proiect/nu-exista/atom/",
        "/en/news/proiect/digiplace/rss/",  # the Romanian path word under the English index
        "/ro/stiri/project/digiplace/atom/",  # and the other way round
        "/en/news/project/alt-proiect/rss/",  # a project not translated into English
    ],
)
def test_a_feed_for_an_unknown_project_is_404(client, newsroom, path):
    assert client.get(path).status_code == 404


def test_a_draft_or_private_project_has_no_feed(client, newsroom):
    newsroom.other.unpublish()
    assert client.get("/ro/stiri/proiect/alt-proiect/rss/").status_code == 404
    PageViewRestriction.objects.create(page=newsroom.project, restriction_type="login")
    assert client.get("/ro/stiri/proiect/digiplace/rss/").status_code == 404


def test_topic_feeds_still_answer_beside_project_feeds(client, newsroom):
    from tests.factories import TopicFactory

    topic = TopicFactory(name="URBACT", slug="urbact")
    PressReleasePageFactory(parent=newsroom.news, topics=[topic])
    _, feed = parse(client, "/ro/stiri/subiect/urbact/rss/")
    assert len(feed.entries) == 1


@pytest.mark.parametrize(
    "path", ["/ro/stiri/proiect/digiplace/rss/", "/ro/stiri/proiect/digiplace/atom/"]
)
def test_a_repeated_conditional_get_of_a_project_feed_is_answered_304(client, newsroom, path):
    release_about(newsroom.news, newsroom.project)
    first = client.get(path)
    again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    since = client.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


@pytest.mark.parametrize(
    "path, language, news",
    [
        ("/ro/proiecte/digiplace/", "ro", "stiri/proiect"),
        ("/en/projects/digiplace/", "en", "news/project"),
    ],
)
def test_project_page_links_its_feeds_and_the_site_feeds(client, newsroom, path, language, news):
    release_about(newsroom.news, newsroom.project)
    html = client.get(path).content.decode()
    for kind, media_type in (("rss", "application/rss+xml"), ("atom", "application/atom+xml")):
        url = f"http://testserver/{language}/{news}/digiplace/{kind}/"
        head, body = html.split("</head>")
        assert f'<link rel="alternate" type="{media_type}"' in head
        assert f'href="{url}"' in head, url
        assert f'href="{url}"' in body, url
        # The site-wide feed of the language is still there.
        site_feed = f"http://testserver/{language}/{news.split('/')[0]}/{kind}/"
        assert f'href="{site_feed}"' in head


def test_project_page_feed_links_are_named_in_the_page_language(client, newsroom):
    html = client.get("/ro/proiecte/digiplace/").content.decode()
    assert 'title="Comunicate de presă despre DigiPlace (RSS)"' in html


def count_queries(client, path):
    # The first request after a publish computes again what pages remember per content
    # generation (pages/remembered.py): count the steady state.
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "path", ["/ro/stiri/proiect/digiplace/rss/", "/ro/stiri/proiect/digiplace/atom/"]
)
def test_a_project_feed_costs_the_same_queries_at_5_and_50_releases(client, newsroom, path):
    for _ in range(5):
        release_about(newsroom.news, newsroom.project)
    client.get(path)  # warm caches of locales and sites
    few = count_queries(client, path)
    for _ in range(45):
        release_about(newsroom.news, newsroom.project)
    assert count_queries(client, path) == few
