"""Everything the article page shows around a story, read in one statement.

The story itself comes through `Article.objects.published()` (`visible_to()` for staff), like
every reader path. Then `attach_boxes(article)` reads, by the story's id, the organizations and
the people in it (each person with their current role), its tags, its authors and whether it
has corrections, in one UNION ALL that PostgreSQL and SQLite both run. This is the busiest
reader page: one hand-written statement costs a fraction of the five ORM queries and
prefetches it replaces (bench/RESULTS.md, "article"). It builds the same model instances the
ORM would, so templates and structured data read `link.organization.name` as before.

The filters are the ones of `LinkQuerySet.visible()` and `public()`: accepted tags of
accepted entries. tests/site/test_reader_pages.py pins what readers see.
"""

from types import SimpleNamespace

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
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


def _cursor():
    """A cursor for BOXES_SQL. On PostgreSQL, one that binds parameters on the server and
    prepares the statement, once per connection: planning the UNION is most of its cost
    (1.0 of 1.2 ms). Only this statement: every plan of it is a few lookups by id, so the
    generic plan PostgreSQL settles on after five runs is as good as a fresh one, which is
    not true of search (a common word and a rare one want different plans). Wrapped like
    Django's own cursors, so that query logging and counting see it."""
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
            # (connection.queries, CaptureQueriesContext) reads the statement from it.
            self._query = SimpleNamespace(query=query.encode())
            return result

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
    with _cursor() as cursor:
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
