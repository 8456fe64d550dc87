"""The read-replica router: reader requests read from the replica, nothing else does."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from articles.models import Article
from newsroom import replica


@pytest.fixture
def configured(monkeypatch):
    monkeypatch.setattr(replica, "replica_configured", lambda: True)


def route(request):
    """The database the router picks for a read while `request` is being answered."""
    chosen = {}

    def view(request):
        chosen["read"] = replica.ReplicaRouter().db_for_read(Article)
        chosen["write"] = replica.ReplicaRouter().db_for_write(Article)
        return None

    replica.ReaderReplicaMiddleware(view)(request)
    return chosen


def reader_get(method="get"):
    request = getattr(RequestFactory(), method)("/")
    request.user = AnonymousUser()
    return request


def test_anonymous_reads_go_to_the_replica_writes_never(configured):
    assert route(reader_get()) == {"read": "replica", "write": "default"}
    assert route(reader_get("head"))["read"] == "replica"


@pytest.mark.django_db
def test_editors_and_posts_read_the_primary(configured, editor_user):
    editor_request = RequestFactory().get("/admin/")
    editor_request.user = editor_user
    post = reader_get("post")

    assert route(editor_request)["read"] == "default"
    assert route(post)["read"] == "default"


def test_outside_a_request_and_unconfigured_everything_is_primary(monkeypatch):
    router = replica.ReplicaRouter()
    assert router.db_for_read(Article) == "default"  # commands, imports, tests
    assert route(reader_get())["read"] == "default"  # no replica configured
    assert router.allow_migrate("replica", "articles") is False
    assert router.allow_migrate("default", "articles") is True


def test_settings_add_the_replica_only_when_its_url_is_set(tmp_path):
    import json
    import os
    import subprocess
    import sys

    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps([sorted(settings.DATABASES), settings.DATABASE_ROUTERS, "
        "'newsroom.replica.ReaderReplicaMiddleware' in settings.MIDDLEWARE]))"
    )
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="newsroom.settings.dev")
    env.pop("DATABASE_REPLICA_URL", None)
    plain = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    env["DATABASE_REPLICA_URL"] = f"sqlite:///{tmp_path / 'replica.sqlite3'}"
    with_replica = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True
    )

    assert json.loads(plain.stdout) == [["default"], [], False], plain.stderr
    assert json.loads(with_replica.stdout) == [
        ["default", "replica"],
        ["newsroom.replica.ReplicaRouter"],
        True,
    ], with_replica.stderr
