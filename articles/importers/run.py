"""`import_stories`: read every source, store every story, count and report."""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection

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
    # WordPress exports: import pages as stories too (--wxr-pages).
    wxr_pages: bool = False


class UnknownSite(ValueError):
    """`--site` names no publication."""


def publication_for(domain: str | None):
    """The publication an import writes to: the one answering for `domain` (its domain or an
    alias), or the default publication when none is given. Raises UnknownSite, naming the
    domains there are."""
    from publications.hosts import host_map

    hosts = host_map()
    if not domain:
        return hosts.default
    found = hosts.by_host.get(domain.strip().lower().rstrip("."))
    if found is None:
        known = ", ".join(sorted(p.domain for p in hosts.all()))
        raise UnknownSite(f"No publication answers for {domain!r}. Known domains: {known}.")
    return found


class StopImport(Exception):
    """--fail-fast: the first failure ends the run."""


def iter_records(sources: Iterable[Source], options: ImportOptions, report: ImportReport):
    """Every record of every source, in order; failures are counted in the report, not
    raised."""
    for source in sources:
        for item in read_records(source, options):
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
