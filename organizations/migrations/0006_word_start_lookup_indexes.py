from django.db import migrations

from newsroom.migration_ops import PostgresOnlyIndexes

# PostgreSQL only: acronym-first lookups (organizations/lookup.py) find names by the start of
# their words: to_tsvector('simple', name) @@ 'epa:*'. A GIN index on the words of each name
# answers that from the words themselves, so "Department" is never read for "EPA".
POSTGRES_INDEXES = [
    (
        "organization_name_words",
        "CREATE INDEX IF NOT EXISTS organization_name_words "
        "ON organizations_organization USING gin (to_tsvector('simple'::regconfig, name::text))",
    ),
    (
        "organization_alias_words",
        "CREATE INDEX IF NOT EXISTS organization_alias_words "
        "ON organizations_organizationalias "
        "USING gin (to_tsvector('simple'::regconfig, name::text))",
    ),
]


class Migration(migrations.Migration):
    dependencies = [("organizations", "0005_admin_search_indexes")]

    operations = [PostgresOnlyIndexes(POSTGRES_INDEXES)]
