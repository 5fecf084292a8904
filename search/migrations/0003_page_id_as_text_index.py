"""On PostgreSQL, an index for the join Wagtail's database search backend makes between pages
and index entries: `page.id::varchar = indexentry.object_id`. Without it the database cannot
start from the few matching entries and look their pages up, so every search read every
page of the language (10,000 and more) to hash them: the count and the results of a search
took 7 and 10 ms at 10,000 releases per language, 3 and 2 ms with this index
(docs/benchmarks.md). Nothing to do on SQLite, which searches with FTS5.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS search_page_id_as_text "
    "ON wagtailcore_page (((id)::character varying(50)))"
)
DROP = "DROP INDEX IF EXISTS search_page_id_as_text"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_search_title_body_index"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]
    operations = [migrations.RunPython(create, drop)]
