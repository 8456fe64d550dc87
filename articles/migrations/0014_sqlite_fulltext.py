"""SQLite: an FTS5 full-text index of the stories, kept in step by triggers.

The index holds each story's headline (weighed more) and its stored `search_text` (body,
headline, dek, section, tags, box names), under the story's id. Every write of
`headline` or `search_text` (a save, a queryset update, the importer, a bulk insert) goes
through the triggers, so the index follows whatever refreshes the search text. PostgreSQL
has its own weighted `search_vector` and GIN index: nothing is done there.
"""

from django.db import migrations

TABLE = "articles_article_fts"

CREATE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "headline, text, tokenize = 'unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_insert AFTER INSERT ON articles_article BEGIN "
    f"INSERT INTO {TABLE}(rowid, headline, text) "
    "VALUES (new.id, new.headline, new.search_text); END",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_delete AFTER DELETE ON articles_article BEGIN "
    f"DELETE FROM {TABLE} WHERE rowid = old.id; END",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_update "
    "AFTER UPDATE OF headline, search_text ON articles_article BEGIN "
    f"DELETE FROM {TABLE} WHERE rowid = old.id; "
    f"INSERT INTO {TABLE}(rowid, headline, text) "
    "VALUES (new.id, new.headline, new.search_text); END",
    f"DELETE FROM {TABLE}",
    f"INSERT INTO {TABLE}(rowid, headline, text) "
    "SELECT id, headline, search_text FROM articles_article",
]

DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_insert",
    f"DROP TRIGGER IF EXISTS {TABLE}_delete",
    f"DROP TRIGGER IF EXISTS {TABLE}_update",
    f"DROP TABLE IF EXISTS {TABLE}",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0013_article_preview_nonce"),
    ]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP), elidable=False)]
