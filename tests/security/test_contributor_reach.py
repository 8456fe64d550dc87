"""F13: a Contributor reads no other writer's unpublished story at its reader URL, and the
register's autocomplete offers Contributors accepted entries only."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from organizations.models import ReviewStatus
from tests.factories import ArticleFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db

UNPUBLISHED = {
    "draft": {"status": Article.Status.DRAFT, "published_at": None},
    "review": {"status": Article.Status.REVIEW, "published_at": None},
    "archived": {"status": Article.Status.ARCHIVED},
    "scheduled": {"status": Article.Status.PUBLISHED, "published_at_in": dt.timedelta(hours=3)},
}


def story_of(author, state, headline):
    fields = dict(UNPUBLISHED[state])
    if "published_at_in" in fields:
        fields["published_at"] = timezone.now() + fields.pop("published_at_in")
    return ArticleFactory(headline=headline, created_by=author, **fields)


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("state", sorted(UNPUBLISHED))
def test_a_contributor_cannot_read_another_writers_unpublished_story(
    contributor, other_contributor, state
):
    story = story_of(other_contributor, state, "Unannounced layoffs canary")
    response = signed_in(contributor).get(story.get_absolute_url())
    assert response.status_code == 404
    assert "Unannounced layoffs canary" not in response.content.decode()


@pytest.mark.parametrize("state", sorted(UNPUBLISHED))
def test_the_writer_and_the_editors_still_read_it_at_its_url_uncached(
    contributor, editor_user, state
):
    story = story_of(contributor, state, "My own story canary")
    for user in (contributor, editor_user):
        response = signed_in(user).get(story.get_absolute_url())
        assert response.status_code == 200, user
        assert "My own story canary" in response.content.decode()
        assert "Not published." in response.content.decode()
        assert "no-cache" in response["Cache-Control"]


def test_a_published_story_reads_the_same_for_every_contributor(contributor, other_contributor):
    story = ArticleFactory(headline="Open story", created_by=other_contributor)
    assert signed_in(contributor).get(story.get_absolute_url()).status_code == 200


def test_an_old_slug_does_not_lead_a_contributor_to_another_writers_draft(
    contributor, other_contributor, editor_user
):
    from articles import services

    story = ArticleFactory(headline="Renamed then pulled", slug="first-name")
    story.created_by = other_contributor
    story.slug = "second-name"
    story.save()
    services.article_unpublish(article=story, user=editor_user)
    response = signed_in(contributor).get("/articles/first-name/")
    assert response.status_code == 404
    assert "second-name" not in response.get("Location", "")


def autocomplete(client, model_name, field_name, term):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200, response.content[:200]
    return [row["text"] for row in response.json()["results"]]


@pytest.fixture
def register(db):
    OrganizationFactory(name="Harbor Accepted Office")
    OrganizationFactory(name="Harbor Suggested Office", review_status=ReviewStatus.SUGGESTED)
    OrganizationFactory(name="Harbor Rejected Office", review_status=ReviewStatus.REJECTED)
    PersonFactory(name="Harbor Accepted Person")
    PersonFactory(name="Harbor Suggested Person", review_status=ReviewStatus.SUGGESTED)
    PersonFactory(name="Harbor Rejected Person", review_status=ReviewStatus.REJECTED)


ROUTES = [
    ("articleorganization", "organization", "Office"),
    ("articleperson", "person", "Person"),
    ("article", "authors", "Person"),
]


@pytest.mark.parametrize("model_name,field_name,kind", ROUTES)
def test_contributors_autocomplete_offers_accepted_entries_only(
    register, contributor, model_name, field_name, kind
):
    names = autocomplete(signed_in(contributor), model_name, field_name, "Harbor")
    assert names == [f"Harbor Accepted {kind}"]


@pytest.mark.parametrize("model_name,field_name,kind", ROUTES)
def test_editors_autocomplete_offers_suggested_entries_but_never_rejected_ones(
    register, editor_user, model_name, field_name, kind
):
    names = autocomplete(signed_in(editor_user), model_name, field_name, "Harbor")
    assert sorted(names) == [f"Harbor Accepted {kind}", f"Harbor Suggested {kind}"]
