"""What a reader sees on the front, in listings, around a story and in its social card
(issue 14: items 1, 2 and 11)."""

import datetime as dt
import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.utils import timezone
from django.views import defaults
from PIL import Image

from articles.exporters import article_to_dict, stories_for_export
from articles.models import Article
from tests.factories import ArticleFactory, PersonFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0


def picture(name="dock.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (1500, 1000), (20, 80, 140)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def ago(hours):
    return timezone.now() - dt.timedelta(hours=hours)


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def newsroom():
    courts = SectionFactory(name="Courts", slug="courts", position=1)
    ports = SectionFactory(name="Ports", slug="ports", position=2)
    ArticleFactory(headline="Newest, no picture", section=courts, published_at=ago(1))
    lead = ArticleFactory(
        headline="Harbor reopens after storm",
        section=ports,
        image=picture(),
        image_alt="A crane over an empty dock",
        published_at=ago(2),
    )
    for n in range(8):
        ArticleFactory(
            headline=f"Court story {n}",
            section=courts if n % 2 else ports,
            image=picture(f"c{n}.png") if n < 3 else "",
            published_at=ago(3 + n),
        )
    return lead


def test_front_has_a_lead_story_with_its_picture_then_sections(client, newsroom):
    html = html_of(client, "/")
    lead = html[html.index('<article class="lead-story">') :]
    lead = lead[: lead.index("</article>")]
    assert "Harbor reopens after storm" in lead  # the newest story with a picture leads
    assert 'alt="A crane over an empty dock"' in lead
    assert re.search(r'<img[^>]+src="[^"]+-480\.webp"[^>]+srcset="[^"]+ 1200w"', lead)
    assert 'width="1500" height="1000"' in lead and 'loading="lazy"' not in lead
    blocks = re.findall(r'class="rule-title"><a href="([^"]+)">([^<]+)</a>', html)
    assert [name for _, name in blocks] == ["Courts", "Ports"]  # the masthead's order


def test_listings_show_lazy_thumbnails_with_their_size(client, newsroom, settings):
    for url in ("/", "/sections/courts/", "/sections/ports/"):
        thumbs = re.findall(r'<div class="thumb"><img([^>]+)>', html_of(client, url))
        assert thumbs, url
        for attributes in thumbs:
            assert 'loading="lazy"' in attributes
            assert 'width="1500"' in attributes and 'height="1000"' in attributes
            assert ".webp" in attributes


def test_later_home_pages_list_older_stories(client, newsroom, settings):
    settings.NEWSROOM_PAGE_SIZE = 5
    assert 'href="?page=2">Older stories</a>' in html_of(client, "/")
    html = html_of(client, "/?page=2")
    assert "Court story 7" in html and "Harbor reopens after storm" not in html


def test_section_front_opens_with_its_lead_story(client, newsroom):
    html = html_of(client, "/sections/ports/")
    assert html.index('<article class="lead-story">') < html.index("Court story 0")
    assert "Harbor reopens after storm" in html[: html.index("Court story 0")]


def test_front_queries_do_not_grow_with_stories(client, django_assert_max_num_queries):
    ArticleFactory.create_batch(3)
    client.get("/")
    with django_assert_max_num_queries(3):  # the front's stories, the masthead (cached)
        client.get("/")


def test_empty_boxes_are_not_shown(client):
    story = ArticleFactory()
    html = html_of(client, story.get_absolute_url())
    assert "People in this story" not in html
    assert "Organizations in this story" not in html
    assert "None tagged" not in html


def test_favicon_and_touch_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("/favicon.ico") and "static" in response["Location"]
    html = html_of(client, "/")
    assert 'rel="apple-touch-icon"' in html and 'rel="icon"' in html


def test_not_found_and_server_error_pages_wear_the_site_design(client):
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    page = missing.content.decode()
    assert 'class="masthead"' in page and 'role="search"' in page and "site.css" in page
    failed = defaults.server_error(RequestFactory().get("/"))
    assert failed.status_code == 500
    page = failed.content.decode()
    assert "site.css" in page and "Something went wrong" in page and 'id="main"' in page


def _meta(html, prop):
    found = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', html)
    return found.group(1) if found else None


def _json_ld(html):
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    )


def test_a_story_without_picture_or_dek_still_has_a_full_card(client):
    writer = PersonFactory(name="Rita Okonjo", slug="rita-okonjo")
    story = ArticleFactory(
        dek="",
        byline="",
        body="<p>The port authority voted on Tuesday to lower fees for small fishing boats "
        "that dock overnight, a change owners had sought for years.</p>",
    )
    story.authors.add(writer)
    html = html_of(client, story.get_absolute_url())
    assert _meta(html, "og:description").startswith("The port authority voted on Tuesday")
    assert _meta(html, "og:description") != story.headline
    assert _meta(html, "og:image").endswith("img/social-default.png")
    assert _meta(html, "article:modified_time")
    data = _json_ld(html)
    assert data["image"][0].endswith("img/social-default.png")
    assert data["publisher"]["logo"]["url"].endswith("img/logo.png")
    assert data["author"][0]["url"].endswith(writer.get_absolute_url())


def test_a_byline_without_a_registered_person_has_no_author_url(client):
    story = ArticleFactory(byline="By Sam Ferris")
    data = _json_ld(html_of(client, story.get_absolute_url()))
    assert data["author"] == [{"@type": "Person", "name": "Sam Ferris"}]


def test_the_api_record_is_the_export_record(client):
    story = ArticleFactory(import_flags=["reprint"])
    record = client.get(f"/api/articles/{story.slug}/").json()
    exported = article_to_dict(stories_for_export(stories=Article.objects.filter(pk=story.pk))[0])
    assert list(record) == list(exported)
    assert "url" not in record and record["flags"] == ["reprint"]
    assert record["suggestions"] == []
    listed = client.get("/api/articles/").json()["results"][0]
    assert list(listed) == list(exported)
