"""Migration operations of our own."""

from django.db.migrations.operations.base import Operation


class PostgresOnlyIndexes(Operation):
    """Create indexes that only PostgreSQL has (GIN over a search vector, trigram indexes):
    `indexes` is [(name, "CREATE INDEX IF NOT EXISTS name ...")]. Reversed, they are dropped.
    On other databases it does nothing; the code that uses them has a path without them."""

    reversible = True
    reduces_to_sql = True

    def __init__(self, indexes):
        self.indexes = [tuple(index) for index in indexes]

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.indexes], {})

    def state_forwards(self, app_label, state):
        pass  # not part of the models' state

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            for _, sql in self.indexes:
                schema_editor.execute(sql)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            for name, _ in self.indexes:
                schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    def describe(self):
        return "PostgreSQL-only indexes " + ", ".join(name for name, _ in self.indexes)
