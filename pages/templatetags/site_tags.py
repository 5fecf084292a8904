"""Template tags for the parts every public page shares: language links, navigation, dates."""

import functools

from django import template
from django.conf import settings
from django.utils import formats
from django.utils.dates import MONTHS
from django.utils.translation import get_language
from wagtail.models import Page, Site

from pages.images import rendition_or_none
from pages.remembered import remember
from pages.sections import home_children
from pages.structured_data import json_ld_script
from pages.upstream import cached_parent
from pages.visibility import is_private, language_code, live_translations

register = template.Library()


# What a link to a page in another language needs of it.
LINK_FIELDS = ("url_path", "locale__language_code")


def _language_names():
    return dict(settings.LANGUAGES)


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per site language: where the reader goes to read this in that language.

    A page links to its live translation. Where there is none, the link goes to the
    nearest ancestor that has one (a release without an English version leads to the
    English news index), marked `?untranslated=1` so that page can say why; and
    `has_translation` is False, so hreflang leaves it out.
    """
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    translations = {}
    fallbacks = {}
    if isinstance(page, Page) and page.pk:
        if page.depth <= 3 and request is not None:
            # Homes and sections: few, and on most readers' way; remembered per generation.
            key = ("language-links", page.pk, request.get_host())
            translations, fallbacks = remember(key, lambda: _translations(page, request))
        else:
            translations, fallbacks = _translations(page, request)
    links = []
    for code, name in _language_names().items():
        url = translations.get(code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": url or fallbacks.get(code) or f"/{code}/",
                "has_translation": url is not None,
                "is_current": code == current,
            }
        )
    return links


def _translations(page, request):
    """({language: URL of the live translation}, {language: URL of the nearest translated
    ancestor, for the languages without one})."""
    translations, fallbacks = {}, {}
    for translation in live_translations(page):
        url = translation.get_url(request)
        if url:
            translations[language_code(translation)] = url
    missing = [code for code in _language_names() if code not in translations]
    if missing and page.depth > 2:
        fallbacks = _nearest_translated_ancestors(page, missing, request)
    return translations, fallbacks


def _nearest_translated_ancestors(page, language_codes, request):
    # One query: the live translations of the page's ancestors; the deepest one wins.
    candidates = (
        Page.objects.live()
        .filter(
            translation_key__in=page.get_ancestors().filter(depth__gt=1).values("translation_key"),
            locale__language_code__in=language_codes,
        )
        .select_related("locale")
        .only(*LINK_FIELDS)
        .order_by("depth")
    )
    best = {candidate.locale.language_code: candidate for candidate in candidates}
    return {code: f"{p.get_url(request)}?untranslated=1" for code, p in best.items()}


@register.simple_tag(takes_context=True)
def locale_home(context):
    """The home page of the active language (the site root's translation), remembered per
    content generation."""
    request = context.get("request")
    if request is None:
        return None
    if not hasattr(request, "_locale_home"):
        site = Site.find_for_request(request)
        request._locale_home = (
            remember(("locale-home", site.pk, get_language()), lambda: _find_locale_home(site))
            if site
            else None
        )
    return request._locale_home


def _find_locale_home(site):
    return Page.objects.filter(
        translation_key=Page.objects.filter(pk=site.root_page_id).values("translation_key")[:1],
        locale__language_code=get_language(),
    ).first()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The live, public pages under the language's home marked "show in menus", as
    {pk, title, url}; for a page, found from its own path (its home is its ancestor at
    depth 2) in one query, remembered per content generation."""
    page = context.get("page")
    if isinstance(page, Page) and page.depth >= 2:
        home_path = page.path[: Page.steplen * 2]
    else:
        home = locale_home(context)
        if home is None:
            return []
        home_path = home.path
    request = context.get("request")
    host = request.get_host() if request is not None else None
    return remember(("main-menu", home_path, host), lambda: _find_menu_pages(home_path, request))


def _find_menu_pages(home_path, request):
    # From the home's children that routing reads anyway (pages/sections.py).
    return [
        {"pk": page.pk, "title": page.title, "url": page.get_url(request)}
        for page in home_children(home_path)
        if page.live and page.show_in_menus and not is_private(page)
    ]


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context, page):
    """The page's ancestors between the site root and the page, as {title, url}: read in
    one query and remembered per parent and content generation, as pages share parents."""
    request = context.get("request")
    parent_path = page.path[: -Page.steplen]
    if len(parent_path) < Page.steplen * 2:
        return []
    host = request.get_host() if request is not None else None

    def find():
        return _routed_ancestors(page, parent_path, request) or _find_ancestors(
            parent_path, request
        )

    return remember(("breadcrumbs", parent_path, host), find)


def _routed_ancestors(page, parent_path, request):
    """The trail from the parents routing walked through (Wagtail leaves each page's parent
    on it as `_cached_parent_obj`), without a query; None when the chain is incomplete."""
    step = Page.steplen
    ancestors, current = [], page
    while len(ancestors) < len(parent_path) // step - 1:
        current = cached_parent(current)
        if current is None:
            return None
        ancestors.append(current)
    ancestors.reverse()
    wanted = [parent_path[:end] for end in range(step * 2, len(parent_path) + 1, step)]
    if [ancestor.path for ancestor in ancestors] != wanted:
        return None
    return [{"title": page.title, "url": page.get_url(request)} for page in ancestors]


def _find_ancestors(parent_path, request):
    step = Page.steplen
    paths = [parent_path[:end] for end in range(step * 2, len(parent_path) + 1, step)]
    ancestors = Page.objects.filter(path__in=paths).order_by("path")
    return [{"title": page.title, "url": page.get_url(request)} for page in ancestors]


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """An absolute URL for `path`, built from the request so that it is https behind a proxy."""
    request = context.get("request")
    if not path or request is None or "://" in path:
        return path
    return request.build_absolute_uri(path)


@register.simple_tag
def rendition(image, spec):
    """`{% rendition page.hero_image "width-1200" as hero %}`: the rendition, or None where
    there is no image or its original cannot be read (the template then leaves the image
    out rather than print a broken one). Unlike `{% image %}`, it uses a rendition kept
    on the image as it is (pages/images.py)."""
    return rendition_or_none(image, spec) if image else None


@register.filter
def search_summary(page):
    """The text shown under a search result: the page's own summary where it has one."""
    for name in ("search_description", "lead", "introduction", "profile", "summary"):
        value = getattr(page, name, "")
        if value:
            return str(value)
    return ""


@register.filter
def json_ld(data):
    """`data` as a JSON-LD script element (pages.structured_data)."""
    return json_ld_script(data)


@register.simple_tag(takes_context=True)
def organisation_json_ld(context):
    """schema.org GovernmentOrganization for the publishing organisation."""
    organisation = context.get("organisation")
    if not organisation:
        return ""
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": organisation.name,
        "url": absolute_url(context, f"/{get_language()}/"),
    }
    if organisation.department:
        data["department"] = {"@type": "GovernmentOrganization", "name": organisation.department}
    if organisation.address:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": ", ".join(organisation.address.splitlines()),
        }
    if organisation.fiscal_code:
        data["taxID"] = organisation.fiscal_code
    if organisation.email:
        data["email"] = organisation.email
    if organisation.phone:
        data["telephone"] = organisation.phone
    return json_ld(data)


# Languages whose month names are written in lower case (Django's catalogue capitalises them).
LOWER_CASE_MONTHS = {"ro"}


@register.filter
def long_date(value):
    """The date in the active language's long format: "8 aprilie 2021", "April 8, 2021"."""
    if not value:
        return ""
    return _long_date(value, get_language())


# Pure for a given date and language, and Django's date formatting is a listing's dearest
# filter; a year of dates in two languages is about 700 entries.
@functools.lru_cache(maxsize=4096)
def _long_date(value, language):
    text = formats.date_format(value, "DATE_FORMAT")
    if language in LOWER_CASE_MONTHS:
        month = str(MONTHS[value.month])
        text = text.replace(month, month.lower())
    return text
