"""What invalidates the page cache and purges the CDN: Wagtail's publishing signals and the
saving or deleting of anything readers see. Connected by PageCacheConfig.ready()."""

import functools

from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished
from wagtail.snippets.models import get_snippet_models

from pages.image_credits import ImageRights

from .dependencies import pages_that_show, shows_on_every_page
from .generation import invalidate_everything, invalidate_pages
from .purge import purge_listings_from_frontend_cache, purge_moved_page_from_frontend_cache

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
    images and documents (not renditions, which readers' requests create), settings,
    snippets, collections and view restrictions. Asked once the snippets are registered.
    Not redirects: one answers only where no page does, with a 404 that is never cached,
    and Wagtail adds one whenever a page moves or changes its slug."""
    return (
        Page,
        Site,
        Locale,
        AbstractImage,
        # An image's credit and licence, shown under it wherever it is used.
        ImageRights,
        AbstractDocument,
        BaseSiteSetting,
        BaseGenericSetting,
        PageViewRestriction,
        CollectionViewRestriction,
        # A collection moved under a private one becomes private.
        Collection,
        *get_snippet_models(),
    )


def invalidate_page(instance, **kwargs):
    """A page was published, unpublished, moved, deleted or saved as readers see it: its
    entries and its translations', every listing, and the pages that show it are stale
    (page_cache/dependencies.py); everything is when it shows on every page."""
    if shows_on_every_page(instance):
        invalidate_everything()
        return
    invalidate_pages(
        [instance.translation_key],
        showing=[page.translation_key for page in pages_that_show(instance)],
    )


def invalidate_snippet(instance, **kwargs):
    """A snippet was published or unpublished: any page may show it. (Wagtail sends these
    signals for pages too, beside page_published and page_unpublished.)"""
    if not isinstance(instance, Page):
        invalidate_everything()


def _on_save(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or not isinstance(instance, _content_types()):
        return
    if update_fields and set(update_fields) <= DRAFT_ONLY_FIELDS:
        return
    if isinstance(instance, Page):
        invalidate_page(instance)
    else:
        invalidate_everything()


def _on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        invalidate_page(instance)
    elif isinstance(instance, _content_types()):
        invalidate_everything()


def register_signal_handlers():
    # A publish also saves the page (post_save); the signals cover what saves nothing.
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate_page, dispatch_uid=f"page-cache-{id(signal)}")
    for signal in (published, unpublished):
        signal.connect(invalidate_snippet, dispatch_uid=f"page-cache-{id(signal)}")
    post_save.connect(_on_save, dispatch_uid="page-cache-save")
    post_delete.connect(_on_delete, dispatch_uid="page-cache-delete")
    page_published.connect(purge_listings_from_frontend_cache, dispatch_uid="purge-listings-pub")
    page_unpublished.connect(purge_listings_from_frontend_cache, dispatch_uid="purge-listings-un")
    post_page_move.connect(purge_moved_page_from_frontend_cache, dispatch_uid="purge-moved")
