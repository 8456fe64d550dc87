"""The page cache keeps each publication's pages apart, and an edit on one publication
leaves the others' cached pages alone unless the story is shared there."""

import pytest
from django.urls import reverse

from .conftest import A_HOST

pytestmark = pytest.mark.django_db


def test_a_page_cached_on_a_is_not_served_on_b(network, on_a, on_b):
    for path in ("/", reverse("feeds:latest-rss"), "/robots.txt", reverse("sitemap-news")):
        first = on_a(path)
        assert first["X-Page-Cache"] == "miss"
        assert on_a(path)["X-Page-Cache"] == "hit"
        other = on_b(path)
        assert other["X-Page-Cache"] == "miss", path
        assert "Harbor Gazette" in other.content.decode() or path == "/robots.txt"
        assert other.content != first.content


def test_the_same_story_path_is_cached_apart_on_each_publication(network, on_a, on_b):
    path = network.shared.get_absolute_url()
    assert on_a(path)["X-Page-Cache"] == "miss"
    b_page = on_b(path)
    assert b_page["X-Page-Cache"] == "miss"
    assert '<meta property="og:site_name" content="Harbor Gazette">' in b_page.content.decode()
    again = on_b(path)
    assert again["X-Page-Cache"] == "hit" and again.content == b_page.content
    canonical = f'<link rel="canonical" href="http://{A_HOST}{path}">'
    assert canonical in again.content.decode()


def test_editing_a_story_of_a_leaves_bs_cached_pages_alone(network, on_a, on_b):
    for get in (on_a, on_b):
        get("/")
        assert get("/")["X-Page-Cache"] == "hit"

    network.a_only.headline = "Quillfeather budget vote delayed"
    network.a_only.save()

    a_home = on_a("/")
    assert a_home["X-Page-Cache"] == "miss"
    assert "Quillfeather budget vote delayed" in a_home.content.decode()
    assert on_b("/")["X-Page-Cache"] == "hit"


def test_editing_a_shared_story_refreshes_both_publications(network, on_a, on_b):
    for get in (on_a, on_b):
        get("/")

    network.shared.headline = "Bridge tolls rise statewide in March"
    network.shared.save()

    for get in (on_a, on_b):
        home = get("/")
        assert home["X-Page-Cache"] == "miss"
        assert "Bridge tolls rise statewide in March" in home.content.decode()


def test_a_new_published_story_reaches_its_publications_cached_home(network, on_a, on_b):
    """Saved straight away as published (as a trusted wire import or a factory does): the
    home page of its publication is refreshed, the other's stays cached."""
    from tests.factories import ArticleFactory

    for get in (on_a, on_b):
        get("/")
        assert get("/")["X-Page-Cache"] == "hit"

    ArticleFactory(
        publication=network.a,
        section=network.a_state,
        headline="Orrisroot levy passes",
        slug="orrisroot",
    )

    a_home = on_a("/")
    assert a_home["X-Page-Cache"] == "miss"
    assert "Orrisroot levy passes" in a_home.content.decode()
    assert on_b("/")["X-Page-Cache"] == "hit"


def test_a_story_moved_to_another_home_leaves_the_old_and_reaches_the_new(network, on_a, on_b):
    for get in (on_a, on_b):
        get("/")

    story = network.a_only
    story.publication = network.b
    story.section = network.b_port
    story.save()

    assert "Quillfeather budget vote" not in on_a("/").content.decode()
    assert "Quillfeather budget vote" in on_b("/").content.decode()
