"""`import_stories`: read every source, store every story, count and report."""

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from itertools import chain, islice

from django.db import connection, connections

from newsroom.page_cache import batched_invalidation

from .records import Origin, SourceError, StoryRecord
from .sources import (
    DEFAULT_MAX_BYTES,
    Source,
    decode,
    detect_format,
    discover,
    read_source,
    records_from_feed,
    records_from_jsonl,
    records_from_text,
)
from .writer import CREATED, STORE_ERRORS, UPDATED, StoryWriter, WriterOptions
from .wxr import is_wxr, records_from_wxr


@dataclass
class Failure:
    origin: Origin
    message: str

    def __str__(self):
        return f"{self.origin}: {self.message}"


@dataclass
class ImportReport:
    """Counts of a run, and its messages.

    With a `listener`, warnings and failures are handed to it as they happen ("warning" or
    "error", the message) and not kept: a run of any size then holds only its counts. Without
    one they are kept in `warnings` and `failures`.
    """

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    warned: int = 0
    failures: list[Failure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # "created: headline (file:line)"
    listener: Callable[[str, str], None] | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def warn(self, messages: Iterable[str]):
        for message in messages:
            self.warned += 1
            if self.listener:
                self.listener("warning", message)
            else:
                self.warnings.append(message)

    def add_failure(self, failure: Failure):
        self.failed += 1
        if self.listener:
            self.listener("error", str(failure))
        else:
            self.failures.append(failure)

    def add(self, other: "ImportReport"):
        """Fold another run's counts and messages into this one."""
        for name in ("created", "updated", "unchanged", "failed", "warned"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.failures += other.failures
        self.warnings += other.warnings
        self.changes += other.changes

    def count(self, outcome: str):
        setattr(self, outcome, getattr(self, outcome) + 1)

    def summary(self) -> str:
        return (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.failed} failed"
        )


@dataclass
class ImportOptions:
    format: str = "auto"
    dry_run: bool = False
    fail_fast: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    writer: WriterOptions = field(default_factory=WriterOptions)
    # New stories are written this many at a time (see StoryWriter.save_batch).
    batch_size: int = 200
    # Keep a line per created or updated story in the report (for --dry-run and -v 2); off,
    # a run of any size holds only its counts, warnings and failures.
    keep_changes: bool = True
    # Processes that read and parse story dumps while this one writes (0: parse here too).
    # Used when a run has more than PARALLEL_AFTER files, where fork is available.
    parse_workers: int = field(default_factory=lambda: default_parse_workers())
    # WordPress exports: import pages as stories too (--wxr-pages).
    wxr_pages: bool = False


class StopImport(Exception):
    """--fail-fast: the first failure ends the run."""


def iter_records(sources: Iterable[Source], options: ImportOptions, report: ImportReport):
    """Every record of every source, in order; failures are counted in the report, not
    raised."""
    for item in _items(sources, options):
        if isinstance(item, SourceError):
            fail(report, options, item.origin, item.message)
        else:
            yield item


def read_records(source: Source, options: ImportOptions) -> Iterator[StoryRecord | SourceError]:
    """What one source holds, in order: records, and errors for what cannot be read."""
    try:
        fmt, data, text, warnings = _read(source, options)
        if fmt == "wxr":
            yield from _wxr_records(data, source, warnings, options)
        elif fmt == "feed":
            yield from records_from_feed(data, source, warnings)
        elif fmt == "jsonl":
            yield from records_from_jsonl(text, source, warnings)
        else:
            yield from records_from_text(text, source, warnings)
    except SourceError as exc:
        yield exc


def _read(source: Source, options: ImportOptions) -> tuple[str, bytes, str | None, list[str]]:
    """(format, bytes, text, decoding warnings) of one source; a feed is left undecoded
    (feedparser reads its own encoding) when its name or first bytes say what it is."""
    data = read_source(source, max_bytes=options.max_bytes)
    fmt = options.format
    if fmt == "wxr" or (fmt == "auto" and is_wxr(data)):  # before feeds: WXR is RSS too
        return "wxr", data, None, []
    if fmt == "feed" or (fmt == "auto" and _sniff_feed(source, data)):
        return "feed", data, None, []
    text, warnings = decode(data, Origin(source.name))
    return (detect_format(source, text) if fmt == "auto" else fmt), data, text, warnings


def _wxr_records(data: bytes, source: Source, warnings: list[str], options: ImportOptions):
    return records_from_wxr(
        data,
        source,
        warnings,
        pages=options.wxr_pages,
        media_dirs=options.writer.media_dirs,
        store_media=not options.dry_run,
    )


def _items(sources: Iterable[Source], options: ImportOptions):
    sources = iter(sources)
    head = list(islice(sources, PARALLEL_AFTER))
    if options.parse_workers < 1 or len(head) < PARALLEL_AFTER or not _can_fork():
        for source in chain(head, sources):
            yield from read_records(source, options)
        return
    yield from _items_from_workers(chain(head, sources), options)


# --- parsing beside writing ---------------------------------------------------------------------

# Below this many files a run parses in its own process (starting workers costs more).
PARALLEL_AFTER = 64
# Files handed to a worker at a time, and chunks waiting at most: enough to keep the writer
# busy, few enough that memory does not grow with the size of the run.
CHUNK_FILES = 50
CHUNKS_AHEAD = 4


def default_parse_workers() -> int:
    """One parsing process beside the writing one on a machine with two cores or more."""
    return 1 if (os.cpu_count() or 1) >= 2 else 0


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _items_from_workers(sources: Iterator[Source], options: ImportOptions):
    """Story dumps read and parsed in worker processes, a few chunks ahead of the writer, and
    yielded in the order of the sources. Standard input, URLs, JSON Lines and feeds are read
    here: they stream record by record, and a worker would hand them over whole."""
    chunks = _chunks(sources, CHUNK_FILES)
    pending = deque()
    # fork: the workers share this process's settings and code; they touch no database.
    pool = ProcessPoolExecutor(
        options.parse_workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )

    def submit() -> bool:
        chunk = next(chunks, None)
        if chunk is None:
            return False
        pending.append((chunk, pool.submit(_parse_chunk, chunk, options)))
        return True

    try:
        for _ in range(CHUNKS_AHEAD):
            if not submit():
                break
        while pending:
            chunk, future = pending.popleft()
            try:
                parsed = future.result()
            except BrokenProcessPool:
                # A worker died (killed, out of memory): what it had not handed over is read
                # here, and so is the rest of the run.
                for source in chain(chunk, *(c for c, _ in pending), chain.from_iterable(chunks)):
                    yield from read_records(source, options)
                return
            submit()
            for source, items in zip(chunk, parsed, strict=True):
                if items is None:
                    yield from read_records(source, options)
                else:
                    yield from items
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _start_worker(writer_pid: int):
    """Set up a parsing process forked from the writer.

    - It lets go of the writer's database connections: the forked copy of a socket would keep
      the writer's session, and any transaction it had open, alive on the server after the
      writer died. Only the descriptor is closed; nothing is sent on the connection, which
      stays the writer's.
    - It ends when the writer ends, however the writer ended (Linux), instead of waiting
      forever for work.
    - Ctrl-C reaches every process of the terminal: the writer stops the run and rolls back
      its batch; a worker printing its own traceback would only add noise.
    """
    for wrapper in connections.all(initialized_only=True):
        database = wrapper.connection
        if database is not None and hasattr(database, "fileno"):  # PostgreSQL
            # /dev/null in the socket's place: the number stays taken, so nothing else this
            # process opens can be reached through the stale connection object.
            with suppress(OSError):
                null = os.open(os.devnull, os.O_RDWR)
                os.dup2(null, database.fileno())
                os.close(null)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux
        pass
    if os.getppid() != writer_pid:  # the writer ended before the line above
        os._exit(1)


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(items, size)):
        yield chunk


def _parse_chunk(sources: list[Source], options: ImportOptions) -> list:
    """In a worker: each story dump's records and errors; None for what the writer reads."""
    results = []
    for source in sources:
        if source.kind != "path" or options.format not in ("auto", "text"):
            results.append(None)
            continue
        try:
            fmt, _, text, warnings = _read(source, options)
            if fmt != "text":
                results.append(None)
                continue
            records = list(records_from_text(text, source, warnings))
            for record in records:
                record.fingerprint()  # worked out here, kept on the record for the writer
            results.append(records)
        except SourceError as exc:
            results.append([exc])
        except Exception:  # a parser bug: the writer reads the file again
            results.append(None)  # and meets it as a run without workers would
    return results


def _sniff_feed(source: Source, data: bytes) -> bool:
    head = data[:512].lstrip().lower()
    return source.name.lower().endswith((".xml", ".rss", ".atom", ".feed")) or head.startswith(
        (b"<?xml", b"<rss", b"<feed")
    )


def fail(report: ImportReport, options: ImportOptions, origin: Origin, message: str):
    failure = Failure(origin, message)
    report.add_failure(failure)
    if options.fail_fast:
        raise StopImport(str(failure))


def import_stories(
    paths: list[str],
    options: ImportOptions | None = None,
    progress: Callable | None = None,
    listener: Callable[[str, str], None] | None = None,
) -> ImportReport:
    """Import every story found in `paths` (files, folders, "-", URLs). Never raises for bad
    input: failures are in the report. `progress(record)` is called after each story;
    `listener(kind, message)`, when given, receives warnings and failures as they happen
    (see ImportReport)."""
    options = options or ImportOptions()
    report = ImportReport(listener=listener)
    writer = StoryWriter(options.writer)
    batch: list[StoryRecord] = []
    size = 1 if options.fail_fast else max(1, options.batch_size)

    def flush():
        for record, outcome in writer.save_batch(batch):
            _count(record, outcome, options, report)
            if progress:
                progress(record)
        batch.clear()

    with relaxed_commit_flush(), batched_invalidation():
        try:
            sources = discover(paths, fmt=options.format, on_skip=lambda m: report.warn([m]))
            for record in iter_records(sources, options, report):
                if options.dry_run:
                    _count(record, _plan(writer, record), options, report)
                    if progress:
                        progress(record)
                    continue
                batch.append(record)
                if len(batch) >= size:
                    flush()
            flush()
        except StopImport:
            pass
    if not options.dry_run and report.created + report.updated >= ANALYZE_AFTER:
        refresh_planner_statistics()
    return report


# After this many new or changed stories, PostgreSQL's statistics are refreshed at once rather
# than whenever autovacuum comes by: until then the planner takes the tables for as small as
# they were, and picks plans that are slow at the new size (seconds for a sitemap, measured).
ANALYZE_AFTER = 1000
ANALYZED_TABLES = [
    "articles_article",
    "articles_articleorganization",
    "articles_articleperson",
    "taggit_taggeditem",
    "taggit_tag",
    "organizations_organization",
    "people_person",
]


def refresh_planner_statistics():
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(ANALYZED_TABLES)}")


@contextmanager
def relaxed_commit_flush():
    """On PostgreSQL, commit each story without waiting for its WAL flush.

    Every story is still its own transaction, atomic and consistent; a crash of the database
    server may lose the last fraction of a second of commits, which the next (idempotent) run
    imports again. Waiting for a disk flush per story would otherwise cap an import at the
    disk's fsync rate.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def _plan(writer: StoryWriter, record: StoryRecord):
    try:
        return writer.plan(record)
    except STORE_ERRORS as exc:
        return exc


def _count(record: StoryRecord, outcome, options: ImportOptions, report: ImportReport):
    report.warn(record.warnings)
    if isinstance(outcome, Exception):
        fail(report, options, record.origin, f"not stored: {outcome}")
        return
    report.count(outcome)
    if outcome in (CREATED, UPDATED) and options.keep_changes:
        report.changes.append(f"{outcome}: {record.headline} ({record.origin})")
