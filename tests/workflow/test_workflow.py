import datetime as dt

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import services
from articles.models import Article, RetiredSlug, Transition
from articles.preview import preview_url
from tests.factories import ArticleFactory, DraftFactory, OrganizationFactory
from tests.site.test_admin import article_form

pytestmark = pytest.mark.django_db


def test_scheduled_story_appears_by_itself_at_its_time(client, editor_user, time_machine):
    article = DraftFactory(headline="Embargoed grant news")
    article.tags.add("grants")
    org = OrganizationFactory()
    article.organizations.add(org)
    go_live = timezone.now() + dt.timedelta(minutes=5)
    services.article_schedule(article=article, user=editor_user, at=go_live)
    pages = [
        "/",
        article.get_absolute_url(),
        article.section.get_absolute_url(),
        reverse("articles:tag", args=["grants"]),
        org.get_absolute_url(),
    ]

    for url in pages:
        assert "Embargoed grant news" not in client.get(url).content.decode(), url

    time_machine.move_to(go_live + dt.timedelta(seconds=1))
    for url in pages:
        assert "Embargoed grant news" in client.get(url).content.decode(), url
    transition = Transition.objects.get(article=article)
    assert transition.to_status == "published" and transition.published_at == go_live


def test_schedule_must_be_in_the_future(editor_user):
    with pytest.raises(services.TransitionError):
        services.article_schedule(
            article=DraftFactory(), user=editor_user, at=timezone.now() - dt.timedelta(minutes=1)
        )


def test_preview_link_shows_a_draft_without_login_until_published(client, editor_user):
    article = DraftFactory(headline="Preview me")
    url = preview_url(article)

    response = client.get(url)
    assert response.status_code == 200
    assert "Preview me" in response.content.decode()
    assert "This is a preview." in response.content.decode()
    assert "no-cache" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"

    services.article_publish(article=article, user=editor_user)
    assert client.get(url).status_code == 410


def test_preview_link_expires(client, settings, time_machine):
    settings.NEWSROOM_PREVIEW_MAX_AGE = 60
    url = preview_url(DraftFactory())
    time_machine.move_to(timezone.now() + dt.timedelta(seconds=61))
    assert client.get(url).status_code == 410


def test_tampered_preview_token_is_404(client):
    article = DraftFactory()
    token = signing.TimestampSigner(salt="wrong").sign_object({"article": article.pk})
    assert client.get(reverse("articles:preview", args=[token])).status_code == 404
    assert client.get(reverse("articles:preview", args=["garbage"])).status_code == 404


def test_every_admin_save_keeps_a_revision_with_its_tags(editor_client):
    article = ArticleFactory(headline="First headline")
    first_org, second_org = OrganizationFactory(), OrganizationFactory()
    url = reverse("admin:articles_article_change", args=[article.pk])

    def save(headline, org, token):
        data = article_form(
            headline=headline,
            slug=article.slug,
            section=str(article.section_id),
            edit_token=token,
            published_at_0="2024-01-01",
            published_at_1="10:00",
        )
        data.update(
            {
                "organization_links-TOTAL_FORMS": "1",
                "organization_links-0-organization": str(org.pk),
                "organization_links-0-source": "editor",
            }
        )
        existing = article.organization_links.first()
        if existing:
            data.update(
                {
                    "organization_links-INITIAL_FORMS": "1",
                    "organization_links-0-id": str(existing.pk),
                    "organization_links-0-article": str(article.pk),
                }
            )
        response = editor_client.post(url, data)
        assert response.status_code == 302
        article.refresh_from_db()

    save("Second headline", first_org, article.updated_at.isoformat())
    save("Third headline", second_org, article.updated_at.isoformat())

    versions = Version.objects.get_for_object(article)
    assert versions.count() == 2
    history = editor_client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert history.status_code == 200

    oldest = versions.last()
    revert_url = reverse("admin:articles_article_revision", args=[article.pk, oldest.pk])
    form_page = editor_client.get(revert_url)
    assert form_page.status_code == 200
    assert "Second headline" in form_page.content.decode()
    data = article_form(
        headline="Second headline",
        slug=article.slug,
        section=str(article.section_id),
        published_at_0="2024-01-01",
        published_at_1="10:00",
    )
    link = article.organization_links.get()
    data.update(
        {
            "organization_links-TOTAL_FORMS": "1",
            "organization_links-INITIAL_FORMS": "1",
            "organization_links-0-id": str(link.pk),
            "organization_links-0-article": str(article.pk),
            "organization_links-0-organization": str(first_org.pk),
            "organization_links-0-source": "editor",
        }
    )
    assert editor_client.post(revert_url, data).status_code == 302
    article.refresh_from_db()
    assert article.headline == "Second headline"
    assert list(article.organizations.all()) == [first_org]


def test_compare_two_revisions(editor_client, editor):
    import reversion

    article = ArticleFactory(headline="Old words")
    article.tags.add("alpha")
    with reversion.create_revision():
        reversion.set_user(editor)
        article.save()
    article.headline = "New words"
    article.tags.add("beta")
    with reversion.create_revision():
        reversion.set_user(editor)
        article.save()
    newer, older = Version.objects.get_for_object(article)[:2]
    response = editor_client.get(
        reverse("admin:articles_article_compare", args=[article.pk]),
        {"from": older.pk, "to": newer.pk},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Old words" in html and "New words" in html
    assert "beta" in html


def test_second_save_of_a_stale_form_is_refused_and_nothing_is_overwritten(editor_client):
    article = ArticleFactory(headline="Original")
    url = reverse("admin:articles_article_change", args=[article.pk])
    stale_token = article.updated_at.isoformat()
    common = {"slug": article.slug, "section": str(article.section_id), "edit_token": stale_token}

    first = editor_client.post(url, article_form(headline="First editor's text", **common))
    assert first.status_code == 302
    second = editor_client.post(url, article_form(headline="Second editor's text", **common))

    assert second.status_code == 200
    html = second.content.decode()
    assert "after you opened it" in html and "nothing was overwritten" in html
    assert f'href="{url}"' in html
    article.refresh_from_db()
    assert article.headline == "First editor's text"


def test_presence_warns_of_another_editor(client, editor_user, administrator):
    article = ArticleFactory()
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.force_login(editor_user)
    client.get(url)
    client.force_login(administrator)
    response = client.get(url)
    html = response.content.decode()
    # The admin capitalises the first letter of messages.
    assert "desk-editor is also editing this story." in html.lower()


def test_corrections_show_under_the_story_and_move_its_updated_time(client, editor_user):
    article = ArticleFactory()
    before = article.updated_at
    services.article_add_correction(
        article=article, user=editor_user, text="An earlier version misstated the grant total."
    )
    article.refresh_from_db()
    assert article.updated_at > before
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Corrections and updates" in html
    assert "An earlier version misstated the grant total." in html
    assert "Updated" in html


def test_renamed_published_story_redirects_from_its_old_url(client):
    article = ArticleFactory(slug="old-name")
    article.slug = "new-name"
    article.save()
    response = client.get("/articles/old-name/")
    assert response.status_code == 301
    assert response["Location"] == "/articles/new-name/"
    assert RetiredSlug.objects.filter(slug="old-name").exists()


def test_renamed_draft_does_not_keep_its_old_url(client):
    article = DraftFactory(slug="draft-name")
    article.slug = "draft-renamed"
    article.save()
    assert not RetiredSlug.objects.exists()


def test_old_slug_of_an_unpublished_story_is_404(client, editor_user):
    article = ArticleFactory(slug="was-live")
    article.slug = "now-elsewhere"
    article.save()
    services.article_unpublish(article=article, user=editor_user)
    assert client.get("/articles/was-live/").status_code == 404


def test_transitions_record_who_and_when(editor_user, contributor):
    article = DraftFactory(created_by=contributor)
    services.article_submit(article=article, user=contributor)
    services.article_publish(article=article, user=editor_user)
    services.article_unpublish(article=article, user=editor_user)
    moves = list(
        Transition.objects.filter(article=article)
        .order_by("at", "pk")
        .values_list("from_status", "to_status", "user__username")
    )
    assert moves == [
        ("draft", "review", "writer"),
        ("review", "published", "desk-editor"),
        ("published", "draft", "desk-editor"),
    ]
    assert Article.objects.get(pk=article.pk).status == "draft"
