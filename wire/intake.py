"""Items from a source into stories, through the importer's one write path.

Feed bytes are read into records by `articles.importers.sources.records_from_feed` (the same
reader as `import_articles URL`, so a story keyed by a feed here is the same story there) and
stored by `articles.importers.writer.StoryWriter.save`. This module adds only what the wire
desk needs around that: the source's defaults, where each story arrived from (`Arrival`), and
one story for the same release arriving through two sources.
"""

import datetime as dt
import difflib
import time
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from articles.importers.records import EntityRef, SourceError, StoryRecord
from articles.importers.sources import Source as ImportSource
from articles.importers.sources import records_from_feed
from articles.importers.writer import CREATED, STORE_ERRORS, UNCHANGED, StoryWriter, WriterOptions
from articles.models import Article
from articles.sanitize import strip_tags
from newsroom.text import fold_key_text

from .models import Arrival, IntakeLock, Source

DUPLICATE = "duplicate"  # the release had come in through another source: noted, not stored
# Near-identical: headline and opening alike at least this much (difflib's ratio), among the
# stories that arrived within the window.
TWIN_RATIO = 0.9
TWIN_WINDOW = dt.timedelta(days=3)
TWIN_CANDIDATES = 500
OPENING_CHARS = 400
MIN_OPENING_CHARS = 80
# Seconds a StoryWriter (the register, read once) serves before it is read again.
REGISTER_MAX_AGE = 600


@dataclass
class Tally:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicate: int = 0
    failed: int = 0
    warnings: int = 0

    def add(self, outcome: str):
        name = {CREATED: "new", DUPLICATE: "duplicate"}.get(outcome, outcome)
        setattr(self, name, getattr(self, name) + 1)

    def __str__(self):
        text = f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged"
        if self.duplicate:
            text += f", {self.duplicate} already in from another source"
        if self.failed:
            text += f", {self.failed} failed"
        return text


def read_items(source: Source, data: bytes) -> list[StoryRecord | SourceError]:
    """The feed's entries as records, and errors for entries that cannot be read. Raises
    SourceError for what is not a feed at all."""
    return list(records_from_feed(data, ImportSource(source.feed_url, "url"), []))


class Intake:
    """Stores items of sources, one story per transaction. The register is read (a
    `StoryWriter`) only when an item has something to write."""

    def __init__(self):
        self._writers: dict[str, StoryWriter] = {}
        self._built = time.monotonic()

    def writer_for(self, source: Source) -> StoryWriter:
        if time.monotonic() - self._built > REGISTER_MAX_AGE:
            # `ingest --watch` runs for weeks: entries editors add reach the tagger.
            self._writers.clear()
            self._built = time.monotonic()
        mode = source.autotag
        if mode not in self._writers:
            self._writers[mode] = StoryWriter(WriterOptions(autotag=mode))
        writer = self._writers[mode]
        writer.options = WriterOptions(
            default_status=source.status_for_new_stories,
            default_section=source.section.name if source.section_id else "",
            autotag=mode,
            may_publish=source.trusted,
            publication=source.publication,
        )
        return writer

    def take(self, source: Source, record: StoryRecord) -> str:
        """Store one item: created, updated, unchanged or duplicate. Raises STORE_ERRORS."""
        record.status = ""  # the source decides, not the feed
        record.section = ""
        if source.publisher_id:
            publisher = source.publisher
            record.organizations.append(EntityRef(name=publisher.name, slug=publisher.slug))
        if self._seen_unchanged(source, record):
            return UNCHANGED
        try:
            with transaction.atomic():
                IntakeLock.take()  # one wire story at a time, across processes
                return self._take(source, record)
        except BaseException:
            self._writers.clear()  # entries it remembers may have been rolled back
            raise

    def _seen_unchanged(self, source: Source, record: StoryRecord) -> bool:
        """Seen before and nothing to write: no lock, no register."""
        arrival = (
            Arrival.objects.filter(source=source, item_key=record.key)
            .values_list("duplicate", "story_id", "story__import_hash")
            .first()
        )
        if arrival is None:
            return False
        duplicate, story_id, stored = arrival
        # A duplicate, or a story an editor deleted (it stays deleted), or nothing new.
        return duplicate or story_id is None or stored == record.fingerprint()

    def _take(self, source: Source, record: StoryRecord) -> str:
        arrival = Arrival.objects.filter(source=source, item_key=record.key).first()
        if arrival is not None:
            if arrival.duplicate or arrival.story_id is None:
                return UNCHANGED
            return self.writer_for(source).save(record)
        if not Article.objects.filter(external_key=record.key).exists():
            twin = find_twin(record, source)
            if twin is not None:
                Arrival.objects.create(
                    story=twin,
                    source=source,
                    item_key=record.key,
                    link=record.source_url,
                    duplicate=True,
                )
                return DUPLICATE
        outcome = self.writer_for(source).save(record)
        story = Article.objects.only("pk").get(external_key=record.key)
        Arrival.objects.create(
            story=story, source=source, item_key=record.key, link=record.source_url
        )
        return outcome


def find_twin(record: StoryRecord, source: Source) -> Article | None:
    """A story that came in through another source carrying the same release: the same link,
    or a near-identical headline and opening, among the stories of the last few days on the
    source's publication (another publication's desk takes the release in on its own)."""
    if record.source_url:
        same_link = (
            Arrival.objects.filter(
                link=record.source_url,
                story__isnull=False,
                story__publication_id=source.publication_id,
            )
            .exclude(source=source)
            .select_related("story")
            .first()
        )
        if same_link is not None:
            return same_link.story
    headline = fold_key_text(record.headline)
    opening = _opening(record.body)
    recent = (
        Article.objects.filter(
            publication_id=source.publication_id,
            arrivals__seen_at__gte=timezone.now() - TWIN_WINDOW,
            arrivals__duplicate=False,
        )
        .exclude(arrivals__source=source)
        .only("pk", "headline", "body")
        .order_by("-pk")
        .distinct()[:TWIN_CANDIDATES]
    )
    for story in recent:
        if _alike(headline, fold_key_text(story.headline)) and _alike(
            opening, _opening(story.body)
        ):
            return story
    return None


def _opening(html: str) -> str:
    """The lede: the first paragraph (with the next when the first is only a dateline or a
    line of boilerplate), folded, at most OPENING_CHARS."""
    opening = ""
    for paragraph in strip_tags(html).split("\n\n"):
        opening = f"{opening} {paragraph}".strip()
        if len(opening) >= MIN_OPENING_CHARS:
            break
    return fold_key_text(opening[:OPENING_CHARS])


def _alike(a: str, b: str) -> bool:
    if a == b:
        return True
    if not a or not b:
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.quick_ratio() >= TWIN_RATIO and matcher.ratio() >= TWIN_RATIO


__all__ = ["DUPLICATE", "STORE_ERRORS", "Intake", "Tally", "find_twin", "read_items"]
