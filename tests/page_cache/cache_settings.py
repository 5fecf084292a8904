"""The cache settings the page cache's tests run on: Redis (when REDIS_URL or TEST_REDIS_URL
answers) with a key prefix of its own, or files as production keeps them on one machine."""

import os
import socket
import uuid

import pytest
from redis import Redis

REDIS_URL = os.environ.get("TEST_REDIS_URL") or os.environ.get("REDIS_URL")


def redis_reachable(url):
    if not url:
        return False
    try:
        return Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except Exception:
        return False


def skip_without_redis():
    if not REDIS_URL:
        pytest.skip("no Redis to test against: set REDIS_URL (or TEST_REDIS_URL)")
    if not redis_reachable(REDIS_URL):
        pytest.skip(f"Redis at {REDIS_URL} does not answer")


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_cache_settings(url):
    return {
        "default": {
            "BACKEND": "page_cache.backends.ResilientRedisCache",
            "LOCATION": url,
            # Parallel test runs on one Redis do not see each other's keys.
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


def file_cache_settings(folder):
    """What production uses on one machine without Redis: pages in files every worker reads."""
    return {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "page_cache.backends.PageFileCache",
            "LOCATION": str(folder),
        },
    }
