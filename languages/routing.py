"""Page routing that starts from the reader's language home without looking it up.

Wagtail routes every request from `site.root_page.localized.specific`: the site, the active
locale, the root page's translation (English pages only: the site's root is the Romanian
home) and the home's own row, four queries before the first path segment. They are the
same for every request of one host and language, so they are computed the way Wagtail does
and remembered per content generation (pages/remembered.py), and so are the home's children,
the sections every other page is under; a page renamed, moved, unpublished or translated
bumps the generation like any other publish.
"""

import copy

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.http import Http404
from django.utils.translation import get_language
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.models.sites import SiteRootPath
from wagtail.views import serve as wagtail_serve

from pages.remembered import remember
from pages.sections import home_children
from pages.upstream import (
    find_site_for_request,
    raw_host,
    route_already_found,
    set_cached_parent,
    use_route_for_request,
)
from pages.visibility import language_code, remember_private_paths


def site_and_home(request):
    """(site, the active language's home page, specific) for this request's host, as
    Wagtail's routing finds them; (None, None) when no site answers for the host."""
    host, port = raw_host(request), request.get_port()

    def find():
        site = find_site_for_request(request)
        if site is None:
            return None, None
        # As Wagtail's `root_page.localized`: the root's live translation in the active
        # language, else the root itself; without its query for the active Locale.
        root, language = site.root_page, get_language()
        if language_code(root) != language:
            # Translations share the root's page type: asked of it, the translation comes
            # with its own fields in one query rather than a page row and then its type's.
            translation = (
                root.specific_class.objects.filter(
                    translation_key=root.translation_key,
                    locale__language_code=language,
                    live=True,
                )
                .order_by("path")
                .first()
            )
            if translation is not None:
                return site, translation
        return site, root.specific

    return remember(("site-and-home", host, port, get_language()), find)


def site_root_paths():
    """Wagtail's `Site.get_site_root_paths()` (each site root's translations, the most
    specific path first), read in one query rather than one for the sites and one per
    site for its root's translations. Every page's URL needs it.

    The same query reads the paths of the private sections and collections
    (pages.visibility), which every page's privacy check, every listing and every list of
    documents needs next: queries less on the first request after a publish. All are
    remembered for the same content generation."""
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return Site.get_site_root_paths()
    # A compound SELECT orders by its own columns only: the sort keys are selected too.
    sql = f"""
        SELECT 0 AS kind, site.id, site.hostname, site.port, page.url_path,
               locale.language_code, root.url_path AS root_path,
               site.is_default_site AS is_default, page.path AS page_path
        FROM {Site._meta.db_table} site
        JOIN {Page._meta.db_table} root ON root.id = site.root_page_id
        JOIN {Page._meta.db_table} page ON page.translation_key = root.translation_key
        JOIN {Locale._meta.db_table} locale ON locale.id = page.locale_id
        UNION ALL
        SELECT 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, restricted.path
        FROM {PageViewRestriction._meta.db_table} restriction
        JOIN {Page._meta.db_table} restricted ON restricted.id = restriction.page_id
        UNION ALL
        SELECT 2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, collection.path
        FROM {CollectionViewRestriction._meta.db_table} restriction
        JOIN {Collection._meta.db_table} collection ON collection.id = restriction.collection_id
        ORDER BY kind, root_path DESC, is_default DESC, hostname, page_path
    """
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    remember_private_paths(
        sections=[row[8] for row in rows if row[0] == 1],
        collections=[row[8] for row in rows if row[0] == 2],
    )
    return [
        SiteRootPath(site_id, url_path, Site(hostname=hostname, port=port).root_url, language)
        for kind, site_id, hostname, port, url_path, language, *_sort in rows
        if kind == 0
    ]


def route_from_home(request, home, components):
    """Wagtail's `Page.route` from `home`, except that the home's children (the sections:
    news, projects, partners, about…) come from pages/sections.py, read once per content
    generation with their own fields, not looked up and then fetched again on every
    request."""
    if not components or type(home).route is not Page.route:
        return home.route(request, components)
    sections = remember(
        ("sections", home.pk), lambda: {child.slug: child for child in home_children(home.path)}
    )
    slug = components[0]
    if slug not in sections:
        raise Http404
    # A copy, as for the home: routing and rendering may set attributes on it.
    section = copy.copy(sections[slug])
    set_cached_parent(section, home)
    return section.route(request, components[1:])


class LocaleHomeRoutingMiddleware:
    """Routes requests for pages (Wagtail's `serve` view) from the remembered home, and
    leaves the result where Wagtail's `Page.route_for_request` looks for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_serve or route_already_found(request):
            return None
        path = view_kwargs.get("path", view_args[0] if view_args else "")
        try:
            site, home = site_and_home(request)
            if site is None:
                return None
            # A copy: routing and rendering may set attributes on the pages they walk.
            route = route_from_home(
                request, copy.copy(home), [component for component in path.split("/") if component]
            )
        except Http404:
            route = None
        except (OperationalError, InterfaceError):
            # Left to Wagtail's routing, which meets the same error inside the view, where
            # DatabaseUnavailableMiddleware answers 503 (it sees only the view's errors).
            return None
        use_route_for_request(request, site, route, remember("site-root-paths", site_root_paths))
        return None
