"""Wagtail's database search backend, indexing and querying stemmed words.

Each page's text is stored folded and stemmed in its own language (search.stemming), and
a query's words are stemmed the same way, so "parteneriatul" finds "parteneriat" and
"partnerships" finds "partnership", on SQLite (FTS5) and PostgreSQL alike. Use with
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}.

Only the indexer class changes; `add_items` is repeated from modelsearch because it names
its module's indexer class directly.
"""

from django.db import connection
from django.db.models.sql import InsertQuery
from django.utils.encoding import force_str
from django.utils.functional import cached_property
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.backends.database.postgres import postgres
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.index import SearchField
from modelsearch.query import MatchAll, Not, Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from . import stemming


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


# The autocomplete column (which the admin's page search and choosers query) holds the
# body's words too, so editors find pages by their text and not only by their title.


class SQLiteIndexer(StemmingIndexerMixin, sqlite.ObjectIndexer):
    @cached_property
    def autocomplete(self):
        return f"{self.title} {self.body}".strip()


class PostgresIndexer(StemmingIndexerMixin, postgres.ObjectIndexer):
    @cached_property
    def autocomplete(self):
        texts = [
            (value, "D")
            for field in self.search_fields
            for current_field, _weight, value in self.prepare_field(self.obj, field)
            if isinstance(current_field, SearchField)
        ]
        return self.as_vector(texts, for_autocomplete=True)


class SQLiteIndex(sqlite.SQLiteIndex):
    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        indexers = [SQLiteIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        data = {
            i.id: {"title": i.title, "autocomplete": i.autocomplete, "body": i.body}
            for i in indexers
        }
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed = set(entries.filter(object_id__in=data).values_list("object_id", flat=True))
        for object_id in indexed:
            entries.filter(object_id=object_id).update(**data[object_id])
        self.entries.bulk_create(
            sqlite.IndexEntry(content_type_id=content_type_pk, object_id=object_id, **values)
            for object_id, values in data.items()
            if object_id not in indexed
        )
        self._refresh_title_norms()


class PostgresIndex(postgres.PostgresIndex):
    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        indexers = [PostgresIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        IndexEntry = postgres.IndexEntry
        content_type_pk = get_content_type_pk(model)
        compiler = InsertQuery(IndexEntry).get_compiler(connection=self.write_connection)
        rows, params = [], []
        for indexer in indexers:
            params.extend((content_type_pk, indexer.id))
            vectors = []
            for name in ("title", "autocomplete", "body"):
                value = compiler.prepare_value(
                    IndexEntry._meta.get_field(name), getattr(indexer, name)
                )
                sql, value_params = value.as_sql(compiler, self.write_connection)
                vectors.append(sql)
                params.extend(value_params)
            params.extend((indexer.title_text, indexer.body_text))
            rows.append(f"(%s, %s, {vectors[0]}, {vectors[1]}, {vectors[2]}, 1.0, %s, %s)")
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {IndexEntry._meta.db_table} (content_type_id, object_id, title,
                    autocomplete, body, title_norm, title_text, body_text)
                (VALUES {", ".join(rows)})
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0,
                    autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body,
                    title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text
                """,
                params,
            )
        self._refresh_title_norms()


class TitleFirstBM25(sqlite.BM25):
    """FTS5's bm25 with a word in the title worth ten in the body (the table's columns are
    autocomplete, body, title; autocomplete is not searched here)."""

    def as_sql(self, compiler, connection, function=None, template=None):
        return f"bm25({sqlite.SQLiteFTSIndexEntry._meta.db_table}, 0.0, 1.0, 10.0)", []


class SQLiteSearchQueryCompiler(sqlite.SQLiteSearchQueryCompiler):
    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if isinstance(query, (Phrase, PlainText, Not)):
            return TitleFirstBM25() * boost if boost != 1.0 else TitleFirstBM25()
        return super().build_tsrank(vector, query, config=config, boost=boost)


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


class SQLiteSearchBackend(StemmingSearchMixin, sqlite.SQLiteSearchBackend):
    query_compiler_class = SQLiteSearchQueryCompiler
    index_class = SQLiteIndex


class PostgresSearchBackend(StemmingSearchMixin, postgres.PostgresSearchBackend):
    index_class = PostgresIndex


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        return PostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        return SQLiteSearchBackend(params)
    return DatabaseSearchBackend(params)
