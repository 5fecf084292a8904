"""Every page type of the demo site, in both languages, within the query budget on the
first request after a publish: the shared cache, each worker's copies and what pages
remember all emptied (bench/queries.py prints the same table)."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from page_cache.store import worker_copies
from pages.remembered import forget

PAGE_LIMIT = 15
FEED_LIMIT = 8

PATHS = [
    "/ro/",
    "/en/",
    "/ro/despre/",
    "/en/about/",
    "/ro/stiri/",
    "/ro/stiri/?topic=urbact&year=2021",
    "/ro/stiri/comunicat-de-presa-intalnirea-grupului-local-urbact/",
    "/en/news/press-release-urbact-local-group-meeting/",
    "/ro/stiri/subiect/urbact/",
    "/ro/stiri/rss/",
    "/en/news/atom/",
    "/ro/stiri/subiect/urbact/rss/",
    "/ro/proiecte/",
    "/ro/proiecte/digiplace/",
    "/en/projects/digiplace/",
    "/ro/proiecte/digiplace/actiune-pilot-botosani/",
    "/ro/parteneri/",
    "/ro/parteneri/messina/",
    "/en/partners/botosani/",
    "/ro/cautare/?q=Botosani",
    "/en/search/?q=partnership",
    "/sitemap.xml",
]


@pytest.mark.parametrize("path", PATHS)
def test_a_demo_page_asked_first_after_a_publish_stays_within_the_budget(
    client, demo_content, path
):
    client.get(path)  # renditions are made on the first view
    for cache in caches.all():
        cache.clear()
    worker_copies.clear()
    forget()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    limit = FEED_LIMIT if path.endswith(("rss/", "atom/")) else PAGE_LIMIT
    assert len(queries) <= limit, "\n".join(q["sql"][:120] for q in queries)
