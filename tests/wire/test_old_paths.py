"""Old addresses of migrated stories: a 301 where the site has nothing, never over a page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory, DraftFactory
from wire.models import OldPath

pytestmark = pytest.mark.django_db


def test_an_old_path_answers_with_a_301_to_a_public_story_only(client):
    story = ArticleFactory(slug="ferry-budget")
    draft = DraftFactory(slug="ferry-draft")
    OldPath.remember("/2024/05/ferry-budget/", story)
    OldPath.remember("/2024/05/ferry-draft/", draft)
    OldPath.remember("/?p=7", story)
    response = client.get("/2024/05/ferry-budget/")
    assert (response.status_code, response["Location"]) == (301, "/articles/ferry-budget/")
    assert client.head("/2024/05/ferry-budget")["Location"] == "/articles/ferry-budget/"
    assert client.get("/?p=7")["Location"] == "/articles/ferry-budget/"
    assert client.get("/2024/05/ferry-draft/").status_code == 404
    assert client.post("/2024/05/ferry-budget/").status_code != 301


def test_a_live_page_is_never_shadowed(client):
    story = ArticleFactory(slug="ferry-budget")
    other = ArticleFactory(slug="harbor")
    OldPath.remember(other.get_absolute_url(), story)
    assert client.get(other.get_absolute_url()).status_code == 200


def test_a_site_that_never_migrated_looks_up_no_old_paths(client):
    client.get("/nothing/here/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/still/nothing/").status_code == 404
    assert not [q for q in queries if "wire_oldpath" in q["sql"]]
