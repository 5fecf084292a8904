"""The SQLite (FTS5) backend with stemmed words, and title words ranked above body words."""

from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.query import Not, Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from .base import StemmingIndexerMixin, StemmingSearchMixin

# The autocomplete column (which the admin's page search and choosers query) holds the
# body's words too, so editors find pages by their text and not only by their title.


class SQLiteIndexer(StemmingIndexerMixin, sqlite.ObjectIndexer):
    @cached_property
    def autocomplete(self):
        return f"{self.title} {self.body}".strip()


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


class SQLiteSearchBackend(StemmingSearchMixin, sqlite.SQLiteSearchBackend):
    query_compiler_class = SQLiteSearchQueryCompiler
    index_class = SQLiteIndex
