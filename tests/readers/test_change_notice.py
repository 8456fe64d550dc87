"""#12 item 3: one change notice. Every writer (import, retag, services) says which stories
changed; cached pages and the search data follow at once, with no 10-minute wait."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from organizations.models import Organization
from tests.factories import ArticleFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

STORY = """Harbor office opens a second terminal

Transportation

The Office of Example Harbors opened its second passenger terminal on Monday, officials said.

The terminal will handle ferries to the islands.
"""


def run(*args):
    out = io.StringIO()
    call_command(*map(str, args), stdout=out, stderr=out)
    return out.getvalue()


def test_retag_reaches_a_cached_story_page(client):
    OrganizationFactory(name="Office of Example Harbors", slug="office-of-example-harbors")
    story = ArticleFactory(
        headline="Harbor office opens a second terminal",
        body="<p>The Office of Example Harbors opened its second terminal on Monday.</p>",
    )
    first = client.get(story.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    assert client.get(story.get_absolute_url())["X-Page-Cache"] == "hit"
    run("retag")
    page = client.get(story.get_absolute_url())
    assert page["X-Page-Cache"] == "miss"
    boxes = page.content.decode().split('aria-label="In this story"')[1]
    assert "Office of Example Harbors" in boxes


def test_an_import_published_from_the_command_line_is_on_home_and_rss_at_once(client, tmp_path):
    ArticleFactory(headline="An older story")
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get(reverse("feeds:latest-rss"))["X-Page-Cache"] in ("miss", "hit")
    assert client.get("/")["X-Page-Cache"] == "hit"
    (tmp_path / "terminal.txt").write_text(STORY, encoding="utf-8")
    run("import_articles", tmp_path / "terminal.txt", "--status", "published")
    assert "Harbor office opens a second terminal" in client.get("/").content.decode()
    assert (
        "Harbor office opens a second terminal"
        in client.get(reverse("feeds:latest-rss")).content.decode()
    )


def test_renaming_an_organization_reaches_every_cached_page(client):
    org = OrganizationFactory(name="Office of Old Names")
    story = ArticleFactory()
    story.organizations.add(org)
    assert "Office of Old Names" in client.get(story.get_absolute_url()).content.decode()
    Organization.objects.filter(pk=org.pk).update(name="Office of New Names")  # a bulk write
    from articles.changes import register_changed

    register_changed()
    assert "Office of New Names" in client.get(story.get_absolute_url()).content.decode()
