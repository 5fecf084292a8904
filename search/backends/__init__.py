"""Wagtail's database search backend, indexing and querying stemmed words.

Each page's text is stored folded and stemmed in its own language (search.stemming), and
a query's words are stemmed the same way, so "parteneriatul" finds "parteneriat" and
"partnerships" finds "partnership", on SQLite (FTS5) and PostgreSQL alike. Use with
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}.

Only the indexer class changes; `add_items` is repeated from modelsearch because it names
its module's indexer class directly.
"""

from django.db import connection
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    # Imported here, as modelsearch does: each vendor's module loads models that exist
    # only on that database.
    if connection.vendor == "postgresql":
        from .postgres import PostgresSearchBackend

        return PostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        from .sqlite import SQLiteSearchBackend

        return SQLiteSearchBackend(params)
    return DatabaseSearchBackend(params)
