"""The page cache's settings and their defaults (override them in the project's settings;
website/settings reads them from the environment)."""

from django.conf import settings

DEFAULTS = {
    # Off unless switched on: dev and tests render every request.
    "PAGE_CACHE_ENABLED": False,
    # The cache (in CACHES) that holds the pages and the generation numbers.
    "PAGE_CACHE_ALIAS": "default",
    # Seconds an entry lives in the shared cache.
    "PAGE_CACHE_TIMEOUT": 600,
    # Cache-Control of a cached response: browsers (max-age) and a CDN (s-maxage).
    "PAGE_CACHE_BROWSER_MAX_AGE": 60,
    "PAGE_CACHE_SHARED_MAX_AGE": 300,
    # Each worker's own copies of the entries it served last: bytes and seconds.
    "PAGE_CACHE_WORKER_BYTES": 16 * 1024 * 1024,
    "PAGE_CACHE_WORKER_SECONDS": 60,
    # The query parameters pages read: a request with any other (save the tracking ones,
    # left out of the key) is served uncached, or `?a=1`, `?a=2`… would each add an entry.
    "PAGE_CACHE_QUERY_PARAMETERS": [
        # the public pages'
        *("page", "topic", "year", "project", "q", "untranslated"),
        # the API's
        *("type", "fields", "locale", "limit", "offset", "order", "search"),
        *("child_of", "descendant_of", "translation_of", "slug"),
    ],
    "PAGE_CACHE_IGNORED_PARAMETERS": [
        *("utm_*", "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid"),
        *("mc_cid", "mc_eid", "igshid", "_ga", "_gl"),
    ],
    # Page types ("app_label.ModelName") whose entries stay cached when another page is
    # published: each counts under the generations of the pages its template context holds
    # (page_cache/dependencies.py), so that context must hold every page it shows besides
    # its ancestors, its translations and the menus. Any other page counts under the
    # site's generation, which every change moves.
    "PAGE_CACHE_DETAIL_PAGE_TYPES": [],
    # Entries one client (its address) may add a minute; 0: no limit.
    "PAGE_CACHE_CLIENT_ENTRIES_PER_MINUTE": 300,
    # Paths never cached nor served from the cache.
    "PAGE_CACHE_EXCLUDED_PATHS": ["/admin/", "/documents/", "/healthz"],
    # Public URLs outside the page tree that a publish changes, purged from the CDN.
    "FRONTEND_CACHE_EXTRA_PATHS": ["/sitemap.xml"],
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
