"""Defaults of the search app; each can be overridden in settings."""

from django.conf import settings

# Longer queries are cut rather than refused: nobody types more, and the database should
# not be handed megabytes from a bot. The API's ?search= is cut the same way.
SEARCH_MAX_QUERY_LENGTH = getattr(settings, "SEARCH_MAX_QUERY_LENGTH", 200)
# Words beyond these are dropped: each word is a term of the database query.
SEARCH_MAX_QUERY_WORDS = getattr(settings, "SEARCH_MAX_QUERY_WORDS", 12)
SEARCH_RESULTS_PER_PAGE = getattr(settings, "SEARCH_RESULTS_PER_PAGE", 10)
# Language code of a page's locale → Snowball stemmer of that language.
SEARCH_STEMMERS = getattr(settings, "SEARCH_STEMMERS", {"ro": "romanian", "en": "english"})
