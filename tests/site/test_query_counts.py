"""Pages that list things make the same number of queries however much they list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, ArticleOrganization, ArticlePerson
from tests.factories import (
    AffiliationFactory,
    ArticleFactory,
    OrganizationFactory,
    PersonFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """These count what the views themselves ask of the database."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0


def queries_for(client, url):
    client.get(url)  # the masthead's sections are read once, then kept in the cache
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    assert all(query["sql"] for query in ctx.captured_queries)  # each one logged as it ran
    return len(ctx.captured_queries)


def tag_article(article, n):
    orgs = OrganizationFactory.create_batch(n)
    people = PersonFactory.create_batch(n)
    for person, org in zip(people, orgs, strict=True):
        AffiliationFactory(person=person, organization=org)
    ArticleOrganization.objects.bulk_create(
        ArticleOrganization(article=article, organization=o, position=i) for i, o in enumerate(orgs)
    )
    ArticlePerson.objects.bulk_create(
        ArticlePerson(article=article, person=p, position=i) for i, p in enumerate(people)
    )
    article.tags.add(*[f"tag {article.pk} {i}" for i in range(n)])


def test_article_page_queries_do_not_grow_with_tags(client):
    SectionFactory.create_batch(3)
    small, large = ArticleFactory(), ArticleFactory()
    tag_article(small, 1)
    tag_article(large, 50)

    few = queries_for(client, small.get_absolute_url())
    many = queries_for(client, large.get_absolute_url())

    assert few == many
    # The story with its section, then one query each: organizations, people, their current
    # roles, tags, authors, corrections (Article.objects.for_page()).
    assert many == 7


def test_article_page_shows_authors_and_corrections_in_the_same_queries(client):
    from articles.models import Correction

    plain, full = ArticleFactory(), ArticleFactory(byline="")
    writer = PersonFactory(name="Ada Writer")
    full.authors.add(writer)
    Correction.objects.create(article=full, text="An earlier version misspelled a name.")

    assert queries_for(client, plain.get_absolute_url()) == queries_for(
        client, full.get_absolute_url()
    )
    page = client.get(full.get_absolute_url()).content.decode()
    assert "Ada Writer" in page
    assert "An earlier version misspelled a name." in page


@pytest.mark.parametrize("kind", ["organization", "person"])
def test_entity_pages_queries_do_not_grow_with_stories(client, settings, kind):
    settings.NEWSROOM_PAGE_SIZE = 250  # everything on one page: the listing itself must be flat
    section = SectionFactory()
    entities = []
    for count in (1, 200):
        entity = OrganizationFactory() if kind == "organization" else PersonFactory()
        stories = ArticleFactory.create_batch(count, section=section)
        for story in stories:
            (story.organizations if kind == "organization" else story.people).add(entity)
        entities.append(entity)

    one = queries_for(client, entities[0].get_absolute_url())
    two_hundred = queries_for(client, entities[1].get_absolute_url())

    assert one == two_hundred
    assert two_hundred <= 11  # entity, children, count, page, nav, 5 × "often with"


def test_organization_page_queries_do_not_grow_with_children(client):
    lone, family = OrganizationFactory(), OrganizationFactory()
    for _ in range(12):
        OrganizationFactory(parent=family)

    html = client.get(family.get_absolute_url()).content.decode()

    assert html.count('<ul class="children">') == 1
    assert queries_for(client, family.get_absolute_url()) == queries_for(
        client, lone.get_absolute_url()
    )


def test_home_queries_do_not_grow_with_stories(client):
    ArticleFactory.create_batch(2)
    few = queries_for(client, "/")
    ArticleFactory.create_batch(30)
    assert queries_for(client, "/") == few
    assert Article.objects.count() == 32
