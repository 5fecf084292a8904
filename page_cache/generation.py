"""The generation numbers that say whether a cached entry still shows the current content.
They live in the shared cache (Redis when REDIS_URL is set), so a change published through
any host is seen by every host at its next request:

- the site's generation, bumped by every change: what shows every page (listings, feeds,
  the sitemap, search results, the home) counts only under it, and what pages remember
  (pages/remembered.py) is computed again when it moves;
- the all-pages generation, bumped by a change that may show on any page (a snippet, the
  organisation, an image, a page in the menus): every entry counts only under it;
- two generations per page and its translations (their translation key): its content's,
  bumped when the page changes, and its entry's, bumped when a page starts to show on
  it (a new release listed next to it). The entry of a page type that shows only a few
  other pages (PAGE_CACHE_DETAIL_PAGE_TYPES: a release) counts under its own entry's
  generation and the content generations of the pages it shows (itself included), so
  publishing one release leaves the others cached.

An entry records the numbers it counts under (page_cache/store.py). Every number starts
from the clock, never from 0, so a number lost by eviction or a Redis restart cannot come
back to a value that entries still record."""

import time

from django.core.cache import caches
from django.db import transaction

from . import conf

GENERATION_KEY = "page-cache:generation"
ALL_PAGES_KEY = "page-cache:generation:all-pages"


def page_key(translation_key):
    """The generation of the content of one page and its translations."""
    return f"page-cache:generation:page:{translation_key}"


def entry_key(translation_key):
    """The generation of the entries of one page and its translations, whatever they show."""
    return f"page-cache:generation:entry:{translation_key}"


def shared_cache():
    """The cache that holds the pages and the generation numbers (PAGE_CACHE_ALIAS)."""
    return caches[conf.get("PAGE_CACHE_ALIAS")]


def current_generations(keys, known=None):
    """{key: number} for `keys`, starting the missing ones from the clock; None when the
    cache cannot be reached. `known` holds numbers already read in this round trip."""
    cache = shared_cache()
    values = dict(known or {})
    missing = [key for key in keys if values.get(key) is None]
    if missing:
        values.update(cache.get_many(missing))
    unset = [key for key in keys if values.get(key) is None]
    if unset:
        for key in unset:
            cache.add(key, time.time_ns(), timeout=None)
        values.update(cache.get_many(unset))
        if any(values.get(key) is None for key in unset):
            return None
    return {key: values[key] for key in keys}


def current_generation():
    """The site's content generation, or None when the cache cannot be reached (then
    nothing is cached nor served from the cache)."""
    values = current_generations([GENERATION_KEY])
    return None if values is None else values[GENERATION_KEY]


# Bumps that could not reach the cache are retried by this process's next request, so a
# publish during a Redis outage does not leave the old pages cached once Redis is back.
_pending = set()


def bump_pending():
    return bool(_pending)


def bump(keys):
    """Move each of these generation numbers on, on every host."""
    cache = shared_cache()
    faults = getattr(cache, "faults", 0)
    for key in keys:
        try:
            cache.incr(key)
        except ValueError:  # never read yet, or evicted: any later number will do
            cache.set(key, time.time_ns(), timeout=None)
    if getattr(cache, "faults", 0) != faults:
        _pending.update(keys)
    else:
        _pending.difference_update(keys)


def retry_pending_bumps():
    bump(sorted(_pending))


def bump_generation():
    """Invalidate every cached page on every host (and what pages remember)."""
    bump([ALL_PAGES_KEY, GENERATION_KEY])


def _bump_now_and_at_commit(keys):
    """Bump now, and again once the surrounding transaction commits, so a request that read
    the old content before the commit cannot leave it cached under the new numbers."""
    bump(keys)
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        transaction.on_commit(lambda: bump(keys))


def invalidate_everything():
    _bump_now_and_at_commit([ALL_PAGES_KEY, GENERATION_KEY])


def invalidate_pages(changed, showing=()):
    """The entries that show the pages `changed` (translation keys), those of the pages
    `showing` them, and every listing."""
    _bump_now_and_at_commit(
        [
            *(page_key(key) for key in sorted(set(changed))),
            *(entry_key(key) for key in sorted(set(showing))),
            GENERATION_KEY,
        ]
    )
