"""Two pollers at the same moment, each with its own database connection (PostgreSQL)."""

import threading

import pytest
from django.db import connections

from articles.models import Article
from wire.models import Arrival
from wire.polling import Poller, fetch

from .conftest import Route, feed_bytes


def run_together(*calls):
    barrier = threading.Barrier(len(calls))
    results, errors = [None] * len(calls), []

    def run(index, call):
        barrier.wait()
        try:
            results[index] = call()
        except Exception as exc:  # reported by the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    return results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_pollers_claiming_at_once_get_the_source_once(wire_server, make_source):
    make_source("Harbor Authority", wire_server.add("/feed", Route(body=b"<rss/>")))
    first, second = Poller(), Poller()
    claims = run_together(first.claim_due, second.claim_due)
    assert sorted(len(claimed) for claimed in claims) == [0, 1]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_pollers_storing_the_same_items_at_once_make_each_story_once(wire_server, make_source):
    source = make_source(
        "Harbor Authority", wire_server.add("/feed", Route(body=feed_bytes("harbor-authority.xml")))
    )
    result = fetch(source.feed_url)
    first, second = Poller(), Poller()
    outcomes = run_together(
        lambda: first.finish(source, result), lambda: second.finish(source, result)
    )
    assert Article.objects.count() == 2 and Arrival.objects.count() == 2
    assert sorted(o.tally.new for o in outcomes) == [0, 2]
    assert all(o.tally.failed == 0 for o in outcomes)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_release_through_two_sources_at_once_is_one_story(wire_server, make_source):
    harbor = make_source(
        "Harbor Authority", wire_server.add("/a", Route(body=feed_bytes("harbor-authority.xml")))
    )
    desk = make_source(
        "State Desk", wire_server.add("/b", Route(body=feed_bytes("state-desk.xml")))
    )
    results = (fetch(harbor.feed_url), fetch(desk.feed_url))
    first, second = Poller(), Poller()
    run_together(lambda: first.finish(harbor, results[0]), lambda: second.finish(desk, results[1]))
    assert Article.objects.count() == 3  # the berth release once, the other two
    assert Arrival.objects.filter(duplicate=True).count() == 1
