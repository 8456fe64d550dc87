"""One field of a story as the engine reads it: tokens, the folded stream, units and hits."""

from __future__ import annotations

import re
from bisect import bisect_left

from .results import Evidence
from .text import (
    BARRIER,
    CONNECTORS,
    ORG_NAME_HEADS,
    P,
    Sentences,
    Stream,
    Token,
    W,
    build_stream,
    normalize,
    tokenize,
    unify,
)

# ---------------------------------------------------------------------------------------------
# One story
_US_WORDS = frozenset({"us"})


class _Field:
    __slots__ = (
        "name",
        "order",
        "text",
        "utext",
        "tokens",
        "tok_starts",
        "stream",
        "words",
        "sentences",
        "occupied",
        "shouting",
        "units",
        "word_starts",
    )

    def __init__(self, name: str, order: int, text: str):
        self.name = name
        self.order = order
        self.text = text
        self.utext = unify(text)
        self.tokens = tokenize(text)
        self.tok_starts = [t.start for t in self.tokens]
        self.stream: Stream = build_stream(self.tokens)
        # folded stream words with "hard break before" flags, aligned with stream.spans
        self.words = []
        hard = False
        for w in self.stream.text.split(" "):
            if not w:
                continue
            if w == BARRIER:
                hard = True
                continue
            self.words.append((w, hard))
            hard = False
        self.word_starts = [a for a, _ in self.stream.spans]
        self.sentences = Sentences(text)
        self.occupied = bytearray(len(text) + 1)
        self.shouting = _shouting_lines(text)
        self.units = _units(text, self.tokens)

    def free(self, start: int, end: int) -> bool:
        return not any(self.occupied[start:end])

    def occupy(self, start: int, end: int):
        self.occupied[start:end] = b"\x01" * (end - start)

    def evidence(self, start: int, end: int) -> Evidence:
        return Evidence(self.name, start, end, self.text[start:end], self.sentences.around(start))

    def token_ending_before(self, pos: int) -> int:
        """Index of the last token ending at or before `pos` with only spaces between."""
        i = bisect_left(self.tok_starts, pos) - 1
        if i < 0 or self.text[self.tokens[i].end : pos].strip():
            return -1
        return i


def _shouting_lines(text: str) -> list[tuple[int, int]]:
    """Spans of lines written in capitals ("COOK COUNTY RECORD"): no acronyms are read there."""
    out = []
    pos = 0
    for line in text.split("\n"):
        words = re.findall(r"[^\W\d_]{2,}", line)
        if len(words) >= 3 and sum(w.isupper() for w in words) >= 0.8 * len(words):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


class _Unit:
    """A word of the story for discovery: hyphen-joined words are one unit."""

    __slots__ = ("start", "end", "text", "parts", "kind", "poss", "gap")

    def __init__(self, tok: Token):
        self.start, self.end, self.text = tok.start, tok.end, tok.text
        self.parts = [tok.norm] if tok.kind != P else []
        self.kind, self.poss, self.gap = tok.kind, tok.poss, tok.gap


def _units(text: str, tokens: list[Token]) -> list[_Unit]:
    units: list[_Unit] = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        u = _Unit(tok)
        if tok.kind == W:
            while (
                i + 2 < n
                and tokens[i + 1].kind == P
                and tokens[i + 1].text == "-"
                and tokens[i + 1].gap == ""
                and tokens[i + 2].kind == W
                and tokens[i + 2].gap == ""
                and not tokens[i].poss
            ):
                nxt = tokens[i + 2]
                u.end = nxt.end
                u.parts.append(nxt.norm)
                u.poss = nxt.poss
                i += 2
            u.text = text[u.start : u.end]
        units.append(u)
        i += 1
    return units


class _Hit:
    __slots__ = ("field", "start", "end", "cands", "via", "words", "defn")

    def __init__(self, field, start, end, cands, via, words=(0, 0), defn=None):
        self.field = field
        self.start = start
        self.end = end
        self.cands = cands  # entry indexes; negative: -(n+1) for the story's new organization n
        self.via = via
        self.words = words  # (first, last) stream word indexes, for name hits
        self.defn = defn  # acronym defined by this hit

    def sort_key(self):
        return (-(self.end - self.start), self.via, self.field.order, self.start)


class _NewOrg:
    """A name the story defines with an acronym: suggested when it names an organization."""

    __slots__ = ("name", "acronym", "field", "start", "end", "is_org")

    def __init__(self, name, acronym, field, start, end):
        self.name, self.acronym, self.field, self.start, self.end = (
            name,
            acronym,
            field,
            start,
            end,
        )
        self.is_org = any(w in ORG_NAME_HEADS for w in normalize(name).split())


# ---------------------------------------------------------------------------------------------
# Helpers


def _content_words(folded: str) -> set[str]:
    return {w for w in folded.split() if w not in CONNECTORS and w not in _US_WORDS}


def _match_words(f: _Field, i: int, key: tuple[str, ...]):
    """Span of stream words i.. if they equal `key` without a hard break inside."""
    n = len(key)
    if i < 0 or i + n > len(f.words):
        return None
    for j in range(n):
        w, hard = f.words[i + j]
        if w != key[j] or (j and hard):
            return None
    return (f.stream.spans[i][0], f.stream.spans[i + n - 1][1])


def _title_cased(f: _Field) -> bool:
    """A Title Cased Headline: capitalised words say nothing about names there."""
    words = [u for u in f.units if u.kind == W and len(u.text) >= 4]
    if len(words) < 4:
        return False
    caps = sum(u.text[:1].isupper() for u in words)
    return caps >= 0.7 * len(words)
