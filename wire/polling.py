"""Polling wire sources: `manage.py ingest` is a thin command over `Poller`.

- Each due source is *claimed* first with one atomic UPDATE (`… WHERE claimed_until < now`),
  the same statement on PostgreSQL and SQLite: two pollers never fetch the same source at
  once. Items are stored one story per transaction behind the intake lock (`intake.py`), so
  even two pollers holding the same source could not import an item twice.
- Fetches run in a small pool of threads with a per-source deadline, a size limit and a
  bounded number of redirects; they never touch the database. Results are written by the
  main thread as they come in, so a source that hangs or answers garbage never delays the
  others.
- Conditional GET (ETag, Last-Modified); a failing source waits twice as long after each
  failure in a row (`backoff`), up to `MAX_BACKOFF`.
- `stop()` (the command calls it on SIGTERM and Ctrl-C) lets the story in hand finish; the
  source whose feed was cut short is polled again in full next time.
"""

import datetime as dt
import http.client
import os
import socket
import threading
import time
import urllib.error
import urllib.request
import uuid
import zlib
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.db import close_old_connections
from django.db.models import F
from django.utils import timezone

from articles.importers.records import SourceError, StoryRecord

from .intake import STORE_ERRORS, Intake, Tally, read_items
from .models import Source

USER_AGENT = "Newsroom wire desk (+https://github.com/)"
MAX_BACKOFF = dt.timedelta(hours=6)


@dataclass
class PollSettings:
    timeout: float = 20.0  # seconds for one source's whole answer
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    workers: int = 8  # fetches at once
    tick: float = 5.0  # seconds between looks for due sources (--watch)

    @property
    def lease(self) -> dt.timedelta:
        """How long a claim holds: the fetch, and time to write what it brought."""
        return dt.timedelta(seconds=2 * self.timeout + 600)


@dataclass
class FetchResult:
    status: int | None = None  # None: no HTTP answer (timeout, refused, too many redirects)
    data: bytes = b""
    etag: str = ""
    last_modified: str = ""
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


@dataclass
class Outcome:
    """What polling one source did, for the command's lines and the tests."""

    source: Source
    status: int | None
    tally: Tally = field(default_factory=Tally)
    error: str = ""
    interrupted: bool = False

    @property
    def ok(self) -> bool:
        return not self.error and not self.interrupted

    def __str__(self):
        answer = f"HTTP {self.status}" if self.status else "no answer"
        if self.error:
            return f"{self.source.name}: failed ({answer}): {self.error}"
        if self.status == 304:
            return f"{self.source.name}: not modified (HTTP 304)"
        text = f"{self.source.name}: {answer}, {self.tally}"
        return text + (" (stopped; polled again next time)" if self.interrupted else "")


# --- fetching (worker threads; no database) ---------------------------------------------------


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most `limit` redirects, and only to web addresses."""

    def __init__(self, limit: int):
        super().__init__()
        self.max_redirections = limit
        self.max_repeats = min(self.max_repeats, limit)

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, "redirect to a non-web address", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(
    url: str, *, etag: str = "", last_modified: str = "", settings: PollSettings | None = None
) -> FetchResult:
    """GET a feed within the settings' limits. Never raises: problems are in `error`."""
    settings = settings or PollSettings()
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "application/rss+xml, application/atom+xml, "
        "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
        "Accept-Encoding": "gzip",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    opener = urllib.request.build_opener(_Redirects(settings.max_redirects))
    deadline = time.monotonic() + settings.timeout
    try:
        request = urllib.request.Request(url, headers=headers)
        with opener.open(request, timeout=settings.timeout) as response:
            return _read(response, deadline, settings)
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return FetchResult(status=304)
        reason = f"HTTP {exc.code}"
        if 300 <= exc.code < 400:
            location = exc.headers.get("Location", "") if exc.headers else ""
            scheme = urlsplit(urljoin(exc.filename or url, location)).scheme.lower()
            if not location:
                reason = f"HTTP {exc.code} without a Location"
            elif scheme not in ("http", "https"):
                reason = f"redirected to a non-web address ({location[:200]})"
            else:
                reason = f"more than {settings.max_redirects} redirects, or a redirect loop"
        return FetchResult(status=exc.code, error=str(reason))
    except TimeoutError:
        return FetchResult(error=f"no answer within {settings.timeout:g} seconds")
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            return FetchResult(error=f"no answer within {settings.timeout:g} seconds")
        return FetchResult(error=f"cannot reach: {reason}")
    except ConnectionError as exc:
        return FetchResult(error=f"cannot reach: {exc}")
    except (OSError, http.client.HTTPException, ValueError) as exc:
        return FetchResult(error=f"cannot read: {exc or type(exc).__name__}")


def _read(response, deadline: float, settings: PollSettings) -> FetchResult:
    status = response.status
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > settings.max_bytes:
        return FetchResult(status=status, error=f"answer larger than {settings.max_bytes:,} bytes")
    gzipped = response.headers.get("Content-Encoding", "").strip().lower() in ("gzip", "x-gzip")
    # The limit is on what the feed is, not on its compressed size (a gzip bomb stops here).
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if gzipped else None
    chunks, size = [], 0
    while True:
        if time.monotonic() > deadline:
            return FetchResult(
                status=status, error=f"answer not complete within {settings.timeout:g} seconds"
            )
        chunk = response.read1(64 * 1024)
        if not chunk:
            break
        if inflate is not None:
            try:
                chunk = inflate.decompress(chunk, settings.max_bytes + 1 - size)
            except zlib.error as exc:
                return FetchResult(status=status, error=f"answer is not valid gzip: {exc}")
        size += len(chunk)
        if size > settings.max_bytes:
            return FetchResult(
                status=status, error=f"answer larger than {settings.max_bytes:,} bytes"
            )
        chunks.append(chunk)
    if inflate is not None:
        chunks.append(inflate.flush())
        if not inflate.eof:
            return FetchResult(status=status, error="answer is cut short (incomplete gzip)")
    data = b"".join(chunks)
    if not data.strip():
        return FetchResult(status=status, error="empty answer")
    return FetchResult(
        status=status,
        data=data,
        etag=response.headers.get("ETag", "")[:500],
        last_modified=response.headers.get("Last-Modified", "")[:100],
    )


def backoff(interval_seconds: int, failures: int) -> dt.timedelta:
    """The wait before polling a source again after `failures` failures in a row: its
    interval, doubled for each failure, at most MAX_BACKOFF (or the interval, if longer)."""
    delay = dt.timedelta(seconds=interval_seconds * 2 ** min(failures, 20))
    return min(delay, max(MAX_BACKOFF, dt.timedelta(seconds=interval_seconds)))


# --- the poller (main thread: claims and writes) ------------------------------------------------


class Poller:
    def __init__(
        self,
        settings: PollSettings | None = None,
        *,
        on_outcome: Callable[[Outcome], None] | None = None,
        on_message: Callable[[str, str], None] | None = None,
    ):
        self.settings = settings or PollSettings()
        self.on_outcome = on_outcome or (lambda outcome: None)
        self.on_message = on_message or (lambda kind, message: None)
        self.token = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.intake = Intake()
        self._stop = threading.Event()

    def stop(self):
        """Finish the story in hand, then stop (safe to call from a signal handler)."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def run_once(self) -> list[Outcome]:
        """Poll every source that is due now, once each."""
        return self.run(once=True)

    def watch(self, *, max_seconds: float | None = None, max_cycles: int | None = None):
        """Poll sources as they fall due until stopped (or the limits, for tests)."""
        return self.run(once=False, max_seconds=max_seconds, max_cycles=max_cycles)

    def run(self, *, once: bool, max_seconds=None, max_cycles=None) -> list[Outcome]:
        settings = self.settings
        started = time.monotonic()
        outcomes: list[Outcome] = []
        inflight: dict[Future, Source] = {}
        polled: set[int] = set()
        cycles, exhausted = 0, False
        pool = ThreadPoolExecutor(max(1, settings.workers), thread_name_prefix="wire-fetch")
        try:
            while not self.stopping:
                if not once:
                    close_old_connections()  # a database restarted during a long watch
                elapsed = time.monotonic() - started
                if max_seconds is not None and elapsed >= max_seconds:
                    break
                claiming = not exhausted and (max_cycles is None or cycles < max_cycles)
                if claiming:
                    free = settings.workers - len(inflight)
                    busy = polled if once else {s.pk for s in inflight.values()}
                    claimed = self.claim_due(free, exclude=busy) if free > 0 else []
                    for source in claimed:
                        polled.add(source.pk)
                        future = pool.submit(
                            fetch,
                            source.feed_url,
                            etag=source.etag,
                            last_modified=source.last_modified,
                            settings=settings,
                        )
                        inflight[future] = source
                    if once and free > 0 and not claimed:
                        exhausted = True
                    cycles += 1
                if not inflight:
                    if once and exhausted or max_cycles is not None and cycles >= max_cycles:
                        break
                    pause = settings.tick
                    if max_seconds is not None:
                        pause = min(pause, max(0.0, max_seconds - elapsed))
                    self._stop.wait(pause)
                    continue
                pause = 0.5 if once else settings.tick
                if max_seconds is not None:
                    pause = min(pause, max(0.0, max_seconds - elapsed))
                done, _ = wait(list(inflight), timeout=pause, return_when=FIRST_COMPLETED)
                for future in done:
                    source = inflight.pop(future)
                    if self.stopping:
                        self.release(source)
                        continue
                    outcome = self.finish(source, future.result())
                    outcomes.append(outcome)
                    self.on_outcome(outcome)
        finally:
            for source in inflight.values():
                self.release(source)  # fetched or not, due again at the next run
            pool.shutdown(wait=False, cancel_futures=True)
        return outcomes

    # --- claims ---------------------------------------------------------------------------

    def claim_due(self, limit: int | None = None, exclude=()) -> list[Source]:
        """Sources due now that this poller could claim (at most `limit`). Each claim is one
        UPDATE whose WHERE repeats the due test: of two pollers, one gets the source."""
        now = timezone.now()
        candidates = (
            Source.objects.due(now)
            .exclude(pk__in=list(exclude))
            .order_by(F("next_poll_at").asc(nulls_first=True), "pk")
            .values_list("pk", flat=True)
        )
        claimed = []
        for pk in candidates[:limit] if limit else candidates:
            taken = (
                Source.objects.due(now)
                .filter(pk=pk)
                .update(claimed_until=now + self.settings.lease, claimed_by=self.token)
            )
            if taken:
                claimed.append(pk)
        return list(
            Source.objects.select_related("publisher", "section", "publication").filter(
                pk__in=claimed
            )
        )

    def release(self, source: Source):
        Source.objects.filter(pk=source.pk, claimed_by=self.token).update(
            claimed_until=None, claimed_by=""
        )

    # --- writing what a fetch brought -------------------------------------------------------

    def finish(self, source: Source, result: FetchResult) -> Outcome:
        outcome = Outcome(source=source, status=result.status, error=result.error)
        if result.ok and result.status != 304:
            try:
                items = read_items(source, result.data)
            except SourceError as exc:
                outcome.error = exc.message
            else:
                self._store(source, items, outcome)
        self._record_health(source, result, outcome)
        return outcome

    def _store(self, source: Source, items, outcome: Outcome):
        tally = outcome.tally
        for item in items:
            if self.stopping:
                outcome.interrupted = True
                return
            if isinstance(item, SourceError):
                tally.failed += 1
                self.on_message("error", f"{source.name}: {item.message}")
                continue
            try:
                tally.add(self.intake.take(source, item))
            except STORE_ERRORS as exc:
                tally.failed += 1
                self.on_message("error", f"{source.name}: {_title(item)}: not stored: {exc}")
                continue
            for warning in item.warnings:
                tally.warnings += 1
                self.on_message("warning", warning)

    def _record_health(self, source: Source, result: FetchResult, outcome: Outcome):
        now = timezone.now()
        fields = {
            "last_fetch_at": now,
            "last_status": result.status,
            "claimed_until": None,
            "claimed_by": "",
        }
        if outcome.error:
            failures = source.consecutive_failures + 1
            fields |= {
                "consecutive_failures": failures,
                "last_error": outcome.error[:2000],
                "next_poll_at": now + backoff(source.interval_seconds, failures),
                "last_new": 0,
                "last_updated": 0,
                "last_unchanged": 0,
            }
        else:
            tally = outcome.tally
            fields |= {
                "last_success_at": now,
                "consecutive_failures": 0,
                "last_error": (
                    f"{tally.failed} item(s) could not be stored; see the poller's log"
                    if tally.failed
                    else ""
                ),
                "next_poll_at": (
                    now
                    if outcome.interrupted
                    else now + dt.timedelta(seconds=source.interval_seconds)
                ),
                "last_new": tally.new,
                "last_updated": tally.updated,
                "last_unchanged": tally.unchanged + tally.duplicate,
            }
            # Keep the validators only when everything was stored: otherwise the next poll
            # fetches the whole feed again and retries what failed.
            if result.status != 304:
                complete = not outcome.interrupted and not tally.failed
                fields["etag"] = result.etag if complete else ""
                fields["last_modified"] = result.last_modified if complete else ""
        Source.objects.filter(pk=source.pk).update(**fields)
        for name, value in fields.items():
            setattr(source, name, value)


def _title(item: StoryRecord) -> str:
    return item.headline[:80]
