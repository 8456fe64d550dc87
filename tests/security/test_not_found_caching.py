"""Reliability: an anonymous 404 carries a short Cache-Control, so a CDN cannot keep a
scheduled story's 404 past the minute it goes live."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def max_age(response) -> int:
    control = response.get("Cache-Control", "")
    assert control, "a 404 without Cache-Control may be kept by a CDN as long as it likes"
    if "no-store" in control:
        return 0
    found = re.search(r"max-age=(\d+)", control)
    assert found, control
    return int(found.group(1))


@pytest.mark.parametrize("page_cache_seconds", [600, 0], ids=["page-cache-on", "page-cache-off"])
@pytest.mark.parametrize("query", ["", "?utm_source=x", "?page=2", "?q=zzz&whatever=1"])
def test_a_scheduled_storys_404_is_cached_no_longer_than_until_it_goes_live(
    client, settings, page_cache_seconds, query
):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = page_cache_seconds
    go_live = timezone.now() + dt.timedelta(seconds=45)
    story = ArticleFactory(published_at=go_live)
    response = client.get(story.get_absolute_url() + query)
    assert response.status_code == 404
    assert max_age(response) <= 45


@pytest.mark.parametrize("page_cache_seconds", [600, 0], ids=["page-cache-on", "page-cache-off"])
@pytest.mark.parametrize(
    "path", ["/articles/no-such-story/", "/no/such/page/", "/tags/nothing/", "/sections/none/"]
)
def test_any_anonymous_404_carries_a_short_cache_control(
    client, settings, page_cache_seconds, path
):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = page_cache_seconds
    response = client.get(path + "?ref=junk")
    assert response.status_code == 404
    assert max_age(response) <= 60
