"""Every private or undocumented API of Wagtail, wagtail-localize, modelcluster, treebeard
and Django the project relies on, in one place.

Each is re-exported or wrapped here with what it is used for; the rest of the project
imports it from here, never from its own module. tests/pages/test_upstream.py checks that
each still exists with the signature or attributes used, so that an upgrade which changes
one breaks that test, not the site. A new use of a private API is added here first.

Documented APIs (ReportView, hooks, Page.route, Site.get_site_root_paths…) are imported
where they are used, as usual.
"""

import importlib

from django.db.models import Model
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Page, Site
from wagtail_localize.models import String, TranslationContext
from wagtail_localize.segments import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    StringSegmentValue,
    TemplateSegmentValue,
)
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.views import convert, update_translations
from wagtail_localize.views.convert import convert_to_alias
from wagtail_localize.views.edit_translation import upload_pofile, user_can_edit_instance
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitTranslationForm,
)
from wagtail_localize.views.update_translations import (
    UpdateTranslationsForm,
    UpdateTranslationsView,
)

# These modules need the app registry ready, and pages.visibility (which pages' models
# import while the registry loads) imports this module: they are imported on first use
# (__getattr__ below), by modules that load after the registry.
_NEED_THE_REGISTRY = {
    # Wagtail's base class of page bulk actions (an admin module; the documented part is
    # registering a bulk action with the hook): translation_tools.sync's "Sync translations".
    "PageBulkAction": "wagtail.admin.views.pages.bulk_actions.page_bulk_action",
    # Wagtail's registry of the page views (move_confirm): website.urls runs the move
    # confirmation in a transaction.
    "page_viewset_registry": "wagtail.admin.viewsets.pages",
    # Wagtail's switch of the reference index's receivers: the Plone importer turns them off
    # while it saves a batch (plone_import.indexing).
    "disable_reference_index_auto_update": "wagtail.signal_handlers",
}


def __getattr__(name):
    if name in _NEED_THE_REGISTRY:
        return getattr(importlib.import_module(_NEED_THE_REGISTRY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    # modelcluster: a model's child relations and child many-to-many fields, which the
    # Plone importer indexes (plone_import.indexing).
    "get_all_child_relations",
    "get_all_child_m2m_relations",
    # The search index's receiver of post_save (modelsearch): the Plone importer disconnects
    # it while it saves a batch and indexes the batch once (plone_import.indexing).
    "post_save_signal_handler",
    # wagtail-localize's segment extraction: the Plone importer writes translation sources
    # in bulk (plone_import.localize) and the demo content pairs source and translation
    # strings (demo_content.building).
    "OverridableSegmentValue",
    "RelatedObjectSegmentValue",
    "StringSegmentValue",
    "TemplateSegmentValue",
    "extract_segments",
    # wagtail-localize's views that translation_tools.localize_guard and wagtail_hooks serve
    # behind the page permissions (their forms' fields are relied on: see the test).
    "SubmitPageTranslationView",
    "SubmitTranslationForm",
    "UpdateTranslationsForm",
    "UpdateTranslationsView",
    "convert",
    "convert_to_alias",
    "update_translations",
    "upload_pofile",
    "user_can_edit_instance",
    # Wrappers of private attributes and methods, below.
    "cached_parent",
    "find_site_for_request",
    "is_related_cached",
    "raw_host",
    "route_already_found",
    "set_cached_parent",
    "set_file_metadata",
    "slug_is_available",
    "string_data_hash",
    "translation_context_path_id",
    "use_route_for_request",
]


# Wagtail's pages ------------------------------------------------------------------------


def set_cached_parent(page, parent):
    """Make `page.get_parent()` return `parent` without a query: django-treebeard keeps a
    page's parent in `_cached_parent_obj` (Wagtail's own routing sets it the same way).
    Routing from a known parent sets it (the news index for its releases, the language
    home for its sections); site_tags reads it for the breadcrumbs (cached_parent)."""
    page._cached_parent_obj = parent


def cached_parent(page):
    """The parent set by set_cached_parent (or by Wagtail's routing), else None."""
    return getattr(page, "_cached_parent_obj", None)


def slug_is_available(slug, parent, page=None):
    """Whether `slug` is free under `parent`, as Wagtail checks on move
    (`Page._slug_is_available`): a translation moved with its source must not clash."""
    return Page._slug_is_available(slug, parent, page=page)


# Wagtail's routing ----------------------------------------------------------------------


def raw_host(request):
    """The Host header unchecked by ALLOWED_HOSTS, as Wagtail's Site lookup uses it
    (Django's `HttpRequest._get_raw_host`): languages.routing keys its cache by it."""
    return request._get_raw_host()


def find_site_for_request(request):
    """The Site that answers for this request's host (`Site._find_for_request`: the lookup
    behind Site.find_for_request, without storing the result on the request)."""
    return Site._find_for_request(request)


def route_already_found(request):
    """Whether Wagtail's Page.route_for_request already has a result for this request."""
    return hasattr(request, "_wagtail_route_for_request")


def use_route_for_request(request, site, route, site_root_paths):
    """Leave a routing result where Wagtail looks for it before routing again: the site
    (Site.find_for_request), the route (Page.route_for_request) and the site root paths
    (Page.get_url(request)). languages.routing routes from the remembered language home."""
    request._wagtail_site = site
    request._wagtail_route_for_request = route
    request._wagtail_cached_site_root_paths = site_root_paths


# Django's models ------------------------------------------------------------------------


def is_related_cached(instance: Model, field_name):
    """Whether a forward relation is already loaded on `instance` (Django keeps loaded
    relations in `_state.fields_cache`): pages.visibility reads a page's locale from it
    when it is, without a query."""
    return field_name in instance._state.fields_cache


# Wagtail's images and documents ---------------------------------------------------------


def set_file_metadata(instance):
    """Fill in an image's or a document's file size and hash (and an image's dimensions)
    for a file assigned in code, as Wagtail's upload forms do: the Plone importer."""
    if hasattr(instance, "_set_image_file_metadata"):
        instance._set_image_file_metadata()
    else:
        instance._set_document_file_metadata()


# wagtail-localize's rows ----------------------------------------------------------------


def string_data_hash(data):
    """The hash wagtail-localize keys a String row by (`String._get_data_hash`)."""
    return String._get_data_hash(data)


def translation_context_path_id(path):
    """The hash wagtail-localize keys a TranslationContext row by
    (`TranslationContext._get_path_id`)."""
    return TranslationContext._get_path_id(path)
