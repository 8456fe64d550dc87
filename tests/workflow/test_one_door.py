"""#12, item 1: every change of state goes through the workflow services, whatever the door
(the story form, a bulk action, a command)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Transition
from tests.factories import ArticleFactory, DraftFactory
from tests.site.test_admin import article_form

pytestmark = pytest.mark.django_db


def test_publishing_through_the_form_with_no_date_is_seen_by_readers(client, editor_user):
    client.force_login(editor_user)
    response = client.post(
        reverse("admin:articles_article_add"),
        article_form(status="published", published_at_0="", published_at_1=""),
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.is_public
    assert Transition.objects.filter(article=article, to_status="published").count() == 1
    client.logout()
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200 and b"Agencies agree on shared forms" in page.content
    assert b"Agencies agree on shared forms" in client.get("/").content


def test_changing_the_state_in_the_form_records_the_move(client, editor_user):
    draft = DraftFactory(headline="Port reopens", slug="port-reopens")
    client.force_login(editor_user)
    url = reverse("admin:articles_article_change", args=[draft.pk])
    data = article_form(
        headline="Port reopens",
        slug="port-reopens",
        status="published",
        published_at_0="",
        published_at_1="",
        edit_token=draft.updated_at.isoformat(),
    )
    assert client.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert draft.is_public
    move = Transition.objects.get(article=draft)
    assert (move.from_status, move.to_status, move.user) == ("draft", "published", editor_user)


def test_a_future_date_in_the_form_schedules(client, editor_user):
    draft = DraftFactory(slug="later")
    client.force_login(editor_user)
    when = timezone.localtime() + dt.timedelta(days=3)
    data = article_form(
        slug="later",
        status="published",
        published_at_0=when.strftime("%Y-%m-%d"),
        published_at_1=when.strftime("%H:%M:%S"),
        edit_token=draft.updated_at.isoformat(),
    )
    client.post(reverse("admin:articles_article_change", args=[draft.pk]), data)
    draft.refresh_from_db()
    assert draft.is_scheduled
    assert Transition.objects.get(article=draft).note.startswith("Scheduled for")


def test_a_move_the_workflow_refuses_is_a_form_error_and_saves_nothing(client, editor_user):
    story = ArticleFactory(status="archived", headline="Old news", slug="old-news")
    client.force_login(editor_user)
    data = article_form(
        headline="Edited while archived",
        slug="old-news",
        status="review",
        edit_token=story.updated_at.isoformat(),
    )
    response = client.post(reverse("admin:articles_article_change", args=[story.pk]), data)
    assert response.status_code == 200
    assert "Only drafts can be submitted for review." in response.content.decode()
    story.refresh_from_db()
    assert story.headline == "Old news" and story.status == "archived"


def test_publishing_stories_already_public_is_refused_not_redated(client, editor_user):
    then = timezone.now() - dt.timedelta(days=10)
    live = ArticleFactory(published_at=then)
    client.force_login(editor_user)
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "_selected_action": [live.pk]},
        follow=True,
    )
    assert "already published" in response.content.decode()
    live.refresh_from_db()
    assert live.published_at == then
    assert not Transition.objects.filter(article=live).exists()


def test_publishing_an_imported_draft_keeps_its_source_date(client, editor_user):
    source_date = timezone.now() - dt.timedelta(days=400)
    imported = DraftFactory(published_at=source_date, external_key="wire:123")
    client.force_login(editor_user)
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "_selected_action": [imported.pk]},
    )
    imported.refresh_from_db()
    assert imported.is_public and imported.published_at == source_date


def test_a_scheduled_story_published_from_the_list_goes_live_now(client, editor_user):
    later = ArticleFactory(published_at=timezone.now() + dt.timedelta(days=2))
    client.force_login(editor_user)
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "_selected_action": [later.pk]},
    )
    later.refresh_from_db()
    assert later.is_public
