"""Full-text search of published stories.

PostgreSQL: a stored, weighted `tsvector` (headline A; dek, section, tags and the names in the
boxes B; body C) with a GIN index, `websearch_to_tsquery` syntax ("quoted phrases",
-exclusions, or), ranked, with highlighted snippets. SQLite: the same query syntax over an
FTS5 index of the stored text (migration 0014, kept in step by triggers on every write of
`headline` and `search_text`): whole words, accents folded, ranked by bm25 with the headline
weighed more. Snippets are cut at word boundaries, with an ellipsis where text is left out
and " · " between fields.

The stored text and vector are refreshed after commit whenever a story, its boxes or its
tags change (see signals.py).
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe
from taggit.models import TaggedItem

from .models import Article, ArticleOrganization, ArticlePerson
from .sanitize import strip_tags

# English with accents folded before stemming (migration 0015), as SQLite's index folds them.
CONFIG = "newsroom_english"
# headline A, dek B, names B, body C
VECTOR_SQL = " || ".join(f"setweight(to_tsvector('{CONFIG}', %s), '{weight}')" for weight in "ABBC")
MARK_START, MARK_END = "\x02", "\x03"


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


# --- keeping the index fresh --------------------------------------------------------------------


def _documents(article_ids):
    """(id, headline, dek, names, body text) for each story."""
    stories = (
        Article.objects.filter(pk__in=article_ids)
        .select_related("section")
        .only("headline", "dek", "body", "section__name")
        # In id order: batched UPDATEs then lock rows in one order, and two never deadlock.
        .order_by("pk")
    )
    orgs, people, tags = {}, {}, {}
    # One query for the tags of every story (a prefetch builds a queryset per story).
    for article_id, name in (
        TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Article), object_id__in=article_ids
        )
        .order_by("pk")
        .values_list("object_id", "tag__name")
    ):
        tags.setdefault(article_id, []).append(name)
    for article_id, name, acronym in (
        ArticleOrganization.objects.visible()
        .filter(article_id__in=article_ids)
        .values_list("article_id", "organization__name", "organization__acronym")
    ):
        orgs.setdefault(article_id, []).extend([name, acronym])
    for article_id, name in (
        ArticlePerson.objects.visible()
        .filter(article_id__in=article_ids)
        .values_list("article_id", "person__name")
    ):
        people.setdefault(article_id, []).append(name)
    for story in stories:
        names = [story.section.name if story.section else ""]
        names += tags.get(story.pk, [])
        names += orgs.get(story.pk, []) + people.get(story.pk, [])
        yield (
            story.pk,
            story.headline,
            story.dek,
            " ".join(n for n in names if n),
            strip_tags(story.body),
        )


def search_text(headline: str, dek: str, names: str, body_text: str) -> str:
    """The stored plain text the SQLite path searches."""
    return "\n".join((body_text, headline, dek, names))


def search_fields(headline: str, dek: str, names: str, body_text: str) -> dict:
    """Values of `search_text` and (PostgreSQL) `search_vector` for one story: headline
    weighs A, dek and names B, body C. Usable in save() and update() alike."""
    fields = {"search_text": search_text(headline, dek, names, body_text)}
    if is_postgres():
        # One small SQL expression: cheap to build for every imported story.
        fields["search_vector"] = RawSQL(VECTOR_SQL, (headline, dek, names, body_text))
    return fields


def refresh_search_index(article_ids) -> int:
    """Rebuild the stored search text (and, on PostgreSQL, the vector) of these stories: on
    PostgreSQL one UPDATE per 500 stories, elsewhere one per story."""
    rows = list(_documents(list(article_ids)))
    if not is_postgres():
        for pk, headline, dek, names, body in rows:
            Article.objects.filter(pk=pk).update(**search_fields(headline, dek, names, body))
        return len(rows)
    for start in range(0, len(rows), REFRESH_BATCH):
        _update_vectors(rows[start : start + REFRESH_BATCH])
    return len(rows)


REFRESH_BATCH = 500


def vector_sql(headline: str, dek: str, names: str, body: str) -> str:
    """VECTOR_SQL over four SQL expressions (columns) instead of parameters."""
    sql = VECTOR_SQL
    for expression in (headline, dek, names, body):
        sql = sql.replace("%s", expression, 1)
    return sql


def _update_vectors(rows):
    """`search_text` and `search_vector` of many stories in one UPDATE (PostgreSQL)."""
    values = ", ".join(["(%s::bigint, %s, %s, %s, %s, %s)"] * len(rows))
    params = []
    for pk, headline, dek, names, body in rows:
        params += [pk, search_text(headline, dek, names, body), headline, dek, names, body]
    table = Article._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} AS a SET search_text = v.t, "
            f"search_vector = {vector_sql('v.h', 'v.d', 'v.n', 'v.b')} "
            f"FROM (VALUES {values}) AS v(id, t, h, d, n, b) WHERE a.id = v.id",
            params,
        )


# --- querying -------------------------------------------------------------------------------------

# The full-text index on SQLite (migration 0014): headline and search_text under the story's id.
FTS_TABLE = "articles_article_fts"
# bm25 weights of its columns: a word in the headline counts four times one in the text.
FTS_WEIGHTS = "4.0, 1.0"
MAX_TERMS = 32

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')
_WORD = re.compile(r"[^\W_]+")  # what SQLite's unicode61 tokenizer keeps: letters and digits


@dataclass
class ParsedQuery:
    """A websearch query, as PostgreSQL's `websearch_to_tsquery` reads it: alternatives
    separated by `or`, each a list of required terms (words and "quoted phrases") and of
    excluded ones (`-word`, `-"a phrase"`)."""

    groups: list[tuple[list[str], list[str]]] = field(default_factory=list)

    @property
    def terms(self) -> list[str]:
        return [term for required, _ in self.groups for term in required]

    @property
    def excluded(self) -> list[str]:
        return [term for _, excluded in self.groups for term in excluded]

    def __bool__(self):
        return any(required for required, _ in self.groups)


def words(term: str) -> list[str]:
    """The words of a term as the index sees them ("U.S." is "U", "S")."""
    return _WORD.findall(term)


def parse_query(text: str) -> ParsedQuery:
    """Words, "phrases", -exclusions and `or`, as `websearch_to_tsquery` reads them. Terms
    without a letter or digit (a run of dashes, lone punctuation) are dropped, so any input
    gives a well-formed query."""
    parsed = ParsedQuery()
    required, excluded = [], []
    count = 0
    for minus_phrase, phrase, minus_word, word in _TOKEN.findall(text or ""):
        if word and not minus_word and word.lower() == "or":
            if required or excluded:
                parsed.groups.append((required, excluded))
                required, excluded = [], []
            continue
        value = " ".join((phrase or word).split()).strip(".,;:!?()'-")
        if not words(value) or count >= MAX_TERMS:
            continue
        count += 1
        (excluded if (minus_phrase or minus_word) else required).append(value)
    if required or excluded:
        parsed.groups.append((required, excluded))
    return parsed


def websearch_text(parsed: ParsedQuery) -> str:
    """The query rewritten for `websearch_to_tsquery` from its parsed terms, each quoted:
    the same meaning, and nothing (runs of dashes) that overflows PostgreSQL's parser."""

    def quoted(term):
        return '"' + term.replace('"', " ") + '"'

    groups = []
    for required, excluded in parsed.groups:
        if required:
            groups.append(
                " ".join([quoted(t) for t in required] + ["-" + quoted(t) for t in excluded])
            )
    return " or ".join(groups)


def fts_query(parsed: ParsedQuery) -> str:
    """The query as an FTS5 expression: each term a quoted phrase of its words, AND within
    an alternative, NOT for exclusions, OR between alternatives. Alternatives with no
    required term are left out (FTS5 has no lone NOT; such a query finds nothing)."""

    def phrase(term):
        return '"' + " ".join(words(term)) + '"'

    groups = []
    for required, excluded in parsed.groups:
        if required:
            expression = " AND ".join(phrase(t) for t in required)
            expression += "".join(f" NOT {phrase(t)}" for t in excluded)
            groups.append(f"({expression})")
    return " OR ".join(groups)


@dataclass
class Filters:
    section: str = ""
    organization: str = ""
    person: str = ""
    date_from: object = None
    date_to: object = None

    def apply(self, queryset, publication=None):
        """`queryset` narrowed by the filters; a section is one of `publication`'s (two
        publications may each have a section of that slug)."""
        if self.section:
            queryset = queryset.filter(section__slug=self.section)
            if publication is not None:
                queryset = queryset.filter(section__publication=publication)
        if self.organization:
            links = ArticleOrganization.objects.visible()
            queryset = queryset.filter(
                pk__in=links.filter(organization__slug=self.organization).values("article_id")
            )
        if self.person:
            links = ArticlePerson.objects.visible()
            queryset = queryset.filter(
                pk__in=links.filter(person__slug=self.person).values("article_id")
            )
        if self.date_from:
            queryset = queryset.filter(published_at__date__gte=self.date_from)
        if self.date_to:
            queryset = queryset.filter(published_at__date__lte=self.date_to)
        return queryset

    @property
    def active(self) -> bool:
        return bool(
            self.section or self.organization or self.person or self.date_from or self.date_to
        )


def rank_window() -> int:
    """How many of the newest matches PostgreSQL ranks (NEWSROOM_SEARCH_RANK_WINDOW)."""
    return settings.NEWSROOM_SEARCH_RANK_WINDOW


# The body's text, the part of search_text before its headline line (PostgreSQL).
_HEADLINE_AT = "strpos(a.search_text, chr(10) || a.headline || chr(10))".replace(
    "a.", "articles_article."
)
BODY_TEXT_SQL = (
    f"CASE WHEN {_HEADLINE_AT} > 0 THEN left(articles_article.search_text, {_HEADLINE_AT} - 1) "
    "ELSE articles_article.search_text END"
)


def search_stories(text: str, filters: Filters | None = None, *, publication=None):
    """Published stories of `publication` (None: the whole network) matching `text` (whole
    words), best first.

    Returns a queryset; call `snippet(story, text)` for each result shown.
    """
    stories = (filters or Filters()).apply(Article.objects.published(publication), publication)
    parsed = parse_query(text)
    if not parsed:
        return stories.none()
    if is_postgres():
        query = SearchQuery(websearch_text(parsed), search_type="websearch", config=CONFIG)
        # Ranked among the newest `rank_window()` matches: a rare word has fewer matches than
        # that, and all are ranked; a common one ("federal", in most stories) would otherwise
        # be ranked across the whole archive, a second at a million stories. PostgreSQL finds
        # the newest matches of a common word by walking the date index, and those of a rare
        # one through the GIN index.
        newest = (
            stories.filter(search_vector=query)
            .order_by("-published_at", "-pk")
            .values("pk")[: rank_window()]
        )
        return (
            Article.objects.published(publication)
            .filter(pk__in=newest)
            .annotate(
                rank=SearchRank(F("search_vector"), query),
                snippet_dek=SearchHeadline(
                    "dek",
                    query,
                    config=CONFIG,
                    start_sel=MARK_START,
                    stop_sel=MARK_END,
                    highlight_all=True,
                ),
                snippet_body=SearchHeadline(
                    RawSQL(BODY_TEXT_SQL, ()),
                    query,
                    config=CONFIG,
                    start_sel=MARK_START,
                    stop_sel=MARK_END,
                    max_words=28,
                    min_words=12,
                    max_fragments=2,
                    fragment_delimiter=f" {ELLIPSIS} ",
                ),
            )
            .select_related("section")
            .defer("body", "search_text")
            .order_by("-rank", "-published_at", "-pk")
        )
    # SQLite: the FTS5 index (whole words, accents folded), ranked by bm25 (lower is better).
    match = fts_query(parsed)
    table = Article._meta.db_table
    matching = RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])
    rank = RawSQL(
        f"(SELECT bm25({FTS_TABLE}, {FTS_WEIGHTS}) FROM {FTS_TABLE} "
        f"WHERE {FTS_TABLE} MATCH %s AND rowid = {table}.id)",
        [match],
    )
    return (
        stories.filter(pk__in=matching)
        .annotate(rank=rank)
        .select_related("section")
        .defer("body")
        .order_by("rank", "-published_at", "-pk")
    )


# --- snippets -------------------------------------------------------------------------------------

SNIPPET_WIDTH = 200
FIELD_SEPARATOR = " · "
ELLIPSIS = "…"


def snippet(story, text: str) -> str:
    """A short, escaped excerpt of the story's dek and body, cut at word boundaries, with
    an ellipsis where text was left out, " · " between fields and the matched words in
    <mark>."""
    if hasattr(story, "snippet_body"):  # PostgreSQL's ts_headline, stemmed words marked
        raw = _postgres_excerpt(story.snippet_dek, story.snippet_body)
    else:
        raw = _excerpt(story, parse_query(text).terms)
    marked = escape(raw).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(marked)


def _postgres_excerpt(dek: str, body: str) -> str:
    """The dek when it holds a word of the query, and the body's fragments (ts_headline
    cuts them at words), " · " between them; else the dek or the body's start."""
    dek = " ".join((dek or "").split())
    body = " ".join((body or "").split())
    if body:
        body = f"{ELLIPSIS}{body.strip(ELLIPSIS + ' ')}{ELLIPSIS}"
    pieces = [piece for piece in (dek, body) if MARK_START in piece]
    if not pieces:
        pieces = [dek or body]
    return FIELD_SEPARATOR.join(piece for piece in pieces if piece)


def _fields(story) -> list[str]:
    """The dek and body text of a story, from its stored search text (body, headline, dek,
    names: one a line, the body's paragraphs apart by blank lines)."""
    stored = getattr(story, "search_text", "") or ""
    parts = stored.rsplit("\n", 3)
    body = parts[0] if len(parts) == 4 else stored
    return [" ".join(value.split()) for value in (story.dek, body) if value and value.strip()]


def _fold(value: str) -> str:
    """`value` lower-cased and without accents, character for character (same length), so
    positions found in it are positions in `value`."""
    return "".join((unicodedata.normalize("NFD", c)[0].lower() or c)[0] for c in value)


def _term_pattern(terms: list[str]):
    alternatives = []
    for term in sorted(set(terms), key=len, reverse=True):
        found = [_fold(word) for word in words(term)]
        if found:
            alternatives.append(r"[\W_]+".join(re.escape(word) for word in found))
    if not alternatives:
        return None
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])")


def _cut(value: str, start: int, width: int) -> str:
    """`width` characters of `value` from about `start`, cut at word boundaries."""
    if start > 0 and not value[start - 1].isspace():
        space = value.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    end = start + width
    if end < len(value):
        space = value.rfind(" ", start, end)
        end = space if space > start else end
    else:
        end = len(value)
    piece = value[start:end].strip(" ,;:")
    return (ELLIPSIS if start > 0 else "") + piece + (ELLIPSIS if end < len(value) else "")


def _mark(excerpt: str, pattern) -> str:
    marked, last = [], 0
    for hit in pattern.finditer(_fold(excerpt)):
        marked += [excerpt[last : hit.start()], MARK_START, excerpt[hit.start() : hit.end()]]
        marked.append(MARK_END)
        last = hit.end()
    return "".join(marked) + excerpt[last:]


def _excerpt(story, terms: list[str]) -> str:
    """The fields that hold the words, each cut around the first of them; when none does
    (the words are in the headline or the names), the start of the first field."""
    pattern = _term_pattern(terms)
    fields = _fields(story)
    hits = []
    for value in fields:
        found = pattern.search(_fold(value)) if pattern else None
        if found:
            hits.append((value, max(0, found.start() - SNIPPET_WIDTH // 4)))
    if not hits:
        return _cut(fields[0], 0, SNIPPET_WIDTH) if fields else ""
    width = SNIPPET_WIDTH if len(hits) == 1 else SNIPPET_WIDTH * 2 // 3
    pieces = [_cut(value, start, width) for value, start in hits]
    return FIELD_SEPARATOR.join(_mark(piece, pattern) for piece in pieces)
