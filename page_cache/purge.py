"""The CDN or reverse proxy in front (Wagtail's frontend cache, WAGTAILFRONTENDCACHE): what
a publish, unpublish or move makes stale there besides the page itself, which Wagtail's
own frontend cache app purges."""

import copy

from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends

from . import conf
from .dependencies import pages_that_show


def purge_listings_from_frontend_cache(instance, **kwargs):
    """Wagtail's frontend cache purges the published page itself (its get_cached_paths); a
    new or withdrawn page also changes its ancestors' listings (the home page, the news
    index and its feeds: NewsIndexPage.get_cached_paths), its translations (their language
    links), the pages that show it, whose entries the page cache makes stale too
    (page_cache/dependencies.py; a release: its neighbours and the pages it is about), the
    other addresses a page type names in `frontend_cache_urls()` (a release: its topics'
    listings and feeds, project feeds) and the URLs outside the page tree in
    FRONTEND_CACHE_EXTRA_PATHS (the sitemap)."""
    if not get_backends():
        return
    batch = PurgeBatch()
    batch.add_pages(instance.get_ancestors().filter(depth__gt=1).live().specific())
    # Its translations link to it (language switcher, hreflang) once it is live.
    batch.add_pages(instance.get_translations().live().specific())
    batch.add_pages(pages_that_show(instance))
    page = instance.specific
    if hasattr(page, "frontend_cache_urls"):
        batch.add_urls(page.frontend_cache_urls())
    site = instance.get_site()
    if site is not None:
        root = site.root_url.rstrip("/")
        batch.add_urls(root + path for path in conf.get("FRONTEND_CACHE_EXTRA_PATHS"))
    batch.purge()


def purge_moved_page_from_frontend_cache(instance, url_path_before, url_path_after, **kwargs):
    """A moved page is gone from its old URL and appears at the new one, in both listings."""
    if not get_backends() or url_path_before == url_path_after:
        return
    before = copy.copy(instance)
    before.url_path = url_path_before
    batch = PurgeBatch()
    batch.add_urls(url for url in [before.get_full_url(), instance.get_full_url()] if url)
    batch.purge()
    purge_listings_from_frontend_cache(instance)
