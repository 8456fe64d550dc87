"""F12: a preview link is tied to its story and to the moment it was made. It shows the
story as it was when shared: an edit, a publish, an unpublish or an editor's revoke ends it,
and archived stories are not previewable."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import preview, services
from articles.models import Article
from tests.factories import DraftFactory

pytestmark = pytest.mark.django_db


def shows(client, url, text) -> bool:
    response = client.get(url)
    return response.status_code == 200 and text in response.content.decode()


def ended(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 410, response.status_code
    return response.content.decode()


def test_a_link_shared_before_publishing_stays_dead_after_an_unpublish(client, editor_user):
    story = DraftFactory(headline="Budget leak story")
    url = preview.preview_url(story)
    assert shows(client, url, "Budget leak story")

    services.article_publish(article=story, user=editor_user)
    ended(client, url)
    services.article_unpublish(article=story, user=editor_user)
    page = ended(client, url)
    assert "Budget leak story" not in page


def test_a_link_made_for_a_scheduled_story_ends_when_it_is_unpublished(client, editor_user):
    story = DraftFactory(headline="Embargoed report")
    services.article_schedule(
        article=story, user=editor_user, at=timezone.now() + dt.timedelta(hours=5)
    )
    url = preview.preview_url(Article.objects.get(pk=story.pk))
    assert shows(client, url, "Embargoed report")
    services.article_unpublish(article=story, user=editor_user)
    ended(client, url)


def test_text_added_after_sharing_is_never_shown_through_the_old_link(client):
    story = DraftFactory(headline="Council vote", body="<p>The council voted on Tuesday.</p>")
    url = preview.preview_url(story)
    assert shows(client, url, "The council voted on Tuesday.")

    story.body += "<p>Source named in confidence: J. Doe.</p>"
    story.save()

    page = ended(client, url)
    assert "J. Doe" not in page and "changed since" in page
    fresh = preview.preview_url(Article.objects.get(pk=story.pk))
    assert shows(client, fresh, "J. Doe")


def test_an_editor_revokes_every_link_shared_so_far(client, editor_user, contributor):
    story = DraftFactory(headline="Shared too widely", created_by=contributor)
    first, second = preview.preview_url(story), preview.preview_url(story)
    assert shows(client, first, "Shared too widely")

    revoke_url = reverse("articles:preview-revoke", args=[story.pk])
    editor = Client()
    editor.force_login(editor_user)
    assert editor.get(revoke_url).status_code == 405  # a change: POST only
    response = editor.post(revoke_url)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_change", args=[story.pk])

    for url in (first, second):
        assert "revoked" in ended(client, url)
    assert shows(client, preview.preview_url(Article.objects.get(pk=story.pk)), "Shared too")


def test_only_those_who_may_edit_the_story_revoke_its_links(client, other_contributor):
    story = DraftFactory(headline="Not yours")
    url = preview.preview_url(story)
    revoke_url = reverse("articles:preview-revoke", args=[story.pk])
    assert client.post(revoke_url).status_code in (302, 403)  # anonymous: to the login page
    outsider = Client()
    outsider.force_login(other_contributor)
    assert outsider.post(revoke_url).status_code == 403
    assert shows(client, url, "Not yours")


def test_the_story_form_offers_the_revoke_button(editor_client):
    story = DraftFactory()
    page = editor_client.get(reverse("admin:articles_article_change", args=[story.pk]))
    assert reverse("articles:preview-revoke", args=[story.pk]) in page.content.decode()


def test_archived_stories_are_not_previewable(client, editor_user):
    story = DraftFactory(headline="Old archived story")
    url = preview.preview_url(story)
    Article.objects.filter(pk=story.pk).update(status=Article.Status.ARCHIVED)
    page = ended(client, url)
    assert "Old archived story" not in page
    archived = Article.objects.get(pk=story.pk)
    page = ended(client, preview.preview_url(archived))
    assert "archived" in page


def test_a_token_names_one_story_only(client):
    first, second = DraftFactory(headline="First draft"), DraftFactory(headline="Second draft")
    token = preview.make_token(first)
    assert preview.article_id_from(token) == first.pk
    assert not shows(client, reverse("articles:preview", args=[token]), "Second draft")
    assert second.pk != first.pk


def test_the_story_form_offers_no_preview_link_for_an_archived_story(editor_client):
    story = DraftFactory(status=Article.Status.ARCHIVED)
    page = editor_client.get(reverse("admin:articles_article_change", args=[story.pk]))
    assert "archived stories cannot be previewed" in page.content.decode()
    assert 'href="/preview/' not in page.content.decode()
