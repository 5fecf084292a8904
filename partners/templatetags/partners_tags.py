"""Formatting and look-ups the partnership templates share: euros and dates in the page's
language, country names, the releases about a page."""

from decimal import Decimal

from django import template
from django.utils.dateformat import format as format_date
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from pages.structured_data import json_ld_script

from ..countries import country_name as name_of_country

register = template.Library()

LATEST_RELEASES = 5
LOWERCASE_MONTHS = {"ro"}


@register.filter
def euros(amount):
    """An amount in euros as readers of the active language write it: "146.993 €" in
    Romanian, "€146,993" in English; cents only when there are any."""
    if amount in (None, ""):
        return ""
    amount = Decimal(amount)
    decimals = 0 if amount == amount.to_integral_value() else 2
    number = number_format(amount, decimals, use_l10n=True, force_grouping=True)
    if (get_language() or "").startswith("en"):
        return f"€{number}"
    return f"{number}\u00a0€"


@register.filter
def partial_date(value, shows_day=True):
    """A date with its day ("2 septembrie 2019") or, when the source gives no day, only its
    month ("decembrie 2020"), with month names in the active language."""
    if not value:
        return ""
    month = format_date(value, "F")
    # Django's Romanian catalogue capitalises month names; Romanian writes them in lowercase.
    if (get_language() or "").split("-")[0] in LOWERCASE_MONTHS:
        month = month.lower()
    return f"{value.day} {month} {value.year}" if shows_day else f"{month} {value.year}"


@register.filter
def country_name(code):
    return name_of_country(code)


@register.filter
def json_ld(data):
    """`data` as a JSON-LD script element (pages.structured_data)."""
    return json_ld_script(data)


@register.simple_tag
def releases_about(page, limit=LATEST_RELEASES):
    """The latest live press releases, in the page's language, that name `page` among
    their related pages (the newsroom decides what "about" means)."""
    from newsroom.models import PressReleasePage

    if page is None or not page.pk:
        return []
    return list(PressReleasePage.about(page).filter(locale_id=page.locale_id)[:limit])


@register.simple_tag(takes_context=True)
def releases_list_url(context, page):
    """The news index of the page's language, filtered to the releases about `page`."""
    from newsroom.models import NewsIndexPage

    news_index = NewsIndexPage.objects.live().filter(locale_id=page.locale_id).first()
    if news_index is None:
        return ""
    url = news_index.get_url(context.get("request"))
    return f"{url}?project={page.pk}" if url else ""


@register.simple_tag(takes_context=True)
def project_feeds(context, page):
    """The RSS and Atom feeds of the releases about the project `page`, in its language,
    as [{"type", "title", "label", "url"}] (none where the language has no news index)."""
    from newsroom.templatetags.newsroom_tags import news_index_for_language

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
