"""Text helpers shared by the apps.

`normalize_name` is the tagging engine's normaliser (`tagging.engine.text.normalize`), the one
form in which names and aliases are compared everywhere: the register's uniqueness of aliases,
import boxes, the register importers and automatic tagging. Case, accents, periods,
possessives and hyphens do not count, and "U.S.", "US", "U. S." and "United States" are one
word: "United States Department of State" finds "U.S. Department of State".
"""

import re
import unicodedata

from tagging.engine.text import normalize as normalize_name

__all__ = ["fold_key_text", "normalize_name"]

_DROP = re.compile(r"[.'’`]")
_NON_WORD = re.compile(r"[^\w]+")


def fold_key_text(text: str) -> str:
    """Folded text for the stored fingerprints of imported stories (not for names).

    Frozen: fingerprints already stored depend on it, so it must not follow changes to
    `normalize_name`. Case, accents, periods and apostrophes do not count; other punctuation
    separates words.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = _DROP.sub("", stripped.casefold())
    return " ".join(_NON_WORD.sub(" ", stripped).replace("_", " ").split())
