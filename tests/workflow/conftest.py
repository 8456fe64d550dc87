import pytest
from django.contrib.auth.models import Group

from tests.factories import UserFactory


def member(role, username):
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
