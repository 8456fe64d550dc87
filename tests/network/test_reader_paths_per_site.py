"""Each publication's readers get that publication: its home page, sections, feeds, sitemaps,
robots.txt and API; a story of A (published or draft) reaches B's readers by no route."""

import json
import re

import pytest
from django.urls import reverse

from .conftest import A_HOST, B_HOST

pytestmark = pytest.mark.django_db

FEEDS = ["latest-rss", "latest-atom"]
SCOPED_FEEDS = ["organization", "person"]


def text(response) -> str:
    return response.content.decode()


def test_each_host_has_its_own_home_page_and_masthead(network, on_a, on_b):
    a_home, b_home = text(on_a("/")), text(on_b("/"))

    assert "<title>Capitol Wire</title>" in a_home
    assert "The statehouse, every day" in a_home
    assert "Quillfeather budget vote" in a_home and "Ferry schedule grows" not in a_home
    assert "<title>Harbor Gazette</title>" in b_home
    assert "News of the waterfront" in b_home
    assert "Ferry schedule grows" in b_home and "Quillfeather budget vote" not in b_home
    assert '<meta property="og:site_name" content="Harbor Gazette">' in b_home
    assert f'<link rel="canonical" href="http://{B_HOST}/">' in b_home


def test_sections_belong_to_their_publication(network, on_a, on_b):
    state = reverse("articles:section", args=["statehouse"])
    port = reverse("articles:section", args=["port"])

    assert on_a(state).status_code == 200 and on_b(port).status_code == 200
    assert on_b(state).status_code == 404
    assert on_a(port).status_code == 404
    assert f'href="{state}"' in text(on_a("/")) and f'href="{state}"' not in text(on_b("/"))


def test_feeds_carry_their_publication_and_its_stories(network, on_a, on_b):
    for name in FEEDS:
        a_feed, b_feed = text(on_a(reverse(f"feeds:{name}"))), text(on_b(reverse(f"feeds:{name}")))
        assert "Capitol Wire" in a_feed and "Harbor Gazette" not in a_feed
        assert "Harbor Gazette" in b_feed and "Capitol Wire" not in b_feed
        assert "Ferry schedule grows" in b_feed and "Ferry schedule grows" not in a_feed
    assert on_b(reverse("feeds:section-rss", args=["port"])).status_code == 200
    assert on_b(reverse("feeds:section-rss", args=["statehouse"])).status_code == 404
    assert on_a(reverse("feeds:tag-atom", args=["quillfeather"])).status_code == 200
    assert on_b(reverse("feeds:tag-atom", args=["quillfeather"])).status_code == 404


def test_sitemaps_list_the_stories_at_home_on_their_publication(network, on_a, on_b):
    def listed(get):
        index = text(get(reverse("sitemap-index")))
        pages = re.findall(r"<loc>([^<]+)</loc>", index)
        found = []
        for page in pages:
            scheme_host, path = re.match(r"(https?://[^/]+)(/.*)", page).groups()
            assert scheme_host in (f"http://{A_HOST}", f"http://{B_HOST}")
            found += re.findall(r"<loc>([^<]+)</loc>", text(get(path.replace("&amp;", "&"))))
        return found, pages

    a_urls, a_pages = listed(on_a)
    b_urls, b_pages = listed(on_b)

    assert all(page.startswith(f"http://{A_HOST}/") for page in a_pages)
    assert all(page.startswith(f"http://{B_HOST}/") for page in b_pages)
    a_story = f"http://{A_HOST}{network.a_only.get_absolute_url()}"
    shared = f"http://{A_HOST}{network.shared.get_absolute_url()}"
    b_story = f"http://{B_HOST}{network.b_only.get_absolute_url()}"
    assert a_story in a_urls and shared in a_urls and b_story not in a_urls
    assert b_story in b_urls
    # A shared story is listed once on the network: by its home, at its canonical address.
    assert not any("bridge-tolls-rise" in url for url in b_urls)
    assert f"http://{B_HOST}/sections/port/" in b_urls
    assert f"http://{B_HOST}/sections/statehouse/" not in b_urls
    assert f"http://{B_HOST}{network.authority.get_absolute_url()}" in b_urls

    b_news = text(on_b(reverse("sitemap-news")))
    assert "<news:name>Harbor Gazette</news:name>" in b_news
    assert b_story in b_news and "bridge-tolls-rise" not in b_news
    a_news = text(on_a(reverse("sitemap-news")))
    assert "<news:name>Capitol Wire</news:name>" in a_news and shared in a_news


def test_robots_txt_has_the_publications_rules_and_sitemaps(network, on_a, on_b):
    a_robots, b_robots = text(on_a("/robots.txt")), text(on_b("/robots.txt"))

    assert "Disallow: /tips/" in b_robots and "Disallow: /tips/" not in a_robots
    assert "Disallow: /admin/" in b_robots
    assert f"Sitemap: http://{B_HOST}/sitemap.xml" in b_robots
    assert f"Sitemap: http://{B_HOST}/sitemap-news.xml" in b_robots
    assert f"Sitemap: http://{A_HOST}/sitemap.xml" in a_robots
    assert A_HOST not in b_robots


def test_the_api_lists_the_publications_stories(network, on_a, on_b):
    a_slugs = [s["slug"] for s in on_a(reverse("api:articles")).json()["results"]]
    b_slugs = [s["slug"] for s in on_b(reverse("api:articles")).json()["results"]]

    assert a_slugs == ["quillfeather-budget-vote", "bridge-tolls-rise"]
    assert b_slugs == ["bridge-tolls-rise", "ferry-schedule-grows"]
    assert on_b(reverse("api:article", args=["quillfeather-budget-vote"])).status_code == 404
    org = on_b(reverse("api:organization", args=["harbor-bridge-authority"])).json()
    assert org["url"] == f"http://{B_HOST}/organizations/harbor-bridge-authority/"


def every_route(network, slug_of_story, tag):
    """Every reader route a story could show on (or leak through), for a story and its tag."""
    org, person = network.authority.slug, network.treasurer.slug
    routes = [
        "/",
        "/?page=2",
        reverse("articles:detail", args=[slug_of_story]),
        reverse("articles:section", args=["statehouse"]),
        reverse("articles:section", args=["port"]),
        reverse("articles:tag", args=[tag]),
        reverse("organizations:detail", args=[org]),
        reverse("people:detail", args=[person]),
        reverse("articles:search") + "?q=" + tag,
        reverse("articles:search") + "?q=" + tag + "&organization=" + org,
        reverse("sitemap-index"),
        reverse("sitemap-news"),
        "/robots.txt",
        reverse("api:articles"),
        reverse("api:article", args=[slug_of_story]),
    ]
    routes += [reverse(f"feeds:{name}") for name in FEEDS]
    for kind in ("rss", "atom"):
        routes += [
            reverse(f"feeds:section-{kind}", args=["statehouse"]),
            reverse(f"feeds:section-{kind}", args=["port"]),
            reverse(f"feeds:tag-{kind}", args=[tag]),
            reverse(f"feeds:organization-{kind}", args=[org]),
            reverse(f"feeds:person-{kind}", args=[person]),
        ]
    for section in ("stories", "sections", "organizations", "people"):
        routes.append(reverse("sitemap-section", args=[section]))
    return routes


def leaks(get, routes, words) -> list[str]:
    found = []
    for route in routes:
        response = get(route)
        assert response.status_code in (200, 404), (route, response.status_code)
        body = text(response).lower()
        found += [f"{route}: {word}" for word in words if word.lower() in body]
    return found


def test_no_story_of_a_reaches_b_by_any_route(network, on_b):
    """The per-site canary: A's published story and A's draft, by every reader route of B."""
    for story, tag in ((network.a_only, "quillfeather"), (network.a_draft, "zephyrine")):
        routes = every_route(network, story.slug, tag)
        words = [story.headline, story.slug]  # (the search page repeats the tag asked for)
        assert leaks(on_b, routes, words) == []
        assert on_b(reverse("articles:detail", args=[story.slug])).status_code == 404


def test_a_draft_reaches_no_reader_of_its_own_publication_either(network, on_a):
    routes = every_route(network, network.a_draft.slug, "zephyrine")
    assert leaks(on_a, routes, ["Zephyrine draft memo", "zephyrine-draft-memo"]) == []


def test_structured_data_names_the_publication_as_publisher(network, on_b):
    page = text(on_b(network.b_only.get_absolute_url()))
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page)[1])

    assert data["publisher"]["name"] == "Harbor Gazette"
    assert data["publisher"]["url"] == f"http://{B_HOST}/"
    assert data["publisher"]["logo"]["url"].startswith(f"http://{B_HOST}/static/")
    assert data["url"] == f"http://{B_HOST}{network.b_only.get_absolute_url()}"


def test_the_canary_routes_do_show_a_story_on_its_own_publication(network, on_a):
    """The routes above are live: on A they show A's published story (so B's silence means
    something)."""
    routes = every_route(network, network.a_only.slug, "quillfeather")
    showing = [
        route
        for route in routes
        if on_a(route).status_code == 200 and "quillfeather-budget-vote" in text(on_a(route))
    ]
    expected = set(routes) - {
        "/?page=2",
        "/robots.txt",
        reverse("sitemap-index"),
        reverse("articles:section", args=["port"]),
        reverse("feeds:section-rss", args=["port"]),
        reverse("feeds:section-atom", args=["port"]),
        reverse("sitemap-section", args=["sections"]),
        reverse("sitemap-section", args=["organizations"]),
        reverse("sitemap-section", args=["people"]),
    }
    assert set(showing) == expected
