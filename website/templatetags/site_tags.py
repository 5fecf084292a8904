"""Template tags for the parts every public page shares: language links and navigation."""

from django import template
from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Page, Site

register = template.Library()


def _language_names():
    return dict(settings.LANGUAGES)


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per site language: where the reader goes to read this in that language.

    A page links to its live translation; where there is none, to that language's home
    (`has_translation` is False then, so hreflang leaves it out).
    """
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    translations = {}
    if isinstance(page, Page) and page.pk:
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            url = translation.get_url(request)
            if url:
                translations[translation.locale.language_code] = url
    links = []
    for code, name in _language_names().items():
        url = translations.get(code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": url or context.get("fallback_urls", {}).get(code) or f"/{code}/",
                "has_translation": url is not None,
                "is_current": code == current,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def locale_home(context):
    """The home page of the active language, cached on the request."""
    request = context.get("request")
    if request is None:
        return None
    if not hasattr(request, "_locale_home"):
        site = Site.find_for_request(request)
        request._locale_home = site.root_page.localized.specific if site else None
    return request._locale_home


@register.simple_tag(takes_context=True)
def main_menu(context):
    home = locale_home(context)
    if home is None:
        return []
    return list(home.get_children().live().public().in_menu())


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """An absolute URL for `path`, built from the request so that it is https behind a proxy."""
    request = context.get("request")
    if not path or request is None or "://" in path:
        return path
    return request.build_absolute_uri(path)
