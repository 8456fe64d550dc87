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


def tolerant_variants(words: list[str]):
    """Other ways of writing a long name of these (folded) words: one word's plural made
    singular or its singular plural ("transportations" -> "transportation", "service" ->
    "services"), and a list's "and" with or without the comma before it. Nothing for names of
    fewer than three content words: short names and acronyms match exactly."""
    content = [w for w in words if w not in _LINKS]
    if len(content) < 3:
        return
    for i, w in enumerate(words):
        if w in _LINKS or not w.isalpha() or len(w) < 4:
            continue
        if w.endswith("ies") and len(w) > 4:
            alts = (w[:-3] + "y",)
        elif w.endswith("s") and not w.endswith("ss"):
            alts = (w[:-1],)
        elif w.endswith("y") and w[-2:-1] not in "aeiou":
            alts = (w[:-1] + "ies",)
        else:
            alts = (w + "s",)
        for alt in alts:
            yield [*words[:i], alt, *words[i + 1 :]]
    for i, w in enumerate(words):
        if w == "and" and i > 0:
            if words[i - 1] == BARRIER:
                yield [*words[: i - 1], *words[i:]]
            else:
                yield [*words[:i], BARRIER, *words[i:]]


def _one_edit(a: str, b: str) -> bool:
    """Same length, one letter changed or two neighbours swapped."""
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diff) == 1:
        return True
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


_LINKS = frozenset(["and", "of", "for", "on", "to", "in", "the", BARRIER])


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
        self._parent_keys: set = set()  # keys that some entry names as its parent
        # Words of eight letters or more in long organization names, and each of them with one
        # letter left out: one edit away from a word of the story ("Transportaton").
        self._vocab: set[str] = set()
        self._deletes: dict[str, list[str]] = {}
        self._ends: set[str] = set()  # first and last words of long organization names
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
            if reg._parent_keys:
                by_key = {}
                for idx, entry in enumerate(reg.entries):
                    if entry.kind == ORGANIZATION and entry.key in reg._parent_keys:
                        by_key.setdefault(entry.key, idx)
                for idx, entry in enumerate(reg.entries):
                    if entry.parent is not None and entry.parent in by_key:
                        reg.parents[idx] = by_key[entry.parent]
            reg._parent_keys = set()
            for word in reg._vocab:
                for i in range(len(word)):
                    reg._deletes.setdefault(word[:i] + word[i + 1 :], []).append(word)
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

    def _long_words(self, words):
        if words and len(words) >= 3:
            self._vocab.update(w for w in words if len(w) >= 8)
            for w in (words[0], words[-1]):
                if w.isalpha():
                    self._ends.add(w)

    def may_bound(self, word: str) -> bool:
        """Whether `word` (folded) can be the first or last word of a long organization name
        written a little differently: it is one, or one plural or one edit away from one."""
        ends = self._ends
        if word in ends:
            return True
        if word.endswith("s") and (word[:-1] in ends or word[:-3] + "y" in ends):
            return True
        if word + "s" in ends or (word.endswith("y") and word[:-1] + "ies" in ends):
            return True
        return any(w in ends for w in self.near_words(word))

    def near_words(self, word: str) -> list[str]:
        """Register words one edit (a letter changed, added, left out or two swapped) from
        `word`, a word of eight letters or more that no long name has."""
        if len(word) < 8 or word in self._vocab or not self._deletes:
            return []
        out = set(self._deletes.get(word, ()))  # a letter added in the story
        for i in range(len(word)):
            d = word[:i] + word[i + 1 :]
            if d in self._vocab:
                out.add(d)  # a letter left out
            for cand in self._deletes.get(d, ()):  # changed or swapped
                if len(cand) == len(word) and _one_edit(cand, word):
                    out.add(cand)
        return sorted(out)

    def tolerant_orgs(self, words: list[str]) -> list[int]:
        """Organizations whose long name matches `words` (folded) but for one plural or a
        list's comma ("Office of Foreign Assets Controls", "House Armed Service Committee")."""
        found: list[int] = []
        variants = list(tolerant_variants(words))
        if variants and self._deletes:
            for i, w in enumerate(words):
                if len(w) >= 8 and w not in self._vocab:
                    for near in self.near_words(w):
                        variants.append([*words[:i], near, *words[i + 1 :]])
        for variant in variants:
            pid = self._names.get(" " + " ".join(variant) + " ", -1)
            if pid != -1:
                found += [t >> 3 for t in self._targets(pid) if t & 7 in (V_NAME, V_ALIAS)]
        return [i for i in dict.fromkeys(found) if self.entries[i].kind == ORGANIZATION]

    def _add(self, entry: RegisterEntry):
        if entry.kind not in (ORGANIZATION, PERSON):
            raise ValueError(f"unknown entry kind {entry.kind!r}")
        idx = len(self.entries)
        self.entries.append(entry)
        if entry.kind == ORGANIZATION:
            if entry.parent is not None:
                self._parent_keys.add(entry.parent)
            titles, shorts = split_titles(entry.titles)
            for short in (*entry.short_forms, *shorts):
                key = pattern_key(short)
                if key.startswith(" the "):
                    key = key[4:]
                if key.strip():
                    self._put(self._names, key, idx, V_SHORT)
            words = self._put_name(entry.name, idx, V_NAME)
            self._long_words(words)
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
                self._long_words(self._put_name(alias, idx, V_ALIAS))
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

    def ancestors(self, idx: int) -> set[int]:
        """The organizations above entry `idx` in the register (its parent, theirs...)."""
        out: set[int] = set()
        while idx in self.parents and self.parents[idx] not in out:
            idx = self.parents[idx]
            out.add(idx)
        return out

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
