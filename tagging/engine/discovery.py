"""Discover mode: people and organizations the register lacks, suggested with evidence."""

from __future__ import annotations

import re
from bisect import bisect_left

from .fields import _Field, _title_cased, _Unit
from .results import CONFIDENCE, ORGANIZATION, PERSON, Suggestion
from .text import (
    ABBR,
    COMMON_NOUNS,
    COMPANY_NAMES,
    CONNECTORS,
    COUNTRIES,
    GIVEN_NAME_WORDS,
    GIVEN_NAMES,
    INIT,
    MONTHS_DAYS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NATIONALITIES,
    NOT_NAME_WORDS,
    ORG_APPOSITIVE_HEADS,
    ORG_HEADS,
    ORG_NOT_NAMES,
    ORG_OPEN_SUFFIXES,
    ORG_PREFIXES,
    ORG_QUALIFIED,
    ORG_SUFFIXES,
    PLACE_WORDS,
    PLURAL_HEADS,
    RANK_SUFFIXES,
    SENTENCE_STARTERS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    US_STATES,
    VOCAB,
    P,
    W,
    is_place,
    normalize,
)

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


def discover_all(story) -> list[Suggestion]:
    """Suggestions for a story already read in known mode: new organizations and people."""
    found: list[tuple[int, int, Suggestion]] = []
    seen: set[str] = set()
    people: list[tuple[tuple[str, ...], tuple]] = []
    for org in story.new_orgs:
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
    for f in story.fields:
        for name, start, end, conf in _pattern_orgs(story, f) + _appositive_orgs(story, f):
            key = normalize(name)
            if key in seen:
                continue
            seen.add(key)
            found.append(
                (
                    f.order,
                    start,
                    Suggestion(ORGANIZATION, name, "", "", None, conf, f.evidence(start, end)),
                )
            )
    for f in story.fields:
        if f.name in ("headline", "dek") and _title_cased(f):
            continue
        for cand in _person_candidates(story, f):
            core = _name_core(normalize(cand.name))
            if len(core) >= 2 and story.reg._lookup_name(" ".join(core)):
                continue  # a variant of a registered name
            # one suggestion per person: "A. William Mackie" and "William Mackie" are one;
            # the first mention with a title wins over one without
            same = next((k for k, (c, _) in enumerate(people) if _same_person(core, c)), None)
            if same is None:
                people.append((core, (f.order, cand.start, cand.suggestion(f))))
            elif cand.title and not people[same][1][2].title:
                people[same] = (people[same][0], (f.order, cand.start, cand.suggestion(f)))
    found.extend(entry for _, entry in people)
    found.sort(key=lambda x: (x[0], x[1]))
    return [s for _, _, s in found]


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


_SUFFIX_INDEX: dict[str, list[tuple[str, ...]]] = {}
for _suf in ORG_SUFFIXES:
    _SUFFIX_INDEX.setdefault(_suf[-1], []).append(_suf)
_COMPANY_SUFFIXES = frozenset(
    [
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "llc",
        "ltd",
        "llp",
        "plc",
        "co",
        "company",
        "holdings",
    ]
)
_COMPANIES: dict[tuple[str, ...], str] = {}
for _name in COMPANY_NAMES:
    _COMPANIES.setdefault(tuple(normalize(_name).split()), _name)
_COMPANY_FIRST: dict[str, list[int]] = {}  # first word -> name lengths, longest first
for _key in _COMPANIES:
    _COMPANY_FIRST.setdefault(_key[0], []).append(len(_key))
for _sizes in _COMPANY_FIRST.values():
    _sizes.sort(reverse=True)
# Capitalised words that start sentences rather than names.
_NAME_STOP = SENTENCE_STARTERS | frozenset(
    [
        "officials",
        "mr",
        "mrs",
        "ms",
        "said",
        "says",
        "both",
        "all",
        "some",
        "many",
        "most",
        "several",
        "each",
        "every",
        "other",
        "shares",
        "stock",
        "stocks",
        "another",
    ]
)
_OPEN_JOINERS = ("on", "for", "of")
# Words that end one name, so that a connector after them starts another (or is no name).
_ENDS_A_NAME = (
    ORG_HEADS
    | TITLE_HEADS
    | frozenset(PLURAL_HEADS)
    | frozenset(s[-1] for s in ORG_SUFFIXES)
    | frozenset(["police", "officers", "deputies", "agents", "prosecutors", "judges"])
)


_PREFIX_INDEX: dict[str, list[tuple[str, ...]]] = {}
for _pre in ORG_PREFIXES:
    _PREFIX_INDEX.setdefault(_pre[0], []).append(_pre)


def _prefixed_name(words, k: int, prefixes, cap, registered):
    """Last word of "Port of Los Angeles" starting at k, or None."""
    n = len(words)
    for pre in prefixes:
        m = len(pre)
        if k + m >= n or tuple(w for w, _ in words[k : k + m]) != pre:
            continue
        if any(words[x][1] for x in range(k + 1, k + m + 1)):
            continue
        r = k + m
        if not cap(r) or registered[r]:
            continue
        while (
            r + 1 < n
            and not words[r + 1][1]
            and not registered[r + 1]
            and (cap(r + 1) or words[r + 1][0] in ("of", "the", "and"))
            and not (words[r + 1][0] == "and" and r + 2 < n and words[r + 2][0] == "the")
        ):
            r += 1
        while words[r][0] in CONNECTORS:
            r -= 1
        return r
    return None


def _appositive_orgs(story, f: _Field):
    """ "Unitronics, an Israeli company," "Acme Widgets, a contractor based in Ohio": a name
    that the story says, right after it, is a company, a group, an agency..."""
    units = f.units
    n = len(units)
    out = []
    for i, u in enumerate(units):
        if u.kind != P or u.text != "," or i == 0 or i + 2 >= n:
            continue
        art = units[i + 1]
        if art.kind != W or art.text not in ("a", "an"):
            continue
        j = i + 2
        head = None
        while j < n and j <= i + 7 and units[j].kind == W:
            t = units[j].text
            if t.lower() in ORG_APPOSITIVE_HEADS and t.islower():
                head = j
            if not (
                t.islower()
                or " ".join(units[j].parts) in NATIONALITIES
                or is_place(" ".join(units[j].parts))
            ):
                break
            j += 1
        if head is None:
            continue
        after = units[head + 1] if head + 1 < n else None
        if after is not None and not (
            after.kind == P or after.text in ("that", "which", "based", "in", "with", "whose")
        ):
            continue
        # the name: capitalised words right before the comma
        b = i - 1
        a = b
        while a - 1 >= 0 and i - a < 5:
            prev = units[a - 1]
            if units[a].gap != " " or prev.kind not in (W, ABBR):
                break
            if not (prev.text[:1].isupper() or prev.text in ("and", "&")):
                break
            a -= 1
        while a < b and not units[a].text[:1].isupper():
            a += 1
        if units[a].kind == W and units[a].parts[0] in SENTENCE_STARTERS:
            a += 1
        if a > b or not units[a].text[:1].isupper():
            continue
        start, end = units[a].start, units[b].end
        name = f.text[start:end]
        folded = normalize(name)
        if (
            not folded
            or is_place(folded)
            or story.registered_overlap(f, start, end)
            or story.reg._lookup_name(folded)
            or folded.split()[0] in GIVEN_NAMES
        ):
            continue
        out.append((name, start, end, CONFIDENCE["suggest-org-pattern"]))
    return out


def _ends_suffix(words, j: int) -> bool:
    """Words up to j end like a name ("... Department of Public Safety")."""
    for suf in _SUFFIX_INDEX.get(words[j][0], ()):
        m = len(suf)
        if j - m + 1 >= 0 and tuple(w for w, _ in words[j - m + 1 : j + 1]) == suf:
            return True
    return False


def _pattern_orgs(story, f: _Field):
    """Organizations named without an acronym, found by the last words of their names
    (data/organizations.txt): "Riverside County Sheriff's Office", "Chicago Police Department",
    "Cook County Circuit Court", "House Judiciary Subcommittee on Crime", "Snowflake, Inc.",
    and companies known by name. (name, start, end, confidence) each."""
    words, spans, text = f.words, f.stream.spans, f.text
    n = len(words)
    out = []
    covered: list[tuple[int, int]] = []
    registered = bytearray(n + 1)  # stream words inside a registered name or acronym
    taken = [(h.start, h.end) for h in story.selected if h.field is f]
    taken += [(o.start, o.end) for o in story.new_orgs if o.field is f]
    for a, b in taken:
        for x in range(bisect_left(f.word_starts, a), n):
            if spans[x][0] >= b:
                break
            registered[x] = 1

    def cap(k):
        return text[spans[k][0]].isupper() or text[spans[k][0]].isdigit()

    def possessive(k):  # "General Dynamics' Electric Boat": a name ends at its possessive
        return text[spans[k][1] : spans[k][1] + 1] in ("'", "\u2019")

    def comma_only(k):  # the hard break before word k is a comma alone: "Snowflake, Inc."
        return text[spans[k - 1][1] : spans[k][0]].strip() == ","

    for k in range(n):
        w = words[k][0]
        if registered[k]:
            continue
        cands = _SUFFIX_INDEX.get(w, ())
        if w in ORG_QUALIFIED and k > 0 and words[k - 1][0] in ORG_QUALIFIED[w]:
            cands = [*cands, (words[k - 1][0], w)]
        if w in ORG_OPEN_SUFFIXES:
            cands = [*cands, (w,)]
        for suf in sorted(cands, key=len, reverse=True) if cands else ():
            m = len(suf)
            i0 = k - m + 1
            if i0 <= 0 or tuple(x for x, _ in words[i0 : k + 1]) != suf:
                continue
            if any(words[x][1] for x in range(i0 + 1, k + 1)):
                continue
            if not all(cap(x) or words[x][0] in CONNECTORS for x in range(i0, k + 1)):
                continue
            company = w in _COMPANY_SUFFIXES
            # the capitalised words before: the place, county or body the name belongs to
            comma_at = i0 if company and words[i0][1] and comma_only(i0) else None
            if words[i0][1] and comma_at is None:
                continue
            j = i0 - 1
            first = i0
            while j >= 0 and i0 - j <= 8:
                if words[j + 1][1] and j + 1 != comma_at:
                    break
                if registered[j]:
                    break  # "the SEC's Division of Enforcement": the SEC is its own entry
                if words[j][0] in CONNECTORS:
                    if company and words[j][0] != "and":
                        break
                    jj = j
                    while jj >= 0 and words[jj][0] in CONNECTORS and not words[jj + 1][1]:
                        jj -= 1
                    if jj < 0 or words[jj + 1][1] or not cap(jj) or words[jj][0] in _NAME_STOP:
                        break
                    if words[jj][0] in _ENDS_A_NAME or _ends_suffix(words, jj):
                        break  # "the X Police Department and the Y Sheriff's Office": two names
                    j = jj
                    continue
                if not cap(j) or words[j][0] in _NAME_STOP:
                    break
                first = j
                j -= 1
            while first < i0 and words[first][0] in CONNECTORS:
                first += 1
            qualifiers = [x for x in range(first, i0) if words[x][0] not in CONNECTORS]
            last = k
            if w in ORG_OPEN_SUFFIXES and k + 2 < n and words[k + 1][0] in _OPEN_JOINERS:
                r = k + 1
                while (
                    r + 1 < n
                    and not words[r + 1][1]
                    and (cap(r + 1) or words[r + 1][0] in CONNECTORS)
                    and words[r + 1][0] not in MONTHS_DAYS
                    and not (
                        words[r + 1][0] == "and"
                        and r + 2 < n
                        and words[r + 2][0] in ("the", "a", "an")
                    )
                ):
                    r += 1
                while r > k + 1 and words[r][0] in CONNECTORS:
                    r -= 1
                if r > k + 1:
                    last = r
            if not qualifiers and last == k:
                continue
            if (
                all(words[x][0] == "us" for x in qualifiers)
                and last == k
                and any(x in ("attorney", "court", "marshal") for x in suf)
            ):
                continue  # "the U.S. Attorney's Office": which one?
            if " ".join(w for w, _ in words[k : last + 1]) in ORG_NOT_NAMES and last > k:
                continue  # "Acme's board of directors"
            if " ".join(w for w, _ in words[first : last + 1]) in ORG_NOT_NAMES or (
                last == k
                and " ".join(w for w, _ in words[k - 1 : k + 1]) in ORG_NOT_NAMES
                and len(qualifiers) <= 1
            ):
                continue
            start, end = spans[first][0], spans[last][1]
            if text[end : end + 1] == "." and w in ("inc", "corp", "co", "ltd"):
                end += 1
            if any(registered[first : last + 1]):
                break
            name = text[start:end]
            if story.reg._lookup_name(normalize(name)):
                break
            conf = CONFIDENCE["suggest-company" if company else "suggest-org-pattern"]
            out.append((name, start, end, conf))
            covered.append((start, end))
            break
        pre = _PREFIX_INDEX.get(w)
        if (
            pre
            and cap(k)
            and not registered[k]
            and (k == 0 or words[k][1] or not cap(k - 1) or words[k - 1][0] in _NAME_STOP)
        ):
            found = _prefixed_name(words, k, pre, cap, registered)
            if found is not None:
                start, end = spans[k][0], spans[found][1]
                name = text[start:end]
                folded = normalize(name)
                if folded not in ORG_NOT_NAMES and not story.reg._lookup_name(folded):
                    out.append((name, start, end, CONFIDENCE["suggest-org-pattern"]))
                    covered.append((start, end))
        sizes = _COMPANY_FIRST.get(w)
        if (
            sizes
            and k > 0
            and not words[k][1]
            and cap(k - 1)
            and words[k - 1][0] not in _NAME_STOP
            and not possessive(k - 1)
        ) or (sizes and k > 0 and words[k - 1][0] == "the" and 1 in sizes and len(sizes) == 1):
            sizes = None  # "Mike Tyson": a company's name inside a longer name
        if sizes:
            for size in sizes:
                if k + size > n:
                    continue
                key = tuple(x for x, _ in words[k : k + size])
                if key not in _COMPANIES:
                    continue
                if any(words[x][1] for x in range(k + 1, k + size)) or not all(
                    cap(x) or words[x][0] in CONNECTORS for x in range(k, k + size)
                ):
                    continue
                if (
                    k + size < n
                    and not words[k + size][1]
                    and not possessive(k + size - 1)
                    and cap(k + size)
                    and words[k + size][0] not in TITLE_HEADS
                    and words[k + size][0] not in TITLE_MODIFIERS
                ):
                    continue  # part of a longer name
                start, end = spans[k][0], spans[k + size - 1][1]
                if story.registered_overlap(f, start, end) or any(
                    a < end and start < b for a, b in covered
                ):
                    break
                out.append((text[start:end], start, end, CONFIDENCE["suggest-company"]))
                break
    # "Whitlock Holdings Inc." rather than also "Whitlock Holdings"
    out = list({(o[1], o[2]): o for o in out}.values())
    return [o for o in out if not any(p is not o and p[1] <= o[1] and o[2] <= p[2] for p in out)]


def _name_core(folded: str) -> tuple[str, ...]:
    """A personal name without initials and suffixes: "a william mackie jr" -> (william,
    mackie)."""
    words = [w for w in folded.split() if len(w) > 1 and w not in NAME_SUFFIXES]
    return tuple(words)


def _same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if a == b:
        return True
    if not a or not b or a[-1] != b[-1]:
        return False
    ga, gb = set(a[:-1]), set(b[:-1])
    return bool(ga and gb) and (ga <= gb or gb <= ga)


def _listed_names(story, f: _Field, runs, org_spans) -> dict:
    """Names governed by a plural title: "Senators Jane Roe, John Doe and Ann Poe", "Trial
    Attorneys Jane Roe and John Doe": run start -> (singular title, organization key, ...)."""
    units = f.units
    n = len(units)
    starts = dict(runs)
    out: dict[int, tuple] = {}
    for i, u in enumerate(units):
        if u.kind != W or len(u.parts) != 1 or u.parts[0] not in PLURAL_HEADS or u.poss:
            continue
        if not u.text[:1].isupper() and PLURAL_HEADS[u.parts[0]] not in _LOWER_TITLE_WORDS:
            continue
        if i + 1 >= n or units[i + 1].gap != " " or i + 1 not in starts:
            continue
        # the title: the plural head and the title words before it
        j = i - 1
        taken = [u]
        while j >= 0 and len(taken) < 8 and units[j + 1].gap == " ":
            w = units[j]
            if w.kind == P or not _titleish(story, f, w, org_spans) or w.poss:
                break
            if w.kind == W and w.text.islower() and w.parts[0] in CONNECTORS:
                break
            taken.append(w)
            j -= 1
        taken.reverse()
        while len(taken) > 1 and " ".join(taken[0].parts) in NATIONALITIES | {"us", "american"}:
            taken = taken[1:]
        singular = PLURAL_HEADS[u.parts[0]]
        written = u.text[: len(singular)] if u.text.lower().startswith(singular) else singular
        dot = "." if f.text[u.start : u.end].endswith(".") else ""  # "Sens." -> "Sen."
        title = f.text[taken[0].start : u.start] + written + dot
        if title[:1].islower():
            title = title[:1].upper() + title[1:]
        org_key = story.org_in_span(f, taken[0].start, u.end) or _title_org(story, title)
        entry = (title, org_key, None, False, False)
        pos = i + 1
        count = 0
        while pos in starts and count < 40:
            out[pos] = entry
            count += 1
            k = starts[pos] + 1
            if k < n and units[k].kind == P and units[k].text == "(":
                close = next((m for m in range(k + 1, min(n, k + 8)) if units[m].text == ")"), None)
                if close is None:
                    break
                k = close + 1  # "(R-Texas)"
            if k < n and units[k].kind == P and units[k].text == ",":
                k += 1
            if k < n and units[k].kind in (W, P) and units[k].text.lower() in ("and", "&"):
                k += 1
            if k == starts[pos] + 1 or k >= n:
                break
            pos = k
    return out


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
    if u.kind == ABBR:
        # "P.J. Meitl": initials written together (but "U.S.", "D.C." are places)
        return len(u.parts[0]) <= 3 and u.parts[0] not in _PLACE_ABBRS
    if u.kind != W:
        return False
    text = u.text
    if not text[:1].isupper() and "-" not in text:
        return False  # most words of a story: quick no
    known = _NAME_WORD_OK.get(text)
    if known is not None:
        return known
    ok = _name_word_ok(u)
    if len(_NAME_WORD_OK) < 100_000:
        _NAME_WORD_OK[text] = ok
    return ok


_NAME_WORD_OK: dict[str, bool] = {}  # the answer depends on the word as written only


def _name_word_ok(u: _Unit) -> bool:
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
        if (folded in NOT_NAME_WORDS or folded in PLACE_WORDS) and folded not in GIVEN_NAME_WORDS:
            return False
    return True


def _name_runs(f: _Field):
    """Maximal runs of name-like units: [(first unit, last unit)]."""
    units = f.units
    runs = []
    i = 0
    n = len(units)
    ok = [_name_unit_ok(u) for u in units]
    while i < n:
        u = units[i]
        if (
            not ok[i]
            or u.kind in (INIT, ABBR)
            and i + 1 >= n
            or (
                u.kind == W
                and is_place(" ".join(u.parts))
                and not (
                    " ".join(u.parts) in GIVEN_NAME_WORDS
                    and i + 1 < n
                    and units[i + 1].gap == " "
                    and ok[i + 1]
                )
            )
        ):
            i += 1  # a run starts on no place name ("Guatemala"), but "Lisa Monaco" is a name
            continue
        j = i
        while j + 1 < n:
            nxt = units[j + 1]
            if units[j].poss or nxt.gap not in (" ",):
                break
            if ok[j + 1]:
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
            if k > j + 1 and k < n and units[k].gap == " " and ok[k]:
                j = k
                continue
            break
        runs.append((i, j))
        i = j + 1
    return runs


_PLACE_ABBRS = frozenset(["us", "dc", "uk", "un", "eu", "usa", "nyc", "la"])
_ORDINAL = re.compile(r"\d{1,2}(?:st|nd|rd|th)")


def _titleish(story, f: _Field, u: _Unit, org_spans) -> bool:
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
    if _ORDINAL.fullmatch(u.text):
        return True  # "Sgt. 1st Class", "2nd Lt."
    if u.text[:1].islower():
        return u.parts[0] in CONNECTORS or all(p in _LOWER_TITLE_WORDS for p in u.parts)
    joined = " ".join(u.parts)
    return joined in COUNTRIES or joined in US_STATES


def _person_candidates(story, f: _Field):
    units = f.units
    org_spans = [
        (h.start, h.end)
        for h in story.selected
        if h.field is f and (h.cands[0] < 0 or story.reg.entries[h.cands[0]].kind == ORGANIZATION)
    ]
    out = []
    runs = _name_runs(f)
    listed = _listed_names(story, f, runs, org_spans)
    for a, b in runs:
        # "for Management and Resources Richard Verma": a complement word ends the title
        # (only when that word belongs to a title or a place: "and Mary Ann Smith" is a name)
        if (
            b - a + 1 >= 3
            and a > 0
            and units[a - 1].kind == W
            and (units[a - 1].parts[0] in CONNECTORS and units[a - 1].text.islower())
            and (all(p in _TITLEISH for p in units[a].parts) or is_place(" ".join(units[a].parts)))
        ):
            a += 1
        while b > a and (units[b].kind in (INIT, ABBR) or units[b].text.lower() in NAME_PARTICLES):
            b -= 1
        if units[b].kind == ABBR:
            continue
        if units[a].kind == INIT and b - a + 1 < 3:
            continue
        size = sum(1 for u in units[a : b + 1] if u.text.lower() not in NAME_PARTICLES)
        if not 2 <= size <= 4 or b - a + 1 > 6:
            continue  # "Mohammed bin Abdulrahman Al Thani" has three names and two particles
        start, end = units[a].start, units[b].end
        if story.registered_overlap(f, start, end):
            continue
        first_parts = units[a].parts
        if any(
            (p in VOCAB or p in COMMON_NOUNS) and p not in GIVEN_NAME_WORDS for p in first_parts
        ) or all(p in _TITLEISH for u in units[a : b + 1] for p in u.parts):
            continue  # "Travel Advisory", "Joint Chiefs"
        name = f.text[start:end]
        folded = normalize(name)
        head = " ".join(units[a].parts)
        if is_place(folded) or (is_place(head) and head not in GIVEN_NAME_WORDS):
            continue
        if story.reg._lookup_name(folded):
            continue
        pre = _title_before(story, f, a, org_spans)
        app = _title_after(story, f, b, org_spans)
        if pre is None and app is None and a in listed:
            pre = listed[a]
        if pre is None and app is None:
            rev = _title_before_comma(story, f, a, b, org_spans) or _title_after_bar(
                story, f, a, b, org_spans
            )
            if rev is None:
                if _named_alone(f, a, b):
                    out.append(
                        _PersonCandidate(name, start, end, "", None, CONFIDENCE["suggest-name"])
                    )
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


_AGE = re.compile(r",\s*(?:age\s*)?\d{1,3}\s*,")
_ATTRIBUTION = frozenset(["said", "says", "told", "wrote", "added", "testified", "according"])


def _headline_like(f: _Field, pos: int) -> bool:
    """The sentence at `pos` is written in title case (most of its words capitalised)."""
    text = f.sentences.around(pos)
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if w.lower() not in CONNECTORS]
    if len(words) < 4:
        return False
    return sum(w[:1].isupper() for w in words) >= 0.75 * len(words)


def _named_alone(f: _Field, a: int, b: int) -> bool:
    """A person named without a title: "Melvin Okafor sold the shares", "Darnell Whitlock,
    44, of Springfield". The name must stand alone (no capitalised word right before or after
    it) and start with a common given name, or be followed by an age."""
    units = f.units
    n = len(units)
    first = units[a] if units[a].kind != INIT or a == b else units[a + 1]
    age = _AGE.match(f.text, units[b].end) is not None
    nxt = units[b + 1] if b + 1 < n and units[b + 1].gap == " " else None
    prev = units[a - 1] if a > 0 and units[a].gap == " " else None
    # "Juliette Cubanski of KFF", "said Dana Ortiz", "Dana Ortiz said"
    affiliated = (
        nxt is not None
        and nxt.text == "of"
        and b + 2 < n
        and (units[b + 2].text[:1].isupper() or units[b + 2].text == "the")
    )
    after = units[b + 1] if b + 1 < n else None
    attributed = (nxt is not None and nxt.text in _ATTRIBUTION) or (
        prev is not None
        and prev.text in ("said", "says")
        and (after is None or (after.kind == P and after.text in ",."))
    )
    if first.kind != W:
        return False
    if " ".join(first.parts) not in GIVEN_NAMES and not (age or affiliated or attributed):
        return False
    # "Grace Period Ends for Student Loan Borrowers": a headline written in the body
    if not (age or attributed) and _headline_like(f, units[a].start):
        return False
    if a > 0 and units[a].gap == " ":
        prev = units[a - 1]
        if prev.kind == W and prev.text[:1].isupper() and prev.parts[0] not in SENTENCE_STARTERS:
            return False  # "Fort Worth", "USS Gerald Ford": part of something longer
        if prev.kind == W and prev.text == "the":
            return False  # "the John Smith case"
    if b + 1 < n and units[b + 1].gap == " ":
        nxt = units[b + 1]
        if nxt.kind in (W, ABBR, INIT) and (nxt.text[:1].isupper() or nxt.text[:1].isdigit()):
            return False  # "Martin Luther King Jr. Boulevard", "Laken Riley Act"
    return not (units[b].poss and b + 1 < n and units[b + 1].text[:1].isupper())


def _title_shaped(tunits: list[_Unit]) -> bool:
    """Ends with a head ("USAID Deputy Administrator") or has a head with a complement
    ("Secretary of State", "Deputy Secretary for Management and Resources")."""
    k = len(tunits) - 1
    while (
        k > 0
        and tunits[k].kind == W
        and (all(p in RANK_SUFFIXES for p in tunits[k].parts) or _ORDINAL.fullmatch(tunits[k].text))
    ):
        k -= 1  # "Sgt. 1st Class", "Petty Officer Second Class"
    last = tunits[k]
    if last.kind == W and last.parts[-1] in TITLE_HEADS and not last.poss:
        return True
    seen_head = False
    for u in tunits:
        if u.kind != W:
            continue
        if seen_head and u.parts[0] in ("of", "for", "to", "on") and u.text.islower():
            return True
        if seen_head and u.parts[0] == "in" and u is not tunits[-1]:
            return True  # "Special Agent in Charge"
        if any(p in TITLE_HEADS for p in u.parts) and not u.poss:
            seen_head = True
    return False


def _clean_title(story, f: _Field, tunits: list[_Unit], org_spans):
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
    us_at = None
    while lead < len(tunits) - 1:
        u = tunits[lead]
        joined = " ".join(u.parts)
        if u.kind == ABBR and u.parts == ["us"] or joined in ("us", "american"):
            us_at = lead if joined == "us" else us_at
            lead += 1
            continue
        if joined in NATIONALITIES or (u.poss and joined in COUNTRIES):
            foreign = True
            lead += 1
            continue
        if u.text[:1].isupper() and is_place(joined) and joined not in ("state",):
            foreign = True  # "Washington Director": the place is not part of the title
            lead += 1
            continue
        break
    body = tunits[lead:]
    if us_at is not None and us_at == lead - 1:
        body = tunits[us_at:]  # "U.S. Attorney", "U.S. District Judge": kept whole
    start, end = body[0].start, body[-1].end
    title = f.text[start:end]
    org_key = story.org_in_span(f, tunits[0].start, end)
    if org_key is None and not foreign:
        org_key = _title_org(story, title)
    return title, org_key


def _title_org(story, title: str):
    words = normalize(title).split()
    while words:
        orgs = story.reg.title_orgs(" ".join(words))
        if orgs:
            keys = {story.reg.entries[o].key for o in orgs}
            return keys.pop() if len(keys) == 1 else None
        if words[0] in _STRIPPABLE_TITLE_MODIFIERS or words[0] == "us":
            words = words[1:]
            continue
        break
    return None


def _title_before(story, f: _Field, a: int, org_spans):
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
            u.kind == W
            and u.text == "and"
            and j > 0
            and any(units[j - 1].end == b0 for _, b0 in org_spans)
        ):
            break  # "... of the FBI and Special Agent in Charge Jane Roe": another person's
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


_SECOND_ROLE = re.compile(r",?\s+and\s+(?:a|an|the)\s+")


def _title_after(story, f: _Field, b: int, org_spans):
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
    while j < n and len(taken) < 30:
        u = units[j]
        if u.kind == P and u.text == "(" and taken:
            close = next((k for k in range(j + 1, min(n, j + 6)) if units[k].text == ")"), None)
            if close is not None:
                j = close + 1  # "the Agency for Cyber Resilience (ACR)'s director"
                continue
        if u.kind == P:
            break
        if u.kind == W and u.text.lower() in _VERBS_AFTER_NAME:
            break
        if in_complement and u.kind in (W, ABBR, INIT):
            taken.append(u)  # "of the regional office for flood and storm planning"
            j += 1
            continue
        if u.kind == W and u.text in ("a", "an", "the") and taken:
            taken.append(u)  # "... and a former deputy administrator"
            j += 1
            continue
        if not _titleish(story, f, u, org_spans):
            if u.kind == W and u.poss and u.text[:1].islower():
                taken.append(u)  # "the agency's director"
                j += 1
                continue
            return None
        if u.kind == W and u.parts[0] in ("of", "at", "for", "to", "on") and taken:
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
    title = _SECOND_ROLE.split(title, 1)[0]  # the first of "director of X and a former Y"
    return title, org_key, None, False, True


def _title_after_bar(story, f: _Field, a: int, b: int, org_spans):
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


def _title_before_comma(story, f: _Field, a: int, b: int, org_spans):
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
