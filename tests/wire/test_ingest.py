"""`manage.py ingest` against sources served on 127.0.0.1: the wire desk as an editor sees it."""

import datetime as dt
import io
import os
import signal
import time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from wire.models import Arrival, Source
from wire.polling import Poller, PollSettings

from .conftest import Route, feed_bytes

HARBOR = feed_bytes("harbor-authority.xml")
STATE_DESK = feed_bytes("state-desk.xml")


def ingest(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest", *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def headlines():
    return sorted(Article.objects.values_list("headline", flat=True))


@pytest.mark.django_db(transaction=True)
def test_three_sources_one_hangs_one_fails_the_good_one_arrives_within_an_interval(
    wire_server, make_source, editor_client
):
    interval = 4
    good = make_source(
        "Harbor Authority",
        wire_server.add("/good", Route(body=HARBOR, etag='"h1"')),
        interval_seconds=interval,
    )
    hanging = make_source(
        "Hanging Wire",
        wire_server.add("/hang", Route("hang", seconds=30)),
        interval_seconds=interval,
    )
    broken = make_source(
        "Broken Wire",
        wire_server.add("/broken", Route("status", status=500)),
        interval_seconds=interval,
    )
    started = timezone.now()
    output = ingest("--watch", "--max-seconds", "3", "--timeout", "2", "--tick", "0.2")

    # The good source's items came in as drafts, within one interval, not held up.
    assert headlines() == [
        "Dredging Season Closes the North Channel for Two Weeks",
        "Harbor Authority Opens Second Container Berth at Pier Nine",
    ]
    assert set(Article.objects.values_list("status", flat=True)) == {"draft"}
    first = Arrival.objects.order_by("seen_at").first()
    assert first.source == good
    assert (first.seen_at - started).total_seconds() < interval
    assert "Harbor Authority: HTTP 200, 2 new, 0 updated, 0 unchanged" in output

    for source in (good, hanging, broken):
        source.refresh_from_db()
    assert first.seen_at < hanging.last_fetch_at  # not held up by the hanging source
    assert good.state == "OK" and good.consecutive_failures == 0
    assert good.next_poll_at - good.last_fetch_at == dt.timedelta(seconds=interval)
    assert good.etag == '"h1"'
    assert broken.last_status == 500 and broken.last_error == "HTTP 500"
    assert hanging.last_status is None and "within 2 seconds" in hanging.last_error
    for bad in (hanging, broken):
        assert bad.consecutive_failures == 1
        # Backed off: twice the interval before the next try.
        assert bad.next_poll_at - bad.last_fetch_at == dt.timedelta(seconds=2 * interval)
        assert bad.claimed_until is None

    # The desk sees all three states, and the stories in From the wire.
    page = editor_client.get(reverse("admin:wire_source_changelist")).content.decode()
    assert "✔ OK" in page
    assert page.count("failing (1 in a row), backing off") == 2
    assert "HTTP 500" in page and "no answer within 2 seconds" in page
    queue = editor_client.get(reverse("admin:wire_wirestory_changelist")).content.decode()
    assert "Harbor Authority Opens Second Container Berth at Pier Nine" in queue
    assert "Harbor Authority" in queue

    # A second run creates nothing: the good source answers 304 to its ETag.
    Source.objects.update(next_poll_at=None)
    hits = wire_server.routes["/good"].conditional_hits
    output = ingest("--once", "--timeout", "1")
    assert Article.objects.count() == 2
    assert wire_server.routes["/good"].conditional_hits == hits + 1
    assert "Harbor Authority: not modified (HTTP 304)" in output
    broken.refresh_from_db()
    assert broken.consecutive_failures == 2
    assert broken.next_poll_at - broken.last_fetch_at == dt.timedelta(seconds=4 * interval)


@pytest.mark.django_db(transaction=True)
def test_a_source_without_validators_is_read_again_and_nothing_changes(wire_server, make_source):
    make_source("Harbor Authority", wire_server.add("/feed", Route(body=HARBOR)))
    ingest("--once")
    Source.objects.update(next_poll_at=None)
    output = ingest("--once")
    assert Article.objects.count() == 2
    assert "HTTP 200, 0 new, 0 updated, 2 unchanged" in output


@pytest.mark.django_db(transaction=True)
def test_an_edited_item_updates_its_story(wire_server, make_source):
    route = Route(body=HARBOR)
    make_source("Harbor Authority", wire_server.add("/feed", route))
    ingest("--once")
    route.body = HARBOR.replace(b"eighteen months", b"nineteen months")
    Source.objects.update(next_poll_at=None)
    assert "1 updated, 1 unchanged" in ingest("--once")
    assert Article.objects.filter(body__contains="nineteen months").count() == 1


@pytest.mark.django_db(transaction=True)
def test_garbage_is_a_failure_of_that_source_only(wire_server, make_source):
    make_source("Garbage", wire_server.add("/junk", Route("garbage")))
    make_source("Html page", wire_server.add("/html", Route("garbage", body=b"<html>hi</html>")))
    make_source("Harbor Authority", wire_server.add("/feed", Route(body=HARBOR)))
    output = ingest("--once")
    assert Article.objects.count() == 2
    junk = Source.objects.get(name="Garbage")
    assert junk.consecutive_failures == 1 and junk.last_status == 200
    assert "not" in junk.last_error and "feed" in junk.last_error
    assert "Garbage: failed (HTTP 200)" in output


@pytest.mark.django_db(transaction=True)
def test_sources_not_due_or_disabled_are_left_alone(wire_server, make_source):
    route = Route(body=HARBOR)
    url = wire_server.add("/feed", route)
    make_source("Later", url, next_poll_at=timezone.now() + dt.timedelta(minutes=5))
    make_source("Off", url + "?off", enabled=False)
    assert "0 sources due" in ingest("--once")
    assert route.hits == 0


@pytest.mark.django_db(transaction=True)
def test_two_pollers_never_hold_the_same_source(wire_server, make_source):
    source = make_source("Harbor Authority", wire_server.add("/feed", Route(body=HARBOR)))
    first, second = Poller(), Poller()
    assert [s.pk for s in first.claim_due()] == [source.pk]
    assert second.claim_due() == []
    first.release(source)
    assert [s.pk for s in second.claim_due()] == [source.pk]
    # A claim left by a process that died lapses.
    Source.objects.update(claimed_until=timezone.now() - dt.timedelta(seconds=1))
    assert [s.pk for s in first.claim_due()] == [source.pk]


@pytest.mark.django_db(transaction=True)
def test_the_same_item_twice_at_once_is_one_story(wire_server, make_source):
    """Two pollers holding the same source (a lapsed claim) still store each item once."""
    source = make_source("Harbor Authority", wire_server.add("/feed", Route(body=HARBOR)))
    first, second = Poller(), Poller()
    from wire.polling import fetch

    result = fetch(source.feed_url)
    first.finish(source, result)
    outcome = second.finish(source, result)
    assert Article.objects.count() == 2 and Arrival.objects.count() == 2
    assert outcome.tally.unchanged == 2


@pytest.mark.django_db(transaction=True)
def test_the_same_release_through_two_sources_is_one_story(wire_server, make_source, editor_client):
    make_source("Harbor Authority", wire_server.add("/harbor", Route(body=HARBOR)))
    ingest("--once")
    make_source("State Desk", wire_server.add("/state", Route(body=STATE_DESK)))
    output = ingest("--once")
    # The State Desk's copy of the berth release (headline case and a dash apart) is the
    # harbor's story; its parks release is new.
    assert "1 new, 0 updated, 0 unchanged, 1 already in from another source" in output
    assert Article.objects.count() == 3
    berth = Article.objects.get(headline__startswith="Harbor Authority Opens")
    assert sorted(berth.arrivals.values_list("source__name", flat=True)) == [
        "Harbor Authority",
        "State Desk",
    ]
    queue = editor_client.get(reverse("admin:wire_wirestory_changelist")).content.decode()
    assert "Harbor Authority, State Desk" in queue
    # Polled again, nothing new either way.
    Source.objects.update(next_poll_at=None)
    ingest("--once")
    assert Article.objects.count() == 3 and Arrival.objects.count() == 4


@pytest.mark.django_db(transaction=True)
def test_the_same_link_through_two_sources_is_one_story(wire_server, make_source):
    other = (
        HARBOR.replace(b"harbor-release-04", b"relay-")
        .replace(b"Port of Larkspur Authority: News Releases", b"Coastal Relay")
        .replace(b"Harbor Authority Opens Second", b"Relay: Second")
        .replace(b"feed.xml", b"relay.xml")
    )
    make_source("Harbor Authority", wire_server.add("/harbor", Route(body=HARBOR)))
    make_source("Coastal Relay", wire_server.add("/relay", Route(body=other)))
    ingest("--once")
    assert Article.objects.count() == 2
    assert Arrival.objects.filter(duplicate=True).count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_source_sets_section_publisher_and_status(wire_server, make_source):
    from tests.factories import OrganizationFactory, SectionFactory

    harbor = OrganizationFactory(name="Port of Larkspur Authority", slug="port-of-larkspur")
    section = SectionFactory(name="Waterfront", slug="waterfront")
    make_source(
        "Harbor Authority",
        wire_server.add("/feed", Route(body=HARBOR)),
        publisher=harbor,
        section=section,
        new_status="review",
    )
    ingest("--once")
    story = Article.objects.get(headline__startswith="Harbor Authority Opens")
    assert story.status == "review" and story.section == section
    assert list(story.organizations.all()) == [harbor]


@pytest.mark.django_db(transaction=True)
def test_only_a_trusted_source_publishes(wire_server, make_source):
    source = make_source(
        "Harbor Authority", wire_server.add("/feed", Route(body=HARBOR)), new_status="published"
    )
    ingest("--once")
    assert set(Article.objects.values_list("status", flat=True)) == {"review"}
    Article.objects.all().delete()
    Arrival.objects.all().delete()
    Source.objects.filter(pk=source.pk).update(trusted=True, next_poll_at=None)
    ingest("--once")
    assert Article.objects.published().count() == 2


@pytest.mark.django_db(transaction=True)
def test_sigterm_finishes_the_story_in_hand_and_the_rest_comes_next_time(
    wire_server, make_source, monkeypatch
):
    from wire import intake

    make_source("Harbor Authority", wire_server.add("/feed", Route(body=HARBOR, etag='"h1"')))
    real_take = intake.Intake.take

    def take_then_terminate(self, source, record):
        outcome = real_take(self, source, record)
        os.kill(os.getpid(), signal.SIGTERM)  # arrives while the first story is in hand
        time.sleep(0.05)
        return outcome

    monkeypatch.setattr(intake.Intake, "take", take_then_terminate)
    output = ingest("--watch", "--tick", "0.1", "--max-seconds", "5")
    assert "Stopping after the story in hand" in output
    assert Article.objects.count() == 1
    source = Source.objects.get()
    assert source.etag == "" and source.claimed_until is None  # read in full next time
    assert source.next_poll_at <= timezone.now()

    monkeypatch.setattr(intake.Intake, "take", real_take)
    assert "1 new, 0 updated, 1 unchanged" in ingest("--once")
    assert Article.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_poller_settings_reach_the_fetch(wire_server, make_source):
    make_source("Big", wire_server.add("/big", Route("big", size=50_000)))
    outcomes = Poller(PollSettings(max_bytes=10_000)).run_once()
    assert outcomes[0].error == "answer larger than 10,000 bytes"


@pytest.mark.django_db(transaction=True)
def test_a_story_the_desk_deleted_does_not_come_back(wire_server, make_source):
    make_source("Harbor Authority", wire_server.add("/feed", Route(body=HARBOR)))
    ingest("--once")
    Article.objects.get(headline__startswith="Dredging Season").delete()
    Source.objects.update(next_poll_at=None)
    assert "0 new, 0 updated, 2 unchanged" in ingest("--once")
    assert Article.objects.count() == 1
