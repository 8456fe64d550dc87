"""Known mode: registered organizations and people found in a story, and its acronyms."""

from __future__ import annotations

import re
from bisect import bisect_left

from .discovery import discover_all
from .fields import _content_words, _Field, _Hit, _match_words, _NewOrg
from .register import FORBIDDEN_ACRONYMS, Register, _surname_keys
from .results import (
    CONFIDENCE,
    FIELDS,
    ORGANIZATION,
    PERSON,
    V_ACRONYM,
    V_ALIAS,
    V_DEFINED,
    V_PARENT,
    V_SHORT,
    V_SURNAME,
    V_TITLE,
    VIAS,
    Mention,
    TagResult,
)
from .text import (
    ABBR,
    BARRIER,
    COMMON_CAPITALIZED,
    CONNECTORS,
    COUNTRIES,
    MONTHS_DAYS,
    NATIONALITIES,
    ORG_HEADS,
    PLACE_WORDS,
    STATE_CODES,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    US_STATES,
    VOCAB,
    P,
    W,
    fold,
    is_place,
    normalize,
)

_PARTY_TAG = re.compile(r"(?<![A-Za-z])(?:R|D|I|Ind)\s?[-\u2013]\s?$")
# Lower-case words before a short form that make it another body: "the state Senate".
_QUALIFIERS = frozenset(
    [
        "state",
        "county",
        "city",
        "tribal",
        "provincial",
        "municipal",
        "local",
        "student",
        "youth",
        "mock",
        "territorial",
        "regional",
        "parish",
    ]
)
# Capitalised words that may stand before a short form: "U.S. Senate", "the GOP-led House".
_SHORT_OK_BEFORE = COMMON_CAPITALIZED | frozenset(
    [
        "us",
        "american",
        "federal",
        "republican",
        "republicans",
        "democratic",
        "democrat",
        "democrats",
        "gop",
        "full",
        "entire",
        "whole",
        "new",
        "the",
        "when",
        "after",
        "before",
        "if",
        "but",
        "and",
        "as",
        "while",
        "since",
        "because",
    ]
)
# Words that make a short form the head of a longer name: "Senate Judiciary Subcommittee".
_LONGER_NAME_HEADS = ORG_HEADS | frozenset(
    [
        "subcommittee",
        "caucus",
        "panel",
        "conference",
        "commission",
        "party",
        "academy",
        "base",
        "hospital",
        "school",
        "college",
        "university",
        "museum",
        "band",
        "club",
        # places named after a body: "Congress Avenue", "Navy Pier", "Army Navy Country Club"
        "avenue",
        "street",
        "road",
        "boulevard",
        "hall",
        "building",
        "center",
        "centre",
        "yard",
        "station",
        "park",
        "stadium",
        "arena",
        "field",
        "airport",
        "heights",
        "hotel",
        "square",
        "plaza",
        "bridge",
        "pier",
        "library",
        # "Senate Bill 5", "House Bill 1234": a state legislature's numbering
        "bill",
        "bills",
    ]
)
# Short forms that are also common nouns, and what may follow one that starts a sentence:
# "House votes", not "House prices".
_COMMON_NOUN_SHORTS = frozenset(["house", "fed", "court", "guard"])
_SHORT_FORM_VERBS = frozenset(
    [
        "passed",
        "voted",
        "approved",
        "rejected",
        "will",
        "would",
        "could",
        "must",
        "may",
        "might",
        "can",
        "has",
        "have",
        "had",
        "is",
        "was",
        "are",
        "were",
        "and",
        "or",
        "said",
        "says",
        "adjourned",
        "confirmed",
        "cleared",
        "agreed",
        "failed",
        "returned",
        "returns",
        "began",
        "blocked",
        "sent",
        "overrode",
        "remains",
        "leaders",
        "members",
        "lawmakers",
        "also",
        "already",
    ]
)

_DEFINITION = re.compile(r"\(\s*\"?([A-Z][A-Za-z0-9&.\-]{1,11})\"?\s*\)")


class Story:
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
        self.foreign_bodies: set[str] = set()  # families of short forms another country's

    # -- pipeline ----------------------------------------------------------------------------

    def run(self, *, discover: bool, implied_orgs: bool) -> TagResult:
        for f in self.fields:
            self._find_names(f)
            self._find_tolerant(f)
            self._find_acronyms(f)
        self._drop_short_forms_in_titles()
        if self.foreign_bodies:
            # A story about another country's Senate or Army: its bare "the Senate", "the
            # Supreme Court" are that country's too (but "the Pentagon" is still ours).
            self.name_hits = [
                h
                for h in self.name_hits
                if h.via != V_SHORT
                or not (_short_family(h.field, *h.words) & self.foreign_bodies)
                or _in_washington(h.field, h.words[1])
            ]
        self._find_definitions()
        self._bind_acronyms()
        self._find_possessive_units()
        self._select()
        self._settle_ambiguous()
        self._parents_named()
        self._find_people_by_title()
        self._find_surnames()
        mentions = self._mentions(implied_orgs)
        suggestions = discover_all(self) if discover else []
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
            if first != last and _lower_content_word(f, first, last):
                continue  # "homeland security experts" names no department
            orgs_generic = [t for t in ents if reg.entries[t >> 3].kind == ORGANIZATION]
            if (
                orgs_generic
                and f.words[first][0] != "us"
                and (self._after_place(f, first) or _of_place_after(f, last))
            ):
                # "Texas Department of Transportation", "the House of Representatives of
                # Puerto Rico": another body
                if any(t & 7 == V_SHORT for t in ents) and _foreign_before(f, first):
                    self.foreign_bodies |= _short_family(f, first, last)
                elif any(t & 7 == V_SHORT for t in ents) and _state_before(f, first):
                    self.foreign_bodies |= _short_family(f, first, last, foreign=False)
                ents = [t for t in ents if reg.entries[t >> 3].kind != ORGANIZATION]
                if not ents:
                    continue
            if any(t & 7 == V_SHORT for t in ents) and not _short_form_ok(f, first, last):
                if _foreign_before(f, first):
                    self.foreign_bodies |= _short_family(f, first, last)
                elif _state_before(f, first):
                    self.foreign_bodies |= _short_family(f, first, last, foreign=False)
                ents = [t for t in ents if t & 7 != V_SHORT]
                if not ents:
                    continue
            via = min(t & 7 for t in ents)
            self.name_hits.append(
                _Hit(f, start_off, end_off, sorted({t >> 3 for t in ents}), via, (first, last))
            )

    def _drop_short_forms_in_titles(self):
        """ "Senate Majority Leader" is a title of the Senate: like any title, it does not
        name the body by itself."""
        if not self.title_hits:
            return
        kept = []
        for h in self.name_hits:
            if h.via == V_SHORT and any(
                t.field is h.field
                and t.start <= h.start
                and h.end <= t.end
                and (t.end - t.start) > (h.end - h.start)
                and set(t.cands) & set(h.cands)
                for t in self.title_hits
            ):
                continue
            kept.append(h)
        self.name_hits = kept

    def _find_tolerant(self, f: _Field):
        """Long organization names written a little differently: a plural for a singular, a
        dropped "and" ("House Armed Service Committee"). Read over runs of capitalised words
        that no exact name covers; never for acronyms or short names."""
        if not len(self.reg._names):
            return
        words, spans, text = f.words, f.stream.spans, f.text
        covered = bytearray(len(words) + 1)
        for h in self.name_hits:
            if h.field is f and h.via != V_SHORT:
                for k in range(h.words[0], h.words[1] + 1):
                    covered[k] = 1
        n = len(words)
        k = 0
        while k < n:
            if covered[k] or not text[spans[k][0]].isupper():
                k += 1
                continue
            e = k
            while (
                e + 1 < n
                and (not words[e + 1][1] or text[spans[e][1] : spans[e + 1][0]].strip() == ",")
                and not covered[e + 1]
                and (text[spans[e + 1][0]].isupper() or words[e + 1][0] in CONNECTORS)
            ):
                e += 1  # "Health, Education, Labor and Pensions Committee" runs over commas
            while e > k and words[e][0] in CONNECTORS:
                e -= 1
            if e - k + 1 >= 3:
                found = None
                for s0 in range(k, min(k + 3, e - 1)):
                    if words[s0][0] in CONNECTORS or not self.reg.may_bound(words[s0][0]):
                        continue
                    for e0 in range(min(e, s0 + 11), max(s0 + 1, e - 3), -1):
                        if words[e0][0] in CONNECTORS or not self.reg.may_bound(words[e0][0]):
                            continue
                        run = []
                        for x in range(s0, e0 + 1):
                            if x > s0 and words[x][1]:
                                run.append(BARRIER)  # the comma of "Health, Education"
                            run.append(words[x][0])
                        cands = self.reg.tolerant_orgs(run)
                        if cands and not self._after_place(f, s0):
                            found = (s0, e0, cands)
                            break
                    if found:
                        break
                if found:
                    s0, e0, cands = found
                    self.name_hits.append(
                        _Hit(f, spans[s0][0], spans[e0][1], sorted(cands), V_ALIAS, (s0, e0))
                    )
            k = e + 1

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
            if _PARTY_TAG.search(t, max(0, s - 6), s):
                continue  # "(R-VA)", "D-NY": a party and a state, not an agency
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

    def _find_possessive_units(self):
        """ "the Drug Enforcement Administration's Phoenix Field Division": a registered
        organization, its possessive, then capitalised words that with the organization's
        name or acronym in front make another registered name ("DEA Phoenix Field
        Division")."""
        reg = self.reg
        for h in [*self.name_hits, *self.acr_hits]:
            if len(h.cands) != 1 or h.cands[0] < 0:
                continue
            c = h.cands[0]
            entry = reg.entries[c]
            if entry.kind != ORGANIZATION:
                continue
            f = h.field
            i = f.token_ending_before(h.end)
            if i < 0 or f.tokens[i].end != h.end or not f.tokens[i].poss:
                continue
            s0 = bisect_left(f.word_starts, h.end)
            words, spans = f.words, f.stream.spans
            e = s0
            while (
                e < len(words)
                and e - s0 < 6
                and not words[e][1]
                and (f.text[spans[e][0]].isupper() or words[e][0] in CONNECTORS)
            ):
                e += 1
            if e == s0:
                continue
            heads = [normalize(x) for x in (entry.acronym, entry.name, *entry.aliases) if x]
            found = None
            for m in range(e - s0, 0, -1):
                tail = " ".join(w for w, _ in words[s0 : s0 + m])
                for head in heads:
                    hits = {
                        t >> 3
                        for t in reg._lookup_name(head + " " + tail)
                        if reg.entries[t >> 3].kind == ORGANIZATION
                    }
                    hits.discard(c)
                    if len(hits) == 1:
                        found = (hits.pop(), m)
                        break
                if found:
                    break
            if found:
                idx, m = found
                self.name_hits.append(
                    _Hit(f, spans[s0][0], spans[s0 + m - 1][1], [idx], V_ALIAS, (s0, s0 + m - 1))
                )

    def _parents_named(self):
        """ "the Justice Department's National Security Division" names both: a name that
        runs through a possessive ("X's Sub-unit") also counts for the organization before
        the possessive."""
        added = []
        for h in self.selected:
            if len(h.cands) != 1 or h.cands[0] < 0 or h.via == V_ACRONYM:
                continue
            c = h.cands[0]
            if self.reg.entries[c].kind != ORGANIZATION:
                continue
            f = h.field
            i = bisect_left(f.tok_starts, h.start)
            while i < len(f.tokens) and f.tokens[i].end < h.end:
                tok = f.tokens[i]
                if tok.poss:
                    prefix = f.text[h.start : tok.end]
                    found = {
                        t >> 3
                        for t in self.reg._lookup_name(normalize(prefix))
                        if self.reg.entries[t >> 3].kind == ORGANIZATION
                    } or set(self.reg.acronym_orgs(prefix.strip()))
                    found.discard(c)
                    if len(found) > 1:  # several of that name: the one the register says owns c
                        found &= self.reg.ancestors(c)
                    if len(found) == 1:
                        added.append(_Hit(f, h.start, tok.end, [found.pop()], V_PARENT))
                    break
                i += 1
        self.selected.extend(added)

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


_SURNAME_OK_BEFORE = TITLE_HEADS | TITLE_MODIFIERS | VOCAB | COMMON_CAPITALIZED | MONTHS_DAYS
_SURNAME_BAD_AFTER = ORG_HEADS | PLACE_WORDS | frozenset({"doctrine", "act", "rule", "era"})


def _lower_content_word(f: _Field, first: int, last: int) -> bool:
    """A word of a multiword match that is written in lower case (connectors aside)."""
    for k in range(first, last + 1):
        if f.words[k][0] not in CONNECTORS and f.text[f.stream.spans[k][0]].islower():
            return True
    return False


def _of_place_after(f: _Field, last: int) -> bool:
    """ "... of Puerto Rico", "... of Texas": the name of another country's or state's body."""
    j = last + 1
    if j + 1 >= len(f.words) or f.words[j][1] or f.words[j][0] not in ("of", "for"):
        return False
    for n in (3, 2, 1):
        if j + n < len(f.words) and not any(f.words[k][1] for k in range(j + 1, j + n + 1)):
            phrase = " ".join(f.words[k][0] for k in range(j + 1, j + n + 1))
            if phrase != "us" and is_place(phrase) and f.text[f.stream.spans[j + 1][0]].isupper():
                return True
    return False


# Short forms that every country has, by family: a foreign one suspends its family.
_SHORT_FAMILIES = {
    "senate": "chamber",
    "house": "chamber",
    "supreme court": "chamber",
    "high court": "chamber",
    "congress": "congress",
    "army": "military",
    "navy": "military",
    "air force": "military",
    "marines": "military",
    "marine corps": "military",
    "coast guard": "military",
    "space force": "military",
    "national guard": "military",
}


def _short_family(f: _Field, first: int, last: int, foreign: bool = True) -> set[str]:
    """The families a rejected short form suspends: another country's Senate makes the
    story's bare "Congress" and "Supreme Court" that country's too; a state's ("Texas Senate",
    "the state Supreme Court") only its bare chambers and courts."""
    phrase = " ".join(w for w, _ in f.words[first : last + 1])
    family = _SHORT_FAMILIES.get(phrase)
    if not family:
        return set()
    if family == "chamber" and foreign:
        return {"chamber", "congress"}
    return {family}


def _in_washington(f: _Field, last: int) -> bool:
    """ "the Supreme Court in Washington": the federal one, whatever else the story names."""
    w = f.words
    return last + 2 < len(w) and [x for x, _ in w[last + 1 : last + 3]] == ["in", "washington"]


def _state_before(f: _Field, first: int) -> bool:
    """A U.S. state or "state" right before: "Texas Senate", "the state Supreme Court"."""
    for n in (1, 2, 3):
        k = first - n
        if k < 0 or any(f.words[x][1] for x in range(k + 1, first + 1)):
            break
        phrase = " ".join(w for w, _ in f.words[k:first])
        if phrase in US_STATES or (n == 1 and phrase in ("state", "states")):
            return True
    return False


def _foreign_before(f: _Field, first: int) -> bool:
    """A country or nationality right before: "Mexico's Senate", "the Mexican Army"."""
    for n in (1, 2, 3):
        k = first - n
        if k < 0 or any(f.words[x][1] for x in range(k + 1, first + 1)):
            break
        phrase = " ".join(w for w, _ in f.words[k:first])
        if phrase not in ("us", "american") and (phrase in COUNTRIES or phrase in NATIONALITIES):
            return True
    return False


def _short_form_ok(f: _Field, first: int, last: int) -> bool:
    """A short form ("Senate", "Army") counts only where it cannot mean another body: written
    with capitals, not before "of", not after a place, a nationality or a qualifier ("Texas
    Senate", "Mexican Army", "state Senate"), not as the head of a longer name ("Senate
    Judiciary Subcommittee"), not a sentence-initial common noun ("House prices")."""
    words, spans, text = f.words, f.stream.spans, f.text
    for k in range(first, last + 1):
        if words[k][0] not in CONNECTORS and not text[spans[k][0]].isupper():
            return False
    written = text[spans[first][0] : spans[last][1]]
    if len(written) > 3 and written.isupper():
        return False  # a heading in capitals ("NAVY"), not a mention
    n = len(words)
    j = last + 1
    nxt_cap = False
    if j < n and not words[j][1]:
        if words[j][0] == "of":
            return False
        nxt_cap = text[spans[j][0]].isupper()
        k = j
        while (
            k < n
            and k < j + 8
            and (k == j or not words[k][1] or text[spans[k - 1][1] : spans[k][0]].strip() == ",")
        ):
            cap = text[spans[k][0]].isupper()
            if cap and (
                words[k][0] in _LONGER_NAME_HEADS or words[k][0][:-1] in _LONGER_NAME_HEADS
            ):
                return False
            if not cap and words[k][0] not in CONNECTORS:
                break
            k += 1
    if first > 0 and not words[first][1]:
        prev = words[first - 1][0]
        ps = spans[first - 1][0]
        if text[ps].isupper():
            if is_place(prev) or prev not in _SHORT_OK_BEFORE:
                return False
        elif prev in _QUALIFIERS:
            return False
        if text[ps : spans[first - 1][1] + 2].endswith(("'s", "s'")) and text[ps].isupper():
            return False  # "Mexico's Senate"
    elif first == last and words[first][0] in _COMMON_NOUN_SHORTS and j < n and not nxt_cap:
        return words[j][0] in _SHORT_FORM_VERBS
    return True


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
