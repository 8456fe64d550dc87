"""Items 9 and 10 of issue #13: the desk at /admin/ per role, in a constant number of
queries; review queues with context and the right plurals."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import ArticleOrganization, ArticlePerson, Correction, LinkSource
from organizations.models import ReviewStatus
from tests.factories import (
    AffiliationFactory,
    ArticleFactory,
    DraftFactory,
    OrganizationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def newsroom(editor, contributor, n):
    for i in range(n):
        DraftFactory(headline=f"Draft {i}", created_by=editor)
        review = DraftFactory(headline=f"In review {i}", created_by=contributor)
        services.article_submit(article=review, user=contributor)
        ArticleFactory(
            headline=f"Scheduled {i}", published_at=timezone.now() + dt.timedelta(days=i + 1)
        )
        story = ArticleFactory(headline=f"Corrected {i}")
        Correction.objects.create(article=story, text=f"Fixed a name {i}.", created_by=editor)
        OrganizationFactory(review_status=ReviewStatus.SUGGESTED)


def dashboard_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response, len(queries)


def test_the_desk_tells_an_editor_what_waits(client, editor_user, contributor):
    newsroom(editor_user, contributor, 2)
    client.force_login(editor_user)
    response, _ = dashboard_queries(client)
    html = response.content.decode()
    for title in (
        "Waiting for review",
        "Going live next",
        "My drafts",
        "Suggestions waiting",
        "Recent corrections",
    ):
        assert f"<h2>{title}</h2>" in html
    assert "In review 0" in html and "Scheduled 0" in html and "Draft 1" in html
    assert "2 suggested organizations" in html
    assert "Correction: Corrected 1" in html
    assert "?state=scheduled" in html


def test_the_desk_shows_a_contributor_only_their_own_stories(client, editor_user, contributor):
    newsroom(editor_user, contributor, 1)
    client.force_login(contributor)
    html = client.get(reverse("admin:index")).content.decode()
    assert "My stories in review" in html and "In review 0" in html
    assert "Suggestions waiting" not in html and "Recent corrections" not in html
    assert "Scheduled 0" not in html


def test_the_desk_costs_the_same_queries_with_ten_times_the_stories(
    client, editor_user, contributor
):
    client.force_login(editor_user)
    newsroom(editor_user, contributor, 1)
    _, few = dashboard_queries(client)
    newsroom(editor_user, contributor, 10)
    _, many = dashboard_queries(client)
    assert few == many


def test_review_queues_show_kind_title_evidence_story_and_plurals(editor_client):
    story = ArticleFactory(headline="Ministers meet in Lisbon")
    council = OrganizationFactory(
        name="Example Harbor Council", slug="ehc", review_status=ReviewStatus.SUGGESTED
    )
    ArticleOrganization.objects.create(
        article=story,
        organization=council,
        source=LinkSource.AUTOMATIC,
        status=ReviewStatus.SUGGESTED,
        evidence={"field": "body", "sentence": "The Example Harbor Council met on Friday."},
    )
    minister = PersonFactory(
        name="Carlos Martinez", slug="carlos-martinez", review_status=ReviewStatus.SUGGESTED
    )
    AffiliationFactory(
        person=minister, organization=council, title="Foreign Minister", start_date=None
    )
    ArticlePerson.objects.create(
        article=story,
        person=minister,
        source=LinkSource.AUTOMATIC,
        status=ReviewStatus.SUGGESTED,
        evidence={"field": "body", "sentence": "Carlos Martinez, Foreign Minister, spoke."},
    )
    orgs = editor_client.get(
        reverse("admin:organizations_suggestedorganization_changelist")
    ).content.decode()
    assert "The Example Harbor Council met on Friday." in orgs
    assert "Ministers meet in Lisbon" in orgs and "1 story<" in orgs and "1 stories" not in orgs
    people = editor_client.get(reverse("admin:people_suggestedperson_changelist")).content.decode()
    assert "Foreign Minister, Example Harbor Council" in people
    assert "Carlos Martinez, Foreign Minister, spoke." in people


def test_bulk_accept_says_how_many_with_the_right_plural(editor_client):
    one = OrganizationFactory(review_status=ReviewStatus.SUGGESTED)
    response = editor_client.post(
        reverse("admin:organizations_suggestedorganization_changelist"),
        {"action": "accept_suggestions", "_selected_action": [one.pk], "index": 0},
        follow=True,
    )
    assert "1 entry accepted." in response.content.decode()
    one.refresh_from_db()
    assert one.review_status == ReviewStatus.ACCEPTED
