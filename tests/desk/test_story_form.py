"""The story form, items 1, 2, 3, 5, 6, 8, 11 and 12 of issue #13 (items 4, 7, 9 and 10 have
files of their own; the browser tests drive the same paths in Chromium)."""

import datetime as dt

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleOrganization, ArticlePerson, LinkSource
from articles.sanitize import clean_body
from organizations.models import ReviewStatus
from tests.factories import (
    AffiliationFactory,
    ArticleFactory,
    DraftFactory,
    OrganizationAliasFactory,
    OrganizationFactory,
    PersonFactory,
    SectionFactory,
)

from .forms import form_data

pytestmark = pytest.mark.django_db

STORY = (
    "The Environmental Protection Agency (EPA) fined a refinery on Monday.\n\n"
    "A spokesman for the Coast Guard said patrols would continue.\n\n"
    "The fine is the largest this year."
)


@pytest.fixture
def agencies(db):
    epa = OrganizationFactory(
        name="Environmental Protection Agency", acronym="EPA", slug="environmental-protection"
    )
    guard = OrganizationFactory(name="United States Coast Guard", acronym="USCG", slug="uscg")
    OrganizationAliasFactory(organization=guard, name="Coast Guard")
    return epa, guard


def add_story(client, **fields):
    page = client.get(reverse("admin:articles_article_add"))
    data = form_data(page)
    data.update({"headline": "Refinery fined", "slug": "refinery-fined", "body": STORY})
    data.update(fields)
    return client.post(reverse("admin:articles_article_add"), data)


def change(client, article, **fields):
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url))
    data.update(fields)
    return client.post(url, data)


# --- 1. a real story editor ---------------------------------------------------------------


def test_the_body_is_a_rich_text_editor_from_static_files(editor_client):
    html = editor_client.get(reverse("admin:articles_article_add")).content.decode()
    assert "data-story-editor" in html
    assert '<script src="/static/desk/story_editor.js" type="module">' in html
    assert "django_prose_editor/editor.css" in html
    assert "cdn" not in html.lower()


def test_plain_text_with_blank_lines_becomes_paragraphs_in_the_form(editor_client, agencies):
    add_story(editor_client)
    body = Article.objects.get(slug="refinery-fined").body
    assert body.count("<p>") == 3 and body.startswith("<p>The Environmental Protection")


def test_plain_text_with_blank_lines_becomes_paragraphs_on_any_save(db):
    story = DraftFactory(body="First paragraph.\r\n\r\nSecond, with <em>emphasis</em>.\n \nThird.")
    assert (
        story.body == "<p>First paragraph.</p><p>Second, with <em>emphasis</em>.</p><p>Third.</p>"
    )
    assert clean_body(story.body) == story.body


# --- 2. tagging as you write --------------------------------------------------------------


def test_saving_a_story_fills_the_suggested_panel(editor_client, agencies):
    response = add_story(editor_client, _continue="1")
    article = Article.objects.get(slug="refinery-fined")
    found = set(
        ArticleOrganization.objects.filter(
            article=article, source=LinkSource.AUTOMATIC, reviewed_at__isnull=True
        ).values_list("organization__acronym", flat=True)
    )
    assert found == {"EPA", "USCG"}
    page = editor_client.get(response.url).content.decode()
    assert 'data-name="Environmental Protection Agency"' in page
    assert 'data-name="United States Coast Guard"' in page
    assert '<mark class="found found-waiting">Coast Guard</mark>' in page
    # Names the register already has are in the boxes at once: the panel says so.
    assert page.count("Shown to readers.") == 2 and "Not shown until accepted" not in page
    assert 'aria-label="Remove United States Coast Guard"' in page


def test_find_organizations_and_people_saves_and_stays_on_the_story(editor_client, agencies):
    article = DraftFactory(headline="Patrols", body="<p>Nothing named yet.</p>")
    change(editor_client, article, body="<p>The Coast Guard will patrol.</p>")
    response = change(editor_client, article, _find_names="1")
    assert response.url == reverse("admin:articles_article_change", args=[article.pk])
    assert article.organization_links.filter(organization__acronym="USCG").exists()


# --- 3. Accept and Reject never lose unsaved edits ------------------------------------------


def test_accept_saves_the_typed_dek_and_records_the_decision(editor_client, agencies):
    add_story(editor_client)
    article = Article.objects.get(slug="refinery-fined")
    link = article.organization_links.get(organization__acronym="USCG")
    response = change(
        editor_client,
        article,
        dek="Typed before accepting",
        _tag_decision=f"organization:{link.pk}:accept",
    )
    assert response.status_code == 302
    article.refresh_from_db()
    link.refresh_from_db()
    assert article.dek == "Typed before accepting"
    assert link.reviewed_at is not None and link.status == ReviewStatus.ACCEPTED


def test_reject_saves_the_typed_headline_and_the_rejection_sticks(editor_client, agencies):
    add_story(editor_client)
    article = Article.objects.get(slug="refinery-fined")
    link = article.organization_links.get(organization__acronym="EPA")
    change(
        editor_client,
        article,
        headline="Refinery fined again",
        _tag_decision=f"organization:{link.pk}:reject",
    )
    article.refresh_from_db()
    assert article.headline == "Refinery fined again"
    change(editor_client, article)  # tagging runs again on save
    link.refresh_from_db()
    assert link.status == ReviewStatus.REJECTED


# --- 5. the title given in the story wins on the reader page -------------------------------


def test_the_typed_title_wins_and_the_register_role_is_the_fallback(client, db):
    agency = OrganizationFactory(name="Harbor Authority", slug="harbor-authority")
    named = PersonFactory(name="Dana Reyes", slug="dana-reyes")
    plain = PersonFactory(name="Lee Marsh", slug="lee-marsh")
    AffiliationFactory(person=named, organization=agency, title="Regional Director")
    AffiliationFactory(person=plain, organization=agency, title="Harbor Master")
    story = ArticleFactory(headline="Harbor reopens")
    ArticlePerson.objects.create(article=story, person=named, title="EPA Administrator")
    ArticlePerson.objects.create(article=story, person=plain, position=1)
    page = client.get(story.get_absolute_url()).content.decode()
    assert 'Dana Reyes</a><span class="role">, EPA Administrator</span>' in page
    assert "Regional Director" not in page
    assert 'Lee Marsh</a><span class="role">, Harbor Master</span>' in page


# --- 6. boxes arranged without typing position numbers --------------------------------------


def test_box_positions_are_hidden_and_follow_the_order_posted(editor_client, agencies):
    epa, guard = agencies
    story = DraftFactory(headline="Order", body="<p>No names.</p>")
    ArticleOrganization.objects.create(article=story, organization=epa, position=0)
    ArticleOrganization.objects.create(article=story, organization=guard, position=1)
    url = reverse("admin:articles_article_change", args=[story.pk])
    page = editor_client.get(url)
    html = page.content.decode()
    assert 'type="hidden" name="organization_links-0-position"' in html
    assert "desk/boxes.js" in html
    data = form_data(page)
    # What boxes.js posts after the second row was dragged above the first.
    data["organization_links-0-position"], data["organization_links-1-position"] = "1", "0"
    editor_client.post(url, data)
    order = list(story.organization_links.values_list("organization__acronym", flat=True))
    assert order == ["USCG", "EPA"]


# --- 8. states as editors think of them -----------------------------------------------------


def test_a_scheduled_story_shows_as_scheduled_in_the_list_filter_and_form(editor_client):
    soon = timezone.now() + dt.timedelta(days=200)
    scheduled = ArticleFactory(headline="Goes live in June", published_at=soon)
    ArticleFactory(headline="Already out")
    changelist = reverse("admin:articles_article_changelist")
    listing = editor_client.get(changelist).content.decode()
    assert "Scheduled for" in listing
    only = editor_client.get(changelist, {"state": "scheduled"})
    assert [a.headline for a in only.context["cl"].result_list] == ["Goes live in June"]
    published = editor_client.get(changelist, {"state": "published"})
    assert [a.headline for a in published.context["cl"].result_list] == ["Already out"]
    form = editor_client.get(reverse("admin:articles_article_change", args=[scheduled.pk]))
    assert "State: <strong>Scheduled for" in form.content.decode()


def test_scheduling_says_when_in_one_sentence(editor_client):
    story = DraftFactory(headline="Morning story", body="<p>Text.</p>")
    day = timezone.localdate() + dt.timedelta(days=3)
    response = change(
        editor_client,
        story,
        published_at_0=day.isoformat(),
        published_at_1="09:00:00",
        _schedule="1",
    )
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert said == [f"Scheduled for {day:%b} {day.day}, {day.year}, 9:00 a.m."], said


def test_a_live_story_is_not_taken_off_the_site_by_a_future_time_and_save(editor_client, client):
    story = ArticleFactory(headline="Live story", slug="live-story")
    later = timezone.localtime(timezone.now() + dt.timedelta(days=40))
    response = change(
        editor_client,
        story,
        published_at_0=later.date().isoformat(),
        published_at_1="09:00:00",
    )
    html = response.content.decode()
    assert "This story is live: a publication time in the future" in html
    # The panel says what is stored, not what the refused form asked for.
    assert response.context["state_label"].startswith("Published")
    assert 'name="_publish_now"' not in html and 'name="_unpublish"' in html
    story.refresh_from_db()
    assert story.is_public
    assert client.get("/articles/live-story/").status_code == 200


def test_publishing_buttons_go_through_the_workflow(editor_client):
    story = DraftFactory(headline="Button story", body="<p>Text.</p>")
    at = timezone.localtime(timezone.now() + dt.timedelta(days=3)).replace(microsecond=0)
    change(
        editor_client,
        story,
        published_at_0=at.date().isoformat(),
        published_at_1=at.time().isoformat(),
        _schedule="1",
    )
    story.refresh_from_db()
    assert story.is_scheduled and story.transitions.first().note.startswith("Scheduled")
    change(editor_client, story, _publish_now="1")
    story.refresh_from_db()
    assert story.is_public
    change(editor_client, story, _unpublish="1")
    story.refresh_from_db()
    assert story.status == Article.Status.DRAFT


def test_buttons_shown_are_only_those_the_user_may_use(contributor, editor_client):
    from django.test import Client

    client = Client()
    client.force_login(contributor)
    mine = client.get(reverse("admin:articles_article_add")).content.decode()
    assert 'name="_submit_for_review"' in mine
    assert 'name="_publish_now"' not in mine and 'name="_schedule"' not in mine
    editors = editor_client.get(reverse("admin:articles_article_add")).content.decode()
    assert 'name="_publish_now"' in editors and 'name="_archive"' not in editors


# --- 11. readable history ------------------------------------------------------------------


def test_history_names_only_the_fields_that_changed(editor_client):
    story = DraftFactory(headline="Quiet save", body="<p>One.</p>\n<p>Two.</p>")
    # A browser posts a textarea's lines with CRLF; the stored body does not change.
    change(editor_client, story, dek="A new dek", body="<p>One.</p>\r\n<p>Two.</p>")
    entry = LogEntry.objects.filter(object_id=str(story.pk)).latest("action_time")
    assert "Dek" in entry.get_change_message()
    assert "Body" not in entry.get_change_message()


def test_compare_shows_a_word_level_diff_of_the_body(editor_client):
    story = DraftFactory(headline="Diff", body="<p>The council met on Monday evening.</p>")
    change(editor_client, story, dek="First save")
    change(editor_client, story, body="<p>The council met on Tuesday evening.</p>")
    html = editor_client.get(
        reverse("admin:articles_article_compare", args=[story.pk])
    ).content.decode()
    assert "<del>Monday</del><ins>Tuesday</ins>" in html
    assert "difflib" not in html and 'class="diff"' not in html


# --- 12. contributors submit from the add form ---------------------------------------------


def test_a_contributor_submits_a_new_story_for_review(client, contributor):
    SectionFactory()
    client.force_login(contributor)
    response = add_story(client, _submit_for_review="1")
    article = Article.objects.get(slug="refinery-fined")
    assert response.status_code == 302
    assert article.status == Article.Status.REVIEW and article.created_by == contributor
