import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import services
from tests.factories import ArticleFactory, DraftFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def test_second_view_of_a_page_is_served_from_cache_without_queries(client):
    article = ArticleFactory(headline="Cache me")
    first = client.get(article.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(article.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) <= 1  # at most the next-go-live lookup
    assert second.content == first.content


def test_reader_pages_have_cache_headers_and_answer_304(client):
    article = ArticleFactory()
    response = client.get(article.get_absolute_url())
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    assert response["ETag"] and response["Last-Modified"]
    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_editing_a_story_invalidates_pages_showing_it(client):
    article = ArticleFactory(headline="Before edit")
    client.get("/")
    article.headline = "After edit"
    article.save()
    assert "After edit" in client.get("/").content.decode()


def test_renaming_an_organization_invalidates_its_story_pages(client):
    org = OrganizationFactory(name="Old Name Office")
    article = ArticleFactory()
    article.organizations.add(org)
    assert "Old Name Office" in client.get(article.get_absolute_url()).content.decode()
    org.name = "New Name Office"
    org.save()
    assert "New Name Office" in client.get(article.get_absolute_url()).content.decode()


def test_scheduled_story_appears_on_cached_pages_at_its_minute(client, editor_user, time_machine):
    ArticleFactory(headline="Already out")
    go_live = timezone.now() + dt.timedelta(minutes=5)
    services.article_schedule(
        article=DraftFactory(headline="Coming soon"), user=editor_user, at=go_live
    )
    assert "Coming soon" not in client.get("/").content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"
    time_machine.move_to(go_live + dt.timedelta(seconds=1))
    assert "Coming soon" in client.get("/").content.decode()


def test_staff_and_previews_are_never_cached(editor_client):
    article = ArticleFactory()
    response = editor_client.get(article.get_absolute_url())
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    draft = DraftFactory()
    response = editor_client.get(draft.get_absolute_url())
    assert "no-cache" in response["Cache-Control"]


def test_editing_one_story_leaves_the_other_story_pages_cached(client):
    edited, other = ArticleFactory(headline="Edited story"), ArticleFactory()
    for url in (edited.get_absolute_url(), other.get_absolute_url(), "/"):
        client.get(url)

    edited.headline = "Edited story, corrected"
    edited.save()

    assert client.get(other.get_absolute_url())["X-Page-Cache"] == "hit"
    page = client.get(edited.get_absolute_url())
    assert page["X-Page-Cache"] == "miss" and "Edited story, corrected" in page.content.decode()
    assert "Edited story, corrected" in client.get("/").content.decode()


def test_a_story_page_follows_its_boxes_tags_and_corrections(client):
    from articles.models import Correction

    article = ArticleFactory()
    url = article.get_absolute_url()
    client.get(url)
    article.organizations.add(OrganizationFactory(name="Harbor Pilots Board"))
    assert "Harbor Pilots Board" in client.get(url).content.decode()
    article.tags.add("pilotage")
    assert "pilotage" in client.get(url).content.decode()
    Correction.objects.create(article=article, text="The board met on Monday, not Sunday.")
    assert "not Sunday" in client.get(url).content.decode()


def test_editing_a_draft_leaves_every_public_page_cached(client):
    story = ArticleFactory()
    draft = DraftFactory(headline="Draft in progress")
    for url in ("/", story.get_absolute_url(), "/feeds/latest/rss/"):
        assert client.get(url).status_code == 200

    draft.headline = "Draft in progress, second pass"
    draft.save()
    assert client.get("/")["X-Page-Cache"] == "hit"
    draft.organizations.add(OrganizationFactory())  # a register change: every page again

    assert client.get(story.get_absolute_url())["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "miss"
    draft.body = "<p>Third pass.</p>"
    draft.save()
    assert client.get("/")["X-Page-Cache"] == "hit"
    assert client.get(story.get_absolute_url())["X-Page-Cache"] == "hit"


def test_publishing_and_unpublishing_change_the_listings(client, editor_user):
    draft = DraftFactory(headline="Newly public story")
    assert "Newly public story" not in client.get("/").content.decode()
    services.article_publish(article=draft, user=editor_user)
    assert "Newly public story" in client.get("/").content.decode()
    services.article_unpublish(article=draft, user=editor_user)
    assert "Newly public story" not in client.get("/").content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_session_cookie_without_a_signed_in_user_is_still_served_from_the_cache(client, editor):
    """Sending any session cookie must not be a way around the cache (nor a way in)."""
    from django.test import Client

    editor_client = Client()
    editor_client.force_login(editor)
    article = ArticleFactory(headline="Everyone reads this")
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss"
    client.cookies["sessionid"] = "made-up-session-key"
    response = client.get(article.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    assert b"Everyone reads this" in response.content

    staff = editor_client.get(article.get_absolute_url())
    assert "X-Page-Cache" not in staff and "private" in staff["Cache-Control"]
