"""The register is the network's: an organization's (or person's) page on each publication
lists that publication's stories and says how many more the network has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organizations import selectors
from tests.factories import ArticleFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def test_the_same_organization_page_lists_each_publications_stories(network, on_a, on_b):
    path = network.authority.get_absolute_url()
    a_page, b_page = on_a(path).content.decode(), on_b(path).content.decode()

    assert "Quillfeather budget vote" in a_page and "Bridge tolls rise statewide" in a_page
    assert "Ferry schedule grows" not in a_page
    assert "Ferry schedule grows" in b_page and "Bridge tolls rise statewide" in b_page
    assert "Quillfeather budget vote" not in b_page
    # Each has one story the other does not show (the draft counts nowhere).
    assert "1 more story on the network’s other publications." in a_page
    assert "1 more story on the network’s other publications." in b_page


def test_the_same_person_page_lists_each_publications_stories(network, on_a, on_b):
    path = network.treasurer.get_absolute_url()
    ArticleFactory(publication=network.a, section=network.a_state).people.add(network.treasurer)

    a_page, b_page = on_a(path).content.decode(), on_b(path).content.decode()

    assert "Quillfeather budget vote" in a_page and "Ferry schedule grows" not in a_page
    assert "Ferry schedule grows" in b_page and "Quillfeather budget vote" not in b_page
    assert "1 more story on the network’s other publications." in a_page
    assert "2 more stories on the network’s other publications." in b_page


def test_the_network_count_stops_at_its_cap(network, on_b, monkeypatch):
    monkeypatch.setattr(selectors, "NETWORK_COUNT_CAP", 2)
    for _ in range(3):
        ArticleFactory(publication=network.a, section=network.a_state).organizations.add(
            network.authority
        )

    page = on_b(network.authority.get_absolute_url()).content.decode()

    assert "2+ more stories on the network’s other publications." in page


def test_no_network_line_where_every_story_is_here(network, on_a):
    lone = OrganizationFactory(name="Office of Quiet Waters")
    ArticleFactory(publication=network.a, section=network.a_state).organizations.add(lone)

    assert "more stor" not in on_a(lone.get_absolute_url()).content.decode()


def test_often_with_counts_the_publications_stories_only(network, on_a, on_b):
    only_in_b = OrganizationFactory(name="Pilots Guild of the Sound")
    network.b_only.organizations.add(only_in_b)

    assert (
        "Pilots Guild of the Sound" in on_b(network.authority.get_absolute_url()).content.decode()
    )
    assert (
        "Pilots Guild of the Sound"
        not in on_a(network.authority.get_absolute_url()).content.decode()
    )


def test_entity_pages_cost_the_same_queries_on_every_publication(network, on_a, on_b, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    path = network.authority.get_absolute_url()
    counts = []
    for get in (on_a, on_b):
        get(path)
        with CaptureQueriesContext(connection) as queries:
            assert get(path).status_code == 200
        counts.append(len(queries))
    for _ in range(5):
        ArticleFactory(publication=network.a, section=network.a_state).organizations.add(
            network.authority
        )
    with CaptureQueriesContext(connection) as queries:
        on_b(path)
    assert counts[0] == counts[1] == len(queries)
