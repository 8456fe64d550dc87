"""Parse one plain-text story dump into a `ParsedStory`.

A story dump is the rendered page of a release-driven news site saved as text (the format and
its variations are described in FORMAT.md): an optional lead image line and caption, the
headline, a section (kicker), an "ORGANIZATIONS IN THIS STORY" box, a byline, then the body,
with page furniture scattered around. This module is the whole reader of that format. It uses
the standard library only, so it can be tested and fuzzed without Django; `sources.py` turns
its result into a `StoryRecord`.

How it reads a dump:

1. Clean the text: BOM, Windows/old-Mac line endings, tabs, non-breaking and other odd spaces,
   zero-width and control characters. Line numbers stay those of the file.
2. Read the header zone (at most `HEADER_LIMIT` non-blank lines, up to the first body-like
   line) by rules: boilerplate, box headers and their entries, bylines, dates, captions and
   masthead are recognised by their shape; the remaining lines are fitted to the grammar
   [image line [caption]] headline [image line [caption] repeated headline] [section].
3. Read the body: prose lines become paragraphs; captions become figures; furniture that turns
   up there (boilerplate, boxes, logo captions, bylines, dates, a repeated headline, the
   letter-to-the-editor block, "More News" lists) is dropped and recorded.
4. Post-process: the reprint note, the dateline of the first paragraph, interviews.

Everything dropped is listed in `ParsedStory.dropped`, everything doubtful in `warnings`.
Whatever the input, the only exception raised is `DumpError`.

Decisions the format leaves open:

- Body-like line: ends a sentence ("." after 3+ words; "!" or "?" after 16+; ":" or ";"
  after 6+), or opens with a dateline, or holds two sentences in 12+ words, or is very long
  (30+ words, 250+ characters). Headlines are not body-like, so a question headline of up
  to 15 words is still a headline.
- Headline: the first header line left after masthead, image line and kicker are taken; a
  line repeated within the next four header lines is the headline-first layout (the repeat
  is dropped). A line in capitals is the masthead only when another line could be the
  headline.
- Image line: "Webp blinken" / "blinken.webp" anywhere in the header; a humanised file name
  ("Bill drexel": only the first letter capital, at most three words) when a " | " caption
  follows it; without a caption only a one-token file name ("Photo800x450") or a two-word
  lower-case name above a whole headline. The stem is the name lower-cased with spaces
  turned to "-" ("bill-drexel"); the importer looks for <stem>.<format>, or tries every
  image extension when the format is "".
- A short capitalised line above a whole headline is the section (kicker); one below the
  headline (and its image block) is the section too.
- Sidecar headline: `headline=` wins over the dump's own (a warning names the replaced
  one); when the dump has no headline line of its own, the story is flagged "headerless".
  Without `headline=`, such a dump is a DumpError pointing at the sidecar to write.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath

__all__ = [
    "Block",
    "DumpError",
    "LeadImage",
    "ParsedStory",
    "parse_story_dump",
]

# Non-blank lines read as the header zone, at most (the format says "a dozen or so").
HEADER_LIMIT = 16
# Lines before the first body line, at most, that may hold furniture (long boxes included).
HEADER_SCAN_LIMIT = 60

IMAGE_FORMATS = ("webp", "jpg", "jpeg", "png", "gif", "avif")

FLAG_HEADERLESS = "headerless"
FLAG_REPRINT = "reprint"
FLAG_INTERVIEW = "interview"
FLAG_REPEATED_HEADLINE = "repeated-headline"
FLAG_EMPTY_BOX = "empty-box"
FLAG_NO_IMAGE = "no-image"
FLAG_PLACEHOLDER_IMAGE = "placeholder-image"


# --- Results -------------------------------------------------------------------------------


class DumpError(ValueError):
    """Raised when a dump cannot become a story.

    `message` is one human line; `line` is the 1-based line in the file the problem was found
    at (or None). `str()` gives "file:line: message" (file and line when known).
    """

    def __init__(self, message: str, line: int | None = None, *, filename: str | None = None):
        self.message = " ".join(str(message).split())
        self.line = line
        self.filename = filename
        super().__init__(self.message)

    def __str__(self) -> str:
        if self.filename:
            where = f"{self.filename}:{self.line}" if self.line else self.filename
        else:
            where = f"line {self.line}" if self.line else ""
        return f"{where}: {self.message}" if where else self.message


@dataclass
class LeadImage:
    """The lead image the dump names.

    stem: the file name to look for, without extension: lower-case, runs of spaces turned to
        "-", only letters, digits, ".", "_" and "-" kept. "Webp blinken" gives "blinken";
        "blinken.webp" gives "blinken"; "Bill drexel" (no format word) gives "bill-drexel";
        "Hurricanehunterfromdodwebsite800x450" gives "hurricanehunterfromdodwebsite800x450".
        Empty when the dump has a caption but lost its image line.
    format: the lower-case extension when the line names one ("webp", "jpg", ...), else "".
    caption: every " | " part of the caption line but the last, joined with " | "
        ("Antony J. Blinken"; "Name | Title" for a three-part caption); "" when no caption.
    credit: the last " | " part of the caption line ("DOS", "example.gov", "Agency/Twitter").
    line: the line of the image line (or of the caption, when the image line is missing).
    caption_line: the line of the caption, or None.
    """

    stem: str
    format: str
    caption: str
    credit: str
    line: int
    caption_line: int | None = None


@dataclass
class Block:
    """One piece of the body, in reading order.

    kind: "paragraph"; "figure" (a caption line inside the body); "question" or "answer"
        (interviews: a paragraph said by the site or by its guest).
    text: the plain text (not HTML). For a figure, the caption without its credit.
    speaker: interviews: who says this paragraph, as the dump names them; "" otherwise.
    credit: figures: the last " | " part of the caption line; "" otherwise.
    line: the line in the file the block starts at.
    """

    kind: str
    text: str
    speaker: str = ""
    credit: str = ""
    line: int | None = None


@dataclass
class ParsedStory:
    """Everything read from one dump.

    headline: the story's headline (the sidecar's, for body-only dumps).
    headline_line: its line in the file; None when it came from the sidecar only.
    section: the kicker line ("State", "Federal Government"); "" when absent.
    masthead: the site's name in capitals above the headline ("COOK COUNTY RECORD"), or "".
    page_date: the date printed at the top of the page: when the page was captured, NOT when
        the story was published. A lone date line after the headline is taken as
        `published_on` instead (when the byline gives none).
    byline: the author of "By Federal Newswire | Aug 19, 2024" ("Federal Newswire"), or "".
    published_on: the byline's date (or a lone date line after the headline), or None.
    dateline: "CHARLESTON", "LOS ANGELES (Legal Newsline)": taken off the first paragraph.
    image: the lead image, or None (flag "no-image"; also "placeholder-image" for `Download`).
    blocks: the body, in order.
    organizations: entries of the "ORGANIZATIONS IN THIS STORY" (or "... IN THIS ARTICLE",
        and any other non-people) boxes, in order, de-duplicated; "X | X" gives X.
    people: entries of the "PEOPLE IN THIS STORY" boxes, likewise.
    reprint_note: "The following ... was published by ... It is reproduced in full below.",
        kept out of the body (flag "reprint").
    flags: what an editor should know, any of the FLAG_* values: "headerless" (no headline in
        the dump; the sidecar's was used), "reprint", "interview", "repeated-headline",
        "empty-box" (a box whose entries were lost: no box of that kind had any),
        "no-image" (no image file named), "placeholder-image" (a `Download` placeholder).
    dropped: (line, text, reason) for every line deliberately left out: boilerplate, box
        headers, logo captions, repeated headline, unrecognised header lines, ...
    warnings: one-line notes on doubtful readings, each starting with "line N:" when it can.
    """

    headline: str
    headline_line: int | None = None
    section: str = ""
    masthead: str = ""
    page_date: dt.date | None = None
    byline: str = ""
    published_on: dt.date | None = None
    dateline: str = ""
    image: LeadImage | None = None
    blocks: list[Block] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    reprint_note: str = ""
    flags: list[str] = field(default_factory=list)
    dropped: list[tuple[int, str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        """The text of every prose block (paragraphs, and interview questions and answers),
        in order; figures are left out."""
        return [block.text for block in self.blocks if block.kind != "figure"]

    def body_html(self) -> str:
        """The body as HTML, one element per line: `<p>` per paragraph, `<figure>` with a
        `<figcaption>` (credit in `<small>`) per figure, and `<p><strong>Speaker:</strong>
        text</p>` per interview question or answer. All text is escaped."""
        out = []
        for block in self.blocks:
            text = html.escape(block.text)
            if block.kind == "figure":
                credit = f" <small>{html.escape(block.credit)}</small>" if block.credit else ""
                out.append(f"<figure><figcaption>{text}{credit}</figcaption></figure>")
            elif block.speaker:
                out.append(f"<p><strong>{html.escape(block.speaker)}:</strong> {text}</p>")
            else:
                out.append(f"<p>{text}</p>")
        return "\n".join(out)

    def _flag(self, flag: str) -> None:
        if flag not in self.flags:
            self.flags.append(flag)

    def _drop(self, line: int, text: str, reason: str) -> None:
        self.dropped.append((line, _short(text, 300), reason))

    def _warn(self, line: int | None, message: str) -> None:
        self.warnings.append(f"line {line}: {message}" if line else message)


# --- Cleaning ------------------------------------------------------------------------------

_SPACES = dict.fromkeys(
    map(ord, "\t\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"), " "
)
_SPACES.update(dict.fromkeys(range(0x2000, 0x200B), " "))
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\ufffe"))
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff]")
_RUNS_OF_SPACE = re.compile(r" {2,}")


@dataclass
class _Line:
    no: int  # 1-based line in the file
    text: str  # cleaned, never empty
    blank_before: bool  # a blank line (or the start of the file) comes before it


def _clean(text: str, filename: str) -> list[_Line]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    junk = _CONTROL.findall(text)
    if "\x00" in text or len(junk) > max(8, len(text) // 20):
        first = _CONTROL.search(text)
        line = text.count("\n", 0, first.start()) + 1 if first else 1
        raise DumpError(
            f"not a text dump: {len(junk)} control characters (a binary file?)",
            line,
            filename=_shown_name(filename),
        )
    lines, blank = [], True
    for number, raw in enumerate(text.split("\n"), start=1):
        cleaned = _CONTROL.sub("", raw.translate(_SPACES).translate(_INVISIBLE))
        cleaned = _RUNS_OF_SPACE.sub(" ", unicodedata.normalize("NFC", cleaned)).strip()
        if not cleaned:
            blank = True
            continue
        lines.append(_Line(number, cleaned, blank))
        blank = False
    return lines


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _norm(text: str) -> str:
    """For comparing headlines and names: case, spacing and end punctuation ignored."""
    return " ".join(text.casefold().split()).strip(" .:;!?\"'“”‘’")


# --- Line shapes ---------------------------------------------------------------------------

_BOILERPLATE = {"quantcast", "download", "more news", "latest news", "send a letter"}
_LETTER_HEAD = "letter to the editor"
_LETTER_PROMPT = "have a concern or an opinion about this story"
_NEWS_LISTS = {"more news", "latest news"}


def _boilerplate_key(text: str) -> str | None:
    """The boilerplate a line is ("quantcast", "letter to the editor", ...), or None."""
    if len(text) > 200:
        return None
    key = _norm(text)
    if key in _BOILERPLATE or key == _LETTER_HEAD:
        return key
    if key.startswith(_LETTER_PROMPT):
        return _LETTER_PROMPT
    return None


_BOX = re.compile(r"^(?:(?P<kind>[A-Z][A-Z&/'’ -]{0,40}?)\s+)?IN THIS (?:STORY|ARTICLE)\s*:?$")
_PEOPLE_BOXES = {"PEOPLE", "PERSON", "PERSONS", "POLITICIANS", "OFFICIALS", "INDIVIDUALS"}
_BOX_KINDS = _PEOPLE_BOXES | {"ORGANIZATIONS", "ORGANISATIONS", "COMPANIES", "AGENCIES", ""}


def _box_kind(text: str) -> str | None:
    """The kind of box ("people" or "organizations") an "... IN THIS STORY" line opens."""
    if len(text) > 60:
        return None
    match = _BOX.match(text.upper())
    if not match:
        return None
    words = (match.group("kind") or "").split()
    first = words[0] if words else ""
    if len(words) > 3 or (any(c.islower() for c in text) and first not in _BOX_KINDS):
        return None  # "Nobody was hurt in this story" is prose, not a box
    return "people" if first in _PEOPLE_BOXES else "organizations"


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_DATE_FORMS = (
    re.compile(
        _WEEKDAY + r"(?P<mon>[a-z]{3,9})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})",
        re.IGNORECASE,
    ),
    re.compile(
        _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon>[a-z]{3,9})\.?,?\s+(?P<year>\d{4})",
        re.IGNORECASE,
    ),
    re.compile(r"(?P<year>\d{4})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})"),
    re.compile(r"(?P<mon>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})"),
)


def _parse_date(text: str) -> dt.date | None:
    """A date that is the whole of `text`: "Saturday, April 27, 2024", "Aug 19, 2024",
    "Aug. 19, 2024", "19 August 2024", "2024-08-19", "08/19/2024"."""
    text = text.strip().rstrip(".")
    if len(text) > 40:
        return None
    for form in _DATE_FORMS:
        match = form.fullmatch(text)
        if not match:
            continue
        month = match.group("mon")
        month_number = int(month) if month.isdigit() else _MONTHS.get(month.lower())
        if not month_number:
            continue
        try:
            day = dt.date(int(match.group("year")), month_number, int(match.group("day")))
        except ValueError:
            return None
        return day if 1900 <= day.year <= 2100 else None
    return None


_BYLINE = re.compile(r"^By:?\s+(?P<rest>\S.{0,150})$")
_NAME_JOINERS = {"and", "of", "the", "for", "de", "del", "la", "le", "van", "von", "da", "&"}


def _byline(text: str) -> tuple[str, dt.date | None] | None:
    """(author, date) for "By Federal Newswire | Aug 19, 2024" or "By Jane Roe", else None."""
    match = _BYLINE.match(text)
    if not match:
        return None
    parts = [part.strip() for part in match.group("rest").split("|") if part.strip()]
    if not parts:
        return None
    when = _parse_date(parts[-1]) if len(parts) > 1 else None
    if when:
        parts = parts[:-1]
    author, others = parts[0], parts[1:]
    words = author.replace(",", " ").split()
    if not 1 <= len(words) <= 10 or not author[0].isupper() or _sentence_end(author):
        return None
    if any(not (w[0].isupper() or w[0].isdigit() or w in _NAME_JOINERS) for w in words):
        return None
    return ", ".join([author, *others]), when


def _pipe_parts(text: str) -> list[str] | None:
    """The parts of a " | " separated line (a caption, a logo caption, a box entry)."""
    if " | " not in text or len(text) > 400:
        return None
    parts = [part.strip() for part in text.split("|")]
    parts = [part for part in parts if part]
    if not 2 <= len(parts) <= 5:
        return None
    if len(parts[-1]) > 60 or len(parts[-1].split()) > 6:
        return None
    return parts


def _same_parts(parts: list[str]) -> bool:
    return len({_norm(part) for part in parts}) == 1


def _is_caps(text: str) -> bool:
    """A line in capitals: a masthead ("COOK COUNTY RECORD")."""
    letters = [c for c in text if c.isalpha()]
    return (
        len(letters) >= 3
        and not any(c.islower() for c in letters)
        and len(text) <= 80
        and len(text.split()) <= 8
    )


_CLOSERS = "\"'”’)]»"
_ABBREVIATION = re.compile(
    r"(?:[A-Za-z]\.){2,}|(?:Inc|Co|Corp|Jr|Sr|Ltd|St|Dr|Mr|Mrs|Ms|No|Gov|Sen|Rep|Gen|Lt|Mt)\.",
)
_SENTENCE_BREAK = re.compile(r"[a-z0-9][.!?][\"'”’)]?\s+[\"“‘(]?[A-Z]")


def _sentence_end(text: str) -> str:
    """The sentence-ending mark a line ends with ('.', '!', '?', ':', ';', '…'), or ''."""
    stripped = text.rstrip(_CLOSERS + " ")
    if not stripped or stripped[-1] not in ".!?:;…":
        return ""
    if stripped[-1] == ".":
        last = stripped.split()[-1].lstrip("\"'“‘(")
        if _ABBREVIATION.fullmatch(last):
            return "abbr"
    return stripped[-1]


def _is_body_like(text: str) -> bool:
    """A line that reads as prose: it ends the header zone."""
    if len(text) >= 250 or _dateline(text):
        return True
    words = len(text.split())
    end = _sentence_end(text)
    if end in (".", "…"):
        return words >= 3
    if end == "abbr":
        return words >= 12
    if end in ("!", "?"):
        return words >= 16
    if end in (":", ";"):
        return words >= 6
    if words >= 12 and _SENTENCE_BREAK.search(text):
        return True
    return words >= 30


_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’ -]{1,40}?(?:,\s*[A-Z][A-Za-z.'’ -]{0,20}?)?)"
    r"(?P<source>\s*\([^()]{1,60}\))?"
    r"(?:\s*[—–]\s*|\s+-{1,2}\s+)(?=\S)"
)


def _dateline(text: str) -> tuple[str, str] | None:
    """("LOS ANGELES (Legal Newsline)", rest) for a paragraph opening with a dateline."""
    match = _DATELINE.match(text[:160])
    if not match:
        return None
    place = match.group("place").strip()
    if sum(c.isupper() for c in place.split(",")[0]) < 3:
        return None
    rest = text[match.end() :].strip()
    if len(rest.split()) < 2:
        return None
    source = (match.group("source") or "").strip()
    return (f"{place} {source}" if source else place), rest


_IMAGE_WITH_FORMAT = re.compile(
    r"(?P<format>webp|jpe?g|png|gif|avif)\s+(?P<stem>[\w.-]+(?:\s[\w.-]+){0,3})", re.IGNORECASE
)
_IMAGE_FILE = re.compile(r"(?P<stem>[\w.-]+?)\.(?P<format>webp|jpe?g|png|gif|avif)", re.IGNORECASE)
_FILENAMEISH = re.compile(r"[\w.-]+(?: [\w.-]+){0,2}")


def _image_strong(text: str) -> tuple[str, str] | None:
    """(stem, format) for an image line that names its format: "Webp blinken", "x.jpg"."""
    if len(text) > 120:
        return None
    match = _IMAGE_WITH_FORMAT.fullmatch(text) or _IMAGE_FILE.fullmatch(text)
    if not match:
        return None
    return _stem(match.group("stem")), match.group("format").lower()


def _image_weak(text: str) -> bool:
    """A line shaped like a humanised file name: "Bill drexel", "Photo800x450"."""
    return (
        len(text) <= 80
        and _FILENAMEISH.fullmatch(text) is not None
        and not any(c.isupper() for c in text[1:])
        and any(c.isalpha() for c in text)
    )


def _file_token(text: str) -> bool:
    """One token that can only be a file name: "Hurricanehunterfromdodwebsite800x450"."""
    return (
        " " not in text
        and len(text) >= 6
        and (len(text) >= 16 or any(c.isdigit() or c in "_-." for c in text))
    )


_STOPWORDS = {"a", "an", "the", "of", "on", "in", "to", "and", "or", "for", "with", "at", "by"}


def _headline_like(text: str) -> bool:
    """A line that reads as a whole headline: capitalised, a few words, not cut mid-phrase."""
    words = text.split()
    return (
        len(words) >= 4
        and (text[0].isupper() or text[0].isdigit())
        and words[-1].lower() not in _STOPWORDS
        and not _is_body_like(text)
    )


def _stem(text: str) -> str:
    stem = re.sub(r"\s+", "-", text.strip().lower())
    return re.sub(r"[^\w.-]", "", stem, flags=re.ASCII).strip(".-")[:200]


def _is_section(text: str) -> bool:
    """A kicker: "State", "Politics", "Federal Government"."""
    return (
        len(text) <= 40
        and len(text.split()) <= 4
        and (text[0].isupper() or text[0].isdigit())
        and not _sentence_end(text)
        and " | " not in text
    )


_SPEAKER_WORD = re.compile(r"(?:[A-Z][\w'’.-]*|[A-Z]\.|&|and|of|the|de|van|von|la|le|da)")


def _speaker_name(text: str) -> str | None:
    """A line that could name who speaks in an interview: "Federal Newswire", "Jane Roe:"."""
    name = text.rstrip(":").strip()
    words = name.split()
    if not 1 <= len(words) <= 6 or len(name) > 50 or _sentence_end(name):
        return None
    if not words[0][0].isupper() or not all(_SPEAKER_WORD.fullmatch(w) for w in words):
        return None
    return name


_REPRINT_FULL = re.compile(
    r"\b(?:reproduced|reprinted|republished)\b.{0,40}?\b(?:in full|below)\b", re.IGNORECASE
)
_REPRINT_LEAD = re.compile(
    r"The following\b.{0,250}?\b(?:was|were|has been|have been|is|are)\s+"
    r"(?:published|released|issued|posted)\s+(?:by|on|in)\b",
    re.IGNORECASE,
)


# --- The parser ----------------------------------------------------------------------------


@dataclass
class _Pre:
    """A header line waiting for the grammar: kind is cand, caps, caption, date, placeholder."""

    index: int
    kind: str
    parts: list[str] | None = None


class _Parser:
    def __init__(self, lines: list[_Line], filename: str, headline: str | None):
        self.lines = lines
        self.filename = filename
        self.supplied = " ".join((headline or "").split()) or None
        self.story = ParsedStory(headline="")
        self.boxes: list[tuple[str, int, int]] = []  # (kind, line, entries)
        self.placeholder_line: int | None = None
        self.prose_started = False  # a paragraph has been read into the body
        self.known = {"organizations": set(), "people": set()}  # normalised box entries
        self.headline_text = ""  # the dump's own headline, for dropping repeats

    def error(self, message: str, line: int | None) -> DumpError:
        return DumpError(message, line, filename=_shown_name(self.filename))

    # -- header ---------------------------------------------------------------------------

    def read_box(self, i: int, kind: str) -> int:
        """Read the box whose header is lines[i]; return the index after its entries."""
        story, header = self.story, self.lines[i]
        story._drop(header.no, header.text, "box header")
        entries = 0
        i += 1
        while i < len(self.lines):
            line = self.lines[i]
            if line.blank_before or _is_body_like(line.text) or _box_kind(line.text):
                break
            if _boilerplate_key(line.text) or _byline(line.text) or _parse_date(line.text):
                break
            if len(line.text) > 150 or len(line.text.split()) > 15:
                break
            parts = _pipe_parts(line.text)
            name = parts[0] if parts else line.text
            name = name.strip(" ,;")
            if name:
                target = story.people if kind == "people" else story.organizations
                if _norm(name) not in self.known[kind]:
                    self.known[kind].add(_norm(name))
                    target.append(name)
                entries += 1
            i += 1
        self.boxes.append((kind, header.no, entries))
        return i

    def scan_header(self) -> int:
        """Label the header lines; return the index of the first body line."""
        story, lines = self.story, self.lines
        pre: list[_Pre] = []
        closed_at: int | None = None  # len(pre) when a box or byline closed the header grammar
        i = 0
        while i < len(lines) and i < HEADER_SCAN_LIMIT and len(pre) < HEADER_LIMIT:
            line = lines[i]
            text = line.text
            has_candidate = any(p.kind in ("cand", "caps") for p in pre)
            key = _boilerplate_key(text)
            if key:
                if key == "download":
                    self.placeholder_line = self.placeholder_line or line.no
                    story._drop(line.no, text, "placeholder image")
                    if closed_at is None:
                        pre.append(_Pre(i, "placeholder"))
                    i += 1
                elif key == _LETTER_HEAD:
                    i = self.drop_letter_block(i)
                else:
                    story._drop(line.no, text, "boilerplate")
                    i += 1
                continue
            kind = _box_kind(text)
            if kind:
                if has_candidate and closed_at is None:
                    closed_at = len(pre)
                i = self.read_box(i, kind)
                continue
            byline = _byline(text) if len(text) <= 160 else None
            if byline:
                self.take_byline(line, byline)
                if has_candidate and closed_at is None:
                    closed_at = len(pre)
                i += 1
                continue
            if _parse_date(text):
                if closed_at is None:
                    pre.append(_Pre(i, "date"))
                else:
                    self.take_late_date(line)
                i += 1
                continue
            parts = _pipe_parts(text)
            if parts and closed_at is not None:
                if not _same_parts(parts):
                    break  # a figure caption opening the body
                story._drop(line.no, text, "logo caption")
                i += 1
                continue
            if parts:
                pre.append(_Pre(i, "caption", parts))
                i += 1
                continue
            if closed_at is not None or _is_body_like(text):
                break
            pre.append(_Pre(i, "caps" if _is_caps(text) else "cand"))
            i += 1
        return self.resolve_header(pre, closed_at, i)

    def take_byline(self, line: _Line, byline: tuple[str, dt.date | None]) -> None:
        story = self.story
        author, when = byline
        if story.byline:
            story._drop(line.no, line.text, "repeated byline")
            return
        story.byline = author
        if when:
            story.published_on = when
        elif "|" in line.text:
            story._warn(line.no, f"byline date not understood: {_short(line.text)!r}")

    def take_late_date(self, line: _Line) -> None:
        story = self.story
        if story.published_on is None:
            story.published_on = _parse_date(line.text)
            story._warn(line.no, "lone date line after the headline taken as the publication date")
        else:
            story._drop(line.no, line.text, "date line")

    def resolve_header(self, pre: list[_Pre], closed_at: int | None, body_start: int) -> int:
        """Fit the header lines to the grammar; return the index of the first body line."""
        story, lines = self.story, self.lines
        names = [p for p in pre if p.kind in ("cand", "caps")]
        headline: _Pre | None = None
        image: _Pre | None = None
        caption_of: _Pre | None = None  # what the next caption belongs to
        section_open = True
        leftover: _Pre | None = None
        repeat_index = self.find_repeat(pre)

        for k, item in enumerate(pre):
            line = lines[item.index]
            later_names = [p for p in names if p.index > item.index]
            follows = pre[k + 1] if k + 1 < len(pre) else None
            if leftover is not None and item.kind in ("cand", "caps"):
                story._drop(line.no, line.text, "unrecognised header line")
                story._warn(line.no, f"unrecognised header line dropped: {_short(line.text)!r}")
                continue
            if item.kind == "date":
                if headline is None:
                    story.page_date = story.page_date or _parse_date(line.text)
                else:
                    self.take_late_date(line)
                continue
            if item.kind == "placeholder":
                caption_of = item
                continue
            if item.kind == "caption":
                self.take_caption(item, caption_of, image)
                caption_of = None
                continue
            # a candidate: masthead, image line, headline, repeated headline or section
            if repeat_index is not None and item.index == repeat_index:
                story._drop(line.no, line.text, "repeated headline")
                story._flag(FLAG_REPEATED_HEADLINE)
                caption_of = None
                continue
            if headline is None:
                if item.kind == "caps" and not story.masthead and later_names:
                    story.masthead = line.text
                    continue
                if image is None and self.is_image(item, follows, later_names, before=True):
                    image = item
                    caption_of = item
                    continue
                if section_open and self.is_kicker(item, later_names):
                    story.section = line.text
                    section_open = False
                    continue
                headline = item
                caption_of = None
                continue
            in_image_block = repeat_index is not None and item.index < repeat_index
            if image is None and (
                in_image_block or self.is_image(item, follows, later_names, before=False)
            ):
                image = item
                caption_of = item
                continue
            if (
                section_open
                and not in_image_block
                and _is_section(line.text)
                and not self.wraps(item.index)
            ):
                story.section = line.text
                section_open = False
                continue
            if closed_at is not None and k < closed_at:
                leftover = item
                story._drop(line.no, line.text, "unrecognised header line")
                story._warn(line.no, f"unrecognised header line dropped: {_short(line.text)!r}")
                continue
            body_start = item.index  # the body opens with a short line
            break

        if image is not None:
            self.take_image(image)
        if headline is not None:
            self.headline_text = lines[headline.index].text
            story.headline = self.headline_text
            story.headline_line = lines[headline.index].no
        return body_start

    def wraps(self, index: int) -> bool:
        """Whether lines[index] runs on into the next line (a hard-wrapped paragraph)."""
        after = self.lines[index + 1] if index + 1 < len(self.lines) else None
        return after is not None and not after.blank_before and after.text[0].islower()

    def find_repeat(self, pre: list[_Pre]) -> int | None:
        """The index of a headline repeated after the image block (headline-first dumps)."""
        names = [
            p
            for p in pre
            if p.kind in ("cand", "caps") and not self.lines[p.index].text[0].islower()
        ]
        for a, first in enumerate(names):
            for second in names[a + 1 : a + 5]:
                if _norm(self.lines[first.index].text) == _norm(self.lines[second.index].text):
                    return second.index
        return None

    def is_image(self, item: _Pre, follows: _Pre | None, later: list[_Pre], before: bool) -> bool:
        text = self.lines[item.index].text
        if _image_strong(text):
            return True
        if not _image_weak(text):
            return False
        if follows is not None and follows.kind == "caption":
            return bool(later) or not before
        if not before or not later:
            return False
        if _file_token(text):
            return True
        # "Bill drexel" above a headline: only when the next line is a whole headline
        # (so a two-word headline above a hard-wrapped first paragraph stays a headline).
        nxt = later[0].index
        after = self.lines[nxt + 1] if nxt + 1 < len(self.lines) else None
        words = text.split()
        return (
            len(words) == 2
            and words[1].islower()
            and _headline_like(self.lines[nxt].text)
            and (after is None or after.blank_before)
        )

    def is_kicker(self, item: _Pre, later: list[_Pre]) -> bool:
        """A section line above the headline ("Politics" over a whole headline)."""
        text = self.lines[item.index].text
        if not later or not _is_section(text) or len(text.split()) > 3:
            return False
        nxt = later[0].index
        headline = self.lines[nxt].text
        after = self.lines[nxt + 1] if nxt + 1 < len(self.lines) else None
        return (
            _headline_like(headline)
            and len(headline.split()) > len(text.split())
            and (after is None or after.blank_before)
        )

    def take_image(self, item: _Pre) -> None:
        line = self.lines[item.index]
        strong = _image_strong(line.text)
        stem, fmt = strong if strong else (_stem(line.text), "")
        image = self.story.image
        if image is not None:  # a caption came first and made an image without a file
            image.stem, image.format, image.line = stem, fmt, line.no
        else:
            self.story.image = LeadImage(stem=stem, format=fmt, caption="", credit="", line=line.no)

    def take_caption(self, item: _Pre, owner: _Pre | None, image: _Pre | None) -> None:
        story, line = self.story, self.lines[item.index]
        parts = item.parts or []
        if owner is not None and owner.kind == "placeholder":
            story._drop(line.no, line.text, "caption of placeholder image")
            return
        if owner is not None and owner is image and story.image is None:
            story.image = LeadImage(
                stem="",
                format="",
                caption=" | ".join(parts[:-1]),
                credit=parts[-1],
                line=line.no,
                caption_line=line.no,
            )
            return
        if _same_parts(parts):
            story._drop(line.no, line.text, "logo caption")
            return
        if image is None and story.image is None:
            story.image = LeadImage(
                stem="",
                format="",
                caption=" | ".join(parts[:-1]),
                credit=parts[-1],
                line=line.no,
                caption_line=line.no,
            )
            story._warn(line.no, "image caption without an image line; caption and credit kept")
            return
        story._drop(line.no, line.text, "second caption in the header")
        story._warn(line.no, f"second caption in the header dropped: {_short(line.text)!r}")

    # -- body -----------------------------------------------------------------------------

    def drop_letter_block(self, i: int) -> int:
        """Drop LETTER TO THE EDITOR ... Send a Letter; return the index after it."""
        end = i
        for j in range(i + 1, min(i + 6, len(self.lines))):
            if _boilerplate_key(self.lines[j].text) == "send a letter":
                end = j
                break
        for j in range(i, end + 1):
            line = self.lines[j]
            self.story._drop(line.no, line.text, "letter to the editor")
        return end + 1

    def read_body(self, start: int) -> list[Block]:
        story, lines = self.story, self.lines
        blocks: list[Block] = []
        wrapped: dict[int | None, list[str]] = {}  # paragraph's first line -> its lines
        i = start
        while i < len(lines):
            line = lines[i]
            text = line.text
            key = _boilerplate_key(text)
            if key == _LETTER_HEAD:
                i = self.drop_letter_block(i)
                continue
            if key == _LETTER_PROMPT:
                story._drop(line.no, text, "letter to the editor")
                i += 1
                continue
            if key:
                story._drop(line.no, text, "boilerplate")
                i += 1
                if key in _NEWS_LISTS:
                    i = self.drop_news_list(i)
                continue
            kind = _box_kind(text)
            if kind:
                i = self.read_box(i, kind)
                continue
            if self.headline_text and _norm(text) == _norm(self.headline_text):
                story._drop(line.no, text, "repeated headline")
                story._flag(FLAG_REPEATED_HEADLINE)
                i += 1
                continue
            if len(text) <= 160 and (byline := _byline(text)):
                self.take_byline(line, byline)
                i += 1
                continue
            if _parse_date(text):
                story._drop(line.no, text, "date line")
                i += 1
                continue
            parts = _pipe_parts(text)
            if parts:
                if _same_parts(parts):
                    story._drop(line.no, text, "logo caption")
                else:
                    blocks.append(
                        Block(
                            "figure",
                            " | ".join(parts[:-1]),
                            credit=parts[-1],
                            line=line.no,
                        )
                    )
                i += 1
                continue
            after_image = self.image_in_body(i, blocks)
            if after_image is not None:
                i = after_image
                continue
            if self.take_reprint(line):
                i += 1
                continue
            previous = blocks[-1] if blocks else None
            if (
                previous is not None
                and previous.kind == "paragraph"
                and not line.blank_before
                and _continues(wrapped[previous.line][-1], text)
            ):
                wrapped[previous.line].append(text)
            else:
                blocks.append(Block("paragraph", text, line=line.no))
                wrapped[line.no] = [text]
                self.prose_started = True
            i += 1
        for block in blocks:  # hard-wrapped paragraphs: join their lines
            if block.kind == "paragraph" and len(wrapped[block.line]) > 1:
                block.text = " ".join(wrapped[block.line])
        return blocks

    def image_in_body(self, i: int, blocks: list[Block]) -> int | None:
        """Handle an image line in the body: the lead image when no prose came before it,
        else dropped. Return the index after it (and its caption), or None if not one."""
        story, lines = self.story, self.lines
        line = lines[i]
        strong = _image_strong(line.text)
        follows = lines[i + 1] if i + 1 < len(lines) else None
        parts = _pipe_parts(follows.text) if follows and not follows.blank_before else None
        if not strong and not (parts and _image_weak(line.text)):
            return None
        stem, fmt = strong if strong else (_stem(line.text), "")
        if story.image is None and not self.prose_started:
            story.image = LeadImage(stem=stem, format=fmt, caption="", credit="", line=line.no)
            if parts and follows is not None and not _same_parts(parts):
                story.image.caption = " | ".join(parts[:-1])
                story.image.credit = parts[-1]
                story.image.caption_line = follows.no
                return i + 2
            return i + 1
        story._drop(line.no, line.text, "image file line")
        return i + 1

    def drop_news_list(self, i: int) -> int:
        """After "More News": drop the list of other stories' headlines that follows."""
        lines = self.lines
        while i < len(lines):
            text = lines[i].text
            if _is_body_like(text) or _box_kind(text) or _boilerplate_key(text):
                break
            self.story._drop(lines[i].no, text, "more news list")
            i += 1
        return i

    def take_reprint(self, line: _Line) -> bool:
        """Record the reprint note ("The following ... It is reproduced in full below.")."""
        story = self.story
        if story.reprint_note:
            return False
        first = not self.prose_started
        head = line.text[:600]
        if not (_REPRINT_FULL.search(head) and head.lower().startswith("the following")) and not (
            first and _REPRINT_LEAD.match(head)
        ):
            return False
        story.reprint_note = line.text
        story._flag(FLAG_REPRINT)
        return True

    # -- after the body -------------------------------------------------------------------

    def take_dateline(self, blocks: list[Block]) -> None:
        first = next((b for b in blocks if b.kind == "paragraph"), None)
        if first is None:
            return
        found = _dateline(first.text)
        if found:
            self.story.dateline, first.text = found

    def detect_interview(self, blocks: list[Block]) -> list[Block]:
        """Alternating speaker lines, each followed by what they said, make an interview."""
        story = self.story
        speakers = [
            (n, name)
            for n, block in enumerate(blocks)
            if block.kind == "paragraph" and (name := _speaker_name(block.text))
        ]
        if len(speakers) < 2:
            return blocks
        positions = {n for n, _ in speakers}
        for n, _ in speakers:
            following = blocks[n + 1] if n + 1 < len(blocks) else None
            if following is None or following.kind != "paragraph" or n + 1 in positions:
                return blocks
        names = [_norm(name) for _, name in speakers]
        if len(set(names)) < 2 or any(a == b for a, b in zip(names, names[1:], strict=False)):
            return blocks
        site = {_norm(s) for s in (story.byline, story.masthead) if s}
        if not site & set(names) and min(Counter(names).values()) < 2:
            return blocks
        asker = next((name for name in names if name in site), names[0])
        out: list[Block] = []
        speaker, kind = "", "paragraph"
        for n, block in enumerate(blocks):
            if n in positions:
                speaker = block.text.rstrip(":").strip()
                kind = "question" if _norm(speaker) == asker else "answer"
                continue
            if block.kind == "paragraph" and speaker:
                block.kind, block.speaker = kind, speaker
            out.append(block)
        story._flag(FLAG_INTERVIEW)
        return out

    def run(self) -> ParsedStory:
        story = self.story
        start = self.scan_header()
        if story.headline_line is None and self.supplied is None:
            recognised = any(reason != "boilerplate" for _, _, reason in story.dropped)
            if start >= len(self.lines):
                raise self.error(
                    "nothing to import: the dump holds only page furniture, no headline or body",
                    1,
                )
            if (
                not recognised
                and story.image is None
                and start == _first_non_boilerplate(self.lines)
            ):
                name = _sidecar_name(self.filename)
                raise self.error(
                    f"no headline: body-only dump; give a sidecar {name} with a headline", 1
                )
            at = self.lines[start].no if start < len(self.lines) else self.lines[-1].no
            raise self.error(
                f"no headline: the header ends at line {at} without one; give a sidecar "
                f"{_sidecar_name(self.filename)} with a headline",
                at,
            )
        blocks = self.read_body(start)
        if not any(b.kind != "figure" for b in blocks):
            at = story.headline_line or (self.lines[-1].no if self.lines else 1)
            raise self.error("no body: no paragraph follows the headline", at)
        self.take_dateline(blocks)
        story.blocks = self.detect_interview(blocks)
        self.finish()
        return story

    def finish(self) -> None:
        story = self.story
        story.dropped.sort(key=lambda entry: entry[0])
        if self.supplied is not None:
            if story.headline_line is None:
                story.headline = self.supplied
                story._flag(FLAG_HEADERLESS)
            elif _norm(self.supplied) != _norm(story.headline):
                story._warn(
                    story.headline_line,
                    f"the sidecar headline replaces the dump's {_short(story.headline)!r}",
                )
                story.headline = self.supplied
        for kind, line, entries in self.boxes:
            if entries == 0 and not any(k == kind and n for k, _, n in self.boxes):
                story._flag(FLAG_EMPTY_BOX)
                story._warn(line, f"the {kind} box is empty (its entries were lost)")
                break
        if story.image is None or not story.image.stem:
            story._flag(FLAG_NO_IMAGE)
        if story.image is None and self.placeholder_line:
            story._flag(FLAG_PLACEHOLDER_IMAGE)


def _continues(previous: str, text: str) -> bool:
    """Whether `text` continues the paragraph `previous` (a hard-wrapped dump)."""
    if _sentence_end(previous) and _sentence_end(previous) != "abbr":
        return False
    if _speaker_name(text) or _speaker_name(previous):
        return False
    return text[0].islower() or len(previous) >= 60


def _first_non_boilerplate(lines: list[_Line]) -> int:
    for index, line in enumerate(lines):
        if not _boilerplate_key(line.text):
            return index
    return len(lines)


def _shown_name(filename: str) -> str | None:
    """The file name for messages; None for placeholders such as "<dump>"."""
    return filename if filename and not filename.startswith("<") else None


def _sidecar_name(filename: str) -> str:
    name = PurePath(filename).name if filename and not filename.startswith("<") else ""
    return f"{PurePath(name).stem}.meta.json" if name else "<name>.meta.json"


def parse_story_dump(
    text: str, *, filename: str = "<dump>", headline: str | None = None
) -> ParsedStory:
    """Read one story dump.

    `filename` is used in messages only. `headline` is supplied by the importer for body-only
    dumps (from a sidecar `<name>.meta.json`); when given it is the story's headline even if
    the dump has one (a warning then says so). A dump with no header and no `headline` raises
    DumpError("no headline: body-only dump; give a sidecar <name>.meta.json with a headline",
    line=1). Any other unusable input (empty, binary, only furniture, a headline and no body)
    raises DumpError with a line; nothing else is ever raised.
    """
    if isinstance(text, (bytes, bytearray)):
        raise DumpError(
            "the dump must be decoded text, not bytes", 1, filename=_shown_name(filename)
        )
    if not isinstance(text, str):
        raise DumpError(
            f"the dump must be text, not {type(text).__name__}", filename=_shown_name(filename)
        )
    if headline is not None and not isinstance(headline, str):
        raise DumpError("the supplied headline must be text", filename=_shown_name(filename))
    lines = _clean(text, filename)
    if not lines:
        raise DumpError("empty dump: no text", 1, filename=_shown_name(filename))
    return _Parser(lines, filename, headline).run()
