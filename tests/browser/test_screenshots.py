"""Screenshots of the reader pages as a new reader meets them, on the demo newsroom.

They are written to var/screenshots/ (README: "Screenshots"); the assertions are what a
reader sees in them: a lead story with its picture, thumbnails that load lazily with their
size, pages that fit a 390 px phone, and a search for an acronym that puts the
organization first and highlights whole words only.
"""

import io
import mimetypes
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

from articles.models import Article
from organizations.models import Organization

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(django_settings.BASE_DIR) / "var" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    for command in ("load_starter_register", "load_demo"):
        call_command(command, stdout=io.StringIO(), stderr=io.StringIO())
    return Path(settings.MEDIA_ROOT)


def open_page(chromium, live_server, media_root, viewport):
    context = chromium.new_context(viewport=viewport, device_scale_factor=1)
    context.set_default_timeout(15000)
    media_prefix = django_settings.MEDIA_URL

    def serve_media(route):
        # The live server does not serve uploads (DEBUG is off): read them from MEDIA_ROOT.
        path = route.request.url.split(media_prefix, 1)[1].split("?")[0]
        target = media_root / path
        if not target.is_file():
            return route.fulfill(status=404, body="")
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        return route.fulfill(status=200, body=target.read_bytes(), content_type=kind)

    context.route(f"{live_server.url}{media_prefix}**", serve_media)
    return context, context.new_page()


def shoot(page, live_server, path, name, full_page=True):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(f"{live_server.url}{path}")
    page.wait_for_load_state("networkidle")
    # Lazy images below the fold load as a reader scrolls: scroll, then come back up.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def loaded_images(page):
    return page.evaluate(
        """() => [...document.querySelectorAll('main img')].map(img => ({
            src: img.currentSrc, loaded: img.complete && img.naturalWidth > 0,
            lazy: img.loading === 'lazy', width: img.getAttribute('width'),
            height: img.getAttribute('height'), alt: img.getAttribute('alt')}))"""
    )


def test_screenshots_of_reader_pages(live_server, chromium, demo):
    published = Article.objects.published()
    with_pictures = published.exclude(image="").exclude(image_renditions={})
    assert with_pictures.count() >= 0.75 * published.count()  # most demo stories have one
    article = with_pictures.order_by("-published_at").first()
    organization = Organization.objects.get(acronym="EPA")

    context, page = open_page(chromium, live_server, demo, DESKTOP)
    shoot(page, live_server, "/", "home-desktop", full_page=False)
    shoot(page, live_server, "/", "home-desktop-full")
    lead = page.locator(".lead-story img")
    assert lead.count() == 1
    images = loaded_images(page)
    assert images and all(image["loaded"] for image in images), images
    assert all(image["width"] and image["height"] for image in images)
    assert all(image["src"].endswith(".webp") for image in images)
    assert sum(image["lazy"] for image in images) >= len(images) - 1  # all but the lead
    assert page.locator(".section-block").count() >= 3

    section = article.section
    shoot(page, live_server, section.get_absolute_url(), "section")
    assert page.locator(".lead-story img").count() == 1

    shoot(page, live_server, article.get_absolute_url(), "article")
    assert page.locator("figure.lead-image img").evaluate("img => img.naturalWidth") > 0
    assert "None tagged" not in page.content()

    shoot(page, live_server, organization.get_absolute_url(), "organization")
    assert page.locator("h1").inner_text().startswith(organization.name)

    shoot(page, live_server, "/search/?q=EPA", "search-acronym")
    names = page.locator(".name-matches li").all_inner_texts()
    assert names and "Environmental Protection Agency" in names[0]
    marked = page.locator(".snippet mark").all_inner_texts()
    assert marked and all(text == "EPA" for text in marked), marked
    assert re.match(r"\d+ stor(y|ies) for “EPA”", page.locator(".results-title").inner_text())
    context.close()

    context, page = open_page(chromium, live_server, demo, PHONE)
    for path, name in (("/", "home-phone"), (article.get_absolute_url(), "article-phone")):
        shoot(page, live_server, path, name)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} is {width} px wide on a phone"
    context.close()


def test_a_long_word_or_address_wraps_instead_of_widening_the_page(live_server, chromium):
    """A headline that is one long word (a compound, a URL) and a body with a long link fit a
    phone and a laptop; a headline in Arabic reads right to left."""
    from tests.factories import ArticleFactory, SectionFactory

    section = SectionFactory(name="Transport", slug="transport")
    long_word = "Verkehrsinfrastrukturfinanzierungsgesellschaftsgesetz" * 2
    ArticleFactory(
        headline=f"{long_word} passes",
        slug="long-word",
        section=section,
        body='<p>See <a href="https://example.org/'
        + "a" * 120
        + '">https://example.org/'
        + "a" * 120
        + "</a> for the text.</p>",
    )
    ArticleFactory(headline="وزارة النقل تعلن خطة جديدة", slug="arabic", section=section)
    for viewport in (PHONE, DESKTOP):
        context = chromium.new_context(viewport=viewport)
        page = context.new_page()
        for path in ("/", "/sections/transport/", "/articles/long-word/"):
            page.goto(f"{live_server.url}{path}")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"{path} is {width} px wide at {viewport}"
        page.goto(f"{live_server.url}/articles/arabic/")
        assert page.locator("h1").evaluate("h => getComputedStyle(h).direction") == "rtl"
        context.close()
