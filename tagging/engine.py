"""Entity tagging engine: finds registered organizations and people in a story, and suggests
unregistered ones (discovery). Pure Python, no Django: the glue code maps database rows to
`RegisterEntry` and `TagResult` back to rows.

How a story is read
-------------------
* Two Aho-Corasick automata, built once per register (`Register.build`) and shared by every
  story: one over *folded* text for names and aliases (case, accents, periods, possessives and
  hyphens ignored; "U.S.", "US", "U. S." and "United States" are one word, "us"), one over the
  text *as written* for acronyms (case-sensitive). Hits map back to offsets in the field.
* Hits are whole words. Overlapping hits are resolved longest first (then by how they matched:
  name, defined acronym, alias, acronym), so "U.S. Customs and Border Protection" is one hit
  and never also "Border Protection".
* "Full Name (ACR)" in the story binds ACR to that organization for the whole story, even when
  the register lacks or shares the acronym; an unregistered "Office of Foo Bar (OFB)" becomes
  an organization suggestion (discover mode) and its later "OFB"s are counted for it, never for
  a registered organization with the same acronym.
* An organization's name that starts with "U.S." is also matched without it when at least
  three words remain ("Department of State", "Customs and Border Protection"). A generic name
  right after a place is another body: "Texas Department of Transportation" is not the U.S. one.
* Names and aliases are folded (case, accents); acronyms, and all-caps aliases of up to six
  letters, are matched as written; "US"/"U.S."/"USA"/"UK" are never organizations. A one-word
  name or alias must be capitalised in the text ("Pentagon", not "fed"). Acronyms are not read
  in lines written in capitals, nor where a state postal code follows a place ("Fairfax, VA").
* A bare surname counts for a registered person only after the full name (or an alias, or the
  person's registered title followed by the surname) appeared earlier in the story, reading
  headline, dek, caption, body in that order; never right after another first name ("Jill
  Biden") nor before a place or body word ("Harris County").
* Titles. `RegisterEntry.titles` of an organization ("Secretary of State") resolve the
  `organization_key` of discovered people. By default a title alone does NOT make the
  organization a mention (the story did not name it); pass `implied_orgs=True` to `tag` to get
  such organizations as mentions with via="title". A registered person's title followed by the
  surname ("President Biden") is a mention of that person with via="title".

Confidence (see CONFIDENCE): name 0.97, defined acronym 0.95, alias 0.90, bare registered
acronym 0.85, registered title + surname 0.80, implied by a title 0.75; +0.01 for each further
mention, at most +0.02. An acronym shared by several registered organizations counts only when
the story settles which one (it names one of them, or a title implies one): 0.80.
Suggestions: acronym-defined organization 0.80; person introduced by a title before the name
0.75 ("Deputy Attorney General Lisa Monaco"), by an appositive 0.70 ("Lisa Monaco, the deputy
attorney general,"); +0.05 when the title resolves to a registered organization.
Suggestion titles are kept as written, less leading nationality adjectives, "U.S." and country
possessives ("Mexican Foreign Secretary" -> "Foreign Secretary"); a non-U.S. nationality stops
the title from resolving through the register's titles.

Discovery (``discover=True``) is built for precision. People: 2-4 capitalised names (particles,
initials, hyphens and accents allowed, no place, title, month or organization word) introduced
by a title before the name, an appositive after it ("Jane Roe, the agency's director,"), a
title before a comma ("A State Department spokesperson, Jane Roe, said") or a caption line
("Jane Roe | Deputy Administrator | example.gov"). The title must end in a head word
("Administrator") or have one with a complement ("Secretary of State"). Title Cased headlines
and deks are not read for people. Organizations: only "Full Name (ACR)" where the name holds an
organization word ("Office", "Bureau", "Commission", ...); "Migrant Protection Protocols (MPP)"
still binds MPP but is not suggested.

Scale: one automaton pair for the whole register; 10^6 aliases build in about 15 s and some
600 MB on the reference machine, and tagging a story takes a few milliseconds whatever the
register's size. A process that keeps a large register may call ``gc.freeze()`` after building
it, so that the cyclic garbage collector stops walking the register's objects.
"""

from __future__ import annotations

import gc
import re
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from .text import (
    ABBR,
    BARRIER,
    COMMON_CAPITALIZED,
    COMMON_NOUNS,
    CONNECTORS,
    COUNTRIES,
    INIT,
    MONTHS_DAYS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NATIONALITIES,
    NOT_NAME_WORDS,
    ORG_HEADS,
    ORG_NAME_HEADS,
    PLACE_WORDS,
    RANK_SUFFIXES,
    STATE_CODES,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    US_STATES,
    VOCAB,
    P,
    Sentences,
    Stream,
    Token,
    W,
    build_stream,
    fold,
    is_place,
    normalize,
    pattern_key,
    tokenize,
    unify,
)

__all__ = [
    "CONFIDENCE",
    "Evidence",
    "Mention",
    "Register",
    "RegisterEntry",
    "Suggestion",
    "TagResult",
    "normalize",
]

ORGANIZATION = "organization"
PERSON = "person"
FIELDS = ("headline", "dek", "caption", "body")

VIAS = ("name", "defined-acronym", "alias", "acronym", "title", "surname")
V_NAME, V_DEFINED, V_ALIAS, V_ACRONYM, V_TITLE, V_SURNAME = range(6)

CONFIDENCE = {
    "name": 0.97,
    "defined-acronym": 0.95,
    "alias": 0.90,
    "acronym": 0.85,
    "title": 0.80,
    "surname": 0.80,
    "implied": 0.75,
    "ambiguous-acronym": 0.80,
    "suggest-org": 0.80,
    "suggest-title": 0.75,
    "suggest-appositive": 0.70,
    "suggest-resolved-bonus": 0.05,
}

# Never an organization, whatever a register says.
FORBIDDEN_ACRONYMS = frozenset({"US", "U.S.", "U.S", "USA", "U.S.A.", "UK"})
_DEFINITION = re.compile(r"\(\s*\"?([A-Z][A-Za-z0-9&.\-]{1,11})\"?\s*\)")
_US_WORDS = frozenset({"us"})
_HONORIFICS = frozenset({"dr", "doctor", "prof", "professor", "mr", "mrs", "ms"})
_STRIPPABLE_TITLE_MODIFIERS = frozenset(
    {
        "acting",
        "deputy",
        "assistant",
        "associate",
        "principal",
        "senior",
        "special",
        "interim",
        "former",
        "under",
        "first",
    }
)
_VERBS_AFTER_NAME = frozenset({"said", "says", "told", "added", "noted", "wrote", "announced"})


# ---------------------------------------------------------------------------------------------
# Public data


@dataclass(frozen=True)
class RegisterEntry:
    kind: str  # "organization" | "person"
    key: object  # the database id (or slug): opaque to the engine
    name: str  # "U.S. Department of State", "Antony J. Blinken"
    acronym: str = ""  # "DOS" (organizations only); matched case-sensitively
    aliases: tuple[str, ...] = ()  # an all-caps alias of <= 6 letters is matched like an acronym
    titles: tuple[str, ...] = ()  # org: titles implying it; person: current titles


@dataclass(frozen=True)
class Evidence:
    field: str  # "headline" | "dek" | "caption" | "body"
    start: int  # character offsets in that field's text
    end: int
    text: str  # the matched text as written
    sentence: str  # the sentence of the mention


@dataclass(frozen=True)
class Mention:
    kind: str
    key: object
    name: str
    confidence: float
    count: int
    evidence: Evidence  # first mention in reading order (headline, dek, caption, body)
    via: str  # how the entity was identified: the strongest way among its mentions


@dataclass(frozen=True)
class Suggestion:
    kind: str
    name: str
    acronym: str
    title: str
    organization_key: object | None
    confidence: float
    evidence: Evidence


@dataclass
class TagResult:
    mentions: list[Mention]
    suggestions: list[Suggestion]


# ---------------------------------------------------------------------------------------------
# Register


def _is_acronym_like(text: str) -> bool:
    if len(text) > 8:
        return False
    letters = text.replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def _name_units(name: str) -> list[list[str]]:
    """Folded words of a personal name, hyphen-joined parts kept together."""
    units: list[list[str]] = []
    joined = False
    for tok in tokenize(name):
        if tok.kind == P:
            joined = tok.text == "-" and tok.gap == ""
            continue
        if tok.kind == ABBR:
            units.append([tok.norm])
        elif joined and units and tok.gap == "":
            units[-1].append(tok.norm)
        else:
            units.append([tok.norm])
        joined = False
    return units


def _person_variants(words: list[str]) -> list[str]:
    """Other spellings of a personal name (folded words): without middle initials, without
    Jr./III: "antony j blinken" -> ["antony blinken"]."""
    if BARRIER in words or len(words) < 2:
        return []
    out = set()
    core = words
    if core[-1] in NAME_SUFFIXES and len(core) > 2:
        core = core[:-1]
        out.add(" ".join(core))
    no_init = [w for i, w in enumerate(core) if i == 0 or len(w) > 1]
    if len(no_init) >= 2 and len(no_init) != len(core):
        out.add(" ".join(no_init))
    return sorted(out)


def _surname_keys(name: str) -> list[tuple[str, ...]]:
    """Folded word tuples that may stand alone for the person: ("blinken",), ("lopez",
    "obrador") and ("obrador",) for "Andrés Manuel López Obrador"."""
    units = _name_units(name)
    while len(units) > 1 and units[-1][0] in NAME_SUFFIXES:
        units = units[:-1]
    units = [u for i, u in enumerate(units) if i == len(units) - 1 or len(u[0]) > 1 or len(u) > 1]
    if len(units) < 2:
        return []
    keys = [tuple(units[-1])]
    if len(units) >= 3:
        keys.append(tuple(units[-2] + units[-1]))
    if len(units) >= 3 and units[-2][0] in NAME_PARTICLES:
        keys.append(tuple(units[-2] + units[-1]))
    return sorted(set(keys), key=len, reverse=True)


class Register:
    """The entities a story can be tagged with, compiled into two automata.

    Build once (`Register.build(entries)`), then call `tag` for any number of stories. The cost
    of tagging one story depends on the story, hardly on the size of the register.
    """

    def __init__(self):
        self.entries: list[RegisterEntry] = []
        self._names = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        self._acronyms = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        self._pat_len = array("H")
        self._pat_target = array("q")  # entry << 3 | via, or -1 when several (see _collide)
        self._collide: dict[int, list[int]] = {}
        # acronym -> organization index, or a tuple of them when several share it
        self._acr_entries: dict[str, int | tuple[int, ...]] = {}
        self._titles: dict[str, list[int]] = {}  # folded title -> organizations implied

    # -- building ------------------------------------------------------------------------

    @classmethod
    def build(cls, entries: Iterable[RegisterEntry]) -> Register:
        reg = cls()
        # Building allocates millions of small objects and no cycles: the cyclic collector
        # would walk the growing heap again and again for nothing.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            for entry in entries:
                reg._add(entry)
            reg._names.make_automaton()
            reg._acronyms.make_automaton()
        finally:
            if was_enabled:
                gc.enable()
        return reg

    def __len__(self):
        return len(self.entries)

    def _put(self, automaton, key: str, idx: int, via: int):
        if len(key) > 1000:
            return  # not a name
        packed = idx << 3 | via
        pid = automaton.get(key, -1)
        if pid == -1:
            pid = len(self._pat_len)
            automaton.add_word(key, pid)
            self._pat_len.append(min(len(key), 65535))
            self._pat_target.append(packed)
            return
        current = self._pat_target[pid]
        targets = self._collide.get(pid) if current == -1 else [current]
        for i, t in enumerate(targets):
            if t >> 3 == idx and (t & 7 == V_TITLE) == (via == V_TITLE):
                if via < t & 7:
                    targets[i] = packed
                break
        else:
            targets.append(packed)
        if len(targets) > 1:
            self._pat_target[pid] = -1
            self._collide[pid] = targets
        else:
            self._pat_target[pid] = targets[0]

    def _put_name(self, text: str, idx: int, via: int, acronym_like_ok: bool = True):
        text = text.strip()
        if not text:
            return
        if acronym_like_ok and _is_acronym_like(text):
            if text not in FORBIDDEN_ACRONYMS:
                self._put(self._acronyms, unify(text), idx, V_ACRONYM if via != V_NAME else via)
            return
        key = pattern_key(text)
        if key.startswith(" the "):
            key = key[4:]
        words = key.split()
        if not words or words == ["us"] or (len(words) == 1 and len(words[0]) < 2):
            return
        self._put(self._names, key, idx, via)
        return words

    def _add(self, entry: RegisterEntry):
        if entry.kind not in (ORGANIZATION, PERSON):
            raise ValueError(f"unknown entry kind {entry.kind!r}")
        idx = len(self.entries)
        self.entries.append(entry)
        if entry.kind == ORGANIZATION:
            words = self._put_name(entry.name, idx, V_NAME)
            if _is_acronym_like(entry.name.strip()):
                self._add_acronym(entry.name.strip(), idx)  # an organization called "NATO"
            # "U.S. Department of State" is also written "Department of State".
            if words and words[0] == "us" and len(words) >= 4:
                self._put(self._names, " " + " ".join(words[1:]) + " ", idx, V_ALIAS)
            acr = entry.acronym.strip()
            if acr and acr not in FORBIDDEN_ACRONYMS:
                self._put(self._acronyms, unify(acr), idx, V_ACRONYM)
                self._add_acronym(unify(acr), idx)
            for alias in entry.aliases:
                self._put_name(alias, idx, V_ALIAS)
                if _is_acronym_like(alias.strip()):
                    self._add_acronym(alias.strip(), idx)
            for title in entry.titles:
                key = pattern_key(title)
                if key.strip():
                    self._put(self._names, key, idx, V_TITLE)
                    self._titles.setdefault(key.strip(), []).append(idx)
        else:
            words = self._put_name(entry.name, idx, V_NAME, acronym_like_ok=False)
            for variant in _person_variants(words or []):
                self._put(self._names, " " + variant + " ", idx, V_NAME)
            for alias in entry.aliases:
                self._put_name(alias, idx, V_ALIAS)
            for title in entry.titles:
                key = pattern_key(title)
                if key.strip():
                    self._put(self._names, key, idx, V_TITLE)

    # -- lookups -------------------------------------------------------------------------

    def _targets(self, pid: int) -> list[int]:
        t = self._pat_target[pid]
        return [t] if t != -1 else self._collide[pid]

    def _lookup_name(self, folded: str) -> list[int]:
        """Entries (packed) whose name or alias folds to `folded` ("department of state")."""
        pid = self._names.get(" " + folded + " ", -1)
        if pid == -1:
            return []
        return [t for t in self._targets(pid) if t & 7 != V_TITLE]

    def _add_acronym(self, acr: str, idx: int):
        have = self._acr_entries.get(acr)
        if have is None:
            self._acr_entries[acr] = idx
        elif isinstance(have, int):
            if have != idx:
                self._acr_entries[acr] = (have, idx)
        elif idx not in have:
            self._acr_entries[acr] = (*have, idx)

    def acronym_orgs(self, acr: str) -> tuple[int, ...]:
        have = self._acr_entries.get(acr, ())
        return (have,) if isinstance(have, int) else have

    def title_orgs(self, folded_title: str) -> list[int]:
        return self._titles.get(folded_title, [])

    # -- tagging -------------------------------------------------------------------------

    def tag(
        self,
        *,
        headline: str = "",
        dek: str = "",
        caption: str = "",
        body: str = "",
        discover: bool = False,
        implied_orgs: bool = False,
    ) -> TagResult:
        story = _Story(self, {"headline": headline, "dek": dek, "caption": caption, "body": body})
        return story.run(discover=discover, implied_orgs=implied_orgs)


# ---------------------------------------------------------------------------------------------
# One story


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


class _Story:
    def __init__(self, register: Register, texts: dict[str, str]):
        self.reg = register
        self.fields = [
            _Field(name, order, texts[name] or "")
            for order, name in enumerate(FIELDS)
            if (texts.get(name) or "").strip()
        ]
        self.name_hits: list[_Hit] = []
        self.acr_hits: list[_Hit] = []
        self.title_hits: list[_Hit] = []
        self.defined: dict[str, int] = {}  # acronym -> entry index or -(new org + 1)
        self.new_orgs: list[_NewOrg] = []
        self.selected: list[_Hit] = []

    # -- pipeline ----------------------------------------------------------------------------

    def run(self, *, discover: bool, implied_orgs: bool) -> TagResult:
        for f in self.fields:
            self._find_names(f)
            self._find_acronyms(f)
        self._find_definitions()
        self._bind_acronyms()
        self._select()
        self._settle_ambiguous()
        self._find_people_by_title()
        self._find_surnames()
        mentions = self._mentions(implied_orgs)
        suggestions = self._discover() if discover else []
        return TagResult(mentions, suggestions)

    # -- names -------------------------------------------------------------------------------

    def _find_names(self, f: _Field):
        reg = self.reg
        st = f.stream
        text = st.text
        if not len(reg._names):
            return
        for end, pid in reg._names.iter(text):
            length = reg._pat_len[pid]
            s = end - length + 1
            first = st.starts.get(s + 1)
            last = st.ends.get(end)
            if first is None or last is None:
                continue
            start_off = st.spans[first][0]
            end_off = st.spans[last][1]
            ents, titles = [], []
            for t in reg._targets(pid):
                (titles if t & 7 == V_TITLE else ents).append(t)
            if titles:
                self.title_hits.append(
                    _Hit(f, start_off, end_off, [t >> 3 for t in titles], V_TITLE, (first, last))
                )
            if not ents:
                continue
            if first == last and not f.text[start_off : start_off + 1].isupper():
                continue  # one-word names and aliases are proper nouns: "Pentagon", not "fed"
            orgs_generic = [t for t in ents if reg.entries[t >> 3].kind == ORGANIZATION]
            if orgs_generic and f.words[first][0] != "us" and self._after_place(f, first):
                # "Texas Department of Transportation" is not the U.S. department
                ents = [t for t in ents if reg.entries[t >> 3].kind != ORGANIZATION]
                if not ents:
                    continue
            via = min(t & 7 for t in ents)
            self.name_hits.append(
                _Hit(f, start_off, end_off, sorted({t >> 3 for t in ents}), via, (first, last))
            )

    @staticmethod
    def _after_place(f: _Field, first: int) -> bool:
        if first == 0 or f.words[first][1]:
            return False
        for n in (3, 2, 1):
            if first - n < 0:
                continue
            if any(f.words[k][1] for k in range(first - n + 1, first + 1)):
                continue
            phrase = " ".join(f.words[k][0] for k in range(first - n, first))
            if n == 1 and phrase in ("state", "county", "city", "provincial", "tribal"):
                return True
            if (
                is_place(phrase)
                and phrase != "american"
                and f.text[f.stream.spans[first - n][0]].isupper()
            ):
                return True
        return False

    # -- acronyms ----------------------------------------------------------------------------

    def _find_acronyms(self, f: _Field):
        reg = self.reg
        t = f.utext
        n = len(t)
        if not len(reg._acronyms):
            return
        for end, pid in reg._acronyms.iter(t):
            length = reg._pat_len[pid]
            s = end - length + 1
            if s > 0 and t[s - 1].isalnum():
                continue
            if end + 1 < n and t[end + 1].isalnum():
                continue
            if any(a <= s < b for a, b in f.shouting):
                continue
            acr = t[s : end + 1]
            if acr in STATE_CODES and re.search(r"[A-Z][\w.]*,\s*$", t[max(0, s - 30) : s]):
                continue  # "Fairfax, VA"
            cands = sorted({x >> 3 for x in reg._targets(pid) if x & 7 != V_TITLE})
            if cands:
                self.acr_hits.append(_Hit(f, s, end + 1, cands, V_ACRONYM))

    # -- "Full Name (ACR)" -------------------------------------------------------------------

    def _find_definitions(self):
        prelim = {}
        self._blocked: set[tuple[int, int]] = set()
        for h in self._resolve(self.name_hits):
            if any(self.reg.entries[c].kind == ORGANIZATION for c in h.cands):
                prelim[(id(h.field), h.end)] = h
                self._blocked.update((id(h.field), p) for p in range(h.start, h.end))
        for f in self.fields:
            for m in _DEFINITION.finditer(f.utext):
                acr = m.group(1).rstrip(".")
                letters = [c for c in acr if c.isalpha()]
                uppers = sum(c.isupper() for c in letters)
                if uppers < 2 or uppers * 3 < len(letters) * 2 or acr in FORBIDDEN_ACRONYMS:
                    continue
                k = f.token_ending_before(m.start())
                if k < 0:
                    continue
                hit = prelim.get((id(f), f.tokens[k].end))
                target = None
                if hit is not None:
                    orgs = [c for c in hit.cands if self.reg.entries[c].kind == ORGANIZATION]
                    if len(orgs) > 1:
                        orgs = [c for c in orgs if self.reg.entries[c].acronym == acr] or orgs
                    if len(orgs) == 1:
                        target = orgs[0]
                if target is None:
                    target = self._define_from_phrase(f, k, acr)
                if target is None:
                    continue
                self.defined.setdefault(acr, target)
                # the "(ACR)" itself is part of the definition, not another mention
                f.occupy(m.start(), m.end())

    def _define_from_phrase(self, f: _Field, k: int, acr: str):
        span = _acronym_phrase(f, k, acr, self._blocked)
        if span is None:
            return None
        start_tok, ext_tok = span
        s_off = f.tokens[start_tok].start
        e_off = f.tokens[k].end
        name_candidates = [(f.tokens[ext_tok].start, e_off), (s_off, e_off)]
        for a, b in name_candidates:
            folded = normalize(f.text[a:b])
            if folded.startswith("the "):
                folded = folded[4:]
            orgs = {
                t >> 3
                for t in self.reg._lookup_name(folded)
                if self.reg.entries[t >> 3].kind == ORGANIZATION
            }
            if len(orgs) == 1:
                idx = orgs.pop()
                self.name_hits.append(_Hit(f, a, b, [idx], V_DEFINED, defn=acr))
                return idx
        # a registered acronym whose organization's name resembles the phrase
        cands = self.reg.acronym_orgs(acr)
        phrase_words = _content_words(normalize(f.text[s_off:e_off]))
        best, best_score = None, 0.0
        for idx in cands:
            e = self.reg.entries[idx]
            for nm in (e.name, *e.aliases):
                words = _content_words(normalize(nm))
                if not words or not phrase_words:
                    continue
                score = len(words & phrase_words) / len(words | phrase_words)
                if score > best_score:
                    best, best_score = idx, score
        if best is not None and best_score >= 0.5:
            self.name_hits.append(_Hit(f, s_off, e_off, [best], V_DEFINED, defn=acr))
            return best
        a = f.tokens[ext_tok].start
        self.new_orgs.append(_NewOrg(f.text[a:e_off], acr, f, a, e_off))
        return -len(self.new_orgs)

    def _bind_acronyms(self):
        """Acronyms defined in the story count for what the story defined them as, also
        where the register does not know them (a few per story: one small pattern)."""
        seen = set()
        for h in self.acr_hits:
            acr = h.field.utext[h.start : h.end]
            seen.add((id(h.field), h.start))
            if acr in self.defined:
                h.cands = [self.defined[acr]]
                h.via = V_DEFINED
        if not self.defined:
            return
        alternatives = "|".join(re.escape(a) for a in sorted(self.defined, key=len, reverse=True))
        pattern = re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")
        for f in self.fields:
            for m in pattern.finditer(f.utext):
                if (id(f), m.start()) not in seen:
                    target = self.defined[m.group()]
                    self.acr_hits.append(_Hit(f, m.start(), m.end(), [target], V_DEFINED))

    # -- selection ---------------------------------------------------------------------------

    def _resolve(self, hits: list[_Hit]) -> list[_Hit]:
        """Longest first, non-overlapping, per field (does not mark fields occupied)."""
        taken: dict[int, bytearray] = {}
        out = []
        for h in sorted(hits, key=_Hit.sort_key):
            occ = taken.setdefault(id(h.field), bytearray(len(h.field.text) + 1))
            if any(occ[h.start : h.end]) or any(h.field.occupied[h.start : h.end]):
                continue
            occ[h.start : h.end] = b"\x01" * (h.end - h.start)
            out.append(h)
        return out

    def _select(self):
        chosen = self._resolve(self.name_hits + self.acr_hits)
        for h in chosen:
            h.field.occupy(h.start, h.end)
        self.selected = chosen

    def _settle_ambiguous(self):
        """A hit with several candidates counts for the one the story otherwise names."""
        sure = {h.cands[0] for h in self.selected if len(h.cands) == 1}
        implied = set()
        for t in self.title_hits:
            implied.update(c for c in t.cands if self.reg.entries[c].kind == ORGANIZATION)
        kept = []
        for h in self.selected:
            if len(h.cands) > 1:
                pick = [c for c in h.cands if c in sure] or [c for c in h.cands if c in implied]
                if len(pick) != 1:
                    continue
                h.cands = pick
                h.defn = "ambiguous"
            kept.append(h)
        self.selected = kept

    # -- people ------------------------------------------------------------------------------

    def _person_first(self) -> dict[int, tuple[int, int]]:
        first: dict[int, tuple[int, int]] = {}
        for h in self.selected:
            c = h.cands[0]
            if c >= 0 and self.reg.entries[c].kind == PERSON:
                pos = (h.field.order, h.start)
                if c not in first or pos < first[c]:
                    first[c] = pos
        return first

    def _find_people_by_title(self):
        """A registered person's title followed by the surname: "President Biden"."""
        for t in self.title_hits:
            people = [c for c in t.cands if self.reg.entries[c].kind == PERSON]
            if not people:
                continue
            f = t.field
            nxt = t.words[1] + 1
            for c in people:
                for key in _surname_keys(self.reg.entries[c].name):
                    span = _match_words(f, nxt, key)
                    if span and f.free(*span) and f.text[span[0]].isupper():
                        f.occupy(*span)
                        self.selected.append(_Hit(f, span[0], span[1], [c], V_TITLE))
                        break

    def _find_surnames(self):
        first = self._person_first()
        if not first:
            return
        by_key: dict[tuple[str, ...], list[int]] = {}
        for c in first:
            for key in _surname_keys(self.reg.entries[c].name):
                by_key.setdefault(key, []).append(c)
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for key in sorted(by_key, key=len, reverse=True):
            by_first.setdefault(key[0], []).append(key)
        for f in self.fields:
            for i, (word, _) in enumerate(f.words):
                for key in by_first.get(word, ()):
                    span = _match_words(f, i, key)
                    if not span or not f.free(*span):
                        continue
                    owners = by_key[key]
                    if len(owners) != 1:
                        break
                    c = owners[0]
                    if not _surname_context_ok(f, i, len(key)):
                        break
                    if first[c] > (f.order, span[0]):
                        break  # only after the full name
                    f.occupy(*span)
                    self.selected.append(_Hit(f, span[0], span[1], [c], V_SURNAME))
                    break

    # -- results -----------------------------------------------------------------------------

    def _mentions(self, implied_orgs: bool) -> list[Mention]:
        groups: dict[int, list[_Hit]] = {}
        for h in self.selected:
            c = h.cands[0]
            if c >= 0:
                groups.setdefault(c, []).append(h)
        if implied_orgs:
            for t in self.title_hits:
                orgs = [c for c in t.cands if self.reg.entries[c].kind == ORGANIZATION]
                if len(orgs) == 1 and orgs[0] not in groups:
                    groups.setdefault(orgs[0], []).append(
                        _Hit(t.field, t.start, t.end, orgs, V_TITLE, defn="implied")
                    )
                elif len(orgs) == 1 and groups[orgs[0]][0].defn == "implied":
                    groups[orgs[0]].append(
                        _Hit(t.field, t.start, t.end, orgs, V_TITLE, defn="implied")
                    )
        out = []
        for c, hits in groups.items():
            hits.sort(key=lambda h: (h.field.order, h.start))
            e = self.reg.entries[c]
            best = min(hits, key=lambda h: h.via)
            via = VIAS[best.via]
            if best.defn == "implied":
                conf = CONFIDENCE["implied"]
            elif best.defn == "ambiguous":
                conf = CONFIDENCE["ambiguous-acronym"]
            else:
                conf = CONFIDENCE[via]
            conf = round(min(0.99, conf + 0.01 * min(len(hits) - 1, 2)), 2)
            h0 = hits[0]
            out.append(
                (
                    h0.field.order,
                    h0.start,
                    Mention(
                        e.kind,
                        e.key,
                        e.name,
                        conf,
                        len(hits),
                        h0.field.evidence(h0.start, h0.end),
                        via,
                    ),
                )
            )
        out.sort(key=lambda x: (x[0], x[1]))
        return [m for _, _, m in out]

    # -- discovery ---------------------------------------------------------------------------

    def _discover(self) -> list[Suggestion]:
        found: list[tuple[int, int, Suggestion]] = []
        seen: set[str] = set()
        for org in self.new_orgs:
            key = normalize(org.name)
            if key in seen or not org.is_org:
                continue
            seen.add(key)
            found.append(
                (
                    org.field.order,
                    org.start,
                    Suggestion(
                        ORGANIZATION,
                        org.name,
                        org.acronym,
                        "",
                        None,
                        CONFIDENCE["suggest-org"],
                        org.field.evidence(org.start, org.end),
                    ),
                )
            )
        for f in self.fields:
            if f.name in ("headline", "dek") and _title_cased(f):
                continue
            for cand in _person_candidates(self, f):
                key = normalize(cand.name)
                if key in seen:
                    continue
                seen.add(key)
                found.append((f.order, cand.start, cand.suggestion(f)))
        found.sort(key=lambda x: (x[0], x[1]))
        return [s for _, _, s in found]

    def org_in_span(self, f: _Field, start: int, end: int):
        """The registered organization named or abbreviated in [start, end), closest to end."""
        best = None
        for h in self.selected:
            if h.field is f and start <= h.start and h.end <= end and len(h.cands) == 1:
                c = h.cands[0]
                is_org = c >= 0 and self.reg.entries[c].kind == ORGANIZATION
                if is_org and (best is None or h.end > best.end):
                    best = h
        return self.reg.entries[best.cands[0]].key if best else None

    def registered_overlap(self, f: _Field, start: int, end: int) -> bool:
        return any(h.field is f and h.start < end and start < h.end for h in self.selected)


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


_SURNAME_OK_BEFORE = TITLE_HEADS | TITLE_MODIFIERS | VOCAB | COMMON_CAPITALIZED | MONTHS_DAYS
_SURNAME_BAD_AFTER = ORG_HEADS | PLACE_WORDS | frozenset({"doctrine", "act", "rule", "era"})


def _surname_context_ok(f: _Field, i: int, n: int) -> bool:
    if not f.text[f.stream.spans[i][0]].isupper():
        return False
    if i > 0 and not f.words[i][1]:
        prev, _ = f.words[i - 1]
        ps = f.stream.spans[i - 1][0]
        if f.text[ps].isupper() and prev not in _SURNAME_OK_BEFORE:
            return False  # "Jill Biden" is not "Joe Biden"
    j = i + n
    if j < len(f.words) and not f.words[j][1]:
        nxt, _ = f.words[j]
        if f.text[f.stream.spans[j][0]].isupper() and nxt in _SURNAME_BAD_AFTER:
            return False  # "Harris County"
    return True


def _title_cased(f: _Field) -> bool:
    """A Title Cased Headline: capitalised words say nothing about names there."""
    words = [u for u in f.units if u.kind == W and len(u.text) >= 4]
    if len(words) < 4:
        return False
    caps = sum(u.text[:1].isupper() for u in words)
    return caps >= 0.7 * len(words)


def _acronym_phrase(f: _Field, k: int, acr: str, blocked=frozenset()):
    """(start token, extended start token) of the name that `acr` abbreviates, ending at k.

    The extension takes in words the acronym leaves out: "Bureau of" in "Bureau of
    Population, Refugees, and Migration (PRM)", "Denver" in "Denver Department of Streets
    (DOS)", but never the words of a registered organization named just before.
    """
    letters = "".join(c for c in acr if c.isalpha()).upper()
    if len(letters) < 2:
        return None
    toks = f.tokens
    # walk left over capitalised words, "U.S.", connectors, commas between names, hyphens
    idxs = []
    i = k
    while i >= 0 and len(idxs) < 16:
        t = toks[i]
        if t.kind == P:
            if t.text in ",-&" and idxs:
                if t.gap == "\n\n":
                    break
                i -= 1
                continue
            break
        if t.kind == W and not t.text[:1].isupper() and t.norm not in CONNECTORS:
            break
        if t.kind == W and t.poss and i != k:
            break
        idxs.append(i)
        if t.gap == "\n\n":
            break
        i -= 1
    words = []  # nearest first
    for i in idxs:
        t = toks[i]
        content = t.kind != W or t.text[:1].isupper()
        words.append((i, fold(t.text.replace(".", "")).upper(), content))
    for n in range(2, len(words) + 1):
        seq = list(reversed(words[:n]))
        i0, w0, content0 = seq[0]
        if not content0 or not w0.startswith(letters[0]):
            continue
        n_content = sum(1 for _, _, c in seq if c)
        allowed = n_content // 2 if len(letters) >= 5 else (1 if n_content >= 3 else 0)
        misses = _align(letters, [(w, c) for _, w, c in seq])
        if misses is not None and misses <= allowed:
            ext = i0
            j = i0 - 1
            # "Bureau of" + the part the acronym spells
            if (
                j >= 1
                and toks[j].kind == W
                and toks[j].norm in ("of", "for")
                and toks[j - 1].kind == W
                and toks[j - 1].norm in ORG_HEADS
                and toks[j - 1].text[:1].isupper()
                and (id(f), toks[j - 1].start) not in blocked
            ):
                ext = j - 1
                j -= 2
            steps = 0
            while j >= 0 and steps < 3:
                t = toks[j]
                if (id(f), t.start) in blocked:
                    break
                if t.gap == "\n\n" or toks[j + 1].gap == "":
                    break
                if t.kind == ABBR and t.norm == "us":
                    ext = j
                    break
                if t.kind != W or not t.text[:1].isupper() or t.poss:
                    break
                if (t.norm in COMMON_CAPITALIZED and t.norm != "new") or _sentence_initial(f, j):
                    break
                ext = j
                j -= 1
                steps += 1
            return i0, ext
    return None


def _sentence_initial(f: _Field, i: int) -> bool:
    if i == 0:
        return True
    prev = f.tokens[i - 1]
    return prev.kind == P and prev.text in '.!?"' or f.tokens[i].gap == "\n\n"


def _align(letters: str, words: list[tuple[str, bool]]):
    """Fewest content words left out when `letters` are spelled by word beginnings, or None."""
    m = len(letters)
    n = len(words)
    memo: dict[tuple[int, int], int | None] = {}

    def go(i: int, j: int):
        if i == n:
            return 0 if j == m else None
        key = (i, j)
        if key in memo:
            return memo[key]
        w, content = words[i]
        best = None
        if i > 0:
            r = go(i + 1, j)
            if r is not None:
                best = r + (1 if content else 0)
        kmax = min(len(w), m - j)
        for kk in range(1, kmax + 1):
            if w[kk - 1] != letters[j + kk - 1]:
                break
            r = go(i + 1, j + kk)
            if r is not None and (best is None or r < best):
                best = r
        memo[key] = best
        return best

    return go(0, 0)


# -- person discovery ---------------------------------------------------------------------------

_TITLEISH = TITLE_HEADS | TITLE_MODIFIERS | VOCAB | NATIONALITIES
# Words of a title that may be written in lower case ("company chief executive Jane Roe").
_LOWER_TITLE_WORDS = (TITLE_HEADS - {"justice", "leader", "head", "officer", "general"}) | {
    "deputy",
    "acting",
    "assistant",
    "associate",
    "chief",
    "senior",
    "special",
    "executive",
    "press",
    "foreign",
    "prime",
    "vice",
    "attorney",
    "general",
    "interim",
    "former",
    "state",
    "national",
    "security",
    "defense",
    "health",
    "trade",
    "agency",
    "agency's",
    "department",
    "committee",
    "panel",
    "bureau",
    "office",
    "commission",
}


class _PersonCandidate:
    __slots__ = ("name", "start", "end", "title", "org_key", "confidence")

    def __init__(self, name, start, end, title, org_key, confidence):
        self.name, self.start, self.end = name, start, end
        self.title, self.org_key, self.confidence = title, org_key, confidence

    def suggestion(self, f: _Field) -> Suggestion:
        return Suggestion(
            PERSON,
            self.name,
            "",
            self.title,
            self.org_key,
            round(self.confidence, 2),
            f.evidence(self.start, self.end),
        )


def _name_unit_ok(u: _Unit) -> bool:
    if u.kind == INIT:
        return True
    if u.kind != W:
        return False
    if u.text.endswith("."):
        return False  # "Gov.", "Sen.", "Jr."
    parts = u.text.split("-")
    if any(not p for p in parts) or len(parts) != len(u.parts):
        return False
    for j, p in enumerate(parts):
        folded = u.parts[j]
        if not p[:1].isupper():
            if not (j < len(parts) - 1 and folded in NAME_PARTICLES):  # al-Sudani
                return False
            continue
        if len(p) > 1 and p.isupper():
            return False  # an acronym
        if any(ch.isdigit() for ch in p):
            return False
        if folded in NOT_NAME_WORDS or folded in PLACE_WORDS:
            return False
    return True


def _name_runs(f: _Field):
    """Maximal runs of name-like units: [(first unit, last unit)]."""
    units = f.units
    runs = []
    i = 0
    n = len(units)
    while i < n:
        u = units[i]
        if (
            not _name_unit_ok(u)
            or u.kind == INIT
            and i + 1 >= n
            or (u.kind == W and is_place(" ".join(u.parts)))
        ):
            i += 1  # a run starts on no place name ("Guatemala"), but "Lisa Monaco" is a name
            continue
        j = i
        while j + 1 < n:
            nxt = units[j + 1]
            if units[j].poss or nxt.gap not in (" ",):
                break
            if _name_unit_ok(nxt):
                j += 1
                continue
            # particles inside a name: "Ines de la Vega", "Ludwig van Beethoven"
            k = j + 1
            while (
                k < n
                and k - j <= 2
                and units[k].kind == W
                and units[k].gap == " "
                and units[k].text.lower() in NAME_PARTICLES
            ):
                k += 1
            if k > j + 1 and k < n and units[k].gap == " " and _name_unit_ok(units[k]):
                j = k
                continue
            break
        runs.append((i, j))
        i = j + 1
    return runs


def _titleish(story: _Story, f: _Field, u: _Unit, org_spans) -> bool:
    if u.kind == ABBR:
        return u.parts == ["us"]
    if u.kind != W:
        return False
    if any(a <= u.start and u.end <= b for a, b in org_spans):
        return True
    if u.text.isupper() and 2 <= len(u.text.replace("-", "")) <= 6:
        return True  # an agency's acronym: "USAID Deputy Administrator"
    if u.text[:1].isupper() and all(p in _TITLEISH for p in u.parts):
        return True
    if u.text[:1].islower():
        return u.parts[0] in CONNECTORS or all(p in _LOWER_TITLE_WORDS for p in u.parts)
    joined = " ".join(u.parts)
    return joined in COUNTRIES or joined in US_STATES


def _person_candidates(story: _Story, f: _Field):
    units = f.units
    org_spans = [
        (h.start, h.end)
        for h in story.selected
        if h.field is f and (h.cands[0] < 0 or story.reg.entries[h.cands[0]].kind == ORGANIZATION)
    ]
    out = []
    for a, b in _name_runs(f):
        # "for Management and Resources Richard Verma": a complement word ends the title
        if (
            b - a + 1 >= 3
            and a > 0
            and units[a - 1].kind == W
            and (units[a - 1].parts[0] in CONNECTORS and units[a - 1].text.islower())
        ):
            a += 1
        while b > a and (units[b].kind == INIT or units[b].text.lower() in NAME_PARTICLES):
            b -= 1
        if units[a].kind == INIT and b - a + 1 < 3:
            continue
        size = sum(1 for u in units[a : b + 1] if u.text.lower() not in NAME_PARTICLES)
        if not 2 <= size <= 4 or b - a + 1 > 6:
            continue  # "Mohammed bin Abdulrahman Al Thani" has three names and two particles
        start, end = units[a].start, units[b].end
        if story.registered_overlap(f, start, end):
            continue
        first_parts = units[a].parts
        if any(p in VOCAB or p in COMMON_NOUNS for p in first_parts) or all(
            p in _TITLEISH for u in units[a : b + 1] for p in u.parts
        ):
            continue  # "Travel Advisory", "Joint Chiefs"
        name = f.text[start:end]
        folded = normalize(name)
        if is_place(folded) or any(is_place(" ".join(u.parts)) for u in units[a : b + 1][:1]):
            continue
        if story.reg._lookup_name(folded):
            continue
        pre = _title_before(story, f, a, org_spans)
        app = _title_after(story, f, b, org_spans)
        if pre is None and app is None:
            rev = _title_before_comma(story, f, a, b, org_spans) or _title_after_bar(
                story, f, a, b, org_spans
            )
            if rev is None:
                continue
            pre = rev
        choice, conf = None, 0.0
        if pre is not None and not (app is not None and pre[3]):
            choice, conf = (
                pre,
                CONFIDENCE["suggest-title"] if not pre[4] else CONFIDENCE["suggest-appositive"],
            )
        elif app is not None:
            choice, conf = app, CONFIDENCE["suggest-appositive"]
        if choice is None:
            continue
        title, org_key = choice[0], choice[1]
        if org_key is not None:
            conf += CONFIDENCE["suggest-resolved-bonus"]
        out.append(_PersonCandidate(name, start, end, title, org_key, conf))
    return out


def _title_shaped(tunits: list[_Unit]) -> bool:
    """Ends with a head ("USAID Deputy Administrator") or has a head with a complement
    ("Secretary of State", "Deputy Secretary for Management and Resources")."""
    k = len(tunits) - 1
    while k > 0 and tunits[k].kind == W and all(p in RANK_SUFFIXES for p in tunits[k].parts):
        k -= 1
    last = tunits[k]
    if last.kind == W and last.parts[-1] in TITLE_HEADS and not last.poss:
        return True
    seen_head = False
    for u in tunits:
        if u.kind != W:
            continue
        if seen_head and u.parts[0] in ("of", "for", "to", "on") and u.text.islower():
            return True
        if any(p in TITLE_HEADS for p in u.parts) and not u.poss:
            seen_head = True
    return False


def _clean_title(story: _Story, f: _Field, tunits: list[_Unit], org_spans):
    """(title text, organization key, foreign) from the units of a title."""
    # trim connectors at both ends
    while (
        tunits
        and tunits[0].kind == W
        and tunits[0].text[:1].islower()
        and (tunits[0].parts[0] in CONNECTORS)
    ):
        tunits = tunits[1:]
    while tunits and tunits[-1].kind == W and tunits[-1].parts[0] in CONNECTORS:
        tunits = tunits[:-1]
    if not tunits:
        return None
    if not _title_shaped(tunits):
        return None
    foreign = False
    lead = 0
    while lead < len(tunits) - 1:
        u = tunits[lead]
        joined = " ".join(u.parts)
        if u.kind == ABBR and u.parts == ["us"] or joined in ("us", "american"):
            lead += 1
            continue
        if joined in NATIONALITIES or (u.poss and joined in COUNTRIES):
            foreign = True
            lead += 1
            continue
        break
    body = tunits[lead:]
    start, end = body[0].start, body[-1].end
    title = f.text[start:end]
    org_key = story.org_in_span(f, tunits[0].start, end)
    if org_key is None and not foreign:
        org_key = _title_org(story, title)
    return title, org_key


def _title_org(story: _Story, title: str):
    words = normalize(title).split()
    while words:
        orgs = story.reg.title_orgs(" ".join(words))
        if orgs:
            keys = {story.reg.entries[o].key for o in orgs}
            return keys.pop() if len(keys) == 1 else None
        if words[0] in _STRIPPABLE_TITLE_MODIFIERS:
            words = words[1:]
            continue
        break
    return None


def _title_before(story: _Story, f: _Field, a: int, org_spans):
    """Title units right before the name run starting at unit a."""
    units = f.units
    j = a - 1
    if j < 0 or units[a].gap != " ":
        return None
    if units[j].kind == W and units[j].text.islower() and units[j].parts[0] in CONNECTORS:
        return None  # "chairman of the Joint Chiefs": a name never follows "of the"
    taken = []
    while j >= 0 and len(taken) < 12:
        u = units[j]
        if not _titleish(story, f, u, org_spans):
            break
        if (
            u.poss
            and taken
            and not (
                " ".join(u.parts) in COUNTRIES
                or u.text[:1].islower()
                or any(a0 <= u.start and u.end <= b0 for a0, b0 in org_spans)
            )
        ):
            break
        taken.append(u)
        if u.gap != " ":
            break
        j -= 1
    if not taken:
        return None
    taken.reverse()
    if taken[-1].poss:
        return None
    res = _clean_title(story, f, taken, org_spans)
    if res is None:
        return None
    title, org_key = res
    honorific = all(p in _HONORIFICS for u in taken for p in u.parts)
    return title, org_key, None, honorific, False


def _title_after(story: _Story, f: _Field, b: int, org_spans):
    """Appositive: "Lisa Monaco, the deputy attorney general, said"."""
    units = f.units
    n = len(units)
    j = b + 1
    if j >= n or units[j].kind != P or units[j].text != "," or units[b].poss:
        return None
    j += 1
    if j < n and units[j].kind == W and units[j].text.lower() in ("the", "a", "an"):
        j += 1
    start = j
    taken = []
    in_complement = False
    while j < n and len(taken) < 12:
        u = units[j]
        if u.kind == P:
            break
        if u.kind == W and u.text.lower() in _VERBS_AFTER_NAME:
            break
        if in_complement and (
            u.kind in (W, ABBR)
            and (
                u.text[:1].isupper() or u.parts[0] in CONNECTORS or all(p in VOCAB for p in u.parts)
            )
        ):
            taken.append(u)
            j += 1
            continue
        if not _titleish(story, f, u, org_spans):
            if u.kind == W and u.poss and u.text[:1].islower():
                taken.append(u)  # "the agency's director"
                j += 1
                continue
            return None
        if u.kind == W and u.parts[0] in ("of", "at", "for") and taken:
            in_complement = True
        taken.append(u)
        j += 1
    if (
        j < n
        and not (units[j].kind == P and units[j].text in ",.;:)")
        and not (units[j].kind == W and units[j].text.lower() in _VERBS_AFTER_NAME)
    ):
        return None
    if not taken or start >= n:
        return None
    heads_before_complement = []
    for u in taken:
        if u.kind == W and u.parts[0] in ("of", "at", "for"):
            break
        heads_before_complement.extend(u.parts)
    if not any(p in TITLE_HEADS for p in heads_before_complement):
        return None
    while taken and taken[0].kind == W and taken[0].poss and taken[0].text[:1].islower():
        taken = taken[1:]
    res = _clean_title(story, f, taken, org_spans)
    if res is None:
        return None
    title, org_key = res
    if org_key is None:
        org_key = story.org_in_span(f, units[start].start, units[j - 1].end)
    return title, org_key, None, False, True


def _title_after_bar(story: _Story, f: _Field, a: int, b: int, org_spans):
    """A caption line "Lisa Monaco | Deputy Attorney General | justice.gov"."""
    units = f.units
    n = len(units)
    if a > 0 and "\n" not in f.text[units[a - 1].end : units[a].start]:
        return None
    j = b + 1
    if j >= n or units[j].kind != P or units[j].text != "|":
        return None
    taken = []
    j += 1
    while j < n and not (units[j].kind == P and units[j].text == "|"):
        if "\n" in f.text[units[j - 1].end : units[j].start] and taken:
            break
        if not _titleish(story, f, units[j], org_spans):
            return None
        taken.append(units[j])
        j += 1
    if not taken:
        return None
    res = _clean_title(story, f, taken, org_spans)
    if res is None:
        return None
    return res[0], res[1], None, False, True


def _title_before_comma(story: _Story, f: _Field, a: int, b: int, org_spans):
    """ "A State Department spokesperson, Matthew Miller, said" """
    units = f.units
    n = len(units)
    if a < 2 or units[a - 1].kind != P or units[a - 1].text != ",":
        return None
    after = b + 1
    if after < n and not (units[after].kind == P and units[after].text in ",."):
        return None
    j = a - 2
    last = units[j]
    if last.kind != W or not any(p in TITLE_HEADS for p in last.parts):
        return None
    taken = []
    while j >= 0 and len(taken) < 8 and _titleish(story, f, units[j], org_spans):
        taken.append(units[j])
        if units[j].gap != " ":
            break
        j -= 1
    taken.reverse()
    res = _clean_title(story, f, taken, org_spans)
    if res is None:
        return None
    title, org_key = res
    return title, org_key, None, False, True
