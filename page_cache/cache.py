"""The shared page cache: a site-wide generation number kept in the shared cache (Redis
when REDIS_URL is set) and stored with every cached page, which counts only under the
current generation; bumping it on publish, unpublish, move or delete makes every host stop
serving the old pages at once. (Storing it with the page rather than in the key lets one
MGET fetch both.)

Also the Redis cache backend used in production, which keeps the site up (uncached) when
Redis is unreachable instead of turning every request into a 500.
"""

import collections
import functools
import hashlib
import logging
import threading
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import transaction
from redis.exceptions import RedisError

from hardening.security import client_ip_address

logger = logging.getLogger("page_cache.cache")

GENERATION_KEY = "page-cache:generation"
# The nonce of the response that filled the cache is replaced by this marker, and the marker
# by the nonce of each request served from the cache, so no two readers share a nonce.
NONCE_PLACEHOLDER = b"\x00csp-nonce\x00"


def page_cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def current_generation():
    """The site's content generation, or None when the cache cannot be reached (then
    nothing is cached nor served from the cache)."""
    cache = page_cache()
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


def bump_generation():
    """Invalidate every cached page on every host."""
    global _bump_pending
    cache = page_cache()
    faults = getattr(cache, "faults", 0)
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)
    _bump_pending = getattr(cache, "faults", 0) != faults


def invalidate_site_cache(**kwargs):
    """Signal receiver: bump now, and again once the surrounding transaction commits, so a
    request that read the old content before the commit cannot leave it cached under the
    new generation."""
    bump_generation()
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        transaction.on_commit(bump_generation)


def _is_tracking(name):
    return any(
        name == ignored or (ignored.endswith("*") and name.startswith(ignored[:-1]))
        for ignored in settings.PAGE_CACHE_IGNORED_PARAMETERS
    )


def cache_key(request):
    """The entry's key: scheme, host, language, path and the query parameters pages read
    (PAGE_CACHE_QUERY_PARAMETERS), sorted. Tracking parameters (utm_*, fbclid…) are left
    out, so `?utm_source=x` is served the page's entry; None when the query carries any
    other parameter: such a request is served uncached rather than adding an entry, or
    `?a=1`, `?a=2`… would each add one (culling the file cache, filling Redis)."""
    kept = []
    for name, values in request.GET.lists():
        if _is_tracking(name):
            continue
        if name not in settings.PAGE_CACHE_QUERY_PARAMETERS:
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
    limit = settings.PAGE_CACHE_CLIENT_ENTRIES_PER_MINUTE
    if not limit:
        return True
    address = hashlib.sha256((client_ip_address(request) or "").encode()).hexdigest()[:32]
    key = f"page-cache:client:{address}:{int(time.time() // 60)}"
    cache = page_cache()
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
    if _bump_pending:
        bump_generation()
    key = cache_key(request)
    cache = page_cache()
    if key is None:
        return current_generation(), None, None
    if key in worker_copies:
        generation = cache.get(GENERATION_KEY)
        entry = worker_copies.get(key, generation)
        if entry is not None:
            return generation, key, entry
        if generation is None:
            return current_generation(), key, None
        values = {GENERATION_KEY: generation, key: cache.get(key)}
    else:
        values = cache.get_many([GENERATION_KEY, key])
    generation = values.get(GENERATION_KEY)
    if generation is None:
        return current_generation(), key, None
    entry = values.get(key)
    if entry is not None and entry[0] == generation:
        worker_copies.put(key, generation, entry[1:])
        return generation, key, entry[1:]
    return generation, key, None


def store(key, generation, entry):
    """Keep `entry` (status, headers, content) for every host, and in this worker."""
    page_cache().set(key, (generation, *entry), settings.PAGE_CACHE_TIMEOUT)
    worker_copies.put(key, generation, entry)


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

    def get(self, key, generation):
        with self.lock:
            stored = self.entries.pop(key, None)
            if stored is None:
                return None
            stored_generation, expires, entry, size = stored
            if generation is not None and stored_generation == generation:
                if time.monotonic() < expires:
                    self.entries[key] = stored  # now the most recent
                    return entry
            self.size -= size
            return None

    def put(self, key, generation, entry):
        budget = getattr(settings, "PAGE_CACHE_WORKER_BYTES", 0)
        status, headers, content = entry
        size = len(content) + sum(len(name) + len(value) for name, value in headers)
        expires = time.monotonic() + getattr(settings, "PAGE_CACHE_WORKER_SECONDS", 0)
        with self.lock:
            if key in self.entries:
                self.size -= self.entries.pop(key)[3]
            if size > budget:
                return
            self.entries[key] = (generation, expires, entry, size)
            self.size += size
            while self.size > budget:
                self.size -= self.entries.popitem(last=False)[1][3]


worker_copies = WorkerCopies()


class PageFileCache(FileBasedCache):
    """Django's file cache, except that culling (past MAX_ENTRIES it deletes a random third
    of the files) never deletes the generation number: losing it starts a new generation,
    which silently empties the whole page cache. `clear()` keeps it too, harmlessly: the
    pages it counted for are gone."""

    def _list_cache_files(self):
        generation = self._key_to_file(GENERATION_KEY)
        return [name for name in super()._list_cache_files() if name != generation]


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis cache client, keeping one `redis.Redis` per connection pool instead
    of making one per call: a new client builds its table of ~170 response callbacks,
    which cost more CPU than the MGET of a page-cache hit itself."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        if pool not in clients:
            clients[pool] = self._client(connection_pool=pool)
        return clients[pool]


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, except that a Redis that cannot be reached behaves like an
    empty cache (reads miss, writes are dropped) and is logged, rather than raising."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    # One log line every so often, not one per request while Redis is down.
    LOG_INTERVAL = 10.0
    _last_logged = 0.0
    # After a fault, Redis is left alone for a moment: a Redis host that drops packets
    # would otherwise cost every request a connect timeout per cache call.
    RETRY_AFTER = 2.0
    _down_until = 0.0
    faults = 0

    def _skipping(self):
        return time.monotonic() < self._down_until

    def _fault(self, operation, error, default=None):
        now = time.monotonic()
        self.faults += 1
        self._down_until = now + self.RETRY_AFTER
        if now - self._last_logged >= self.LOG_INTERVAL:
            self._last_logged = now
            logger.error(
                "Redis cache unreachable (%s): %s; serving without cache",
                operation,
                error,
                extra={"cache_location": self._servers[0].split("@")[-1]},
            )
        return default

    def health_check(self):
        """Raises when Redis does not answer (used by /healthz)."""
        self._cache.get_client(write=True).ping()

    def add(self, *args, **kwargs):
        if self._skipping():
            return False
        try:
            return super().add(*args, **kwargs)
        except RedisError as error:
            return self._fault("add", error, False)

    def get(self, key, default=None, version=None):
        if self._skipping():
            return default
        try:
            return super().get(key, default, version)
        except RedisError as error:
            return self._fault("get", error, default)

    def set(self, *args, **kwargs):
        if self._skipping():
            return None
        try:
            return super().set(*args, **kwargs)
        except RedisError as error:
            return self._fault("set", error)

    def touch(self, *args, **kwargs):
        if self._skipping():
            return False
        try:
            return super().touch(*args, **kwargs)
        except RedisError as error:
            return self._fault("touch", error, False)

    def delete(self, *args, **kwargs):
        if self._skipping():
            return False
        try:
            return super().delete(*args, **kwargs)
        except RedisError as error:
            return self._fault("delete", error, False)

    def get_many(self, *args, **kwargs):
        if self._skipping():
            return {}
        try:
            return super().get_many(*args, **kwargs)
        except RedisError as error:
            return self._fault("get_many", error, {})

    def has_key(self, *args, **kwargs):
        if self._skipping():
            return False
        try:
            return super().has_key(*args, **kwargs)
        except RedisError as error:
            return self._fault("has_key", error, False)

    def incr(self, *args, **kwargs):
        # Never skipped: a bump of the generation is worth a connection attempt.
        try:
            return super().incr(*args, **kwargs)
        except RedisError as error:
            # bump_generation() sees the fault and retries at this process's next request.
            return self._fault("incr", error, 0)

    def set_many(self, *args, **kwargs):
        if self._skipping():
            return []
        try:
            return super().set_many(*args, **kwargs)
        except RedisError as error:
            return self._fault("set_many", error, [])

    def delete_many(self, *args, **kwargs):
        if self._skipping():
            return None
        try:
            return super().delete_many(*args, **kwargs)
        except RedisError as error:
            return self._fault("delete_many", error)

    def clear(self):
        if self._skipping():
            return False
        try:
            return super().clear()
        except RedisError as error:
            return self._fault("clear", error, False)


# Fields that a draft, a lock or a comment changes on the page row without changing what
# readers see: saving only these does not invalidate the cache.
DRAFT_ONLY_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
    "wagtail_admin_comments",
}


@functools.cache
def _content_types():
    """The models whose saved rows change what readers see: pages, sites, locales,
    redirects, images and documents (not renditions, which readers' requests create),
    settings, snippets and view restrictions."""
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import (
        CollectionViewRestriction,
        Locale,
        Page,
        PageViewRestriction,
        Site,
    )
    from wagtail.snippets.models import get_snippet_models

    return (
        Page,
        Site,
        Locale,
        Redirect,
        AbstractImage,
        AbstractDocument,
        BaseSiteSetting,
        BaseGenericSetting,
        PageViewRestriction,
        CollectionViewRestriction,
        *get_snippet_models(),
    )


def _on_save(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or not isinstance(instance, _content_types()):
        return
    if update_fields and set(update_fields) <= DRAFT_ONLY_FIELDS:
        return
    invalidate_site_cache()


def _on_delete(sender, instance, **kwargs):
    if isinstance(instance, _content_types()):
        invalidate_site_cache()


def purge_listings_from_frontend_cache(instance, **kwargs):
    """Wagtail's frontend cache purges the published page itself (its get_cached_paths); a
    new or withdrawn page also changes its ancestors' listings (the home page, the news
    index and its feeds: NewsIndexPage.get_cached_paths), its translations (their language
    links), what a page type names in `frontend_cache_urls()` (a release: its topics'
    listings and feeds, project feeds, the pages it is about, its neighbours) and the URLs
    outside the page tree in FRONTEND_CACHE_EXTRA_PATHS (the sitemap)."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends

    if not get_backends():
        return
    batch = PurgeBatch()
    batch.add_pages(instance.get_ancestors().filter(depth__gt=1).live().specific())
    # Its translations link to it (language switcher, hreflang) once it is live.
    batch.add_pages(instance.get_translations().live().specific())
    page = instance.specific
    if hasattr(page, "frontend_cache_urls"):
        batch.add_urls(page.frontend_cache_urls())
    site = instance.get_site()
    if site is not None:
        root = site.root_url.rstrip("/")
        batch.add_urls(root + path for path in getattr(settings, "FRONTEND_CACHE_EXTRA_PATHS", []))
    batch.purge()


def purge_moved_page_from_frontend_cache(instance, url_path_before, url_path_after, **kwargs):
    """A moved page is gone from its old URL and appears at the new one, in both listings."""
    import copy

    from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends

    if not get_backends() or url_path_before == url_path_after:
        return
    before = copy.copy(instance)
    before.url_path = url_path_before
    batch = PurgeBatch()
    batch.add_urls(url for url in [before.get_full_url(), instance.get_full_url()] if url)
    batch.purge()
    purge_listings_from_frontend_cache(instance)


def connect_signals():
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import (
        page_published,
        page_unpublished,
        post_page_move,
        published,
        unpublished,
    )

    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(invalidate_site_cache, dispatch_uid=f"page-cache-{id(signal)}")
    post_save.connect(_on_save, dispatch_uid="page-cache-save")
    post_delete.connect(_on_delete, dispatch_uid="page-cache-delete")
    page_published.connect(purge_listings_from_frontend_cache, dispatch_uid="purge-listings-pub")
    page_unpublished.connect(purge_listings_from_frontend_cache, dispatch_uid="purge-listings-un")
    post_page_move.connect(purge_moved_page_from_frontend_cache, dispatch_uid="purge-moved")
