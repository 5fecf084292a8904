"""On PostgreSQL, an index for the expression Wagtail's database search backend filters by.

The backend matches `(title || body) @@ query`; the per-column GIN indexes Wagtail creates
cannot serve that concatenation, so every search read all index entries of the language
(390 ms for a word no release contains, at 10,000 releases per language; 15 ms with this
index: docs/benchmarks.md). Nothing to do on SQLite, which searches with FTS5.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS search_indexentry_title_body_gin "
    'ON wagtailsearch_indexentry USING GIN (("title" || "body"))'
)
DROP = "DROP INDEX IF EXISTS search_indexentry_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_romanian_search_configuration"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]
    operations = [migrations.RunPython(create, drop)]
