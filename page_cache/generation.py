"""The site's content generation: a number kept in the shared cache (Redis when REDIS_URL is
set) and stored with every cached page, which counts only under the current generation.
Bumping it on publish, unpublish, move or delete makes every host stop serving the old
pages at once, and what pages remember (pages/remembered.py) be computed again."""

import time

from django.core.cache import caches
from django.db import transaction

from . import conf

GENERATION_KEY = "page-cache:generation"


def shared_cache():
    """The cache that holds the pages and the generation numbers (PAGE_CACHE_ALIAS)."""
    return caches[conf.get("PAGE_CACHE_ALIAS")]


def current_generation():
    """The site's content generation, or None when the cache cannot be reached (then
    nothing is cached nor served from the cache)."""
    cache = shared_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Starting from the clock, never from 0, so a generation lost by eviction or a Redis
        # restart cannot come back to a number whose pages are still cached.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


# A bump that could not reach the cache is retried by this process's next request, so a
# publish during a Redis outage does not leave the old pages cached once Redis is back.
_bump_pending = False


def bump_pending():
    return _bump_pending


def bump_generation():
    """Invalidate every cached page on every host."""
    global _bump_pending
    cache = shared_cache()
    faults = getattr(cache, "faults", 0)
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)
    _bump_pending = getattr(cache, "faults", 0) != faults


def invalidate_site_cache(**kwargs):
    """Bump now, and again once the surrounding transaction commits, so a request that read
    the old content before the commit cannot leave it cached under the new generation."""
    bump_generation()
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        transaction.on_commit(bump_generation)
