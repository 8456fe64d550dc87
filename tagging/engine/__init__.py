"""Entity tagging engine: finds registered organizations and people in a story, and suggests
unregistered ones (discovery). Pure Python, no Django: the glue code (`tagging/register.py`,
`tagging/services.py`) maps database rows to `RegisterEntry` and `TagResult` back to rows.

Modules: `text` (tokens, the one name normaliser, word lists and the title vocabulary read
from `data/`), `register` (entries compiled into automata), `resolution` (known mode: which
registered entries a story names), `discovery` (suggestions for what the register lacks).
"""

from .register import FORBIDDEN_ACRONYMS, Register, RegisterEntry
from .results import CONFIDENCE, ORGANIZATION, PERSON, Evidence, Mention, Suggestion, TagResult
from .text import normalize

__all__ = [
    "CONFIDENCE",
    "FORBIDDEN_ACRONYMS",
    "ORGANIZATION",
    "PERSON",
    "Evidence",
    "Mention",
    "Register",
    "RegisterEntry",
    "Suggestion",
    "TagResult",
    "normalize",
]
