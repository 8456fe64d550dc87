"""The one shape every source is turned into before anything is written."""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

from articles.text_clean import clean_line, clean_paragraphs, remove_control_characters

# Bump when the meaning of a record changes, so stored fingerprints stop matching.
# 2: text normalised on the way in (control characters, spaces, NFC).
RECORD_VERSION = 2


@dataclass
class Origin:
    """Where a record came from, for messages: a file and a line, or a URL."""

    path: str
    line: int | None = None

    def __str__(self):
        return f"{self.path}:{self.line}" if self.line else self.path


class SourceError(Exception):
    """A story (or a whole file) that cannot be imported, with where it failed."""

    def __init__(self, origin: Origin, message: str):
        super().__init__(f"{origin}: {message}")
        self.origin = origin
        self.message = message

    def __reduce__(self):  # sent back from the processes that parse (run.py)
        return (SourceError, (self.origin, self.message))


@dataclass
class EntityRef:
    """An organization or a person named by a source, resolved against the register later."""

    name: str
    slug: str = ""
    acronym: str = ""
    title: str = ""
    source: str = "import"

    def __post_init__(self):
        self.name, self.slug = clean_line(self.name), clean_line(self.slug)
        self.acronym, self.title = clean_line(self.acronym), clean_line(self.title)


@dataclass
class ImageRecord:
    file: str = ""  # a path in media storage (exports) or a file name to look for (dumps)
    stem: str = ""  # "blinken" from "Webp blinken"
    format: str = ""  # "webp"; empty when the source did not say
    alt: str = ""
    caption: str = ""
    credit: str = ""

    def __post_init__(self):
        self.file = remove_control_characters(self.file).strip()
        self.stem, self.format = clean_line(self.stem), clean_line(self.format)
        self.alt, self.credit = clean_line(self.alt), clean_line(self.credit)
        self.caption = clean_paragraphs(self.caption)


@dataclass
class StoryRecord:
    key: str
    headline: str
    body: str  # HTML
    origin: Origin
    source_url: str = ""
    slug: str = ""
    dek: str = ""
    section: str = ""
    byline: str = ""
    dateline: str = ""
    published_at: dt.datetime | None = None
    status: str = ""  # empty: the importer's default for new stories
    image: ImageRecord | None = None
    tags: list[str] = field(default_factory=list)
    organizations: list[EntityRef] = field(default_factory=list)
    people: list[EntityRef] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    # What automatic tagging suggested (JSON Lines exports): kind, name, acronym, title,
    # status (suggested or rejected), confidence.
    suggestions: list[dict] = field(default_factory=list)
    # Whether --autotag may tag this story: stories from dumps and feeds, yes; JSON Lines
    # records carry their own tags and suggestions and are stored as they are.
    autotag: bool = True
    warnings: list[str] = field(default_factory=list)
    # The text the tagging engine reads besides the body (caption of the lead image).
    sidecar_path: str = ""
    _fingerprint: str = field(default="", repr=False, compare=False)

    def __post_init__(self):
        """Every source's values normalised on the way in, in this one place: what is stored
        is what an export writes and an import of that export reads back (see text_clean)."""
        self.key = remove_control_characters(self.key).strip()
        self.source_url = remove_control_characters(self.source_url).strip()
        for name in ("headline", "slug", "section", "dateline", "status"):
            setattr(self, name, clean_line(getattr(self, name)))
        self.byline = clean_line(self.byline)
        self.dek = clean_paragraphs(self.dek)
        self.body = remove_control_characters(self.body)
        self.tags = _unique(clean_line(tag) for tag in self.tags)
        self.flags = _unique(clean_line(flag) for flag in self.flags)
        for item in self.suggestions:
            for name in ("name", "acronym", "title"):
                if isinstance(item.get(name), str):
                    item[name] = clean_line(item[name])

    def fingerprint(self) -> str:
        """A hash of everything the record says about the story (not where it came from).

        Stored on the article: importing an unchanged source again writes nothing. Worked
        out once per record (records are not changed after they are read).
        """
        if self._fingerprint:
            return self._fingerprint
        content = {
            name: getattr(self, name)
            for name in self.__dataclass_fields__
            if name not in ("origin", "warnings", "sidecar_path", "autotag", "_fingerprint")
        }
        content["image"] = vars(self.image) if self.image else None
        content["organizations"] = [vars(ref) for ref in self.organizations]
        content["people"] = [vars(ref) for ref in self.people]
        content["published_at"] = self.published_at.isoformat() if self.published_at else None
        content["version"] = RECORD_VERSION
        blob = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
        self._fingerprint = hashlib.sha256(blob.encode()).hexdigest()
        return self._fingerprint


def _unique(values) -> list[str]:
    """Non-empty values in order, each once (tags: once whatever their case)."""
    seen, kept = set(), []
    for value in values:
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            kept.append(value)
    return kept


def content_key(kind: str, *parts: str) -> str:
    """The documented fingerprint key for stories with no URL or guid: `kind:sha256[:32]`."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return f"{kind}:{digest}"
