"""The PostgreSQL backend with stemmed words."""

from django.db.models.sql import InsertQuery
from django.utils.functional import cached_property
from modelsearch.backends.database.postgres import postgres
from modelsearch.index import SearchField
from modelsearch.utils import get_content_type_pk

from .base import StemmingIndexerMixin, StemmingSearchMixin

# The autocomplete column (which the admin's page search and choosers query) holds the
# body's words too, so editors find pages by their text and not only by their title.


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


class PostgresSearchBackend(StemmingSearchMixin, postgres.PostgresSearchBackend):
    index_class = PostgresIndex
