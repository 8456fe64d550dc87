"""What the engine hands back: mentions of registered entries, suggestions, evidence."""

from __future__ import annotations

from dataclasses import dataclass

ORGANIZATION = "organization"
PERSON = "person"
FIELDS = ("headline", "dek", "caption", "body")

VIAS = ("name", "defined-acronym", "alias", "acronym", "title", "surname", "short-form", "parent")
V_NAME, V_DEFINED, V_ALIAS, V_ACRONYM, V_TITLE, V_SURNAME, V_SHORT, V_PARENT = range(8)

CONFIDENCE = {
    "name": 0.97,
    "defined-acronym": 0.95,
    "alias": 0.90,
    "acronym": 0.85,
    "title": 0.80,
    "surname": 0.80,
    "short-form": 0.88,
    "parent": 0.85,
    "implied": 0.75,
    "ambiguous-acronym": 0.80,
    "suggest-org": 0.80,
    "suggest-org-pattern": 0.70,
    "suggest-company": 0.75,
    "suggest-title": 0.75,
    "suggest-appositive": 0.70,
    "suggest-name": 0.60,
    "suggest-resolved-bonus": 0.05,
}


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
