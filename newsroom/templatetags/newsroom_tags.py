"""Template tags other templates use to show the newsroom: feed links, latest releases, and
on the pages of other apps (projects, partners, pilots) the releases about them and a
project's feeds. Those apps' templates load this library; their code does not import the
newsroom (which page types a release can be about is NEWSROOM_RELATED_PAGE_TYPES)."""

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from newsroom.listing import cards
from newsroom.models import NewsIndexPage, PressReleasePage
from pages.context_processors import LOGO_RENDITION
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

    def feeds():
        return [
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

    # The same on every page of a language and site address: remembered per generation.
    site_address = request.build_absolute_uri("/")
    return {"feeds": remember(("feed-links", index.pk, site_address), feeds)}


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
        "releases": cards(
            index.releases_in(newest_releases(index, count)), index.get_url(context.get("request"))
        ),
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
        logo = organisation.logo and rendition_or_none(organisation.logo, LOGO_RENDITION)
        if logo:
            publisher["logo"] = {
                "@type": "ImageObject",
                "url": request.build_absolute_uri(logo.url),
            }
        data["publisher"] = publisher
        data["author"] = publisher
    return json_ld_script(data)


# Releases listed on the page of a project, partner or pilot.
LATEST_RELEASES_ABOUT = 5


@register.simple_tag
def releases_about(page, limit=LATEST_RELEASES_ABOUT):
    """The latest live press releases, in the page's language, that name `page` among
    their related pages (the newsroom decides what "about" means)."""
    if page is None or not page.pk:
        return []
    return list(PressReleasePage.about(page).filter(locale_id=page.locale_id)[:limit])


@register.simple_tag(takes_context=True)
def releases_list_url(context, page):
    """The news index of the page's language, filtered to the releases about `page`."""
    news_index = NewsIndexPage.objects.live().filter(locale_id=page.locale_id).first()
    if news_index is None:
        return ""
    url = news_index.get_url(context.get("request"))
    return f"{url}?project={page.pk}" if url else ""


@register.simple_tag(takes_context=True)
def project_feeds(context, page):
    """The RSS and Atom feeds of the releases about the project `page`, in its language,
    as [{"type", "title", "label", "url"}] (none where the language has no news index)."""
    request = context.get("request")
    if request is None or page is None or not page.pk:
        return []
    # The index of the active language (the page's), looked up once per request.
    index = news_index_for_language(request)
    if index is None or index.locale_id != page.locale_id:
        return []
    title = _("Press releases about %(title)s") % {"title": page.title}
    return [
        {
            "type": media_type,
            "title": f"{title} ({label})",
            "label": label,
            "url": request.build_absolute_uri(index.project_feed_url(kind, page, request)),
        }
        for kind, label, media_type in (
            ("rss", "RSS", "application/rss+xml"),
            ("atom", "Atom", "application/atom+xml"),
        )
    ]
