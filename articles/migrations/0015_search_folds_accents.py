"""PostgreSQL search folds accents, as SQLite's FTS5 index does: `mexico` finds "México".

A text search configuration of our own, `newsroom_english`, is English with `unaccent` before
the stemmer (articles/search.py uses it for vectors, queries and highlights). Stored vectors
are folded in place: their lexemes lose their accents, weights and positions kept."""

from django.db import migrations

FORWARD = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'newsroom_english') THEN
    CREATE TEXT SEARCH CONFIGURATION newsroom_english (COPY = english);
    ALTER TEXT SEARCH CONFIGURATION newsroom_english
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
  END IF;
END $$;
UPDATE articles_article SET search_vector = unaccent(search_vector::text)::tsvector
 WHERE search_vector IS NOT NULL AND search_vector::text <> unaccent(search_vector::text);
"""
BACKWARD = "DROP TEXT SEARCH CONFIGURATION IF EXISTS newsroom_english;"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("articles", "0014_sqlite_fulltext")]

    operations = [migrations.RunPython(forward, backward)]
