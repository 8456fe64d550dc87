"""The wire desk in the admin: sources and their health, trust, and From the wire."""

import pytest
from django.urls import reverse

from articles.models import Article, ArticleOrganization, ArticlePerson
from tests.factories import ArticleFactory, OrganizationFactory, PersonFactory
from wire.models import Arrival, Source

pytestmark = pytest.mark.django_db


def source_form(**changes):
    data = {
        "name": "Harbor Authority",
        "feed_url": "https://harbor.example.gov/news/feed.xml",
        "publisher": "",
        "section": "",
        "enabled": "on",
        "new_status": "draft",
        "autotag": "known",
        "interval_seconds": "900",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_an_editor_adds_a_source_but_cannot_trust_it(editor_client):
    url = reverse("admin:wire_source_add")
    page = editor_client.get(url).content.decode()
    assert 'name="trusted"' not in page  # shown read-only
    response = editor_client.post(url, source_form(trusted="on"))
    assert response.status_code == 302
    source = Source.objects.get()
    assert source.trusted is False
    response = editor_client.post(
        reverse("admin:wire_source_change", args=[source.pk]), source_form(new_status="published")
    )
    assert response.status_code == 200
    assert "Only a source an Administrator marked trusted may publish." in response.content.decode()
    assert Source.objects.get().new_status == "draft"


def test_an_administrator_trusts_a_source_to_publish(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("admin:wire_source_add"), source_form(trusted="on", new_status="published")
    )
    assert response.status_code == 302
    source = Source.objects.get()
    assert source.trusted and source.status_for_new_stories == "published"


def test_the_source_page_shows_its_health(editor_client):
    source = Source.objects.create(
        name="Broken Wire",
        feed_url="https://broken.example.org/feed",
        last_status=500,
        last_error="HTTP 500",
        consecutive_failures=3,
        last_fetch_at="2026-12-01T10:00:00Z",
        next_poll_at="2026-12-01T12:00:00Z",
    )
    page = editor_client.get(reverse("admin:wire_source_change", args=[source.pk])).content
    page = page.decode()
    for shown in ("failing (3 in a row), backing off", "HTTP 500", "Next poll", "Etag"):
        assert shown.lower() in page.lower()


def test_from_the_wire_lists_unpublished_arrivals_with_what_tagging_found(editor_client):
    source = Source.objects.create(name="Harbor Authority", feed_url="https://h.example/f")
    other = Source.objects.create(name="State Desk", feed_url="https://s.example/f")
    draft = ArticleFactory(headline="Berth opens at Pier Nine", status="draft", published_at=None)
    ArticleOrganization.objects.create(
        article=draft, organization=OrganizationFactory(name="Port of Larkspur Authority")
    )
    ArticlePerson.objects.create(
        article=draft, person=PersonFactory(name="Ada Brandt"), status="suggested"
    )
    Arrival.objects.create(story=draft, source=source, item_key="a")
    Arrival.objects.create(story=draft, source=other, item_key="b", duplicate=True)
    published = ArticleFactory(headline="Already out", status="published")
    Arrival.objects.create(story=published, source=source, item_key="c")
    ArticleFactory(headline="Written in the newsroom", status="draft", published_at=None)

    page = editor_client.get(reverse("admin:wire_wirestory_changelist")).content.decode()
    assert "Berth opens at Pier Nine" in page
    assert "Harbor Authority, State Desk" in page
    assert "Port of Larkspur Authority" in page and "Ada Brandt (suggested)" in page
    assert "Already out" not in page and "Written in the newsroom" not in page
    assert reverse("admin:articles_article_change", args=[draft.pk]) in page
    # A row opens the story's own form, where the editor edits and publishes.
    response = editor_client.get(reverse("admin:wire_wirestory_change", args=[draft.pk]))
    assert response["Location"] == reverse("admin:articles_article_change", args=[draft.pk])
    assert Article.objects.count() == 3


def test_contributors_do_not_see_the_wire_desk(client, contributor):
    client.force_login(contributor)
    assert client.get(reverse("admin:wire_source_changelist")).status_code == 403
    assert client.get(reverse("admin:wire_wirestory_changelist")).status_code == 403
