from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from pages.models import Organisation
from pages.remembered import remember


def _organisation_for_active_language():
    return remember(("organisation", get_language()), _find_organisation)


def _find_organisation():
    organisations = {
        o.locale.language_code: o
        for o in Organisation.objects.select_related("locale", "logo", "accessibility_statement")
    }
    return (
        organisations.get(get_language())
        or organisations.get(settings.LANGUAGE_CODE)
        or next(iter(organisations.values()), None)
    )


def organisation(request):
    """The publishing organisation in the page's language, fetched only if a template uses it."""
    return {"organisation": SimpleLazyObject(_organisation_for_active_language)}
