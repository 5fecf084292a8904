from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from pages.images import load_renditions
from pages.models import Organisation
from pages.remembered import remember

# The header's logo, in base.html and in structured data.
LOGO_RENDITION = "height-64"


def _organisation_for_active_language():
    return remember(("organisation", get_language()), _find_organisation)


def _find_organisation():
    organisations = {
        o.locale.language_code: o
        for o in Organisation.objects.select_related("locale", "logo", "accessibility_statement")
    }
    organisation = (
        organisations.get(get_language())
        or organisations.get(settings.LANGUAGE_CODE)
        or next(iter(organisations.values()), None)
    )
    if organisation is not None and organisation.logo is not None:
        # Every page shows the logo (and the releases' structured data names it): its
        # rendition is remembered with the organisation.
        load_renditions(organisation.logo, LOGO_RENDITION)
    return organisation


def organisation(request):
    """The publishing organisation in the page's language, fetched only if a template uses it."""
    return {"organisation": SimpleLazyObject(_organisation_for_active_language)}
