"""`import_stories`: read every source, store every story, count and report."""

from collections.abc import Callable, Iterable
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


@dataclass
class Failure:
    origin: Origin
    message: str

    def __str__(self):
        return f"{self.origin}: {self.message}"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # "created: headline (file:line)"

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def add(self, other: "ImportReport"):
        """Fold another run's counts and messages into this one."""
        for name in ("created", "updated", "unchanged", "failed"):
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


class StopImport(Exception):
    """--fail-fast: the first failure ends the run."""


def iter_records(sources: Iterable[Source], options: ImportOptions, report: ImportReport):
    """Every record of every source; failures are counted in the report, not raised."""
    for source in sources:
        try:
            data = read_source(source, max_bytes=options.max_bytes)
            fmt = options.format
            if fmt == "feed" or (fmt == "auto" and _sniff_feed(source, data)):
                produced = records_from_feed(data, source, [])
            else:
                text, warnings = decode(data, Origin(source.name))
                fmt = detect_format(source, text) if fmt == "auto" else fmt
                if fmt == "jsonl":
                    produced = records_from_jsonl(text, source, warnings)
                elif fmt == "feed":
                    produced = records_from_feed(data, source, warnings)
                else:
                    produced = records_from_text(text, source, warnings)
            for item in produced:
                if isinstance(item, SourceError):
                    fail(report, options, item.origin, item.message)
                else:
                    yield item
        except SourceError as exc:
            fail(report, options, exc.origin, exc.message)


def _sniff_feed(source: Source, data: bytes) -> bool:
    head = data[:512].lstrip().lower()
    return source.name.lower().endswith((".xml", ".rss", ".atom", ".feed")) or head.startswith(
        (b"<?xml", b"<rss", b"<feed")
    )


def fail(report: ImportReport, options: ImportOptions, origin: Origin, message: str):
    report.failed += 1
    report.failures.append(Failure(origin, message))
    if options.fail_fast:
        raise StopImport(str(report.failures[-1]))


def import_stories(
    paths: list[str], options: ImportOptions | None = None, progress: Callable | None = None
) -> ImportReport:
    """Import every story found in `paths` (files, folders, "-", URLs). Never raises for bad
    input: failures are in the report. `progress(record)` is called after each story."""
    options = options or ImportOptions()
    report = ImportReport()
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
            for record in iter_records(discover(paths), options, report):
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
    report.warnings.extend(record.warnings)
    if isinstance(outcome, Exception):
        fail(report, options, record.origin, f"not stored: {outcome}")
        return
    report.count(outcome)
    if outcome in (CREATED, UPDATED) and options.keep_changes:
        report.changes.append(f"{outcome}: {record.headline} ({record.origin})")
