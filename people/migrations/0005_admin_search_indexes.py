from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# PostgreSQL only: the admin's search and autocomplete ask for UPPER(column) LIKE '%TERM%'
# (Django's icontains); trigram indexes on that very expression answer it without reading
# the whole register. SQLite scans, which is fine at its sizes.
POSTGRES_INDEXES = [
    (
        "person_name_upper_trgm",
        "CREATE INDEX IF NOT EXISTS person_name_upper_trgm "
        "ON people_person USING gin ((UPPER(name::text)) gin_trgm_ops)",
    ),
    (
        "person_alias_upper_trgm",
        "CREATE INDEX IF NOT EXISTS person_alias_upper_trgm "
        "ON people_personalias USING gin ((UPPER(name::text)) gin_trgm_ops)",
    ),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _, sql in POSTGRES_INDEXES:
        schema_editor.execute(sql)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _ in POSTGRES_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("people", "0004_photo_checked_by_content")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
