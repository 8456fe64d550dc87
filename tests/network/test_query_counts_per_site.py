"""Reader pages of a network site cost what a single site's do: a shared story's page and a
listing full of shared stories make the same number of queries as their own."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0


def queries(get, path) -> int:
    get(path)  # the masthead's sections are read once, then kept in the cache
    with CaptureQueriesContext(connection) as captured:
        assert get(path).status_code == 200
    return len(captured)


def test_a_shared_storys_page_costs_what_an_own_storys_does(network, on_a, on_b):
    own = queries(on_b, network.b_only.get_absolute_url())
    shared = queries(on_b, network.shared.get_absolute_url())
    at_home = queries(on_a, network.shared.get_absolute_url())

    assert own == shared == at_home
    # The story with its section, then one query each: organizations, people, their current
    # roles, tags, authors, corrections (Article.objects.for_page()), as on a single site.
    assert own == 7


@pytest.mark.parametrize("path", ["/", "/sections/port/", "/feeds/latest/rss/"])
def test_listings_do_not_grow_with_shared_stories(network, on_b, path):
    before = queries(on_b, path)
    for _ in range(6):
        ArticleFactory(publication=network.a, section=network.a_state).shared_with.add(network.b)
        ArticleFactory(publication=network.b, section=network.b_port)

    assert queries(on_b, path) == before
