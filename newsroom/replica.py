"""Reads of anonymous reader pages from a PostgreSQL read replica, when one is configured.

Set DATABASE_REPLICA_URL and the settings add a `replica` database and this router. The
middleware marks a request as a reader's (GET or HEAD, no logged-in user); while it runs, the
router sends its reads to the replica. Everything else reads and writes the primary: editors
see their own saves at once, whatever the replication lag, and imports, commands and tests
never touch the replica. Migrations run on the primary only; the replica follows by
replication.
"""

from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_reader_request: ContextVar[bool] = ContextVar("newsroom_reader_request", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reader_request.get() and replica_configured():
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data, wherever it was read

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReaderReplicaMiddleware:
    """After AuthenticationMiddleware: a reader's request reads from the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reader = request.method in ("GET", "HEAD") and not request.user.is_authenticated
        token = _reader_request.set(reader)
        try:
            return self.get_response(request)
        finally:
            _reader_request.reset(token)
