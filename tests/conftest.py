import pytest

# Factories import Django models, so they are imported inside fixtures: the pure-Python
# tests (parsers, tagging engine) also run without Django.


@pytest.fixture
def editor(db):
    """A member of the Editor role (not a superuser): what the desk really has."""
    return member("Editor", "editor")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture(autouse=True, scope="session")
def _hosts_follow_publications(django_test_environment):
    """The test runner copies ALLOWED_HOSTS into a plain list (adding "testserver") before
    the database exists; wrap it again so publications' hosts answer, as in production."""
    from django.conf import settings

    from publications.hosts import AllowedHosts

    settings.ALLOWED_HOSTS = AllowedHosts(list(settings.ALLOWED_HOSTS))


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (pages, presence), and no remembered content
    types: transactional tests flush that table, and the ids come back different."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache

    from publications.hosts import forget_in_this_process

    cache.clear()
    ContentType.objects.clear_cache()
    forget_in_this_process()  # publications a rolled-back test made are gone
    yield
    cache.clear()
    forget_in_this_process()


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` need PostgreSQL features; on SQLite they are reported skipped."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    reason = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(reason)


# --- the newsroom's roles (groups made by the roles migration) -------------------------------


def member(role, username):
    from django.contrib.auth.models import Group

    from .factories import UserFactory

    if not Group.objects.filter(name=role).exists():
        # Transactional tests flush the tables, groups made by the roles migration included.
        from django.apps import apps

        from newsroom.roles import sync_roles

        sync_roles(apps)
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def contributor(db):
    return member("Contributor", "writer")


@pytest.fixture
def other_contributor(db):
    return member("Contributor", "other-writer")


@pytest.fixture
def editor_user(db):
    return member("Editor", "desk-editor")


@pytest.fixture
def administrator(db):
    return member("Administrator", "chief")
