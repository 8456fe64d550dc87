"""Fetching a source within its limits, against a local server: never raises, says why."""

import time

import pytest

from wire.polling import PollSettings, backoff, fetch

from .conftest import Route, feed_bytes

FAST = PollSettings(timeout=1.0, max_bytes=200_000, max_redirects=3)


def test_a_feed_comes_with_its_validators_and_a_304_after(wire_server):
    url = wire_server.add("/feed", Route(body=feed_bytes("harbor-authority.xml"), etag='"v1"'))
    first = fetch(url, settings=FAST)
    assert first.ok and first.status == 200 and first.etag == '"v1"'
    assert b"Pier Nine" in first.data
    again = fetch(url, etag=first.etag, settings=FAST)
    assert again.ok and again.status == 304 and again.data == b""


def test_a_hanging_source_gives_up_at_the_timeout(wire_server):
    url = wire_server.add("/hang", Route("hang", seconds=5))
    started = time.monotonic()
    result = fetch(url, settings=FAST)
    assert time.monotonic() - started < 4
    assert not result.ok and result.status is None
    assert "no answer within 1 seconds" in result.error


def test_a_trickling_source_is_cut_at_the_deadline(wire_server):
    url = wire_server.add("/trickle", Route("trickle", seconds=4))
    started = time.monotonic()
    result = fetch(url, settings=FAST)
    assert time.monotonic() - started < 4
    assert "not complete within 1 seconds" in result.error


def test_a_500_is_an_error_with_its_status(wire_server):
    result = fetch(wire_server.add("/broken", Route("status", status=500)), settings=FAST)
    assert (result.status, result.error) == (500, "HTTP 500")


@pytest.mark.parametrize("chunked", [False, True])
def test_an_oversized_answer_is_refused(wire_server, chunked):
    url = wire_server.add("/big", Route("big", size=1_000_000, chunked=chunked))
    result = fetch(url, settings=FAST)
    assert result.error == "answer larger than 200,000 bytes"


def test_redirects_are_followed_within_the_limit(wire_server):
    target = wire_server.add("/feed", Route(body=feed_bytes("harbor-authority.xml")))
    hop2 = wire_server.add("/hop2", Route("redirect", to=target))
    hop1 = wire_server.add("/hop1", Route("redirect", to=hop2))
    assert fetch(hop1, settings=FAST).status == 200


def test_too_many_redirects_and_loops_stop(wire_server):
    chain = wire_server.add("/feed", Route(body=b"<rss/>"))
    for n in range(5):
        chain = wire_server.add(f"/r{n}", Route("redirect", to=chain))
    result = fetch(chain, settings=FAST)
    assert not result.ok and "more than 3 redirects" in result.error
    loop = wire_server.add("/loop", Route("redirect", to=wire_server.url("/loop")))
    assert not fetch(loop, settings=FAST).ok


def test_a_redirect_off_the_web_is_refused(wire_server):
    url = wire_server.add("/sneaky", Route("redirect", to="file:///etc/passwd"))
    result = fetch(url, settings=FAST)
    assert not result.ok and "non-web address" in result.error


def test_nobody_listening_is_an_error(wire_server):
    wire_server.httpd.server_close()
    assert "cannot reach" in fetch(wire_server.url("/feed"), settings=FAST).error


def test_a_gzipped_feed_is_read_and_a_gzip_bomb_stops_at_the_limit(wire_server):
    feed = feed_bytes("harbor-authority.xml")
    result = fetch(wire_server.add("/gz", Route("gzip", body=feed)), settings=FAST)
    assert result.ok and result.data == feed
    bomb = wire_server.add("/bomb", Route("gzip", body=b"<" * 5_000_000))
    assert fetch(bomb, settings=FAST).error == "answer larger than 200,000 bytes"


def test_backoff_doubles_up_to_a_ceiling():
    assert [backoff(60, n).total_seconds() for n in (1, 2, 3)] == [120, 240, 480]
    assert backoff(600, 30).total_seconds() == 6 * 3600
    assert backoff(86400, 3).total_seconds() == 86400  # never shorter than the interval
