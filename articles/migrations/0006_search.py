import django.contrib.postgres.search
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from newsroom.migration_ops import PostgresOnlyIndexes

# PostgreSQL only: the GIN index of the search vector, and trigram indexes for name lookup.
# SQLite searches the stored plain text instead (articles/search.py).
POSTGRES_INDEXES = [
    (
        "article_search_vector_gin",
        "CREATE INDEX IF NOT EXISTS article_search_vector_gin "
        "ON articles_article USING gin (search_vector)",
    ),
    (
        "organization_name_trgm",
        "CREATE INDEX IF NOT EXISTS organization_name_trgm "
        "ON organizations_organization USING gin (name gin_trgm_ops)",
    ),
    (
        "person_name_trgm",
        "CREATE INDEX IF NOT EXISTS person_name_trgm ON people_person USING gin (name gin_trgm_ops)",
    ),
]


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_review_states"),
        ("organizations", "0003_review_states"),
        ("people", "0002_review_states"),
    ]

    operations = [
        TrigramExtension(),
        migrations.AddField(
            model_name="article",
            name="search_text",
            field=models.TextField(
                blank=True, editable=False, help_text="Plain text of everything searchable."
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        PostgresOnlyIndexes(POSTGRES_INDEXES),
    ]
