"""Release reference numbers ("CP-2021-014"): unique within a year, the same in every
language, and the next one suggested when an editor leaves the field empty.

A reference is unique among the releases dated in the same year: offices restart their
numbering each January, so "014" of 2021 and "014" of 2022 are different releases. The
translations of one release share its reference (a synchronised field), so they never
count as duplicates of each other."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import conf

# Letters, digits and the separators offices use: "CP-2021-014", "14/2021".
REFERENCE_FORMAT = re.compile(r"^[A-Z0-9][A-Z0-9./ -]*$", re.IGNORECASE)


def normalise(reference):
    return " ".join((reference or "").split()).upper()


def validate_format(reference):
    if reference and not REFERENCE_FORMAT.match(reference):
        raise ValidationError(
            _('Use letters, digits, "-", "/" and "." only, e.g. "CP-2021-014".'),
            code="invalid",
        )


def releases_of_year(release):
    """The other releases (not this one nor its translations) dated in the release's year."""
    others = type(release)._default_manager.filter(release_date__year=release.release_date.year)
    if release.translation_key:
        others = others.exclude(translation_key=release.translation_key)
    return others


def duplicate_of(release):
    """Another release of the same year with the same reference, or None."""
    if not release.reference or not release.release_date:
        return None
    return (
        releases_of_year(release)
        .filter(reference__iexact=release.reference)
        .only("id", "title", "reference")
        .first()
    )


def suggest(release):
    """The next free reference of the release's year: the prefix, the year and one more
    than the highest number of that form already given (three digits)."""
    year = release.release_date.year
    stem = f"{conf.reference_prefix()}-{year}-"
    numbers = [
        int(reference[len(stem) :])
        for reference in releases_of_year(release)
        .filter(reference__istartswith=stem)
        .values_list("reference", flat=True)
        if reference[len(stem) :].isdigit()
    ]
    return f"{stem}{max(numbers, default=0) + 1:03d}"
