"""The page cache switched on, on each backend it runs on (shared by the page cache's tests)."""

import pytest
from django.core.cache import caches

from tests.page_cache.cache_settings import (
    REDIS_URL,
    file_cache_settings,
    redis_cache_settings,
    skip_without_redis,
)


@pytest.fixture(params=["memory", "files", pytest.param("redis", marks=pytest.mark.redis)])
def page_cache(request, settings, tmp_path):
    """The page cache switched on, on a local memory cache, on files (one machine, several
    workers) or (when REDIS_URL answers) on Redis with a key prefix of its own."""
    if request.param == "redis":
        skip_without_redis()
        settings.CACHES = redis_cache_settings(REDIS_URL)
    if request.param == "files":
        settings.CACHES = file_cache_settings(tmp_path / "page-cache")
        settings.PAGE_CACHE_ALIAS = "pages"
    settings.PAGE_CACHE_ENABLED = True
    caches[settings.PAGE_CACHE_ALIAS].clear()
    yield request.param
    caches[settings.PAGE_CACHE_ALIAS].clear()
