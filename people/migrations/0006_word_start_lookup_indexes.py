from django.db import migrations

from newsroom.migration_ops import PostgresOnlyIndexes

# PostgreSQL only: people are looked up by the start of the words of their names and aliases
# (organizations/lookup.py); see organizations 0006.
POSTGRES_INDEXES = [
    (
        "person_name_words",
        "CREATE INDEX IF NOT EXISTS person_name_words "
        "ON people_person USING gin (to_tsvector('simple'::regconfig, name::text))",
    ),
    (
        "person_alias_words",
        "CREATE INDEX IF NOT EXISTS person_alias_words "
        "ON people_personalias USING gin (to_tsvector('simple'::regconfig, name::text))",
    ),
]


class Migration(migrations.Migration):
    dependencies = [("people", "0005_admin_search_indexes")]

    operations = [PostgresOnlyIndexes(POSTGRES_INDEXES)]
