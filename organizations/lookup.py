"""Looking up organizations and people by what an editor or a reader types.

One rule for every autocomplete, the register's changelists and the search page's
"Organizations and people" block:

1. an exact acronym, alias or name ("EPA", "epa", "State Department");
2. a name whose first word or words are what was typed ("State Lottery Commission");
3. a name holding it as whole words ("Department of State");
4. a name that starts with it ("Statewide Transit Board");
5. a word of the name, acronym or an alias that starts with it;

and never a match inside a word ("Department" does not answer "epa"). Within a rank, shorter
names first. On PostgreSQL the words of names and aliases are matched through GIN indexes of
their words (organizations 0006, people 0006), so a lookup reads a few index pages at any
register size; regular expressions only rank the few rows found.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import Case, Func, IntegerField, Q, Value, When
from django.db.models.functions import Length, Upper

from newsroom.text import normalize_name

EXACT, NAME_STARTS_WORDS, HOLDS_WORDS, NAME_START, WORD_START = range(5)
ALIAS_MATCHES = 200  # an alias term this common is better narrowed by typing on


# What may stand before a word in a name: "Department of State", "Inter-American",
# "(EPA)", "Transportation/Safety" (SQLite's test; PostgreSQL reads the words themselves).
WORD_SEPARATORS = " -(/"


class NameWords(Func):
    """The words of a name, as the GIN indexes of migrations organizations 0006 and people
    0006 hold them."""

    template = "to_tsvector('simple'::regconfig, %(expressions)s::text)"
    output_field = SearchVectorField()


def _words_query(term: str) -> str | None:
    """ "coast gu" -> "coast <-> gu:*": the words typed, in order, the last one a prefix."""
    words = re.findall(r"\w+", term.lower())
    if not words:
        return None
    return " <-> ".join([*words[:-1], f"{words[-1]}:*"])


def _matches(field: str, term: str) -> Q:
    """FIELD has a word starting with TERM. On PostgreSQL: the name's words (an index of
    them) match the words typed, the last one as a prefix; elsewhere: FIELD starts with TERM,
    or a separator comes just before it."""
    if connection.vendor == "postgresql":
        query = _words_query(term)
        if query is None:
            return Q(pk__in=[])
        return Q(**{f"_words_{field}": SearchQuery(query, config="simple", search_type="raw")})
    match = Q(**{f"{field}__istartswith": term})
    for separator in WORD_SEPARATORS:
        match |= Q(**{f"{field}__icontains": separator + term})
    return match


def _with_words(queryset, field: str):
    if connection.vendor == "postgresql":
        return queryset.annotate(**{f"_words_{field}": NameWords(field)})
    return queryset


def lookup(queryset, term: str, *, alias_model, owner_field: str, has_acronym: bool):
    """`queryset` narrowed to what `term` names, best first (see the module's rules), with
    `lookup_rank` annotated."""
    term = " ".join(term.split())
    if not term:
        return queryset.annotate(lookup_rank=Value(WORD_START, IntegerField()))
    queryset = _with_words(queryset.annotate(_upper_name=Upper("name")), "name")
    aliases = _with_words(alias_model.objects.all(), "name")
    owner = f"{owner_field}_id"
    by_alias = list(
        aliases.filter(_matches("name", term))
        .order_by()
        .values_list(owner, flat=True)
        .distinct()[:ALIAS_MATCHES]
    )
    exact_alias = list(
        alias_model.objects.filter(normalized=normalize_name(term))
        .order_by()
        .values_list(owner, flat=True)[:50]
    )
    wanted = Q(pk__in=by_alias) | _matches("name", term)
    if has_acronym:
        wanted |= Q(acronym__istartswith=term)
    exact = Q(name__iexact=term) | Q(pk__in=exact_alias)
    if has_acronym:
        exact |= Q(acronym__iexact=term)
    upper = term.upper()
    # Ranked with LIKEs on the few rows found (cheaper than regular expressions).
    rank = Case(
        When(exact, then=Value(EXACT)),
        When(_upper_name__startswith=f"{upper} ", then=Value(NAME_STARTS_WORDS)),
        When(
            Q(_upper_name__contains=f" {upper} ") | Q(_upper_name__endswith=f" {upper}"),
            then=Value(HOLDS_WORDS),
        ),
        When(_upper_name__startswith=upper, then=Value(NAME_START)),
        default=Value(WORD_START),
        output_field=IntegerField(),
    )
    return (
        queryset.filter(wanted)
        .annotate(lookup_rank=rank, _name_length=Length("name"))
        .order_by("lookup_rank", "_name_length", "name", "pk")
    )
