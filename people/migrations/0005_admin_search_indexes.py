from django.db import migrations

from newsroom.migration_ops import PostgresOnlyIndexes

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


class Migration(migrations.Migration):
    # pg_trgm comes from articles 0006 (and goes only with it).
    dependencies = [("people", "0004_photo_checked_by_content"), ("articles", "0006_search")]

    operations = [PostgresOnlyIndexes(POSTGRES_INDEXES)]
