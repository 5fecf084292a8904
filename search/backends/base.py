"""What both database backends share: the indexer stores stemmed words, a query string is
stemmed before it is compiled (search/stemming.py)."""

from django.utils.encoding import force_str
from modelsearch.query import MatchAll, Not, Phrase, PlainText

from search import stemming


def flatten(value):
    """A field's value as one string, as modelsearch's indexers flatten it."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ", ".join(flatten(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(flatten(item) for item in value.values())
    return force_str(value)


class StemmingIndexerMixin:
    @property
    def languages(self):
        locale = getattr(self.obj, "locale", None)
        code = getattr(locale, "language_code", None)
        return [code] if code in stemming.languages() else stemming.languages()

    def prepare_value(self, value):
        return stemming.index_text(flatten(value), self.languages)


class StemmingSearchMixin:
    def search(self, query, model_or_queryset, *args, **kwargs):
        """A query string (from the admin, the API, anyone calling .search()) is stemmed in
        every language; the site search passes a query built for the reader's language."""
        if isinstance(query, str):
            query = stemming.build_query(query, stemming.languages()) or Not(MatchAll())
        return super().search(query, model_or_queryset, *args, **kwargs)

    def autocomplete(self, query, model_or_queryset, *args, **kwargs):
        """The same words stemmed the same way; each matches as the beginning of a word,
        so the admin finds "parteneriat" while an editor is still typing "partene"."""
        if isinstance(query, PlainText):
            query = query.query_string
        elif isinstance(query, Phrase):
            query = f'"{query.query_string}"'
        if isinstance(query, str):
            query = stemming.build_query(query, stemming.languages()) or Not(MatchAll())
        return super().autocomplete(query, model_or_queryset, *args, **kwargs)
