"""Every page type of the demo site, in both languages, within the query budget on the
first request after a publish: the shared cache, each worker's copies and what pages
remember all emptied (bench/queries.py prints the same table)."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo_content.addresses import PUBLIC_ADDRESSES
from page_cache.store import worker_copies
from pages.remembered import forget

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_database")]

PAGE_LIMIT = 15
FEED_LIMIT = 8


@pytest.mark.parametrize("path", PUBLIC_ADDRESSES)
def test_a_demo_page_asked_first_after_a_publish_stays_within_the_budget(client, path):
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
