"""F7 and F11: tag pages and feeds exist only for tags readers can see on a published story,
and no tag name, however odd, breaks the page of a story that carries it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ArticleFactory, DraftFactory

pytestmark = pytest.mark.django_db

TAG_ROUTES = ["articles:tag", "feeds:tag-rss", "feeds:tag-atom"]


def tag_urls(slug):
    return [reverse(route, args=[slug]) for route in TAG_ROUTES]


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": "draft", "published_at": None},
        {"status": "review", "published_at": None},
        {"status": "archived"},
        {"status": "published", "published_at_in": dt.timedelta(hours=2)},  # scheduled
    ],
    ids=["draft", "review", "archived", "scheduled"],
)
def test_a_tag_carried_only_by_unpublished_stories_has_no_page_or_feed(client, hidden):
    hidden = dict(hidden)
    if "published_at_in" in hidden:
        hidden["published_at"] = timezone.now() + hidden.pop("published_at_in")
    story = ArticleFactory(headline="Secret merger talks", **hidden)
    story.tags.add("merger-talks")
    for url in tag_urls("merger-talks"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "merger" not in response.content.decode().lower(), url


def test_the_tag_page_and_feeds_appear_once_a_story_carrying_it_is_published(client):
    ArticleFactory(headline="Bridge reopens").tags.add("bridges")
    DraftFactory(headline="Bridge draft canary").tags.add("bridges")
    for url in tag_urls("bridges"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Bridge reopens" in response.content.decode()
        assert "Bridge draft canary" not in response.content.decode()


@pytest.mark.parametrize("name", [">", "!!!", "<>", "—", "...", "?"])
def test_a_tag_that_slugifies_to_nothing_never_breaks_a_story_page(client, name):
    story = ArticleFactory(headline="Odd tags story")
    story.tags.add(name, "harbor")
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Odd tags story" in html
    assert reverse("articles:tag", args=["harbor"]) in html
    # The odd tag is shown; its link, when it has one, leads to a page that works.
    tag = story.tags.get(name=name)
    if tag.slug:
        assert client.get(reverse("articles:tag", args=[tag.slug])).status_code == 200


@pytest.mark.parametrize("name", [">", "!!!"])
def test_every_reader_route_showing_a_story_with_an_odd_tag_answers(client, name):
    story = ArticleFactory(headline="Odd tag everywhere", slug="odd-tag-everywhere")
    story.tags.add(name)
    routes = [
        "/",
        story.get_absolute_url(),
        story.section.get_absolute_url(),
        reverse("feeds:latest-rss"),
        reverse("feeds:latest-atom"),
        reverse("articles:search") + "?q=odd",
        "/api/articles/",
        f"/api/articles/{story.slug}/",
        "/sitemap.xml",
        "/sitemap-news.xml",
    ]
    for url in routes:
        assert client.get(url).status_code == 200, url
