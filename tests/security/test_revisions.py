"""Revisions respect roles (F1, F2): every revision route, for every role.

A revert restores a story's text and boxes through `services.article_revert`, which checks the
user's rights on the story first, records a revision, a workflow entry and an admin log entry,
and tells the page cache and the search index. It never changes the story's state.
"""

import pytest
import reversion
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from reversion.models import Version

from articles import services
from articles.models import Article, Transition
from tests.factories import ArticleFactory, DraftFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def _two_revisions(article, user=None):
    """The story as first saved, then with a new headline; returns the older version."""
    with reversion.create_revision():
        article.save()
    old_headline = article.headline
    with reversion.create_revision():
        article.headline = "Newer headline"
        article.save()
    version = Version.objects.get_for_object(article).last()
    assert version.field_dict["headline"] == old_headline
    return version


def _routes(article, version):
    return {
        "history": reverse("admin:articles_article_history", args=[article.pk]),
        "compare": reverse("admin:articles_article_compare", args=[article.pk]),
        "revert": reverse("admin:articles_article_revision", args=[article.pk, version.pk]),
    }


@pytest.fixture
def withdrawn(editor_user):
    """A story that was published, then withdrawn by an editor (a draft now)."""
    article = ArticleFactory(headline="Live once", created_by=editor_user)
    version = _two_revisions(article)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    article.refresh_from_db()
    return article, version


def test_contributor_cannot_revert_another_writers_story_by_any_route(
    client, contributor, withdrawn
):
    article, version = withdrawn
    client.force_login(contributor)
    routes = _routes(article, version)
    for name in ("history", "compare", "revert"):
        response = client.get(routes[name])
        assert response.status_code in (302, 403, 404), name
        assert b"Live once" not in response.content
    response = client.post(routes["revert"])
    assert response.status_code in (403, 404)
    article.refresh_from_db()
    assert article.headline == "Newer headline"
    assert article.status == Article.Status.DRAFT
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404
    assert not Transition.objects.filter(article=article).exists()


def test_anonymous_is_sent_to_login_on_every_revision_route(client, withdrawn):
    article, version = withdrawn
    for url in _routes(article, version).values():
        response = client.post(url)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
    article.refresh_from_db()
    assert article.headline == "Newer headline"


def test_contributor_can_revert_own_draft_but_not_publish_it_by_reverting(client, contributor):
    article = DraftFactory(headline="My first try", created_by=contributor)
    version = _two_revisions(article)
    # The revision happens to hold a published state (say an editor published it then).
    Version.objects.filter(pk=version.pk).update(
        serialized_data=version.serialized_data.replace('"draft"', '"published"')
    )
    client.force_login(contributor)
    url = reverse("admin:articles_article_revision", args=[article.pk, version.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    article.refresh_from_db()
    assert article.headline == "My first try"
    assert article.status == Article.Status.DRAFT  # reverting never changes the state


def test_editor_revert_is_recorded_and_keeps_the_state(client, editor_user):
    article = ArticleFactory(headline="Agency names a new director")
    org = OrganizationFactory()
    article.organization_links.create(organization=org)
    version = _two_revisions(article)
    article.organization_links.all().delete()
    client.force_login(editor_user)
    page = client.get(article.get_absolute_url())
    assert b"Newer headline" in page.content

    url = reverse("admin:articles_article_revision", args=[article.pk, version.pk])
    confirm = client.get(url)
    assert b"Revert to this version" in confirm.content
    assert client.post(url).status_code == 302

    article.refresh_from_db()
    assert article.headline == "Agency names a new director"
    assert article.is_public
    assert list(article.organizations.all()) == [org]
    transition = Transition.objects.get(article=article)
    assert transition.user == editor_user and "Reverted" in transition.note
    assert LogEntry.objects.filter(object_id=str(article.pk), user=editor_user).exists()
    assert Version.objects.get_for_object(article).first().revision.user == editor_user
    # The page cache and the search index heard it: readers see the reverted story at once.
    client.logout()
    assert b"Agency names a new director" in client.get(article.get_absolute_url()).content


def test_a_bulk_action_keeps_one_revision_per_story(client, editor_user):
    first, second = DraftFactory(), DraftFactory()
    client.force_login(editor_user)
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "_selected_action": [first.pk, second.pk]},
    )
    assert response.status_code == 302
    for article in (first, second):
        revision = Version.objects.get_for_object(article).first().revision
        stories = {
            v.object_id for v in revision.version_set.all() if v.content_type.model == "article"
        }
        assert stories == {str(article.pk)}


def test_revert_of_a_mixed_revision_touches_only_its_own_story(client, editor_user):
    """Revisions written before this fix may hold several stories: a revert takes its own."""
    first = ArticleFactory(headline="First, as it was")
    second = ArticleFactory(headline="Second, as it was")
    with reversion.create_revision():
        first.save()
        second.save()
    Article.objects.filter(pk=second.pk).update(status=Article.Status.DRAFT)
    first.headline = "First, edited"
    first.save()
    version = Version.objects.get_for_object(first).get()
    client.force_login(editor_user)
    compare = client.get(
        reverse("admin:articles_article_revision", args=[first.pk, version.pk])
    ).content.decode()
    assert "Second, as it was" not in compare
    services.article_revert(article=first, version=version, user=editor_user)
    second.refresh_from_db()
    assert second.status == Article.Status.DRAFT
    first.refresh_from_db()
    assert first.headline == "First, as it was"


def test_a_version_of_another_story_is_not_accepted_on_this_storys_route(client, editor_user):
    mine, other = ArticleFactory(), ArticleFactory()
    other_version = _two_revisions(other)
    client.force_login(editor_user)
    url = reverse("admin:articles_article_revision", args=[mine.pk, other_version.pk])
    assert client.post(url).status_code == 404


def _deleted_story(created_by, status=Article.Status.PUBLISHED):
    article = ArticleFactory(headline="Deleted story", created_by=created_by, status=status)
    with reversion.create_revision():
        article.save()
    version = Version.objects.get_for_object(article).get()
    article.delete()
    return article, version


def test_recover_list_and_recover_for_each_role(
    client, contributor, other_contributor, editor_user
):
    _, others = _deleted_story(other_contributor, Article.Status.DRAFT)
    _, published = _deleted_story(editor_user)
    recover_list = reverse("admin:articles_article_recoverlist")

    client.force_login(contributor)
    listing = client.get(recover_list)
    assert listing.status_code == 200
    assert b"Deleted story" not in listing.content  # other writers' headlines stay hidden
    for version in (others, published):
        url = reverse("admin:articles_article_recover", args=[version.pk])
        assert client.post(url).status_code == 404
    assert not Article.objects.exists()

    client.force_login(editor_user)
    assert b"Deleted story" in client.get(recover_list).content
    url = reverse("admin:articles_article_recover", args=[published.pk])
    assert client.post(url).status_code == 302
    recovered = Article.objects.get()
    assert recovered.status == Article.Status.DRAFT  # back as a draft, never published
    assert Transition.objects.filter(article=recovered, note__startswith="Recovered").exists()
    client.logout()
    assert client.get(recovered.get_absolute_url()).status_code == 404


def test_writer_recovers_own_deleted_draft(client, contributor):
    _, version = _deleted_story(contributor, Article.Status.DRAFT)
    client.force_login(contributor)
    assert b"Deleted story" in client.get(reverse("admin:articles_article_recoverlist")).content
    url = reverse("admin:articles_article_recover", args=[version.pk])
    assert client.post(url).status_code == 302
    assert Article.objects.get().created_by == contributor


@pytest.mark.parametrize("role", ["editor_user", "administrator"])
def test_editors_and_administrators_use_every_revision_route(client, request, role):
    user = request.getfixturevalue(role)
    article = ArticleFactory(headline="Before the edit")
    version = _two_revisions(article)
    client.force_login(user)
    for name, url in _routes(article, version).items():
        assert client.get(url).status_code == 200, name
    assert client.post(_routes(article, version)["revert"]).status_code == 302
    article.refresh_from_db()
    assert article.headline == "Before the edit"
    _, deleted = _deleted_story(user)
    assert client.get(reverse("admin:articles_article_recoverlist")).status_code == 200
    recover = reverse("admin:articles_article_recover", args=[deleted.pk])
    assert client.get(recover).status_code == 200
    assert client.post(recover).status_code == 302
