import datetime as dt
import json
import re

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    ArticleFactory,
    DraftFactory,
    OrganizationFactory,
    PersonFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    section = SectionFactory(name="Security", slug="security")
    org = OrganizationFactory(name="Example Port Authority", acronym="EPA2", slug="port-authority")
    person = PersonFactory(name="Jamie Quayside", slug="jamie-quayside")
    live = ArticleFactory(headline="Port reopens after inspection", section=section)
    live.tags.add("ports")
    live.organizations.add(org)
    live.people.add(person, through_defaults={"title": "Harbor Master"})
    draft = DraftFactory(headline="Unreleased port memo", section=section)
    draft.tags.add("ports")
    draft.organizations.add(org)
    draft.people.add(person)
    ArticleFactory(
        headline="Embargoed port plan",
        section=section,
        published_at=timezone.now() + dt.timedelta(hours=2),
    ).organizations.add(org)
    return {"section": section, "org": org, "person": person, "live": live}


def feed_urls():
    urls = [reverse("feeds:latest-rss"), reverse("feeds:latest-atom")]
    for scope, slug in (
        ("section", "security"),
        ("tag", "ports"),
        ("organization", "port-authority"),
        ("person", "jamie-quayside"),
    ):
        urls += [
            reverse(f"feeds:{scope}-rss", args=[slug]),
            reverse(f"feeds:{scope}-atom", args=[slug]),
        ]
    return urls


def test_every_feed_is_clean_for_feedparser_and_lists_only_published(client, newsroom):
    for url in feed_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, (url, parsed.get("bozo_exception"))
        titles = [entry.title for entry in parsed.entries]
        assert titles == ["Port reopens after inspection"], url


def test_feed_of_unknown_scope_is_404(client):
    assert client.get(reverse("feeds:section-rss", args=["nope"])).status_code == 404


def test_sitemap_lists_every_published_story_and_nothing_else(client, newsroom):
    index = client.get(reverse("sitemap-index")).content.decode()
    section_urls = re.findall(r"<loc>http://testserver(/sitemap-[^<]+)</loc>", index)
    assert "/sitemap-stories.xml" in section_urls
    listed = []
    for url in section_urls:
        body = client.get(url).content.decode()
        listed += re.findall(r"<loc>http://testserver([^<]+)</loc>", body)
    stories = [u for u in listed if u.startswith("/articles/")]
    assert stories == [newsroom["live"].get_absolute_url()]
    assert newsroom["org"].get_absolute_url() in listed
    assert newsroom["person"].get_absolute_url() in listed


def test_sitemap_index_dates_each_part_by_its_newest_public_entry(client, newsroom, monkeypatch):
    from articles.models import Article
    from syndication.sitemaps import StorySitemap

    rows_read = []
    original = StorySitemap.lastmod
    monkeypatch.setattr(
        StorySitemap, "lastmod", lambda self, item: rows_read.append(item) or original(self, item)
    )

    ArticleFactory.create_batch(30)
    DraftFactory(headline="A draft edited last").save()
    newest = Article.objects.published().order_by("-updated_at").first().updated_at

    index = client.get(reverse("sitemap-index")).content.decode()

    stories = re.search(r"sitemap-stories.xml</loc><lastmod>([^<]+)</lastmod>", index).group(1)
    assert dt.datetime.fromisoformat(stories) == newest
    assert rows_read == []  # one aggregate, not every story read for one date


SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_entries(body: bytes) -> list[tuple[str, str, str]]:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(body)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    return [
        tuple(
            url.findtext(f"s:{name}", "", SITEMAP_NS) for name in ("loc", "lastmod", "changefreq")
        )
        for url in root.findall("s:url", SITEMAP_NS)
    ]


def test_sitemap_pages_are_what_djangos_own_template_writes(client, newsroom, settings):
    """The XML is written by hand for speed; it must say what Django's template says."""
    from django.template.loader import render_to_string

    from articles.models import Article
    from syndication.sitemaps import SITEMAPS

    settings.TIME_ZONE = "America/New_York"
    late = ArticleFactory(headline="Ampersands & <angles> in a slug's story", slug="amp-and-angles")
    # 2 a.m. in UTC is the evening before in New York: the sitemap gives New York's date.
    Article.objects.filter(pk=late.pk).update(
        updated_at=dt.datetime(2024, 3, 1, 2, 0, tzinfo=dt.UTC)
    )
    for section in SITEMAPS:
        response = client.get(reverse("sitemap-section", args=[section]))
        assert response.status_code == 200 and response["Content-Type"].startswith(
            "application/xml"
        )
        django_xml = render_to_string("sitemap.xml", {"urlset": response.context_data["urlset"]})
        ours = sitemap_entries(response.content)
        assert ours == sitemap_entries(django_xml.encode())
        assert ours
        if section == "stories":
            assert ("http://testserver/articles/amp-and-angles/", "2024-02-29", "daily") in ours
        assert all(re.fullmatch(r"(\d{4}-\d{2}-\d{2})?", lastmod) for _, lastmod, _ in ours)


def test_sitemap_pages_are_ranges_of_ids_that_cover_every_story_once(client, monkeypatch):
    """Page n lists the n-th range of 3 ids (here) holding published stories; a range of
    drafts makes no page, so no page is empty."""
    from syndication.sitemaps import StorySitemap

    monkeypatch.setattr(StorySitemap, "limit", 3)
    stories = ArticleFactory.create_batch(4)
    DraftFactory.create_batch(7)  # at least two whole ranges of drafts
    stories += ArticleFactory.create_batch(2)
    ranges = sorted({(story.pk - 1) // 3 for story in stories})

    index = client.get(reverse("sitemap-index")).content.decode()
    pages = re.findall(r"sitemap-stories.xml\?p=(\d+)</loc>", index)
    assert len(pages) + 1 == len(ranges)  # page 1 is listed without ?p=
    listed = []
    for number in range(1, len(ranges) + 1):
        body = client.get(reverse("sitemap-section", args=["stories"]), {"p": number}).content
        entries = [loc for loc, _, _ in sitemap_entries(body)]
        assert entries, f"page {number} is empty"
        listed += entries
    assert sorted(listed) == sorted(f"http://testserver{s.get_absolute_url()}" for s in stories)
    assert client.get("/sitemap-stories.xml", {"p": len(ranges) + 1}).status_code == 404
    assert client.get("/sitemap-stories.xml", {"p": "two"}).status_code == 404


def test_an_empty_sitemap_part_is_one_empty_page(client):
    from articles.models import Article

    Article.objects.all().delete()
    response = client.get(reverse("sitemap-section", args=["stories"]))
    assert response.status_code == 200 and sitemap_entries(response.content) == []


def test_news_sitemap_has_the_last_48_hours(client, newsroom):
    ArticleFactory(headline="Old news", published_at=timezone.now() - dt.timedelta(days=3))
    body = client.get(reverse("sitemap-news")).content.decode()
    assert "<news:title>Port reopens after inspection</news:title>" in body
    assert "Old news" not in body
    assert "Unreleased" not in body and "Embargoed" not in body


def test_robots_txt_points_at_the_sitemaps(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(b) for b in blocks]


def test_article_head_has_canonical_social_cards_and_news_article(client, newsroom):
    article = newsroom["live"]
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Port reopens after inspection">' in html
    assert '<meta name="twitter:card"' in html
    (data,) = json_ld(html)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Port reopens after inspection"
    assert data["datePublished"]
    named = [e["name"] for e in data["about"] + data["mentions"]]
    assert "Example Port Authority" in named and "Jamie Quayside" in named


def test_entity_pages_carry_their_json_ld(client, newsroom):
    (org,) = json_ld(client.get(newsroom["org"].get_absolute_url()).content.decode())
    assert org["name"] == "Example Port Authority" and org["alternateName"] == "EPA2"
    (person,) = json_ld(client.get(newsroom["person"].get_absolute_url()).content.decode())
    assert person["@type"] == "Person" and person["name"] == "Jamie Quayside"


def test_json_ld_cannot_be_closed_by_a_headline(client):
    article = ArticleFactory(headline="</script><script>alert(1)</script>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    (data,) = json_ld(html)
    assert data["headline"] == "</script><script>alert(1)</script>"


def test_api_lists_published_stories_in_the_export_schema(client, newsroom):
    data = client.get(reverse("api:articles")).json()
    assert data["count"] == 1
    (story,) = data["results"]
    assert story["headline"] == "Port reopens after inspection"
    assert story["organizations"][0]["slug"] == "port-authority"
    assert story["people"][0]["title"] == "Harbor Master"
    assert {"id", "slug", "published_at", "body", "tags", "image"} <= set(story)
    assert client.get(reverse("api:article", args=[story["slug"]])).status_code == 200


def test_api_hides_drafts_and_scheduled(client, newsroom):
    for article in newsroom["section"].articles.exclude(pk=newsroom["live"].pk):
        assert client.get(reverse("api:article", args=[article.slug])).status_code == 404


def test_api_registers_paginate(client):
    OrganizationFactory.create_batch(3)
    PersonFactory.create_batch(2)
    page = client.get(reverse("api:organizations"), {"page_size": 2}).json()
    assert page["count"] == 3 and len(page["results"]) == 2 and page["next"]
    assert client.get(reverse("api:people")).json()["count"] == 2
    assert client.get(reverse("api:organizations"), {"page": 99}).status_code == 404
