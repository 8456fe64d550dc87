"""Archive-sized INSERTs on PostgreSQL: one statement per table and batch, rows sent as arrays.

`bulk_create` builds one placeholder per value, and at a few hundred rows of twenty columns
the time goes into compiling that SQL in Django and splitting it again in psycopg. Here every
column travels as one array parameter, bound on the server (`INSERT … SELECT … FROM
unnest(…)`), so the statement stays a few hundred characters whatever the batch size.

The values are those `bulk_create` would write: each field's `pre_save` (auto_now and
friends) and `get_db_prep_save`. Primary keys are drawn from the table's sequence first, so
objects get their ids in order, whatever order the server inserts in. Extra columns can be
computed in SQL from the row and from side arrays (the search vector from the text of the
story, for one): those rows are written once, not inserted and then updated.
"""

import re
from collections.abc import Sequence

import psycopg
from django.db import connections, router


def insert_rows(
    model,
    objs: Sequence,
    *,
    computed: dict[str, str] | None = None,
    side: dict[str, tuple[str, list]] | None = None,
    using: str | None = None,
):
    """INSERT `objs` (unsaved instances of `model`) and give them their primary keys.

    computed: column -> SQL expression over `v.<column>` and `v.<side name>`, replacing the
        model's value of that column.
    side: name -> (PostgreSQL type, one value per object): arrays the computed expressions
        read that are not columns of the table.
    """
    if not objs:
        return
    using = using or router.db_for_write(model)
    connection = connections[using]
    if connection.vendor != "postgresql":
        raise ValueError("insert_rows is the PostgreSQL path; use bulk_create elsewhere")
    computed, side = computed or {}, side or {}
    meta = model._meta
    pk = meta.pk
    fields = [f for f in meta.concrete_fields if f is not pk and f.column not in computed]

    connection.ensure_connection()
    connection.validate_no_broken_transaction()
    raw = connection.connection
    # Server-side binding, whatever Django's default; errors turned into Django's own
    # (IntegrityError, DataError…), as from any other query.
    with connection.wrap_database_errors, psycopg.Cursor(raw) as cursor:
        if any(obj.pk is None for obj in objs):
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                (meta.db_table, pk.column, sum(obj.pk is None for obj in objs)),
            )
            ids = iter([row[0] for row in cursor.fetchall()])
            for obj in objs:
                if obj.pk is None:
                    obj.pk = next(ids)

        columns = [pk, *fields]
        arrays = [
            [f.get_db_prep_save(f.pre_save(obj, True), connection) for obj in objs] for f in fields
        ]
        arrays.insert(0, [obj.pk for obj in objs])
        # Arrays of the column's type without its length: a cast to varchar(255) would cut
        # a longer value short, where the INSERT itself refuses it ("value too long").
        types = [_without_length(f.db_type(connection)) for f in columns]
        names = [f.column for f in columns]
        for name, (pg_type, values) in side.items():
            if len(values) != len(objs):
                raise ValueError(f"side array {name} has {len(values)} values for {len(objs)}")
            names.append(name)
            types.append(pg_type)
            arrays.append(list(values))

        quote = connection.ops.quote_name
        target = [quote(f.column) for f in columns] + [quote(c) for c in computed]
        select = [f"v.{quote(f.column)}" for f in columns] + list(computed.values())
        unnest = ", ".join(f"%s::{pg_type}[]" for pg_type in types)
        aliases = ", ".join(quote(name) for name in names)
        cursor.execute(
            f"INSERT INTO {quote(meta.db_table)} ({', '.join(target)}) "
            f"SELECT {', '.join(select)} FROM unnest({unnest}) AS v({aliases})",
            arrays,
        )
    for obj in objs:
        obj._state.adding = False
        obj._state.db = using


def insert_many(model, objs: Sequence, *, using: str | None = None):
    """`insert_rows` on PostgreSQL, `bulk_create` elsewhere: the objects get their ids."""
    if not objs:
        return
    using = using or router.db_for_write(model)
    if connections[using].vendor == "postgresql":
        insert_rows(model, objs, using=using)
    else:
        model.objects.using(using).bulk_create(objs)


def _without_length(pg_type: str) -> str:
    """`varchar(255)` -> `varchar`; `timestamp with time zone` as it is."""
    return re.sub(r"\(\d+\)$", "", pg_type)
