"""Formatting the partnership templates share: euros and dates in the page's language,
country names. The releases about a page and a project's feeds are the newsroom's tags
(newsroom_tags), which these templates load: this app's code does not import the newsroom."""

from decimal import Decimal

from django import template
from django.utils.dateformat import format as format_date
from django.utils.formats import number_format
from django.utils.translation import get_language

from pages.structured_data import json_ld_script

from ..countries import country_name as name_of_country

register = template.Library()

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
