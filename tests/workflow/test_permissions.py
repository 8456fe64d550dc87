"""The permission matrix: role × action × state, through the admin with direct GETs and POSTs."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from articles import services
from articles.models import Article, Transition
from tests.factories import ArticleFactory, DraftFactory
from tests.site.test_admin import article_form

pytestmark = pytest.mark.django_db

STATES = ["draft", "review", "published", "archived"]


def story(state, owner):
    article = DraftFactory(created_by=owner)
    if state != "draft":
        Article.objects.filter(pk=article.pk).update(status=state)
        article.refresh_from_db()
    return article


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def post_change(client, article, **overrides):
    data = article_form(
        headline=article.headline,
        slug=article.slug,
        section=str(article.section_id),
        edit_token=article.updated_at.isoformat(),
        status=article.status,
        published_at_0="",
        published_at_1="",
    )
    data.update(overrides)
    return client.post(change_url(article), data)


def test_roles_exist_as_groups(contributor, editor_user, administrator):
    assert contributor.has_perm("articles.add_article")
    assert not contributor.has_perm("articles.publish_article")
    assert editor_user.has_perm("articles.publish_article")
    assert editor_user.has_perm("organizations.change_organization")
    assert not editor_user.has_perm("auth.change_user")
    assert administrator.has_perm("auth.change_user")


@pytest.mark.parametrize("state", STATES)
def test_contributor_edits_only_own_drafts(client, contributor, other_contributor, state):
    client.force_login(contributor)
    own = story(state, contributor)
    response = post_change(client, own, headline="Edited by the writer")
    own.refresh_from_db()
    if state == "draft":
        assert response.status_code == 302
        assert own.headline == "Edited by the writer"
    else:
        assert response.status_code == 403
        assert own.headline != "Edited by the writer"

    others = story(state, other_contributor)
    assert client.get(change_url(others)).status_code in (302, 404)  # not in their queryset
    response = post_change(client, others, headline="Hijacked")
    others.refresh_from_db()
    assert others.headline != "Hijacked"


@pytest.mark.parametrize("state", STATES)
def test_contributor_cannot_publish_through_the_form(client, contributor, state):
    client.force_login(contributor)
    article = story(state, contributor)
    post_change(
        client, article, status="published", published_at_0="2024-01-01", published_at_1="10:00"
    )
    article.refresh_from_db()
    assert article.status == state
    assert not Article.objects.published().exists()


def test_contributor_cannot_publish_when_adding(client, contributor):
    client.force_login(contributor)
    data = article_form(slug="sneaky", headline="Sneaky")
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302
    article = Article.objects.get(slug="sneaky")
    assert article.status == "draft"
    assert article.created_by == contributor
    assert not Article.objects.published().exists()


@pytest.mark.parametrize("action", ["publish_now", "unpublish", "archive"])
def test_contributor_cannot_use_editor_bulk_actions(client, contributor, action):
    client.force_login(contributor)
    article = story("review", contributor)
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": action, "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert article.status == "review"
    assert response.status_code in (200, 302)


@pytest.mark.parametrize("state", STATES)
def test_contributor_cannot_publish_through_services(contributor, state):
    article = story(state, contributor)
    for action in (services.article_publish, services.article_unpublish, services.article_archive):
        with pytest.raises(PermissionDenied):
            action(article=article, user=contributor)


def test_contributor_submits_own_draft_and_it_is_recorded(client, contributor):
    client.force_login(contributor)
    article = story("draft", contributor)
    response = post_change(client, article, _submit_for_review="1")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == "review"
    transition = Transition.objects.get(article=article)
    assert (transition.from_status, transition.to_status, transition.user) == (
        "draft",
        "review",
        contributor,
    )


@pytest.mark.parametrize("state", ["draft", "review", "archived"])
def test_editor_publishes_from_any_state_by_bulk_action(client, editor_user, contributor, state):
    client.force_login(editor_user)
    article = story(state, contributor)
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert article.status == "published"
    assert Article.objects.published().filter(pk=article.pk).exists()
    assert Transition.objects.filter(article=article, to_status="published", user=editor_user)


def test_editor_edits_anyones_story_and_publishes_through_the_form(
    client, editor_user, contributor
):
    client.force_login(editor_user)
    article = story("review", contributor)
    response = post_change(
        client, article, status="published", published_at_0="2024-01-01", published_at_1="10:00"
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_public
    assert Transition.objects.filter(article=article, from_status="review", to_status="published")


def test_editor_unpublishes(editor_user):
    article = ArticleFactory()
    services.article_unpublish(article=article, user=editor_user)
    assert not Article.objects.published().exists()


def test_only_administrators_manage_users(client, editor_user, administrator):
    client.force_login(editor_user)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    client.force_login(administrator)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 200


def test_anonymous_gets_the_login_page_for_every_admin_path():
    from django.test import Client

    client = Client()
    article = DraftFactory()
    for url in (
        reverse("admin:articles_article_changelist"),
        change_url(article),
        reverse("admin:articles_article_history", args=[article.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_contributor_cannot_publish_through_an_import(contributor, tmp_path):
    import io
    import json

    from django.core.management import call_command
    from django.core.management.base import CommandError

    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"id": "c1", "headline": "Wire copy", "status": "published"}))
    with pytest.raises(CommandError, match="may not publish"):
        call_command(
            "import_articles",
            str(path),
            "--as-user",
            "writer",
            "--status",
            "published",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    call_command("import_articles", str(path), "--as-user", "writer", stdout=io.StringIO())
    assert Article.objects.get().status == "review"
    assert not Article.objects.published().exists()
