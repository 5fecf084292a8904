"""The press kits app's settings and their defaults."""

from django.conf import settings

DEFAULTS = {
    # The Django cache that keeps built kits (a kit is rebuilt when its release changes).
    "PRESS_KITS_CACHE": "default",
    # How long a built kit is kept, in seconds, when its release does not change.
    "PRESS_KITS_CACHE_TIMEOUT": 7 * 24 * 3600,
    # Kits larger than this (bytes) are built for each download rather than cached, so a
    # release with many high-resolution photos does not fill a shared Redis.
    "PRESS_KITS_MAX_CACHED_BYTES": 25 * 1024 * 1024,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
