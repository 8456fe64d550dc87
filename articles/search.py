"""Full-text search of published stories.

PostgreSQL: a stored, weighted `tsvector` (headline A; dek, section, tags and the names in the
boxes B; body C) with a GIN index, `websearch_to_tsquery` syntax ("quoted phrases",
-exclusions, or), ranked, with highlighted snippets. SQLite: the same query syntax over the
stored plain text, every term required, headline matches first.

The stored text and vector are refreshed after commit whenever a story, its boxes or its
tags change (see signals.py).
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe
from taggit.models import TaggedItem

from .models import Article, ArticleOrganization, ArticlePerson
from .sanitize import strip_tags

CONFIG = "english"
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


@dataclass
class ParsedQuery:
    terms: list[str] = field(default_factory=list)  # words and "quoted phrases"
    excluded: list[str] = field(default_factory=list)

    def __bool__(self):
        return bool(self.terms)


_TOKEN = re.compile(r'(-?)"([^"]+)"|(-?)(\S+)')


def parse_query(text: str) -> ParsedQuery:
    """websearch syntax for the SQLite path: words, "phrases", -exclusions (OR is ignored)."""
    parsed = ParsedQuery()
    for minus_phrase, phrase, minus_word, word in _TOKEN.findall(text or ""):
        value = (phrase or word).strip().strip(".,;:!?()")
        if not value or value.lower() == "or":
            continue
        (parsed.excluded if (minus_phrase or minus_word) else parsed.terms).append(value)
    return parsed


@dataclass
class Filters:
    section: str = ""
    organization: str = ""
    person: str = ""
    date_from: object = None
    date_to: object = None

    def apply(self, queryset):
        if self.section:
            queryset = queryset.filter(section__slug=self.section)
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


def rank_window() -> int:
    """How many of the newest matches PostgreSQL ranks (NEWSROOM_SEARCH_RANK_WINDOW)."""
    return settings.NEWSROOM_SEARCH_RANK_WINDOW


def search_stories(text: str, filters: Filters | None = None):
    """Published stories matching `text`, best first, each with a `snippet` attribute source.

    Returns a queryset; call `snippet_for(story, text)` for each result shown.
    """
    stories = (filters or Filters()).apply(Article.objects.published())
    if is_postgres():
        query = SearchQuery(text, search_type="websearch", config=CONFIG)
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
            Article.objects.published()
            .filter(pk__in=newest)
            .annotate(
                rank=SearchRank(F("search_vector"), query),
                snippet_raw=SearchHeadline(
                    "search_text",
                    query,
                    config=CONFIG,
                    start_sel=MARK_START,
                    stop_sel=MARK_END,
                    max_words=35,
                    min_words=15,
                    max_fragments=2,
                ),
            )
            .select_related("section")
            .defer("body", "search_text")
            .order_by("-rank", "-published_at", "-pk")
        )
    parsed = parse_query(text)
    if not parsed:
        return stories.none()
    for term in parsed.terms:
        stories = stories.filter(search_text__icontains=term)
    for term in parsed.excluded:
        stories = stories.exclude(search_text__icontains=term)
    in_headline = Q()
    for term in parsed.terms:
        in_headline &= Q(headline__icontains=term)
    return (
        stories.annotate(
            rank=Case(
                When(in_headline, then=Value(1)), default=Value(0), output_field=IntegerField()
            )
        )
        .select_related("section")
        .order_by("-rank", "-published_at", "-pk")
    )


def snippet(story, text: str) -> str:
    """A short, escaped excerpt with the matched words in <mark>."""
    raw = getattr(story, "snippet_raw", None)
    if raw is None:
        raw = _sqlite_snippet(story.search_text, parse_query(text).terms)
    marked = escape(raw).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(marked)


def _sqlite_snippet(search_text: str, terms: list[str], width: int = 220) -> str:
    body = search_text or ""
    lower = body.lower()
    hits = [lower.find(term.lower()) for term in terms if term]
    hits = [h for h in hits if h >= 0]
    start = max(0, min(hits) - width // 3) if hits else 0
    excerpt = body[start : start + width].replace("\n", " ")
    for term in sorted(set(terms), key=len, reverse=True):
        excerpt = re.sub(
            re.escape(term), lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", excerpt, flags=re.I
        )
    return ("…" if start else "") + excerpt + ("…" if start + width < len(body) else "")
