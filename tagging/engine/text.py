"""Text helpers of the tagging engine: tokens with offsets, normalisation, sentences, word lists.

Pure Python, no Django. Everything here works on plain strings and keeps character offsets
into the text as written, so that a match found in normalised text can be shown in the story.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

# Length-preserving character unification (one character for one character, so offsets into
# the translated text are offsets into the original): curly quotes, primes and dashes.
_UNIFY = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)

# Letters that NFKD does not decompose.
_TRANSLIT = str.maketrans(
    {
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "'": "",
    }
)

_TOKEN = re.compile(
    r"(?P<abbr>(?:[^\W\d_]\.){2,})"  # U.S.  D.C.  U.S.A.
    r"|(?P<word>[^\W_]+(?:'[^\W_]+)*)"  # words, O'Brien, Blinken's
    r"|(?P<ws>\s+)"
    r"|(?P<p>.)",
    re.S,
)


def _split(words: str) -> list[str]:
    return words.split()


# Words written with a period that does not end a sentence ("Sen. Dan Sullivan").
ABBREVIATIONS = frozenset(
    _split(
        "mr mrs ms dr st jr sr sen sens rep reps gov govs gen lt col maj capt sgt adm cmdr cpl pvt "
        "inc corp co ltd llc no dept ft mt prof rev hon amb atty supt gens vs jan feb mar apr aug "
        "sept sep oct nov dec ave blvd etc est dist cong pres brig det spc pfc sfc insp asst dep "
        "ret pvt msgt ssgt cpo"
    )
)

W, ABBR, INIT, P = "W", "A", "I", "P"  # token kinds: word, dotted abbreviation, initial, punct


@lru_cache(maxsize=1 << 18)
def fold(word: str) -> str:
    """Casefold one word and strip its accents and apostrophes: "Arévalo" -> "arevalo"."""
    if word.isascii():
        return word.lower().replace("'", "")
    decomposed = unicodedata.normalize("NFKD", word.translate(_UNIFY))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold().translate(_TRANSLIT)


class Token:
    """One token of a text, with its span in the text as written."""

    __slots__ = ("start", "end", "text", "norm", "kind", "poss", "gap")

    def __init__(self, start, end, text, norm, kind, poss=False, gap=""):
        self.start = start
        self.end = end
        self.text = text  # as written (possessive and abbreviation period excluded)
        self.norm = norm  # folded form ("" for punctuation)
        self.kind = kind
        self.poss = poss  # a possessive 's or ' followed it
        self.gap = gap  # "" (touching the previous token), " " (spaces) or "\n\n" (paragraph)

    @property
    def capitalized(self) -> bool:
        return self.text[:1].isupper()

    def __repr__(self):  # pragma: no cover - debugging aid
        return f"Token({self.text!r}, {self.kind}, {self.start}-{self.end})"


def unify(text: str) -> str:
    """Same length as `text`: curly quotes and dashes made plain."""
    return text.translate(_UNIFY)


def tokenize(text: str) -> list[Token]:
    """Tokens of `text` (words, dotted abbreviations, initials, punctuation) with offsets.

    "Blinken's" is the word "Blinken" with `poss` set; "J." is an initial; "U.S." an
    abbreviation; "Sen." a word whose period is consumed; hyphens stay punctuation tokens.
    """
    t = unify(text)
    tokens: list[Token] = []
    gap = ""
    n = len(t)
    skip_at = -1  # a period already consumed by the previous token ("J.", "Sen.")
    for m in _TOKEN.finditer(t):
        kind = m.lastgroup
        s, e = m.span()
        if kind == "ws":
            ws = m.group()
            gap = "\n\n" if ws.count("\n") >= 2 else " "
            continue
        if kind == "abbr":
            tokens.append(Token(s, e, text[s:e], fold(m.group().replace(".", "")), ABBR, gap=gap))
        elif kind == "word":
            w = m.group()
            poss = False
            if len(w) > 2 and w[-2] == "'" and w[-1] in "sS":
                w = w[:-2]
                poss = True
            elif (
                e < n and t[e] == "'" and (e + 1 >= n or not t[e + 1].isalnum()) and w[-1:] in "sS"
            ):
                poss = True  # Mayorkas'
            we = s + len(w)
            if e < n and t[e] == "." and not poss:
                low = w.lower()
                if len(w) == 1 and w.isalpha():
                    tokens.append(Token(s, e + 1, text[s:we], fold(w), INIT, gap=gap))
                    gap = ""
                    skip_at = e
                    continue
                if low in ABBREVIATIONS:
                    tokens.append(Token(s, e + 1, text[s:we], fold(w), W, gap=gap))
                    gap = ""
                    skip_at = e
                    continue
            tokens.append(Token(s, we, text[s:we], fold(w), W, poss, gap=gap))
        else:
            if s == skip_at:
                gap = ""
                continue
            tokens.append(Token(s, e, t[s:e], "", P, gap=gap))
        gap = ""
    return tokens


# ---------------------------------------------------------------------------------------------
# The normalised stream: folded words joined by " ", a " # " where punctuation separates them.

BARRIER = "#"


class Stream:
    """Folded text of a field for the case-insensitive automaton, mapped back to tokens.

    `text` is " w1 w2 # w3 ... " : single spaces between words that may belong to one name,
    " # " where a comma, a sentence end or another hard break lies between them. Pattern keys
    are built the same way and padded with spaces, so every automaton hit is whole-word.
    """

    __slots__ = ("text", "starts", "ends", "spans")

    def __init__(self, text, starts, ends, spans):
        self.text = text
        self.starts = starts  # position in text -> index into spans (word starts)
        self.ends = ends  # position in text (exclusive end) -> index into spans
        self.spans = spans  # (start, end) in the original field, per stream word


def _stream_words(tokens: list[Token]):
    """(folded word, start, end, hard_break_before) for each word of the stream."""
    out = []
    hard = False
    prev = None  # previous emitted token
    for i, tok in enumerate(tokens):
        if tok.gap == "\n\n":
            hard = True
        if tok.kind == P:
            ch = tok.text
            if ch == "'":
                continue
            if ch == "&":
                out.append(["and", tok.start, tok.end, hard])
                hard = False
                prev = tok
                continue
            if ch == "-" and tok.gap == "" and prev is not None and prev.kind != P:
                nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                if nxt is not None and nxt.gap == "" and nxt.kind != P:
                    continue  # a hyphen inside a compound: "Sherwood-Randall", "Export-Import"
            if ch == "." and prev is not None and prev.kind == ABBR:
                continue
            hard = True
            continue
        out.append([tok.norm, tok.start, tok.end, hard])
        hard = False
        prev = tok
    # "U.S." is one word already; "U. S." and "United States" become "us" as well.
    merged = []
    for w in out:
        if merged and not w[3]:
            last = merged[-1]
            if (last[0], w[0]) in (("u", "s"), ("united", "states")):
                last[0] = "us"
                last[2] = w[2]
                continue
        merged.append(w)
    return merged


def build_stream(tokens: list[Token]) -> Stream:
    parts = [" "]
    pos = 1
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    spans = []
    for idx, (norm, s, e, hard) in enumerate(_stream_words(tokens)):
        if hard and idx:
            parts.append(BARRIER + " ")
            pos += 2
        starts[pos] = idx
        parts.append(norm)
        pos += len(norm)
        ends[pos] = idx
        parts.append(" ")
        pos += 1
        spans.append((s, e))
    return Stream("".join(parts), starts, ends, spans)


_FAST_TEXT = re.compile(r"[A-Za-z0-9 .'&,\-]+")
_FAST_CHUNK = re.compile(
    r"(?P<abbr>(?:[A-Za-z]\.){2,})"
    r"|(?P<word>[A-Za-z0-9]+(?:'[A-Za-z0-9]+)*(?:-[A-Za-z0-9]+(?:'[A-Za-z0-9]+)*)*)"
    r"(?P<poss>')?(?P<dot>\.)?"
)


def _fast_words(text: str):
    """Folded words and hard breaks of a plain ASCII name, or None when it needs `tokenize`.

    Must agree with build_stream(tokenize(text)) (a property test holds it to that).
    """
    out: list[str] = []
    if "&" in text:
        text = text.replace("&", " & ")
    for chunk in text.split():
        if chunk.isalnum():
            out.append(chunk.lower())
            continue
        if (
            chunk[-1] == "."
            and chunk[:-1].isalpha()
            and (len(chunk) == 2 or chunk[:-1].lower() in ABBREVIATIONS)
        ):
            out.append(chunk[:-1].lower())  # an initial, "Jr."
            continue
        comma = chunk.endswith(",")
        if comma:
            chunk = chunk[:-1]
        if chunk == "&":
            if comma:
                return None
            out.append("and")
            continue
        m = _FAST_CHUNK.fullmatch(chunk) if "'" not in chunk else None
        if m is None:
            return None
        if m.group("abbr"):
            out.append(chunk.replace(".", "").lower())
        else:
            word = m.group("word")
            dot = m.group("dot")
            parts = word.split("-")
            last = parts[-1]
            if m.group("poss"):
                if dot or last[-1:] not in "sS":
                    return None
            elif len(last) > 2 and last[-2] == "'" and last[-1] in "sS":
                parts[-1] = last[:-2]
            if any(not p for p in parts):
                return None
            if dot:
                low = parts[-1].lower()
                if not ((len(low) == 1 and low.isalpha()) or low in ABBREVIATIONS):
                    if comma:
                        return None
                    out.extend(p.lower().replace("'", "") for p in parts)
                    out.append(BARRIER)
                    continue
            out.extend(p.lower().replace("'", "") for p in parts)
        if comma:
            out.append(BARRIER)
    if "u" not in out and "united" not in out and BARRIER not in out:
        return out
    merged: list[str] = []
    for w in out:
        if merged and (merged[-1], w) in (("u", "s"), ("united", "states")):
            merged[-1] = "us"
        elif w == BARRIER and (not merged or merged[-1] == BARRIER):
            continue
        else:
            merged.append(w)
    while merged and merged[-1] == BARRIER:
        merged.pop()
    return merged


def pattern_key(text: str) -> str:
    """The automaton key of a name: " department of state " (padded, folded, "us" unified)."""
    if text.isascii():
        words = None
        if text.replace(" ", "").isalnum():
            words = text.lower().split()
        elif text.startswith("U.S. ") and text[5:].replace(" ", "").isalnum():
            words = ["us", *text[5:].lower().split()]
        if words is not None:
            if "u" in words or "united" in words:
                words = _merge_us(words)
            return " " + " ".join(words) + " "
        if _FAST_TEXT.fullmatch(text):
            words = _fast_words(text)
            if words is not None:
                return " " + " ".join(words) + " " if words else ""
    return slow_pattern_key(text)


def _merge_us(words: list[str]) -> list[str]:
    merged: list[str] = []
    for w in words:
        if merged and (merged[-1], w) in (("u", "s"), ("united", "states")):
            merged[-1] = "us"
        else:
            merged.append(w)
    return merged


def slow_pattern_key(text: str) -> str:
    stream = build_stream(tokenize(text)).text
    stream = stream.strip(" " + BARRIER)
    return " " + stream + " " if stream else ""


def normalize(text: str) -> str:
    """Folded comparison form: casefolded, accents, periods, possessives and hyphens gone.

    "U.S.", "US", "U. S." and "United States" all become "us"; "&" becomes "and":
    normalize("United States Department of State") == normalize("U.S. Department of State")
    == "us department of state"; normalize("Arévalo’s") == "arevalo".
    """
    key = pattern_key(text)
    return " ".join(w for w in key.split() if w != BARRIER)


# ---------------------------------------------------------------------------------------------
# Sentences


_SENT_END = re.compile(r"[.!?]+[\"')\]]*(?=\s+[\"'(\[]*[A-Z0-9])|\n\s*\n")
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}")
_NEXT_WORD = re.compile(r"\s+[\"'(]*(\w+)")
SENTENCE_STARTERS = frozenset(
    _split(
        "the a an this that these those it its he she they we i in on at for by with from "
        "after before during according but and or as if when while meanwhile however also "
        "today officials there his her their our under since despite"
    )
)


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, whitespace trimmed.

    A period after an initial ("J.") or a known abbreviation ("Sen.", "Inc.") ends no sentence;
    after "U.S." or "D.C." it does only when a sentence-starting word follows ("The").
    """
    bounds = []
    start = 0
    for m in _SENT_END.finditer(text):
        end = m.end()
        if text[m.start()] == ".":
            words = text[max(start, m.start() - 30) : m.start() + 1].split()
            word = words[-1].lstrip("\"'([") if words else ""
            if _DOTTED.fullmatch(word):
                nxt = _NEXT_WORD.match(text, end)
                if not nxt or nxt.group(1).lower() not in SENTENCE_STARTERS:
                    continue
            elif (len(word) == 2 and word[0].isupper()) or word[:-1].lower() in ABBREVIATIONS:
                continue
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    out = []
    for s, e in bounds:
        seg = text[s:e]
        ls = len(seg) - len(seg.lstrip())
        rs = len(seg.rstrip())
        if rs > ls:
            out.append((s + ls, s + rs))
    return out


class Sentences:
    def __init__(self, text: str):
        self.text = text
        self.bounds = sentence_bounds(text)
        self.starts = [s for s, _ in self.bounds]

    def around(self, pos: int) -> str:
        i = bisect_right(self.starts, pos) - 1
        if i < 0:
            return self.text.strip()
        s, e = self.bounds[i]
        return self.text[s:e]


# ---------------------------------------------------------------------------------------------
# Word lists (folded forms). Small and built in: the engine never looks anything up elsewhere.


def _words(s: str) -> frozenset[str]:
    return frozenset(fold(w) for w in s.split())


COUNTRIES = frozenset(
    fold(c).replace("-", " ")
    for c in """Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|
Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|
Bosnia|Herzegovina|Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|Canada|
Cape Verde|Chad|Chile|China|Colombia|Comoros|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czechia|
Czech Republic|Denmark|Djibouti|Dominica|Dominican Republic|Ecuador|Egypt|El Salvador|Eritrea|
Estonia|Eswatini|Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Grenada|
Guatemala|Guinea|Guyana|Haiti|Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|
Italy|Ivory Coast|Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kiribati|Kosovo|Kuwait|Kyrgyzstan|Laos|
Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|
Malaysia|Maldives|Mali|Malta|Mauritania|Mauritius|Mexico|Micronesia|Moldova|Monaco|Mongolia|
Montenegro|Morocco|Mozambique|Myanmar|Burma|Namibia|Nauru|Nepal|Netherlands|Holland|New Zealand|
Nicaragua|Niger|Nigeria|North Korea|South Korea|Korea|North Macedonia|Macedonia|Norway|Oman|
Pakistan|Palau|Palestine|Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|Portugal|Qatar|
Romania|Russia|Rwanda|Samoa|San Marino|Saudi Arabia|Senegal|Serbia|Seychelles|Sierra Leone|
Singapore|Slovakia|Slovenia|Somalia|South Africa|South Sudan|Spain|Sri Lanka|Sudan|Suriname|
Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Togo|Tonga|Tunisia|Turkey|Turkiye|
Turkmenistan|Tuvalu|Uganda|Ukraine|United Arab Emirates|UAE|United Kingdom|UK|Britain|
Great Britain|England|Scotland|Wales|Northern Ireland|United States|America|Uruguay|Uzbekistan|
Vanuatu|Vatican|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe|Gaza|West Bank|Crimea|Greenland|
Puerto Rico|Guam|Hong Kong|Tibet|Europe|Asia|Africa|Latin America|North America|South America|
Central America|Middle East|Caribbean|Antarctica|Arctic|Oceania|Pacific|Atlantic|Balkans|Sahel|
Western Hemisphere""".replace("\n", "").split("|")
)

NATIONALITIES = _words(
    """Afghan Albanian Algerian American Andorran Angolan Argentine Argentinian Armenian Australian
    Austrian Azerbaijani Bahamian Bahraini Bangladeshi Barbadian Belarusian Belgian Belizean
    Beninese Bhutanese Bolivian Bosnian Brazilian British Bruneian Bulgarian Burkinabe Burmese
    Burundian Cambodian Cameroonian Canadian Chadian Chilean Chinese Colombian Congolese Costa
    Croatian Cuban Cypriot Czech Danish Dominican Dutch Ecuadorian Egyptian Salvadoran Emirati
    English Eritrean Estonian Ethiopian Fijian Filipino Finnish French Gabonese Gambian Georgian
    German Ghanaian Greek Grenadian Guatemalan Guinean Guyanese Haitian Honduran Hungarian
    Icelandic Indian Indonesian Iranian Iraqi Irish Israeli Italian Ivorian Jamaican Japanese
    Jordanian Kazakh Kenyan Korean Kosovar Kuwaiti Kyrgyz Lao Laotian Latvian Lebanese Liberian
    Libyan Lithuanian Luxembourgish Malagasy Malawian Malaysian Maldivian Malian Maltese
    Mauritanian Mauritian Mexican Moldovan Mongolian Montenegrin Moroccan Mozambican Namibian
    Nepali Nepalese Nicaraguan Nigerien Nigerian Norwegian Omani Pakistani Palestinian Panamanian
    Paraguayan Peruvian Philippine Polish Portuguese Qatari Romanian Russian Rwandan Saudi
    Scottish Senegalese Serbian Singaporean Slovak Slovenian Somali South Spanish Sri Lankan
    Sudanese Surinamese Swedish Swiss Syrian Taiwanese Tajik Tanzanian Thai Togolese Tunisian
    Turkish Turkmen Ugandan Ukrainian Uruguayan Uzbek Venezuelan Vietnamese Welsh Yemeni Zambian
    Zimbabwean European Asian African Arab Latino Hispanic Caribbean Western Eastern Northern
    Southern Central Pacific Atlantic Americans Mexicans Guatemalans Canadians Europeans"""
)

US_STATES = frozenset(
    fold(s)
    for s in """Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|
Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|
Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|
New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|
South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|
Wisconsin|Wyoming|District of Columbia""".replace("\n", "").split("|")
)

STATE_CODES = frozenset(
    _split(
        """AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ
    NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR"""
    )
)

CITIES = frozenset(
    fold(c)
    for c in """Washington|New York|Los Angeles|Chicago|Houston|Phoenix|Philadelphia|San Antonio|
San Diego|Dallas|Austin|San Jose|Jacksonville|Fort Worth|Columbus|Charlotte|San Francisco|
Indianapolis|Seattle|Denver|Boston|El Paso|Nashville|Detroit|Portland|Las Vegas|Memphis|
Louisville|Baltimore|Milwaukee|Albuquerque|Tucson|Fresno|Sacramento|Atlanta|Miami|Oakland|
Minneapolis|Tulsa|Cleveland|New Orleans|Tampa|Honolulu|Anchorage|Pittsburgh|Cincinnati|
St Louis|Saint Louis|Kansas City|Salt Lake City|Raleigh|Richmond|Arlington|Alexandria|Laredo|
Brownsville|McAllen|San Juan|Mobile|Birmingham|Charleston|Norfolk|Omaha|Boise|Fairfax|Bethesda|
Quantico|Langley|Annapolis|Albany|Trenton|Hartford|Providence|Montgomery|Tallahassee|Juneau|
London|Paris|Berlin|Rome|Madrid|Brussels|Geneva|Vienna|Moscow|Kyiv|Kiev|Warsaw|Prague|Budapest|
Athens|Istanbul|Ankara|Cairo|Jerusalem|Tel Aviv|Beirut|Baghdad|Tehran|Riyadh|Doha|Dubai|
Abu Dhabi|Kabul|Islamabad|New Delhi|Delhi|Mumbai|Beijing|Shanghai|Tokyo|Seoul|Pyongyang|
Taipei|Manila|Hanoi|Bangkok|Jakarta|Singapore|Sydney|Canberra|Ottawa|Toronto|Montreal|
Vancouver|Mexico City|Guatemala City|Tegucigalpa|San Salvador|Managua|Havana|Bogota|Caracas|
Lima|Quito|Santiago|Buenos Aires|Brasilia|Sao Paulo|Rio de Janeiro|Port-au-Prince|Nairobi|
Lagos|Abuja|Addis Ababa|Khartoum|Johannesburg|Pretoria|Kinshasa|Dakar|Accra|Manila|Lahaina|
Ramstein|Tijuana|Ciudad Juarez|Monterrey|Guadalajara|Panama City|Davos|Hiroshima|Osaka|Strasbourg
""".replace("\n", "").split("|")
)

PLACE_WORDS = frozenset(
    fold(w)
    for w in _split(
        """City County Counties State States Province Region District Island Islands Republic
    Kingdom Street Avenue Road Boulevard Square Plaza Building Hall Palace Base Airport Port Harbor
    River Lake Mountain Mountains Valley Bay Coast Gulf Sea Ocean Border Beach Park Center Capitol
    Hill Canyon Desert Peninsula Strait Channel Basin Fort Camp Hospital University College School
    Church Cathedral Mosque Temple Stadium Arena Hotel Bridge Dam Station North South East West
    Northern Southern Eastern Western Central Upper Lower Greater Midwest Northeast Southeast
    Southwest Northwest New Saint San Santa Los Las El La Le"""
    )
)

MONTHS_DAYS = _words(
    """January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today Tonight Yesterday Tomorrow
    Christmas Easter Thanksgiving Hanukkah Ramadan Eid Passover Halloween Juneteenth Memorial
    Independence Labor Veterans Presidents President's Presidents' Day Week Weekend Year Spring
    Summer Fall Autumn Winter Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"""
)

# The title vocabulary lives in data/titles.txt (a file, not code).
_DATA = Path(__file__).resolve().parent / "data"


def _sections(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            out.setdefault(current, [])
        elif line:
            out.setdefault(current, []).extend(line.split())
    return out


_TITLES = _sections(_DATA / "titles.txt")

# Head words of a title: at least one must be in the words that introduce a person.
TITLE_HEADS = _words(" ".join(_TITLES["heads"]).replace(".", ""))
# Words that may stand in a title besides its head ("Deputy", "Foreign", "Acting").
TITLE_MODIFIERS = _words(" ".join(_TITLES["modifiers"]).replace(".", ""))


def _plural(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


# Plural heads and the singular they stand for: "senators" -> "senator".
PLURAL_HEADS = {_plural(h): h for h in TITLE_HEADS if len(h) > 3} | {
    fold(p): fold(s) for p, s in (pair.split("=") for pair in _TITLES["plurals"])
}


def _org_lines(section: str) -> list[str]:
    path = (_DATA / "organizations.txt").read_text(encoding="utf-8").splitlines()
    out, inside = [], False
    for line in path:
        line = line.split("#", 1)[0].strip()
        if line.startswith("["):
            inside = line == f"[{section}]"
        elif inside and line:
            out.append(line)
    return out


# Discovery patterns for organizations (data/organizations.txt): folded last words of a name.
ORG_SUFFIXES = [tuple(line.split()) for line in _org_lines("suffixes")]
ORG_QUALIFIED = {
    head.strip(): frozenset(quals.split())
    for head, quals in (line.split(":", 1) for line in _org_lines("qualified suffixes"))
}
ORG_OPEN_SUFFIXES = frozenset(_org_lines("open suffixes"))
ORG_NOT_NAMES = frozenset(line for line in _org_lines("not names"))
ORG_PREFIXES = [tuple(line.split()) for line in _org_lines("prefixes")]
ORG_APPOSITIVE_HEADS = frozenset(w for line in _org_lines("appositive heads") for w in line.split())
COMPANY_NAMES = [
    n.strip() for line in _org_lines("companies") for n in line.split("|") if n.strip()
]

# Common given names (data/given_names.txt), folded.
GIVEN_NAMES = _words(" ".join(_sections(_DATA / "given_names.txt").get("", [])))

# Words that are also given names ("Chad", "Summer", "June"): see data/titles.txt.
GIVEN_NAME_WORDS = _words(" ".join(_TITLES["given-name words"]))

# Words that may follow the head of a military or civil-service rank ("Petty Officer Second
# Class").
RANK_SUFFIXES = frozenset({"first", "second", "third", "class", "grade"})

# Words of the areas, offices and bodies that titles name ("for Management and Resources").
VOCAB = _words(
    """Department Office Agency Bureau Administration Commission Service Services Council Institute
    Center Centre Authority Board Corps Committee Subcommittee Ministry Division Court Cabinet
    Affairs Security Homeland Policy Management Resources Development Operations Health Human
    Defense Defence Justice State Energy Commerce Labor Labour Education Transportation Agriculture
    Treasury Interior Veterans Housing Urban Public Political Economic Economics Growth Environment
    Environmental Civilian Democracy Rights Arms Control International Counterterrorism
    Intelligence Research Science Technology Enforcement Trade Finance Financial Budget
    Communications Legislative Diplomacy Diplomatic Programs Planning Strategy Response Emergency
    Preparedness Relations Population Refugees Migration Immigration Consular Hemisphere Oceans
    Scientific Global Women Issues Cyberspace Digital Criminal Civil Counsel Legal Protection Border
    Customs Citizenship Naturalization Guard Navy Army Air Force Marine Marines Space Reserve Bank
    Monetary Fiscal Revenue Tax Social Insurance Disaster Food Drug Drugs Safety Aviation Highway
    Maritime Fisheries Oceanic Atmospheric Weather Wildlife Parks Land Forest Mines Reclamation
    Indian Tribal Children Families Family Aging Disease Prevention Medicare Medicaid Mental
    Substance Abuse Investigation Investigations Alcohol Tobacco Firearms Explosives Prisons
    Marshals Attorneys Ethics Audit Accountability Personnel Nuclear Weapons Nonproliferation Cyber
    Infrastructure Critical Information Privacy Census Statistics Standards Patent Trademark Small
    Business Export Import Investment Industry Industrial Manufacturing Telecommunications Elections
    Election Community Communities Peace Volunteer Humanitarian Assistance Aid Relief Conflict
    Narcotics Law Judicial Judiciary Appeals Circuit Claims Bankruptcy Senate House Congress
    Congressional Assembly Legislature Parliament Government Oversight Appropriations Armed Select
    Ways Means Natural Water Power Climate Conservation Mission Embassy Consulate Multilateral
    Organization Logistics Acquisition Readiness Joint Chiefs Command Strategic United Nations
    Workforce Farm Schools Staff Press Secretariat Party Republican Democratic Democrat
    Independent Caucus Program Initiative Task Team Group Forum Summit Ministerial Conference"""
)

# Lower-case words that may join the words of a title or of an organisation's name.
CONNECTORS = frozenset({"of", "for", "and", "the", "on", "to", "in", "at", "de", "&"})
NAME_PARTICLES = frozenset(
    {
        "de",
        "del",
        "della",
        "der",
        "den",
        "di",
        "da",
        "das",
        "dos",
        "du",
        "van",
        "von",
        "bin",
        "ibn",
        "al",
        "el",
        "la",
        "le",
        "ter",
        "ten",
        "y",
        "st",
    }
)
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v"})

# Capitalised words that begin sentences or headlines and are never part of a personal name.
COMMON_CAPITALIZED = _words(
    """The A An This That These Those It Its He She They We I You In On At For By With From After
    Before During According But And Or As If When While Meanwhile However Also Officials Official
    There His Her Their Our Under Since Despite Both All Some Many Most Several Each Every Other
    Another Mr Mrs Ms Miss Sir Dame Madam Lady Said Says Meets Met Announces Announced Visits Urges
    Calls Holds Joins Launches Signs Names Named Welcomes Testifies Tells Warns Discusses Highlights
    Speaks Travels Hosts Releases Issues Unveils Seeks Approves Awards Honors Thanks Praises
    Condemns Expands Addresses Leads Attends Receives Pledges Commits Marks Celebrates Recognizes
    Appoints Nominates Confirms Swears Reaffirms Reports Heads Defends Presses Sues Sets Orders
    Raises Opens Extends Adds Updates Fall Falls Rise Rises New More Less Federal National U.S. US
    USA American Americans Agents Agent Members Member Staff People Residents Workers Group Groups
    Local Government Governments Police Army Navy Force Forces Republicans Democrats Republican
    Democrat Democratic Independent Congress Senate House Court Internet Online COVID Covid
    Coronavirus Pandemic Act Law Rule Order Plan Program Report Statement Release News
    Ministerial Summit Conference Forum Meeting Talks Dialogue Agreement Treaty Accord Alliance
    Declaration Initiative Partnership Strategy Framework Photo Video Image Download"""
)

# Nouns capitalised in the names of documents, programmes and events ("Travel Advisory"):
# a personal name does not begin with one.
COMMON_NOUNS = _words(
    """Travel Advisory Alert Alerts Notice Report Review Plan Act Fund Award Prize Medal Program
    Programme Project Pilot Campaign Challenge Initiative Fact Sheet Briefing Hearing Testimony
    Session Statement Remarks Readout Transcript Memo Memorandum Letter Directive Guidance
    Manual Handbook Index Survey Study Data Map Tool Portal App System Line Hotline Task Visa
    Passport Green Card Status Fellowship Scholarship Exchange Week Month Day Season Budget Bill
    Resolution Amendment Executive Order Proclamation Declaration Framework Roadmap Agenda
    Operation Mission Task"""
)

ORG_HEADS = _words(
    """Department Office Agency Bureau Administration Commission Service Council Institute Center
    Centre Authority Board Corps Committee Ministry Division Court Foundation Association
    Organization Organisation Coalition Network Union League Society Fund Bank Corporation Company
    Inc Corp LLC Group University College Program Programme Party Secretariat Command Directorate
    Guard Force Administration Registry Tribunal Parliament Congress Senate Assembly Commission"""
)

# A name defined with an acronym is suggested as an organization only with one of these words
# ("Migrant Protection Protocols (MPP)" is a programme, "Bureau of Labor Statistics" a body).
ORG_NAME_HEADS = (ORG_HEADS - _words("Program Party Congress Senate Fund")) | _words(
    """Centers Institutes Services Offices Laboratory Laboratories Forces Patrol Enforcement
    Investigations Police Academy Observatory Agencies Bureaus Councils Commissions Systems"""
)

NOT_NAME_WORDS = (
    _words(" ".join(_TITLES.get("not names", [])))
    | TITLE_HEADS
    | frozenset(PLURAL_HEADS)
    | TITLE_MODIFIERS
    | COMMON_CAPITALIZED
    | MONTHS_DAYS
    | NATIONALITIES
    | ORG_HEADS
    | _words("State Homeland Security Affairs Resources Management Border Customs Protection")
)


def is_place(folded_phrase: str) -> bool:
    """A country, U.S. state, big city or continent, folded ("guatemala", "washington dc")."""
    p = folded_phrase.replace("-", " ")
    if p.endswith(" dc"):
        p = p[:-3]
    return p in COUNTRIES or p in US_STATES or p in CITIES or p in NATIONALITIES
