"""The page cache's entries: their keys, the lookup of a request's entry under the current
generation, storing one, and each worker's own copies of the entries it served last."""

import collections
import hashlib
import threading
import time
from urllib.parse import urlencode

from hardening.security import client_ip_address

from . import conf, generation
from .generation import GENERATION_KEY, current_generation, shared_cache

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


def may_add_entry(request):
    """Whether this reader may add one more entry this minute (at most
    PAGE_CACHE_CLIENT_ENTRIES_PER_MINUTE): the allowed parameters still take any value
    (`?q=` a search, `?page=` a number), and one client must not fill the cache with them.
    Beyond the limit its requests are answered, uncached."""
    limit = conf.get("PAGE_CACHE_CLIENT_ENTRIES_PER_MINUTE")
    if not limit:
        return True
    address = hashlib.sha256((client_ip_address(request) or "").encode()).hexdigest()[:32]
    key = f"page-cache:client:{address}:{int(time.time() // 60)}"
    cache = shared_cache()
    cache.add(key, 0, timeout=120)
    try:
        return cache.incr(key) <= limit
    except ValueError:  # the counter was culled or evicted meanwhile: let this one through
        return True


def lookup(request):
    """(generation, key, cached entry or None): an entry counts only if it was stored under
    the current generation. The generation is None when the cache cannot be reached.

    An entry this worker served lately is taken from its own copy (WorkerCopies), which
    costs a read of the generation only; any other in one round trip for both."""
    if generation.bump_pending():
        generation.bump_generation()
    key = cache_key(request)
    cache = shared_cache()
    if key is None:
        return current_generation(), None, None
    if key in worker_copies:
        current = cache.get(GENERATION_KEY)
        entry = worker_copies.get(key, current)
        if entry is not None:
            return current, key, entry
        if current is None:
            return current_generation(), key, None
        values = {GENERATION_KEY: current, key: cache.get(key)}
    else:
        values = cache.get_many([GENERATION_KEY, key])
    current = values.get(GENERATION_KEY)
    if current is None:
        return current_generation(), key, None
    entry = values.get(key)
    if entry is not None and entry[0] == current:
        worker_copies.put(key, current, entry[1:])
        return current, key, entry[1:]
    return current, key, None


def store(key, current, entry):
    """Keep `entry` (status, headers, content) for every host, and in this worker."""
    shared_cache().set(key, (current, *entry), conf.get("PAGE_CACHE_TIMEOUT"))
    worker_copies.put(key, current, entry)


class WorkerCopies:
    """The cached pages this worker served last, kept in its memory too, so that serving
    one again needs only the current generation from the shared cache, not the page (the
    RSS feed is about 20 KB). A copy counts only under the generation it was stored
    with, as in the shared cache, and for PAGE_CACHE_WORKER_SECONDS at most; the oldest
    go first once they take more than PAGE_CACHE_WORKER_BYTES."""

    def __init__(self):
        # Gunicorn's workers here are single-threaded, but a threaded server may share one.
        self.lock = threading.Lock()
        self.clear()

    def clear(self):
        self.entries = collections.OrderedDict()
        self.size = 0

    def __contains__(self, key):
        return key in self.entries

    def get(self, key, current):
        with self.lock:
            stored = self.entries.pop(key, None)
            if stored is None:
                return None
            stored_generation, expires, entry, size = stored
            if current is not None and stored_generation == current:
                if time.monotonic() < expires:
                    self.entries[key] = stored  # now the most recent
                    return entry
            self.size -= size
            return None

    def put(self, key, current, entry):
        budget = conf.get("PAGE_CACHE_WORKER_BYTES")
        status, headers, content = entry
        size = len(content) + sum(len(name) + len(value) for name, value in headers)
        expires = time.monotonic() + conf.get("PAGE_CACHE_WORKER_SECONDS")
        with self.lock:
            if key in self.entries:
                self.size -= self.entries.pop(key)[3]
            if size > budget:
                return
            self.entries[key] = (current, expires, entry, size)
            self.size += size
            while self.size > budget:
                self.size -= self.entries.popitem(last=False)[1][3]


worker_copies = WorkerCopies()
