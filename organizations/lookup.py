"""Looking up organizations and people by what an editor or a reader types.

One rule for every autocomplete, the register's changelists and the search page's
"Organizations and people" block:

1. an exact acronym, alias or name ("EPA", "epa", "State Department");
2. a name whose first word or words are what was typed ("State Lottery Commission");
3. a name holding it as whole words ("Department of State");
4. a name that starts with it ("Statewide Transit Board");
5. a word of the name, acronym or an alias that starts with it;

and never a match inside a word ("Department" does not answer "epa"). Within a rank, shorter
names first. On PostgreSQL the word-start test is a regular expression on UPPER(column),
checked only on the rows that the trigram indexes on UPPER(column) find for LIKE '%TERM%'
(migration 0005), so a lookup reads a few index pages at any register size.
"""

import re

from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Length, Upper

EXACT, NAME_STARTS_WORDS, HOLDS_WORDS, NAME_START, WORD_START = range(5)
ALIAS_MATCHES = 500  # an alias term this common is better narrowed by typing on


def _not_a_letter() -> str:
    return "[^[:alnum:]]" if connection.vendor == "postgresql" else r"\W"


def _word_start(term: str, *, whole: bool = False, first: bool = False) -> str:
    """A regular expression, in the database's dialect, on an upper-cased column: a word
    starts with TERM; with `whole`, TERM is whole words; with `first`, at the very start."""
    other = _not_a_letter()
    start = "^" if first else f"(^|{other})"
    return start + re.escape(term.upper()) + (f"({other}|$)" if whole else "")


def _matches(field: str, term: str) -> Q:
    """FIELD has a word starting with TERM; the LIKE lets PostgreSQL's trigram index on
    UPPER(FIELD) find the candidates, the regular expression then drops inside-word ones."""
    return Q(**{f"{field}__icontains": term, f"_upper_{field}__regex": _word_start(term)})


def lookup(queryset, term: str, *, alias_model, owner_field: str, has_acronym: bool):
    """`queryset` narrowed to what `term` names, best first (see the module's rules), with
    `lookup_rank` annotated."""
    term = " ".join(term.split())
    if not term:
        return queryset.annotate(lookup_rank=Value(WORD_START, IntegerField()))
    fields = ["name", "acronym"] if has_acronym else ["name"]
    queryset = queryset.annotate(**{f"_upper_{field}": Upper(field) for field in fields})
    aliases = alias_model.objects.annotate(_upper_name=Upper("name"))
    owner = f"{owner_field}_id"
    by_alias = list(
        aliases.filter(_matches("name", term))
        .order_by()
        .values_list(owner, flat=True)
        .distinct()[:ALIAS_MATCHES]
    )
    exact_alias = list(
        aliases.filter(name__iexact=term).order_by().values_list(owner, flat=True)[:50]
    )
    wanted = Q(pk__in=by_alias)
    for field in fields:
        wanted |= _matches(field, term)
    exact = Q(name__iexact=term) | Q(pk__in=exact_alias)
    if has_acronym:
        exact |= Q(acronym__iexact=term)
    rank = Case(
        When(exact, then=Value(EXACT)),
        When(
            _upper_name__regex=_word_start(term, whole=True, first=True),
            then=Value(NAME_STARTS_WORDS),
        ),
        When(_upper_name__regex=_word_start(term, whole=True), then=Value(HOLDS_WORDS)),
        When(name__istartswith=term, then=Value(NAME_START)),
        default=Value(WORD_START),
        output_field=IntegerField(),
    )
    return (
        queryset.filter(wanted)
        .annotate(lookup_rank=rank, _name_length=Length("name"))
        .order_by("lookup_rank", "_name_length", "name", "pk")
    )
