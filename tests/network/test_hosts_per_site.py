"""Which publication answers a host: unknown hosts, new rows, aliases, publications not yet
live, and each publication's time zone."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from publications.hosts import AllowedHosts
from publications.models import Publication
from tests.factories import ArticleFactory

from .conftest import A_HOST, B_HOST

pytestmark = pytest.mark.django_db


def test_a_host_the_environment_allows_by_pattern_but_no_publication_claims_is_404(
    network, client, settings
):
    settings.ALLOWED_HOSTS = AllowedHosts([".example.com", "testserver"])

    for path in ("/", "/robots.txt", reverse("feeds:latest-rss"), reverse("api:articles")):
        response = client.get(path, HTTP_HOST="unclaimed.example.com")
        assert response.status_code == 404, path
        assert "Capitol Wire" not in response.content.decode()
    assert client.get("/", HTTP_HOST=B_HOST).status_code == 200
    assert client.get("/", HTTP_HOST="testserver").status_code == 200  # the default's own


def test_a_host_in_no_list_is_refused(network, client):
    assert client.get("/", HTTP_HOST="nowhere.example.net").status_code == 400


def test_a_publication_added_as_a_row_answers_at_once(network, client):
    assert client.get("/", HTTP_HOST="valley.example.com").status_code == 400

    Publication.objects.create(name="Valley Ledger", domain="valley.example.com")

    home = client.get("/", HTTP_HOST="valley.example.com")
    assert home.status_code == 200 and "<title>Valley Ledger</title>" in home.content.decode()
    feed = client.get(reverse("feeds:latest-rss"), HTTP_HOST="valley.example.com")
    assert "<title>Valley Ledger</title>" in feed.content.decode()
    robots = client.get("/robots.txt", HTTP_HOST="valley.example.com").content.decode()
    assert "Sitemap: http://valley.example.com/sitemap.xml" in robots


def test_an_alias_host_names_the_domain_as_canonical(network, client):
    network.b.aliases = "www.harbor.example.com\n"
    network.b.save()
    alias = "www.harbor.example.com"

    home = client.get("/", HTTP_HOST=alias).content.decode()
    assert f'<link rel="canonical" href="http://{B_HOST}/">' in home
    story = client.get(network.b_only.get_absolute_url(), HTTP_HOST=alias).content.decode()
    assert f'<link rel="canonical" href="http://{B_HOST}{network.b_only.get_absolute_url()}">' in (
        story
    )
    robots = client.get("/robots.txt", HTTP_HOST=alias).content.decode()
    assert f"Sitemap: http://{B_HOST}/sitemap.xml" in robots and alias not in robots
    index = client.get(reverse("sitemap-index"), HTTP_HOST=alias).content.decode()
    assert f"<loc>http://{B_HOST}/sitemap-stories.xml</loc>" in index and alias not in index


def test_a_publication_not_live_is_404_for_readers_only(network, client, editor):
    network.b.is_live = False
    network.b.save()

    for path in ("/", network.b_only.get_absolute_url(), "/robots.txt", reverse("api:articles")):
        assert client.get(path, HTTP_HOST=B_HOST).status_code == 404, path
        assert client.get(path, HTTP_HOST=A_HOST).status_code in (200, 404)
    assert client.get("/", HTTP_HOST=A_HOST).status_code == 200
    client.force_login(editor)
    assert client.get("/", HTTP_HOST=B_HOST).status_code == 200


def test_dates_show_in_the_publications_time_zone(network, client):
    network.a.time_zone = "Europe/London"
    network.a.save()
    network.b.time_zone = "America/Chicago"
    network.b.save()
    # 3 a.m. in London on January 2 is 9 p.m. on January 1 in Chicago.
    story = ArticleFactory(
        publication=network.a,
        section=network.a_state,
        published_at=dt.datetime(2026, 1, 2, 3, 0, tzinfo=dt.UTC),
    )
    story.shared_with.add(network.b)

    a_page = client.get(story.get_absolute_url(), HTTP_HOST=A_HOST).content.decode()
    b_page = client.get(story.get_absolute_url(), HTTP_HOST=B_HOST).content.decode()

    assert ">Jan. 2, 2026</time>" in a_page and 'datetime="2026-01-02T03:00:00+0000"' in a_page
    assert ">Jan. 1, 2026</time>" in b_page and 'datetime="2026-01-01T21:00:00-0600"' in b_page
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE  # only for the request
