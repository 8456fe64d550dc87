"""Small text helpers shared by the apps."""

import re
import unicodedata

_DROP = re.compile(r"[.'’`]")
_NON_WORD = re.compile(r"[^\w]+")


def normalize_name(text: str) -> str:
    """The form in which names and aliases are compared for uniqueness and lookup.

    Case, accents, periods and apostrophes do not count; other punctuation separates words:
    "U.S. Department of State" and "US department of state" are the same name, as are
    "Arévalo" and "Arevalo".
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = _DROP.sub("", stripped.casefold())
    return " ".join(_NON_WORD.sub(" ", stripped).replace("_", " ").split())
