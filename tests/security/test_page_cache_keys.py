"""F9: the page cache keys by scheme, host and path; trackers are ignored; junk is not stored.
And a 404 carries a short Cache-Control, never past the next scheduled go-live."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _hosts(settings):
    settings.ALLOWED_HOSTS = ["news.example.org", "www.example.net", "testserver"]


def _page_keys():
    return [k for k in cache._cache if ":newsroom:page:" in k]  # LocMemCache's own store


def test_one_host_never_gets_another_hosts_absolute_urls(client):
    article = ArticleFactory()
    first = client.get(article.get_absolute_url(), HTTP_HOST="news.example.org")
    assert b"http://news.example.org/" in first.content
    second = client.get(article.get_absolute_url(), HTTP_HOST="www.example.net")
    assert second["X-Page-Cache"] == "miss"
    assert b"news.example.org" not in second.content
    assert b"http://www.example.net/" in second.content


def test_the_scheme_is_part_of_the_key(client):
    article = ArticleFactory()
    client.get(article.get_absolute_url())
    secure = client.get(article.get_absolute_url(), secure=True)
    assert secure["X-Page-Cache"] == "miss"
    assert b"https://testserver/" in secure.content


def test_trackers_are_ignored_and_junk_parameters_are_never_stored(client):
    ArticleFactory()
    assert client.get("/")["X-Page-Cache"] == "miss"
    before = len(_page_keys())
    for n in range(30):
        assert client.get(f"/?utm_source=campaign{n}&fbclid=x{n}")["X-Page-Cache"] == "hit"
    for n in range(30):
        response = client.get(f"/?junk{n}=1")
        assert response.status_code == 200 and "X-Page-Cache" not in response
    assert len(_page_keys()) == before


def test_pages_that_a_parameter_changes_are_cached_apart(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 1
    ArticleFactory(headline="Older story", published_at=timezone.now() - dt.timedelta(days=2))
    ArticleFactory(headline="Newer story")
    assert b"Newer story" in client.get("/").content
    second = client.get("/?page=2")
    assert second["X-Page-Cache"] == "miss"
    assert b"Older story" in second.content


def test_an_anonymous_404_is_short_lived_and_ends_before_a_go_live(client, settings):
    settings.NEWSROOM_BROWSER_CACHE_SECONDS = 60
    missing = client.get("/articles/no-such-story/")
    assert missing.status_code == 404
    assert "max-age=60" in missing["Cache-Control"]
    soon = ArticleFactory(published_at=timezone.now() + dt.timedelta(seconds=20))
    scheduled = client.get(soon.get_absolute_url())
    assert scheduled.status_code == 404
    max_age = int(scheduled["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert max_age <= 20
