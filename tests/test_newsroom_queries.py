"""The news index, a release and the feeds cost the same number of SQL queries with 10
and with 200 releases (counted, not timed)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import (
    ImageFactory,
    PressContactFactory,
    PressReleasePageFactory,
    TopicFactory,
    build_newsroom,
)

pytestmark = pytest.mark.django_db

PATHS = {
    "index": "/ro/stiri/",
    "index, filtered": "/ro/stiri/?topic=urbact&year=2021",
    "topic listing": "/ro/stiri/subiect/urbact/",
    "release": "/ro/stiri/reper/",
    "rss": "/ro/stiri/rss/",
    "atom": "/ro/stiri/atom/",
    "topic atom": "/ro/stiri/subiect/urbact/atom/",
    "home": "/ro/",
}
# Wagtail's routing (site, locale, one query per path segment, alias and privacy checks)
# and base.html (organisation, menu, language links, footer) cost ~15 queries on any page;
# the newsroom's own share is bounded on top of a plain page of the same site.
PLAIN_PAGE = "/ro/despre/"
NEWSROOM_SHARE = {"index": 8, "index, filtered": 8, "topic listing": 8, "release": 10, "home": 3}
FEED_LIMIT = 11


def add_releases(news, topics, images, count, start):
    for n in range(count):
        release = PressReleasePageFactory(
            parent=news,
            release_date=datetime.date(2021, 1, 1) + datetime.timedelta(days=start + n),
            hero_image=images[n % len(images)],
            hero_image_alt="Imagine",
            topics=topics,
        )
        PressContactFactory(release=release)


def count_queries(client):
    counts = {}
    for name, path in {**PATHS, "plain page": PLAIN_PAGE}.items():
        client.get(path)  # renditions are made on first view: count the steady state
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (name, path)
        counts[name] = len(queries)
    return counts


def test_pages_and_feeds_cost_the_same_queries_at_10_and_200_releases(client, site_tree):
    newsroom = build_newsroom(site_tree)
    topics = [TopicFactory(name="URBACT", slug="urbact"), TopicFactory(name="Digital")]
    images = [ImageFactory() for _ in range(3)]
    landmark = PressReleasePageFactory(
        parent=newsroom.news,
        slug="reper",
        release_date=datetime.date(2021, 1, 5),
        hero_image=images[0],
        hero_image_alt="Imagine",
        topics=topics,
    )
    PressContactFactory(release=landmark)
    add_releases(newsroom.news, topics, images, 9, start=0)
    at_10 = count_queries(client)

    add_releases(newsroom.news, topics, images, 190, start=9)
    at_200 = count_queries(client)

    assert at_10 == at_200
    plain = at_200.pop("plain page")
    for name, count in at_200.items():
        if name in NEWSROOM_SHARE:
            assert count - plain <= NEWSROOM_SHARE[name], (name, count, plain)
        else:
            assert count <= FEED_LIMIT, (name, count)
