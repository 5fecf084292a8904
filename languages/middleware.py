"""The reader's language from the address (`/ro/…`, `/en/…`)."""

import re

from django.conf import settings
from django.middleware.locale import LocaleMiddleware

FOREIGN_LANGUAGE_PREFIX = re.compile(r"^/([a-z]{2}(?:-[a-z]{2,4})?)(?:/|$)", re.IGNORECASE)


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's locale middleware, except that a 404 is not turned into a redirect to
    `/ro/…` when the path is in a language this site does not publish (`/de/…`) or
    belongs to a URL outside the language prefixes (the API, documents, media)."""

    def process_response(self, request, response):
        if response.status_code == 404:
            if getattr(request, "resolver_match", None) is not None:
                return response
            match = FOREIGN_LANGUAGE_PREFIX.match(request.path_info)
            if match and match.group(1).lower() not in dict(settings.LANGUAGES):
                return response
        return super().process_response(request, response)
