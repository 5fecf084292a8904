"""What the public may see, and in which language, without a query per page.

Shared by every app that lists pages (menus, listings, feeds, the sitemap)."""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import CollectionViewRestriction, Locale, Page, PageViewRestriction

from .remembered import generation_known, remember
from .upstream import is_related_cached

# What a link to a page in another language needs of it: its address and its locale.
TRANSLATION_LINK_FIELDS = ("url_path", "locale_id")


def not_private(queryset):
    """`queryset` without pages in a private section, in the same SQL query.

    Wagtail's `.public()` first loads every view restriction (one more query each time
    it is called). Within a request the private sections are remembered per content
    generation (pages/remembered.py), so the filter is a few path prefixes, or nothing on
    a site without private sections; otherwise the database is asked whether a restricted
    page is an ancestor, a subquery per row."""
    if generation_known():
        return queryset.exclude(private_sections())
    restricted_ancestor = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return queryset.exclude(Exists(restricted_ancestor))


def any_private_collection():
    """Whether some collection may be private. False only within a request on a site known
    (per content generation) to have none: then documents need no filtering at all."""
    return not generation_known() or bool(
        remember("private-collection-paths", _private_collection_paths)
    )


def in_private_collection(prefix=""):
    """A filter matching documents (reached through `prefix`, e.g. "document__") whose
    collection, or one of its ancestors, has a view restriction. Public pages are cached
    and shared by everyone, so they never link to them.

    Within a request the private collections are remembered per content generation, so
    the filter is a few path prefixes, or matches nothing on a site without any; otherwise
    a subquery in the same SQL query."""
    if generation_known():
        paths = remember("private-collection-paths", _private_collection_paths)
        if not paths:
            return Q(**{f"{prefix}pk__in": []})
        private = Q()
        for path in paths:
            private |= Q(**{f"{prefix}collection__path__startswith": path})
        return private
    restricted_ancestor = CollectionViewRestriction.objects.filter(
        collection__path=Substr(
            OuterRef(f"{prefix}collection__path"), 1, Length("collection__path")
        )
    )
    return Exists(restricted_ancestor)


def private_sections():
    """A filter matching the pages in private sections of the site, for `.exclude()`:
    empty (excluding nothing) on a site without any. The sections are remembered per
    content generation within a request, otherwise read with one query."""
    private = Q()
    for path in remember("private-section-paths", _private_section_paths):
        private |= Q(path__startswith=path)
    return private


def is_private(page):
    """Whether `page` is in a private section (for pages already loaded: no query within a
    request once the sections are remembered)."""
    return any(
        page.path.startswith(path)
        for path in remember("private-section-paths", _private_section_paths)
    )


def _private_section_paths():
    return sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True)))


def _private_collection_paths():
    return sorted(set(CollectionViewRestriction.objects.values_list("collection__path", flat=True)))


def remember_private_paths(sections, collections):
    """Remember the private sections' and collections' paths read by another query of the
    same content generation (languages.routing reads them with the site root paths)."""
    sections, collections = sorted(set(sections)), sorted(set(collections))
    remember("private-section-paths", lambda: sections)
    remember("private-collection-paths", lambda: collections)


_language_codes = {}


def forget_language_codes(**kwargs):
    """Connected to Locale's save and delete signals (see pages/apps.py)."""
    _language_codes.clear()


def language_code(page):
    """The language of `page`'s locale without a query per page: locales are few and their
    codes never change, so they are remembered for the life of the process."""
    if is_related_cached(page, "locale"):
        return page.locale.language_code
    if page.locale_id not in _language_codes:
        _language_codes.update(Locale.objects.values_list("pk", "language_code"))
    return _language_codes[page.locale_id]


def live_translations(page):
    """`page`'s live translations, itself included, with what a link to each needs (its
    address and language). A page may carry them, read with other rows of the same
    request (`page.live_translations`: a release reads them with its neighbours, one query
    fewer); otherwise they are read now, in no particular order."""
    known = getattr(page, "live_translations", None)
    if known is not None:
        return known
    return (
        Page.objects.filter(translation_key=page.translation_key, live=True)
        .order_by()
        .only(*TRANSLATION_LINK_FIELDS)
    )


def active_locale():
    """The Locale of the active language, like Wagtail's `Locale.get_active()` but without
    its query once the locales are known (see language_code above)."""
    code = get_supported_content_language_variant(get_language())
    for _attempt in range(2):
        for pk, known_code in _language_codes.items():
            if known_code == code:
                return Locale(pk=pk, language_code=code)
        _language_codes.update(Locale.objects.values_list("pk", "language_code"))
    return Locale.get_default()


class ViewRestrictionsMixin:
    """Page types whose privacy check costs one query on every view instead of two.

    Wagtail's `get_view_restrictions` loads the ancestors, then their restrictions; the
    ancestors' paths are prefixes of the page's own path, so one query can ask for the
    restrictions of the page, its ancestors, and the pages any of them is an alias of.
    """

    def get_view_restrictions(self):
        if generation_known() and not remember("private-section-paths", _private_section_paths):
            # No private section anywhere on the site (remembered per content generation).
            return PageViewRestriction.objects.none()
        steplen = self.steplen
        paths = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        aliased = type(self).objects.filter(path__in=paths, alias_of__isnull=False)
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths) | Q(page__in=aliased.values("alias_of"))
        )
