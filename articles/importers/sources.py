"""Reading sources: files, folders, stdin and feed URLs become `StoryRecord`s.

Nothing here touches the database. Every problem becomes a `SourceError` naming the file and,
where there is one, the line.
"""

import codecs
import datetime as dt
import json
import os
import re
import sys
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from articles.models import Article
from articles.text_clean import clean_line, remove_control_characters, remove_email_addresses
from newsroom.text import fold_key_text

from .records import EntityRef, ImageRecord, Origin, SourceError, StoryRecord, content_key

TEXT_SUFFIXES = {".txt", ".text", ".dump"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".xml", ".rss", ".atom", ".feed"}
SIDECAR_SUFFIX = ".meta.json"
IMAGE_SUFFIXES = {".webp", ".jpg", ".jpeg", ".png", ".gif", ".avif"}
FORMATS = ("auto", "text", "jsonl", "feed", "wxr")  # wxr: WordPress exports (wxr.py)
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
FEED_TIMEOUT_SECONDS = 30

STDIN = "-"


@dataclass
class Source:
    """One thing to read: a path, a URL, or standard input."""

    name: str  # as given, or the file's path
    kind: str  # "path" | "url" | "stdin"


# What a folder read with --format auto holds that is a story: these, and files with no
# extension (told apart by their content). Everything else in a folder (code, web pages,
# images, documents) is skipped and counted.
STORY_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES


def discover(
    arguments: list[str], *, fmt: str = "auto", on_skip: Callable[[str], None] | None = None
) -> Iterator[Source]:
    """Files as given, folders recursively (sorted, hidden files, sidecars and images
    skipped). With `fmt` "auto", a folder's files that are not stories by their extension are
    skipped too, and `on_skip` is told how many, once per folder."""
    for argument in arguments:
        if argument == STDIN:
            yield Source(STDIN, "stdin")
        elif re.match(r"^https?://", argument, re.IGNORECASE):
            yield Source(argument, "url")
        elif os.path.isdir(argument):
            skipped: dict[str, int] = {}
            for root, dirs, files in os.walk(argument):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or name.endswith(SIDECAR_SUFFIX):
                        continue
                    suffix = Path(name).suffix.lower()
                    if suffix in IMAGE_SUFFIXES:
                        continue
                    if fmt == "auto" and suffix and suffix not in STORY_SUFFIXES:
                        skipped[suffix] = skipped.get(suffix, 0) + 1
                        continue
                    yield Source(os.path.join(root, name), "path")
            if skipped and on_skip:
                count = sum(skipped.values())
                kinds = ", ".join(f"{n} {suffix}" for suffix, n in sorted(skipped.items()))
                on_skip(
                    f"{argument}: skipped {count} file{'s' if count != 1 else ''} that "
                    f"{'are' if count != 1 else 'is'} not stories ({kinds})"
                )
        else:
            yield Source(argument, "path")


def read_source(source: Source, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    origin = Origin(source.name)
    try:
        if source.kind == "stdin":
            data = sys.stdin.buffer.read(max_bytes + 1)
        elif source.kind == "url":
            request = urllib.request.Request(source.name, headers={"User-Agent": "Newsroom"})
            with urllib.request.urlopen(request, timeout=FEED_TIMEOUT_SECONDS) as response:
                data = response.read(max_bytes + 1)
        else:
            with open(source.name, "rb") as handle:
                data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise SourceError(origin, f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise SourceError(origin, f"file is larger than {max_bytes:,} bytes; not imported")
    return data


_MOJIBAKE = re.compile(
    "[\u00c2\u00c3][\u0080-\u00bf]|\u00e2\u20ac[\u0099\u009c\u009d\u201c\u201d\u2122\u0153\u02dc\u00a6\u201a\u2013\u2014]"
)


def decode(data: bytes, origin: Origin) -> tuple[str, list[str]]:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with its BOM, else cp1252 or
    Latin-1 with a warning.

    Empty and binary input are errors. Text that was UTF-8 read as cp1252 and saved again
    (mojibake: “â€™” for “’”) is repaired, with a warning.
    """
    if not data.strip():
        raise SourceError(origin, "file is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Notepad's "Unicode": UTF-16 with its byte-order mark, no binary file.
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise SourceError(origin, "file starts as UTF-16 but is not; not imported") from exc
        warnings = [f"{origin.path}: decoded as UTF-16 (its byte-order mark says so)"]
        return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"), warnings
    if b"\x00" in data[:8192] or _looks_binary(data[:8192]):
        raise SourceError(origin, "file is binary, not text; not imported")
    warnings = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        try:
            text = data.decode("cp1252")
            warnings.append(f"{origin.path}:{line}: not UTF-8; decoded as Windows-1252 (cp1252)")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            warnings.append(f"{origin.path}:{line}: not UTF-8; decoded as Latin-1")
    if _MOJIBAKE.search(text):
        try:
            repaired = text.encode("cp1252").decode("utf-8")
        except UnicodeError:
            repaired = None
        if repaired is not None:
            text = repaired
            warnings.append(f"{origin.path}: repaired double-encoded UTF-8 (mojibake)")
    return text.replace("\r\n", "\n").replace("\r", "\n"), warnings


_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])


def _looks_binary(sample: bytes) -> bool:
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return control > max(8, len(sample) // 20)


def detect_format(source: Source, text: str) -> str:
    suffix = Path(source.name.split("?")[0]).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in FEED_SUFFIXES:
        return "feed"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = text.lstrip()[:500]
    if head.startswith("<?xml") or re.match(r"<(rss|feed|rdf:RDF)\b", head):
        return "feed"
    if head.startswith("{"):
        return "jsonl"
    return "text"


# --- Story dumps -------------------------------------------------------------------------------


def records_from_text(text: str, source: Source, warnings: list[str]) -> Iterator[StoryRecord]:
    from .textdump import DumpError, parse_story_dump

    origin = Origin(source.name)
    sidecar = _read_sidecar(source)
    try:
        story = parse_story_dump(
            text, filename=source.name, headline=sidecar.get("headline") or None
        )
    except DumpError as exc:
        raise SourceError(Origin(source.name, exc.line), exc.message) from exc

    origin.line = story.headline_line
    if source.kind == "stdin":
        first = story.paragraphs[0] if story.paragraphs else ""
        key = content_key("text", fold_key_text(story.headline), fold_key_text(first))
    else:
        key = content_key("text", fold_key_text(story.headline), os.path.basename(source.name))
    image = None
    if story.image:
        image = ImageRecord(
            stem=story.image.stem,
            format=story.image.format,
            alt=story.image.caption,
            caption=story.image.caption,
            credit=story.image.credit,
        )
    published_at = _parse_when(sidecar.get("published_at")) if sidecar else None
    if published_at is None and story.published_on:
        published_at = _noon(story.published_on)
    yield StoryRecord(
        key=sidecar.get("id") or sidecar.get("source_url") or key,
        source_url=sidecar.get("source_url", ""),
        headline=story.headline,
        body=story.body_html(),
        origin=origin,
        section=sidecar.get("section") or story.section,
        byline=story.byline,
        dateline=story.dateline,
        published_at=published_at,
        image=image,
        organizations=[EntityRef(name=name) for name in story.organizations],
        people=[EntityRef(name=name) for name in story.people],
        flags=list(story.flags),
        warnings=warnings + [f"{source.name}: {w}" for w in story.warnings],
        sidecar_path=source.name,
    )


def _read_sidecar(source: Source) -> dict:
    """`story.txt` may have `story.meta.json` beside it: headline (for body-only dumps),
    and optionally section, source_url, published_at."""
    if source.kind != "path":
        return {}
    path = Path(source.name)
    sidecar = path.with_name(path.stem + SIDECAR_SUFFIX)
    if not sidecar.exists():
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SourceError(Origin(str(sidecar)), f"unreadable sidecar: {exc}") from exc
    if not isinstance(data, dict):
        raise SourceError(Origin(str(sidecar)), "sidecar must be a JSON object")
    values = {k: v for k, v in data.items() if isinstance(v, str)}
    for name, limit in SIDECAR_LIMITS.items():
        if len(values.get(name, "")) > limit:
            raise SourceError(Origin(str(sidecar)), f"{name} is longer than {limit} characters")
    return values


# The longest sidecar values the story's fields hold (Article.external_key, source_url, …).
SIDECAR_LIMITS = {"id": 255, "source_url": 1000, "headline": 300, "section": 100}


def _noon(day: dt.date) -> dt.datetime:
    """A date without a time is taken as noon in the newsroom's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


def _parse_when(value) -> dt.datetime | None:
    if not value:
        return None
    if isinstance(value, str) and (day := parse_date(value.strip())) is not None:
        return _noon(day)  # a date alone, as a dump's dateline gives it
    parsed = parse_datetime(value) if isinstance(value, str) else None
    if parsed is None:
        raise ValueError(f"published_at {value!r} is not an ISO 8601 date and time")
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


# --- JSON Lines ----------------------------------------------------------------------------------

_STATUSES = set(Article.Status.values)
_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")


def records_from_jsonl(text: str, source: Source, warnings: list[str]) -> Iterator:
    """One story per line, in the export schema. A bad line is reported and skipped, and so
    is a line whose id an earlier line has (one story, the first line's)."""
    first_line: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        origin = Origin(source.name, number)
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield SourceError(origin, f"not valid JSON ({exc.msg}); is the line truncated?")
            continue
        try:
            record = record_from_dict(obj, origin)
        except ValueError as exc:
            yield SourceError(origin, str(exc))
            continue
        if record.key in first_line:
            yield SourceError(
                origin,
                f"id {record.key!r} is line {first_line[record.key]}'s too; "
                "that line's story is kept, this one is skipped",
            )
            continue
        first_line[record.key] = number
        record.warnings = list(warnings) if number == 1 else []
        yield record


def record_from_dict(obj, origin: Origin) -> StoryRecord:
    """Validate one exported story; raise ValueError saying which field is wrong."""
    if not isinstance(obj, dict):
        raise ValueError("each line must be a JSON object")

    def text(name, *, required=False, limit=None):
        value = obj.get(name)
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise ValueError(f"{name} must be a string")
        value = remove_control_characters(value).strip() if name != "body" else value
        if required and not value:
            raise ValueError(f"{name} is required")
        if limit and len(value) > limit:
            raise ValueError(f"{name} is longer than {limit} characters")
        return value

    headline = text("headline", required=True, limit=300)
    slug = text("slug", limit=255)
    if slug and not _SLUG.match(slug):
        raise ValueError(f"slug {slug!r} may hold only letters, digits, hyphens and underscores")
    status = text("status")
    if status and status not in _STATUSES:
        raise ValueError(f"status must be one of {', '.join(sorted(_STATUSES))}, not {status!r}")
    published_at = _parse_when(obj.get("published_at"))
    body = text("body")
    source_url = text("source_url", limit=1000)
    key = (
        text("id", limit=255)
        or source_url
        or content_key(
            "jsonl",
            fold_key_text(headline),
            published_at.isoformat() if published_at else "",
            body,
        )
    )
    return StoryRecord(
        key=key,
        source_url=source_url,
        slug=slug,
        headline=headline,
        dek=text("dek"),
        section=text("section", limit=100),
        byline=text("byline", limit=255),
        dateline=text("dateline", limit=120),
        published_at=published_at,
        status=status,
        body=body,
        image=_image_from(obj.get("image")),
        tags=_strings(obj.get("tags"), "tags"),
        organizations=_entities(obj.get("organizations"), "organizations"),
        people=_entities(obj.get("people"), "people"),
        flags=_strings(obj.get("flags"), "flags"),
        suggestions=_suggestions(obj.get("suggestions")),
        autotag=False,
        origin=origin,
    )


def _strings(value, name) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{name} must be a list of strings")
    return [v.strip() for v in value if v.strip()]


def _entities(value, name) -> list[EntityRef]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"{name} must be a list")
    refs = []
    for index, item in enumerate(value):
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise ValueError(f"{name}[{index}] must be an object with a name")
        fields = {}
        for field_name in ("name", "slug", "acronym", "title", "source"):
            field_value = item.get(field_name) or ""
            if not isinstance(field_value, str):
                raise ValueError(f"{name}[{index}].{field_name} must be a string")
            fields[field_name] = field_value.strip()
        if not fields["name"]:
            raise ValueError(f"{name}[{index}] has an empty name")
        if fields["slug"] and not _SLUG.match(fields["slug"]):
            raise ValueError(
                f"{name}[{index}].slug {fields['slug']!r} may hold only letters, digits, "
                "hyphens and underscores"
            )
        if fields["source"] not in {"editor", "import", "automatic"}:
            fields["source"] = "import"
        refs.append(EntityRef(**fields))
    return refs


def _suggestions(value) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError("suggestions must be a list")
    cleaned = []
    for index, item in enumerate(value):
        if not isinstance(item, dict) or item.get("kind") not in ("organization", "person"):
            raise ValueError(f"suggestions[{index}] needs a kind: organization or person")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"suggestions[{index}] needs a name")
        status = item.get("status") or "suggested"
        if status not in ("suggested", "rejected"):
            raise ValueError(f"suggestions[{index}].status must be suggested or rejected")
        confidence = item.get("confidence")
        if confidence is not None and not isinstance(confidence, int | float):
            raise ValueError(f"suggestions[{index}].confidence must be a number")
        cleaned.append(
            {
                "kind": item["kind"],
                "name": name.strip(),
                "acronym": str(item.get("acronym") or "").strip(),
                "title": str(item.get("title") or "").strip(),
                "status": status,
                "confidence": confidence,
            }
        )
    return cleaned


def _image_from(value) -> ImageRecord | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError("image must be an object or null")
    fields = {}
    for name in ("file", "stem", "alt", "caption", "credit"):
        field_value = value.get(name) or ""
        if not isinstance(field_value, str):
            raise ValueError(f"image.{name} must be a string")
        fields[name] = field_value
    if not any(fields.values()):
        return None
    return ImageRecord(**fields)


# --- RSS and Atom --------------------------------------------------------------------------------


def records_from_feed(data: bytes, source: Source, warnings: list[str]) -> Iterator:
    """Entries of an RSS 2.0 or Atom feed: categories are tags, and the key is the entry's
    guid (or link) scoped to its feed (`feed_key`), so two feeds that both number their items
    from 1 make two stories each."""
    import feedparser

    from .feed_content import decode_feed

    origin = Origin(source.name)
    data, encoding_warnings = decode_feed(data, origin)
    warnings = warnings + encoding_warnings
    feed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if feed.bozo and not any(entry.get("title") for entry in feed.entries):
        raise SourceError(origin, f"not a well-formed RSS or Atom feed: {feed.bozo_exception}")
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None)
        detail = f": {reason}" if reason else ""
        raise SourceError(origin, f"not an RSS or Atom feed with entries{detail}")
    if feed.bozo:
        warnings = warnings + [f"{source.name}: feed is not well-formed ({feed.bozo_exception})"]
    scope = feed_identity(feed.feed, source)
    base = feed.feed.get("link", "") or (source.name if source.kind == "url" else "")
    records: dict[str, StoryRecord] = {}  # by key, in the feed's order
    for index, entry in enumerate(feed.entries, start=1):
        try:
            record = _record_from_entry(entry, index, scope, base, source)
        except ValueError as exc:
            yield SourceError(origin, f"entry {index} {exc}")
            continue
        if record.key in records:
            # The same guid twice in one feed: one story, the first (newest) entry's.
            records[record.key].warnings.append(
                f"{source.name}: entry {index} repeats the guid of an earlier entry; skipped"
            )
            continue
        records[record.key] = record
    for number, record in enumerate(records.values()):
        if number == 0:
            record.warnings[:0] = warnings
        yield record


def feed_identity(head, source: Source) -> str:
    """What names a feed, for the keys of its entries: an Atom feed's id, else the feed's own
    address (`atom:link rel="self"`), else its site's link and title, else where it was read
    (the URL, or the file's name). Stable across runs, and the same for a feed fetched by
    URL and for a copy of it saved to a file when the feed names itself."""
    if head.get("id"):
        return head["id"]
    for link in head.get("links", []):
        if link.get("rel") == "self" and link.get("href"):
            return link["href"]
    if head.get("link") or head.get("title"):
        return f"{head.get('link', '')}\x1f{head.get('title', '')}"
    return source.name if source.kind == "url" else os.path.basename(source.name)


def feed_key(scope: str, item_id: str) -> str:
    """The documented external key of a feed entry: `feed:` and 32 hex digits of SHA-256 over
    its feed's identity and its guid (or link)."""
    return content_key("feed", scope, item_id)


FEED_DEK_LENGTH = 500


def _record_from_entry(entry, index: int, scope: str, feed_link: str, source: Source):
    from django.utils.text import Truncator

    from articles.slugs import readable_slug

    from .feed_content import entry_html, plain_text

    headline = plain_text(entry.get("title_detail") or {}, entry.get("title", ""))
    if not clean_line(headline):
        raise ValueError("has no title")
    link = entry.get("link", "")
    if link and feed_link.lower().startswith(("http://", "https://")):
        link = urljoin(feed_link, link)  # "/news/item" in a feed of https://example.org
    link = link if link.lower().startswith(("http://", "https://")) else ""
    item_id = entry.get("id") or link
    if not item_id:
        item_id = "\x1f".join([fold_key_text(headline), entry.get("published", "")])
    base = link or feed_link
    contents = entry.get("content") or []
    html_contents = [c for c in contents if (c.get("type") or "").endswith(("html", "xml"))]
    content = (html_contents or contents or [None])[0]
    # feedparser copies the content into `summary` when an entry has none: only a summary
    # of its own (`summary_detail`) makes a dek.
    summary = entry.get("summary_detail")
    if summary is None and entry.get("summary") and not content:
        summary = {"value": entry["summary"], "type": "text/html"}
    body = entry_html(content or summary or {}, base)
    dek = ""
    if content and summary and summary.get("value") != content.get("value"):
        dek = Truncator(clean_line(plain_text(summary))).chars(FEED_DEK_LENGTH)
    # dict.get: the entry's own keys, without feedparser's deprecated updated/published swap.
    when = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    published_at = dt.datetime(*when[:6], tzinfo=dt.UTC) if when else None
    warnings = []
    if when is None and (given := dict.get(entry, "published") or dict.get(entry, "updated")):
        warnings.append(
            f"{source.name}: entry {index}: date {clean_line(given)[:60]!r} is not one we "
            "read (RFC 822 or ISO 8601); the story gets the time of the import"
        )
    tags = [(t.get("term") or t.get("label") or "") for t in entry.get("tags", [])]
    return StoryRecord(
        warnings=warnings,
        key=feed_key(scope, item_id),
        source_url=link[:1000],
        slug="",
        headline=Truncator(clean_line(headline)).chars(300),
        dek=dek,
        byline=_byline(entry)[:255],
        published_at=published_at,
        body=body,
        tags=[t for t in tags if readable_slug(t)][:50],
        origin=Origin(source.name),
    )


def _byline(entry) -> str:
    """The entry's authors by name. Feeds write "jane@example.org (Jane Doe)" (RSS's
    `<author>`) or "Jane Doe <jane@example.org>": the address would reach our own RSS and
    JSON-LD, so it is taken out."""
    names = [a.get("name") or "" for a in entry.get("authors", []) if isinstance(a, dict)]
    names = [name for name in names if name.strip()]
    if not names:
        detail = entry.get("author_detail") or {}
        names = [detail.get("name") or entry.get("author", "")]
    return remove_email_addresses(clean_line(", ".join(names)))
