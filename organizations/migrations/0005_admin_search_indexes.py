from django.db import migrations

from newsroom.migration_ops import PostgresOnlyIndexes

# PostgreSQL only: the admin's search and autocomplete ask for UPPER(column) LIKE '%TERM%'
# (Django's icontains); trigram indexes on that very expression answer it without reading
# the whole register. SQLite scans, which is fine at its sizes.
POSTGRES_INDEXES = [
    (
        "organization_name_upper_trgm",
        "CREATE INDEX IF NOT EXISTS organization_name_upper_trgm "
        "ON organizations_organization USING gin ((UPPER(name::text)) gin_trgm_ops)",
    ),
    (
        "organization_acronym_upper_trgm",
        "CREATE INDEX IF NOT EXISTS organization_acronym_upper_trgm "
        "ON organizations_organization USING gin ((UPPER(acronym::text)) gin_trgm_ops)",
    ),
    (
        "organization_alias_upper_trgm",
        "CREATE INDEX IF NOT EXISTS organization_alias_upper_trgm "
        "ON organizations_organizationalias USING gin ((UPPER(name::text)) gin_trgm_ops)",
    ),
]


class Migration(migrations.Migration):
    # pg_trgm comes from articles 0006 (and goes only with it).
    dependencies = [("organizations", "0004_entity_review"), ("articles", "0006_search")]

    operations = [PostgresOnlyIndexes(POSTGRES_INDEXES)]
