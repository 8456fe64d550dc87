"""The article page's reads: the story, then everything shown around it in one statement.

`read_story()` runs the ORM's own query for the story, `Article.objects.published()` (all
stories for staff) filtered by slug or id, with its section, like every reader path; but it
compiles that query to SQL once per process and runs it again with new values (the slug, and
the moment for `published()`), prepared on PostgreSQL: building the SQL took more time than
running it (bench/RESULTS.md, "article"). The rows become model instances as the ORM makes
them.

Then `attach_boxes(article)` reads, by the story's id, the organizations and
the people in it (each person with their current role), its tags, its authors and whether it
has corrections, in one UNION ALL that PostgreSQL and SQLite both run. This is the busiest
reader page: one hand-written statement costs a fraction of the five ORM queries and
prefetches it replaces (bench/RESULTS.md, "article"). It builds the same model instances the
ORM would, so templates and structured data read `link.organization.name` as before.

The filters are the ones of `LinkQuerySet.visible()` and `public()`: accepted tags of
accepted entries. tests/site/test_reader_pages.py pins what readers see.
"""

import copy
import datetime as dt
import threading

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import get_related_populators
from django.utils import timezone
from taggit.models import Tag

from newsroom.links import slug_url
from organizations.models import Organization, ReviewStatus
from people.models import Person

from .models import Article, ArticleOrganization, ArticlePerson, LinkStatus

# kind, position, sort key, link id, entry id, name, slug, and three columns by kind:
#   o  organization: acronym, kind, website
#   p  person: the story's title for them, their current role (title, or organization)
#   t  tag; a  author (sorted by sort name); c  correction (read with the ORM when present)
BOXES_SQL = """
SELECT 'o', l.position, '', l.id, o.id, o.name, o.slug, o.acronym, o.kind, o.website
  FROM articles_articleorganization l
  JOIN organizations_organization o ON o.id = l.organization_id
 WHERE l.article_id = %(article)s AND l.status = %(accepted_tag)s
   AND o.review_status = %(accepted_entry)s
UNION ALL
SELECT 'p', l.position, '', l.id, p.id, p.name, p.slug, l.title,
       (SELECT COALESCE(NULLIF(a.title, ''), ao.name)
          FROM people_affiliation a
          JOIN organizations_organization ao ON ao.id = a.organization_id
         WHERE a.person_id = p.id AND a.end_date IS NULL
         ORDER BY a.start_date DESC, a.id
         LIMIT 1),
       ''
  FROM articles_articleperson l
  JOIN people_person p ON p.id = l.person_id
 WHERE l.article_id = %(article)s AND l.status = %(accepted_tag)s
   AND p.review_status = %(accepted_entry)s
UNION ALL
SELECT 't', 0, t.name, t.id, t.id, t.name, t.slug, '', '', ''
  FROM taggit_taggeditem i
  JOIN taggit_tag t ON t.id = i.tag_id
 WHERE i.object_id = %(article)s AND i.content_type_id = %(content_type)s
UNION ALL
SELECT 'a', 0, p.sort_name, w.id, p.id, p.name, p.slug, '', '', ''
  FROM articles_article_authors w
  JOIN people_person p ON p.id = w.person_id
 WHERE w.article_id = %(article)s
UNION ALL
SELECT 'c', 0, '', c.id, c.id, '', '', '', '', ''
  FROM articles_correction c
 WHERE c.article_id = %(article)s
ORDER BY 1, 2, 3, 4
"""


# --- the story -------------------------------------------------------------------------------

# Columns of a story its page never shows (large, and read only by search and imports).
NOT_SHOWN = ("search_text", "search_vector", "import_hash")
# Values the statement is compiled with, found in its parameters and replaced at each run.
_STAND_INS = {"slug": "\x00slug\x00", "pk": -(2**62)}
_NOW = dt.datetime(1, 1, 2, 3, 4, 5, 6, tzinfo=dt.UTC)


class _StoryStatement:
    """`published()` (or all stories), by one unique field, with the section: compiled once."""

    def __init__(self, field: str, public: bool, using: str):
        if field not in _STAND_INS:
            raise TypeError(f"a story is found by slug or pk, not {field}")
        self.using = using
        stories = Article.objects.using(using)
        if public:
            stories = stories.published(now=_NOW)
        stories = (
            stories.select_related("section")
            .defer(*NOT_SHOWN)
            .filter(**{field: _STAND_INS[field]})
            # A unique lookup: no ORDER BY, which would steer PostgreSQL to the date index.
            .order_by()
        )
        self.compiler = stories.query.get_compiler(using=using)
        self.sql, params = self.compiler.as_sql()
        self.params = list(params)
        ops = connections[using].ops
        self.value_at = self._find(_STAND_INS[field])
        self.now_at = self._find(ops.adapt_datetimefield_value(_NOW)) if public else None
        # As ModelIterable turns rows into instances.
        klass_info, select = self.compiler.klass_info, self.compiler.select
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [column[0].target.attname for column in select[self.start : self.end]]
        self.populators = get_related_populators(klass_info, select, using)

    def _find(self, stand_in) -> int:
        places = [i for i, value in enumerate(self.params) if value == stand_in]
        if len(places) != 1:
            raise RuntimeError(f"the story statement holds {stand_in!r} {len(places)} times")
        return places[0]

    def run(self, value) -> Article | None:
        params = list(self.params)
        params[self.value_at] = value
        if self.now_at is not None:
            params[self.now_at] = connections[self.using].ops.adapt_datetimefield_value(
                timezone.now()
            )
        with _cursor(self.using) as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        # The compiler as compiled, with this thread's connection for the value converters.
        compiler = copy.copy(self.compiler)
        compiler.connection = connections[self.using]
        for row in compiler.results_iter([rows]):
            article = Article.from_db(self.using, self.init_list, row[self.start : self.end])
            for populator in self.populators:
                populator.populate(row, article)
            return article
        return None


_statements: dict[tuple, _StoryStatement] = {}
_statements_lock = threading.Lock()


def read_story(field: str, value, *, public: bool, using: str | None = None) -> Article | None:
    """The story whose `field` (slug or pk) is `value`, if it is published (or `public` is
    False), with its section; None otherwise."""
    using = using or DEFAULT_DB_ALIAS
    key = (using, field, public)
    statement = _statements.get(key)
    if statement is None:
        with _statements_lock:
            statement = _statements.setdefault(key, _StoryStatement(field, public, using))
    model_field = Article._meta.pk if field == "pk" else Article._meta.get_field(field)
    try:
        value = model_field.to_python(value)
    except ValidationError:  # not a possible id: no such story
        return None
    return statement.run(value)


# --- everything around it ---------------------------------------------------------------------


def _cursor(using: str = DEFAULT_DB_ALIAS):
    """A cursor for the story statement and BOXES_SQL. On PostgreSQL, one that binds
    parameters on the server and prepares the statement, once per connection: planning the
    UNION is most of its cost (1.0 of 1.2 ms). Only these two statements: every plan of them
    is a few lookups by a unique key, so the generic plan PostgreSQL settles on after five
    runs is as good as a fresh one, which is not true of search (a common word and a rare one
    want different plans). Wrapped like Django's own cursors, so that query logging and
    counting see it."""
    connection = connections[using]
    if connection.vendor != "postgresql" or not settings.NEWSROOM_PREPARED_BOXES:
        return connection.cursor()
    connection.ensure_connection()
    database = connection.connection
    if database.prepare_threshold is None:
        # Django leaves psycopg's automatic preparing off (None also refuses prepare=True);
        # a threshold never reached keeps it off for every other statement.
        database.prepare_threshold = 2**31
    raw = _PreparingCursor(database)
    if connection.queries_logged:
        return connection.make_debug_cursor(raw)
    return connection.make_cursor(raw)


try:
    import psycopg

    class _PreparingCursor(psycopg.Cursor):
        def execute(self, query, params=None, **kwargs):
            result = super().execute(query, params, prepare=True)
            # psycopg leaves `_query` unset for prepared statements; Django's query log
            # (connection.queries, CaptureQueriesContext) reads the statement from it, with
            # its values, worked out only when something reads it.
            self._query = _LoggedStatement(self.connection, query, params)
            return result

    class _LoggedStatement:
        def __init__(self, database, query, params):
            self._database, self._text, self._params = database, query, params

        @property
        def query(self) -> bytes:
            with psycopg.ClientCursor(self._database) as cursor:
                return cursor.mogrify(self._text, self._params).encode()

except ImportError:  # SQLite-only installs
    _PreparingCursor = None


def attach_boxes(article: Article) -> Article:
    """Set on `article`: `visible_organization_links` and `visible_person_links` (in box
    order, each person link with `current_role`), `box_tags`, `box_authors` and
    `box_corrections` (read with the ORM, only when the statement says there are any)."""
    params = {
        "article": article.pk,
        "accepted_tag": LinkStatus.ACCEPTED,
        "accepted_entry": ReviewStatus.ACCEPTED,
        "content_type": ContentType.objects.get_for_model(Article).pk,
    }
    with _cursor(article._state.db or DEFAULT_DB_ALIAS) as cursor:
        cursor.execute(BOXES_SQL, params)
        rows = cursor.fetchall()

    organizations, people, tags, authors, corrections = [], [], [], [], False
    for kind, position, _, link_id, entry_id, name, slug, one, two, three in rows:
        if kind == "o":
            organization = Organization(
                id=entry_id, name=name, slug=slug, acronym=one, kind=two, website=three
            )
            organizations.append(
                ArticleOrganization(
                    id=link_id, article=article, organization=organization, position=position
                )
            )
        elif kind == "p":
            link = ArticlePerson(
                id=link_id,
                article=article,
                person=Person(id=entry_id, name=name, slug=slug),
                position=position,
                title=one,
            )
            link.current_role = two or ""
            people.append(link)
        elif kind == "t":
            tag = Tag(id=entry_id, name=name, slug=slug)
            tag.url = slug_url("articles:tag", slug)
            tags.append(tag)
        elif kind == "a":
            authors.append(Person(id=entry_id, name=name, slug=slug))
        else:
            corrections = True

    article.visible_organization_links = organizations
    article.visible_person_links = people
    article.box_tags = tags
    article.box_authors = authors
    article.box_corrections = list(article.corrections.all()) if corrections else []
    return article
