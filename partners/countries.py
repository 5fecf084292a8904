"""Countries as ISO 3166-1 alpha-2 codes, named in the reader's language.

Django ships no list of countries. The names come from the Unicode CLDR through Babel,
the data set browsers and operating systems use for display names, so a partner in
Italy reads "Italia" on the Romanian page and "Italy" on the English one.
"""

import unicodedata
from functools import cache

from babel import Locale, UnknownLocaleError
from django.conf import settings
from django.utils.translation import get_language

# CLDR also names regions that are not ISO 3166-1 countries (the EU, the UN, "unknown
# region", pseudo-locales) and ISO's exceptional reservations (Ascension, Ceuta and
# Melilla...). Partners are organisations in countries, so those are left out.
NOT_COUNTRIES = {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB"}
NOT_COUNTRIES |= {"XK", "ZZ"}


@cache
def _babel_locale(language_code):
    try:
        return Locale.parse((language_code or settings.LANGUAGE_CODE).replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(settings.LANGUAGE_CODE)


@cache
def _names(language_code):
    territories = _babel_locale(language_code).territories
    return {
        code: name
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    }


def country_name(code, language_code=None):
    """The name of the country with this ISO code in `language_code` (default: the active
    language); the code itself when it is unknown."""
    if not code:
        return ""
    return _names(language_code or get_language()).get(code.upper(), code)


def country_choices():
    """(code, name) pairs for a select box, sorted by name in the active language.
    A callable, so that Django evaluates it for each form, in the editor's language."""
    names = _names(get_language())
    return sorted(names.items(), key=lambda item: sort_key(item[1]))


def sort_key(name):
    """A key that sorts names alphabetically whatever their diacritics ("Ț" with "T")."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
