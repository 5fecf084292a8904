"""The cache backends the page cache runs on, named in CACHES (Django loads them with
import_string): Django's file cache that keeps the generation number out of its culling,
for one machine without Redis, and Django's Redis cache that keeps the site up (uncached)
when Redis is unreachable instead of turning every request into a 500."""

import logging
import time

from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

from .generation import ALL_PAGES_KEY, GENERATION_KEY

logger = logging.getLogger("page_cache.backends")


class PageFileCache(FileBasedCache):
    """Django's file cache, except that culling (past MAX_ENTRIES it deletes a random third
    of the files) never deletes the site and all-pages generation numbers: losing one
    starts it again from the clock, which silently empties the whole page cache (losing a
    page's number only empties that page's entries). `clear()` keeps them too, harmlessly:
    the pages they counted for are gone."""

    def _list_cache_files(self):
        kept = {self._key_to_file(GENERATION_KEY), self._key_to_file(ALL_PAGES_KEY)}
        return [name for name in super()._list_cache_files() if name not in kept]


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
        """Django's clear() empties the whole Redis database: with a key prefix (several
        sites, or parallel test runs, sharing one Redis) only this cache's keys go."""
        if self._skipping():
            return False
        try:
            if not self.key_prefix:
                return super().clear()
            client = self._cache.get_client(None, write=True)
            keys = list(client.scan_iter(match=f"{self.key_prefix}:*", count=1000))
            for start in range(0, len(keys), 1000):
                client.delete(*keys[start : start + 1000])
            return True
        except RedisError as error:
            return self._fault("clear", error, False)
