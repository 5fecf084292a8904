"""Template tags other templates use to show the newsroom: feed links, latest releases."""

import functools

from django import template
from django.utils import formats
from django.utils.dates import MONTHS
from django.utils.translation import get_language

from newsroom.listing import cards
from newsroom.models import NewsIndexPage
from pages.image_credits import image_object, rights_of
from pages.images import rendition_or_none
from pages.remembered import generation_known, remember
from pages.structured_data import json_ld_script
from pages.visibility import language_code, not_private

register = template.Library()


def news_index_for_language(request, page=None):
    """The live news index of the active language, looked up once per content generation
    (not at all on the index itself)."""
    if isinstance(page, NewsIndexPage):
        return page
    language = get_language()
    cache = getattr(request, "_newsroom_indexes", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._newsroom_indexes = cache
    if language not in cache:
        cache[language] = remember(
            ("news-index", language),
            lambda: (
                not_private(NewsIndexPage.objects.live())
                .filter(locale__language_code=language)
                .order_by("path")
                .first()
            ),
        )
    return cache[language]


@register.inclusion_tag("newsroom/includes/feed_links.html", takes_context=True)
def newsroom_feed_links(context):
    """<link rel="alternate"> to the RSS and Atom feeds of the page's language."""
    request = context.get("request")
    if request is None:
        return {"feeds": []}
    index = news_index_for_language(request, context.get("news_index") or context.get("page"))
    if index is None:
        return {"feeds": []}
    title = index.seo_title or index.title
    return {
        "feeds": [
            {
                "type": "application/rss+xml",
                "title": f"{title} (RSS)",
                "url": request.build_absolute_uri(index.feed_url("rss", request=request)),
            },
            {
                "type": "application/atom+xml",
                "title": f"{title} (Atom)",
                "url": request.build_absolute_uri(index.feed_url("atom", request=request)),
            },
        ]
    }


def newest_releases(index, count):
    """The keys of the index's newest releases: from its remembered listing order
    (NewsIndexPage.release_keys) within a request, without sorting every release."""
    if not generation_known():
        return index.releases()[:count]
    return list(index.release_keys()[:count])


@register.simple_tag(takes_context=True)
def latest_releases(context, count=3):
    """The newest live, public releases of the active language."""
    index = news_index_for_language(context.get("request"))
    if index is None:
        return {"index": None, "releases": []}
    return {
        "index": index,
        "releases": cards(newest_releases(index, count), index.get_url(context.get("request"))),
    }


@register.simple_tag(takes_context=True)
def release_json_ld(context):
    """schema.org NewsArticle for the release in context, published by the organisation."""
    request = context["request"]
    page = context["page"]
    organisation = context.get("organisation")
    url = request.build_absolute_uri(page.get_url(request))
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.lead,
        "datePublished": page.release_date.isoformat(),
        "inLanguage": language_code(page),
        "url": url,
        "mainEntityOfPage": url,
    }
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    rendition = page.hero_image and rendition_or_none(page.hero_image, "width-1200")
    if rendition:
        image_url = request.build_absolute_uri(rendition.url)
        # An ImageObject only where there is a credit or licence to say.
        if rights_of(page.hero_image) is not None:
            data["image"] = [image_object(page.hero_image, image_url)]
        else:
            data["image"] = [image_url]
    if page.reference:
        data["identifier"] = page.reference
    if page.updated_at:
        data["correction"] = {
            "@type": "CorrectionComment",
            "text": page.correction_note,
            "datePublished": page.updated_at.isoformat(),
        }
    if organisation:
        publisher = {"@type": "GovernmentOrganization", "name": organisation.name}
        if organisation.website:
            publisher["url"] = organisation.website
        logo = organisation.logo and rendition_or_none(organisation.logo, "height-64")
        if logo:
            publisher["logo"] = {
                "@type": "ImageObject",
                "url": request.build_absolute_uri(logo.url),
            }
        data["publisher"] = publisher
        data["author"] = publisher
    return json_ld_script(data)


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
