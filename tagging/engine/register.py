"""The register compiled for matching: entries, and the automata over their names and acronyms."""

from __future__ import annotations

import gc
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from .results import ORGANIZATION, PERSON, V_ACRONYM, V_ALIAS, V_NAME, V_SHORT, V_TITLE, TagResult
from .text import ABBR, BARRIER, NAME_PARTICLES, NAME_SUFFIXES, P, pattern_key, tokenize, unify

# Never an organization, whatever a register says.
FORBIDDEN_ACRONYMS = frozenset({"US", "U.S.", "U.S", "USA", "U.S.A.", "UK"})


# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterEntry:
    kind: str  # "organization" | "person"
    key: object  # the database id (or slug): opaque to the engine
    name: str  # "U.S. Department of State", "Antony J. Blinken"
    acronym: str = ""  # "DOS" (organizations only); matched case-sensitively
    aliases: tuple[str, ...] = ()  # an all-caps alias of <= 6 letters is matched like an acronym
    titles: tuple[str, ...] = ()  # org: titles implying it; person: current titles
    # Guarded short forms ("Senate", "Army"): matched only where they cannot mean another
    # body. A title written "short form: Senate" is read as one (the register keeps them in
    # the organization's titles until it has a field of its own).
    short_forms: tuple[str, ...] = ()
    parent: object = None  # key of the organization this one belongs to


SHORT_FORM_MARKER = "short form:"


def tolerant_key(words) -> str:
    """Folded words of a long name with "and"/"the" dropped and plurals made singular: the
    form in which "Transportations Security Administration" meets its registered name. Names
    of fewer than three content words have none (short names and acronyms match exactly)."""
    out = []
    for w in words:
        if w in ("and", "the", "#"):
            continue
        if len(w) > 4 and w.endswith("ies"):
            w = w[:-3] + "y"
        elif len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.append(w)
    return " ".join(out) if sum(w not in ("of", "for", "on", "to", "in") for w in out) >= 3 else ""


def split_titles(titles) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(titles, short forms) of a register entry's titles list."""
    plain, short = [], []
    for t in titles:
        if t[: len(SHORT_FORM_MARKER)].lower() == SHORT_FORM_MARKER:
            short.append(t[len(SHORT_FORM_MARKER) :].strip())
        else:
            plain.append(t)
    return tuple(plain), tuple(short)


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
        self._by_key: dict[object, int] = {}
        # Long organization names in a tolerant form (see tolerant_key) when it differs from
        # the exact one: "office foreign asset control" -> [entry indexes].
        self._tolerant: dict[str, list[int]] = {}
        self.parents: dict[int, int] = {}  # organization index -> its parent's index

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
            for idx, entry in enumerate(reg.entries):
                if entry.parent is not None and entry.parent in reg._by_key:
                    reg.parents[idx] = reg._by_key[entry.parent]
            reg._by_key = {}  # only needed to resolve parents
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

    def _add_tolerant(self, words, idx: int):
        if words and len(words) >= 3:
            key = tolerant_key(words)
            if key and key != " ".join(words):
                have = self._tolerant.setdefault(key, [])
                if idx not in have:
                    have.append(idx)

    def tolerant_orgs(self, words: list[str]) -> list[int]:
        """Organizations whose long name matches `words` (folded) tolerantly: plural or
        singular, a dropped "and" ("Office of Foreign Assets Controls")."""
        key = tolerant_key(words)
        if not key:
            return []
        found = list(self._tolerant.get(key, ()))
        pid = self._names.get(" " + key + " ", -1)
        if pid != -1:
            found += [t >> 3 for t in self._targets(pid) if t & 7 in (V_NAME, V_ALIAS)]
        return [i for i in dict.fromkeys(found) if self.entries[i].kind == ORGANIZATION]

    def _add(self, entry: RegisterEntry):
        if entry.kind not in (ORGANIZATION, PERSON):
            raise ValueError(f"unknown entry kind {entry.kind!r}")
        idx = len(self.entries)
        self.entries.append(entry)
        if entry.kind == ORGANIZATION:
            self._by_key.setdefault(entry.key, idx)
            titles, shorts = split_titles(entry.titles)
            for short in (*entry.short_forms, *shorts):
                key = pattern_key(short)
                if key.startswith(" the "):
                    key = key[4:]
                if key.strip():
                    self._put(self._names, key, idx, V_SHORT)
            words = self._put_name(entry.name, idx, V_NAME)
            self._add_tolerant(words, idx)
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
                self._add_tolerant(self._put_name(alias, idx, V_ALIAS), idx)
                if _is_acronym_like(alias.strip()):
                    self._add_acronym(alias.strip(), idx)
            for title in titles:
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
        from .resolution import Story

        story = Story(self, {"headline": headline, "dek": dek, "caption": caption, "body": body})
        return story.run(discover=discover, implied_orgs=implied_orgs)
