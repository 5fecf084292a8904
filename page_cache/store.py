"""The page cache's entries: their keys, the lookup of a request's entry under the current
generations, storing one with the generations it counts under, and each worker's own
copies of the entries it served last."""

import collections
import hashlib
import threading
import time
from urllib.parse import urlencode

from hardening.security import client_ip_address

from . import conf, generation
from .generation import (
    ALL_PAGES_KEY,
    GENERATION_KEY,
    current_generation,
    current_generations,
    entry_key,
    page_key,
    shared_cache,
)

# The nonce of the response that filled the cache is replaced by this marker, and the marker
# by the nonce of each request served from the cache, so no two readers share a nonce.
NONCE_PLACEHOLDER = b"\x00csp-nonce\x00"


def _is_tracking(name):
    return any(
        name == ignored or (ignored.endswith("*") and name.startswith(ignored[:-1]))
        for ignored in conf.get("PAGE_CACHE_IGNORED_PARAMETERS")
    )


def cache_key(request):
    """The entry's key: scheme, host, language, path and the query parameters pages read
    (PAGE_CACHE_QUERY_PARAMETERS), sorted. Tracking parameters (utm_*, fbclid…) are left
    out, so `?utm_source=x` is served the page's entry; None when the query carries any
    other parameter: such a request is served uncached rather than adding an entry, or
    `?a=1`, `?a=2`… would each add one (culling the file cache, filling Redis)."""
    kept = []
    allowed = conf.get("PAGE_CACHE_QUERY_PARAMETERS")
    for name, values in request.GET.lists():
        if _is_tracking(name):
            continue
        if name not in allowed:
            return None
        kept.extend((name, value) for value in values)
    query = urlencode(sorted(kept))
    path = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()
    language = getattr(request, "LANGUAGE_CODE", "")
    return f"page-cache:{request.scheme}:{request.get_host()}:{language}:{path}"


def this_minute():
    """The window a client's new entries are counted in: the minute of the clock."""
    return int(time.time() // 60)


def may_add_entry(request):
    """Whether this reader may add one more entry this minute (at most
    PAGE_CACHE_CLIENT_ENTRIES_PER_MINUTE): the allowed parameters still take any value
    (`?q=` a search, `?page=` a number), and one client must not fill the cache with them.
    Beyond the limit its requests are answered, uncached."""
    limit = conf.get("PAGE_CACHE_CLIENT_ENTRIES_PER_MINUTE")
    if not limit:
        return True
    address = hashlib.sha256((client_ip_address(request) or "").encode()).hexdigest()[:32]
    key = f"page-cache:client:{address}:{this_minute()}"
    cache = shared_cache()
    cache.add(key, 0, timeout=120)
    try:
        return cache.incr(key) <= limit
    except ValueError:  # the counter was culled or evicted meanwhile: let this one through
        return True


def lookup(request):
    """(site generation, key, cached entry or None). An entry counts only while every
    generation it recorded is current (page_cache/generation.py): the site's for most
    pages, the all-pages one and those of the pages it shows for a detail page. The site
    generation is None when the cache cannot be reached.

    An entry this worker served lately is taken from its own copy (WorkerCopies), which
    costs one read of the generations it recorded; any other costs one round trip for the
    entry and the site and all-pages generations, and a detail page's entry one more for
    the generations of the pages it shows."""
    if generation.bump_pending():
        generation.retry_pending_bumps()
    key = cache_key(request)
    if key is None:
        return current_generation(), None, None
    cache = shared_cache()
    copy = worker_copies.get(key)
    if copy is not None:
        recorded, entry = copy
        values = cache.get_many([GENERATION_KEY, *(name for name, _ in recorded)])
        site = values.get(GENERATION_KEY)
        if site is None:
            return current_generation(), key, None
        if all(values.get(name) == number for name, number in recorded):
            return site, key, entry
        worker_copies.drop(key)
        stored = cache.get(key)
    else:
        values = cache.get_many([GENERATION_KEY, ALL_PAGES_KEY, key])
        site = values.get(GENERATION_KEY)
        if site is None:
            return current_generation(), key, None
        stored = values.pop(key, None)
    if stored is None:
        return site, key, None
    recorded, entry = stored[0], stored[1:]
    unread = [name for name, _ in recorded if name not in values]
    if unread:
        values.update(cache.get_many(unread))
    if all(values.get(name) == number for name, number in recorded):
        worker_copies.put(key, recorded, entry)
        return site, key, entry
    return site, key, None


def store(key, site, entry, page=None, shown_pages=()):
    """Keep `entry` (status, headers, content) for every host, and in this worker. It counts
    under the site generation `site`, read before the page was rendered; or, for a detail
    `page`, under the all-pages generation, its own entry's generation and the content
    generations of `shown_pages`, read now: unless the
    site generation moved meanwhile (something was published while the page rendered;
    then nothing is stored), no change of those pages has been committed since `site` was
    read, and any still to commit bumps them again."""
    if page is None:
        recorded = ((GENERATION_KEY, site),)
    else:
        shown = {page_key(shown.translation_key) for shown in [page, *shown_pages]}
        names = [ALL_PAGES_KEY, entry_key(page.translation_key), *sorted(shown)]
        values = current_generations([GENERATION_KEY, *names])
        if values is None or values[GENERATION_KEY] != site:
            return
        recorded = tuple((name, values[name]) for name in names)
    shared_cache().set(key, (recorded, *entry), conf.get("PAGE_CACHE_TIMEOUT"))
    worker_copies.put(key, recorded, entry)


class WorkerCopies:
    """The cached pages this worker served last, kept in its memory too, so that serving
    one again needs only the generations it recorded from the shared cache, not the page
    (the RSS feed is about 20 KB). A copy counts only while those are current, as in the
    shared cache, and for PAGE_CACHE_WORKER_SECONDS at most; the oldest go first once they
    take more than PAGE_CACHE_WORKER_BYTES."""

    def __init__(self):
        # Gunicorn's workers here are single-threaded, but a threaded server may share one.
        self.lock = threading.Lock()
        self.clear()

    def clear(self):
        self.entries = collections.OrderedDict()
        self.size = 0

    def __contains__(self, key):
        return key in self.entries

    def get(self, key):
        """(the generations it recorded, entry), or None when there is no copy or it is
        too old."""
        with self.lock:
            stored = self.entries.pop(key, None)
            if stored is None:
                return None
            recorded, expires, entry, size = stored
            if time.monotonic() < expires:
                self.entries[key] = stored  # now the most recent
                return recorded, entry
            self.size -= size
            return None

    def drop(self, key):
        with self.lock:
            stored = self.entries.pop(key, None)
            if stored is not None:
                self.size -= stored[3]

    def put(self, key, recorded, entry):
        budget = conf.get("PAGE_CACHE_WORKER_BYTES")
        status, headers, content = entry
        size = len(content) + sum(len(name) + len(value) for name, value in headers)
        expires = time.monotonic() + conf.get("PAGE_CACHE_WORKER_SECONDS")
        with self.lock:
            if key in self.entries:
                self.size -= self.entries.pop(key)[3]
            if size > budget:
                return
            self.entries[key] = (recorded, expires, entry, size)
            self.size += size
            while self.size > budget:
                self.size -= self.entries.popitem(last=False)[1][3]


worker_copies = WorkerCopies()
