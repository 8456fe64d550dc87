"""A role applies on the publications a user is given: an Editor of one site neither sees nor
changes another site's stories, by the list, the form, a bulk action, a direct POST, a
service call or the preview at the story's address. Administrators work on every site; staff
given no publication work on the default one, as a single-site install always did."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import services
from articles.models import Article, Section, Transition
from publications.models import Publication, default_publication
from tests.conftest import member
from tests.desk.forms import form_data
from tests.factories import ArticleFactory, DraftFactory

pytestmark = pytest.mark.django_db

A_HOST, B_HOST = "a.example.com", "b.example.com"
CHANGELIST = reverse("admin:articles_article_changelist")


@pytest.fixture
def site_a(db):
    return Publication.objects.create(name="Capitol Wire", domain=A_HOST)


@pytest.fixture
def site_b(db):
    return Publication.objects.create(name="Bayside Ledger", domain=B_HOST)


@pytest.fixture
def editor_a(site_a):
    user = member("Editor", "a-editor")
    site_a.members.add(user)
    return user


@pytest.fixture
def editor_b(site_b):
    user = member("Editor", "b-editor")
    site_b.members.add(user)
    return user


def section_of(publication, name="State"):
    return Section.objects.create(publication=publication, name=name, slug=name.lower())


@pytest.fixture
def draft_a(site_a, editor_a):
    return DraftFactory(
        headline="Capitol budget leak canary",
        slug="capitol-budget-leak",
        publication=site_a,
        section=section_of(site_a),
        created_by=editor_a,
    )


@pytest.fixture
def draft_b(site_b, editor_b):
    return DraftFactory(
        headline="Bayside ferry schedule",
        slug="bayside-ferry-schedule",
        publication=site_b,
        section=section_of(site_b),
        created_by=editor_b,
    )


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


# --- an Editor of B and A's draft ------------------------------------------------------------


def test_the_story_list_of_b_does_not_list_as_draft(editor_b, draft_a, draft_b):
    page = signed_in(editor_b).get(CHANGELIST).content.decode()
    assert "Bayside ferry schedule" in page
    assert "Capitol budget leak canary" not in page


def test_the_change_view_of_as_draft_is_not_found_by_its_url(editor_b, draft_a):
    response = signed_in(editor_b).get(change_url(draft_a))
    assert response.status_code == 404
    assert "Capitol budget leak canary" not in response.content.decode()


def test_a_post_to_the_change_view_is_refused_and_changes_nothing(editor_a, editor_b, draft_a):
    # The form exactly as A's editor would post it, with Publish now pressed.
    data = form_data(signed_in(editor_a).get(change_url(draft_a)))
    data.update(headline="Rewritten by another site", _publish_now="Publish now")
    response = signed_in(editor_b).post(change_url(draft_a), data)
    assert response.status_code == 404
    draft_a.refresh_from_db()
    assert draft_a.headline == "Capitol budget leak canary"
    assert draft_a.status == Article.Status.DRAFT
    assert not Transition.objects.filter(article=draft_a).exists()


def test_a_bulk_publish_with_as_id_in_the_post_publishes_nothing_of_a(editor_b, draft_a, draft_b):
    signed_in(editor_b).post(
        CHANGELIST, {"action": "publish_now", "_selected_action": [draft_a.pk, draft_b.pk]}
    )
    draft_a.refresh_from_db()
    draft_b.refresh_from_db()
    assert draft_a.status == Article.Status.DRAFT
    assert not Transition.objects.filter(article=draft_a).exists()
    assert draft_b.is_public  # its own story went out


def test_a_bulk_action_with_only_as_id_publishes_nothing(editor_b, draft_a):
    signed_in(editor_b).post(
        CHANGELIST, {"action": "publish_now", "_selected_action": [draft_a.pk]}
    )
    draft_a.refresh_from_db()
    assert draft_a.status == Article.Status.DRAFT


WORKFLOW_CALLS = {
    "publish": lambda story, user: services.article_publish(article=story, user=user),
    "schedule": lambda story, user: services.article_schedule(
        article=story, user=user, at=timezone.now() + dt.timedelta(days=1)
    ),
    "submit": lambda story, user: services.article_submit(article=story, user=user),
    "archive": lambda story, user: services.article_archive(article=story, user=user),
    "correct": lambda story, user: services.article_add_correction(
        article=story, user=user, text="A correction from elsewhere."
    ),
}


@pytest.mark.parametrize("call", sorted(WORKFLOW_CALLS))
def test_the_workflow_services_refuse_another_publications_story(editor_b, draft_a, call):
    with pytest.raises(PermissionDenied, match="Capitol Wire"):
        WORKFLOW_CALLS[call](draft_a, editor_b)
    draft_a.refresh_from_db()
    assert draft_a.status == Article.Status.DRAFT
    assert not Transition.objects.filter(article=draft_a).exists()


def test_unpublishing_a_live_story_of_a_is_refused(editor_b, site_a):
    live = ArticleFactory(publication=site_a, section=section_of(site_a))
    with pytest.raises(PermissionDenied):
        services.article_unpublish(article=live, user=editor_b)
    live.refresh_from_db()
    assert live.is_public


def test_reverting_as_story_is_refused_by_the_service_and_the_view(editor_a, editor_b, draft_a):
    services.article_submit(article=draft_a, user=editor_a)  # makes a revision
    version = Version.objects.get_for_object(draft_a).first()
    with pytest.raises(PermissionDenied):
        services.article_revert(article=draft_a, version=version, user=editor_b)
    url = reverse("admin:articles_article_revision", args=[draft_a.pk, version.pk])
    assert signed_in(editor_b).post(url).status_code == 404


def test_a_deleted_story_of_a_is_neither_listed_nor_recovered_by_bs_editor(
    editor_a, editor_b, draft_a
):
    import reversion

    with reversion.create_revision():
        draft_a.save()
    version = Version.objects.get_for_object(draft_a).get()
    draft_a.delete()
    recover_list = reverse("admin:articles_article_recoverlist")
    assert (
        "Capitol budget leak canary" not in signed_in(editor_b).get(recover_list).content.decode()
    )
    recover = reverse("admin:articles_article_recover", args=[version.pk])
    assert signed_in(editor_b).post(recover).status_code == 404
    with pytest.raises(PermissionDenied):
        services.article_recover(version=version, user=editor_b)
    assert not Article.objects.exists()

    assert signed_in(editor_a).post(recover).status_code == 302
    assert Article.objects.get().publication.domain == A_HOST


def test_the_staff_preview_at_as_address_is_a_404_for_bs_editor(editor_a, editor_b, draft_a):
    url = draft_a.get_absolute_url()
    refused = signed_in(editor_b).get(url, HTTP_HOST=A_HOST)
    assert refused.status_code == 404
    assert "Capitol budget leak canary" not in refused.content.decode()
    shown = signed_in(editor_a).get(url, HTTP_HOST=A_HOST)
    assert shown.status_code == 200
    assert "Capitol budget leak canary" in shown.content.decode()


def test_revoking_as_preview_links_is_refused(editor_b, draft_a):
    nonce = draft_a.preview_nonce
    response = signed_in(editor_b).post(reverse("articles:preview-revoke", args=[draft_a.pk]))
    assert response.status_code == 403
    draft_a.refresh_from_db()
    assert draft_a.preview_nonce == nonce


def test_the_desk_of_b_counts_only_bs_stories(editor_a, editor_b, draft_a, draft_b):
    services.article_submit(article=draft_a, user=editor_a)
    page = signed_in(editor_b).get(reverse("admin:index")).content.decode()
    assert "Capitol budget leak canary" not in page
    assert "Your publications:" in page and "Bayside Ledger" in page
    assert "No story is waiting for review." in page
    mine = signed_in(editor_a).get(reverse("admin:index")).content.decode()
    assert "Capitol budget leak canary" in mine


# --- the story form --------------------------------------------------------------------------


def test_a_new_story_starts_on_the_site_the_desk_is_open_on(editor_a, site_a, site_b):
    """An editor of both sites opens the add form on B's address: the story's home is B
    (not the first of their publications by name)."""
    site_b.members.add(editor_a)
    for host, expected in ((B_HOST, site_b), (A_HOST, site_a)):
        page = signed_in(editor_a).get(reverse("admin:articles_article_add"), HTTP_HOST=host)
        assert page.context["adminform"].form.initial["publication"] == expected.pk, host


def test_the_story_form_offers_the_users_publications_and_their_sections(editor_b, site_a, site_b):
    section_of(site_a, "Statehouse")
    section_of(site_b, "Waterfront")
    page = signed_in(editor_b).get(reverse("admin:articles_article_add"))
    assert f'data-publication="{site_b.pk}"' in page.content.decode()
    assert "desk/sections_by_publication.js" in page.content.decode()
    form = page.context["adminform"]
    homes = list(form.form.fields["publication"].queryset)
    assert homes == [site_b]
    assert form.form.initial["publication"] == site_b.pk
    sections = [s.name for s in form.form.fields["section"].queryset]
    assert sections == ["Waterfront"]
    shared = set(form.form.fields["shared_with"].queryset)
    assert {site_a, site_b} <= shared


def test_a_section_of_another_publication_is_a_form_error(editor_a, site_a, site_b):
    site_b.members.add(editor_a)  # works on both, so both are offered
    client = signed_in(editor_a)
    data = form_data(client.get(reverse("admin:articles_article_add")))
    data.update(
        headline="Ferry fares rise",
        slug="ferry-fares-rise",
        body="<p>Fares rise in May.</p>",
        publication=str(site_a.pk),
        section=str(section_of(site_b, "Waterfront").pk),
    )
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    assert "is a section of Bayside Ledger" in response.content.decode()
    assert not Article.objects.filter(slug="ferry-fares-rise").exists()


def test_a_new_story_is_at_home_where_chosen_and_shared_where_asked(editor_b, site_a, site_b):
    client = signed_in(editor_b)
    data = form_data(client.get(reverse("admin:articles_article_add")))
    data.update(
        headline="Ferry fares rise",
        slug="ferry-fares-rise",
        body="<p>Fares rise in May.</p>",
        section=str(section_of(site_b, "Waterfront").pk),
        shared_with=[str(site_a.pk)],
    )
    assert client.post(reverse("admin:articles_article_add"), data).status_code == 302
    story = Article.objects.get(slug="ferry-fares-rise")
    assert story.publication == site_b
    assert list(story.shared_with.all()) == [site_a]


def test_a_home_outside_the_users_publications_is_refused(editor_b, site_a):
    client = signed_in(editor_b)
    data = form_data(client.get(reverse("admin:articles_article_add")))
    data.update(
        headline="Planted story", slug="planted", body="<p>x</p>", publication=str(site_a.pk)
    )
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    assert not Article.objects.filter(slug="planted").exists()


def test_the_list_shows_and_filters_by_publication_for_those_on_several(
    editor_a, site_b, draft_a, draft_b
):
    single = signed_in(editor_a).get(CHANGELIST).context["cl"]
    assert "publication" not in single.list_display
    site_b.members.add(editor_a)
    client = signed_in(editor_a)
    both = client.get(CHANGELIST)
    assert "publication" in both.context["cl"].list_display
    only_b = client.get(CHANGELIST, {"publication": site_b.pk}).content.decode()
    assert "Bayside ferry schedule" in only_b
    assert "Capitol budget leak canary" not in only_b


def test_the_section_admin_lists_the_users_publications_sections(editor_b, site_a, site_b):
    section_of(site_a, "Statehouse")
    section_of(site_b, "Waterfront")
    page = signed_in(editor_b).get(reverse("admin:articles_section_changelist"))
    assert "Waterfront" in page.content.decode()
    assert "Statehouse" not in page.content.decode()


# --- Administrators, and staff given no publication ------------------------------------------


def test_an_administrator_sees_and_acts_on_both_sites(administrator, draft_a, draft_b):
    client = signed_in(administrator)
    listed = client.get(CHANGELIST)
    page = listed.content.decode()
    assert "Capitol budget leak canary" in page and "Bayside ferry schedule" in page
    assert "publication" in listed.context["cl"].list_display  # works on several
    assert client.get(change_url(draft_a)).status_code == 200
    client.post(CHANGELIST, {"action": "publish_now", "_selected_action": [draft_a.pk, draft_b.pk]})
    draft_a.refresh_from_db()
    draft_b.refresh_from_db()
    assert draft_a.is_public and draft_b.is_public


def test_an_editor_given_no_publication_works_on_the_default_one(editor_user, site_a, draft_a):
    home = DraftFactory(headline="Default site draft", slug="default-site-draft")
    assert home.publication == default_publication()
    client = signed_in(editor_user)
    page = client.get(CHANGELIST).content.decode()
    assert "Default site draft" in page
    assert "Capitol budget leak canary" not in page
    services.article_publish(article=home, user=editor_user)
    home.refresh_from_db()
    assert home.is_public
    with pytest.raises(PermissionDenied):
        services.article_publish(article=draft_a, user=editor_user)


def test_administrators_alone_manage_publications(administrator, editor_b):
    add = reverse("admin:publications_publication_add")
    assert signed_in(editor_b).get(add).status_code == 403
    response = signed_in(administrator).post(
        add,
        {
            "name": "Harbor Daily",
            "tagline": "",
            "domain": "harbor.example.com",
            "aliases": "",
            "time_zone": "America/Chicago",
            "robots_rules": "",
            "is_live": "on",
        },
    )
    assert response.status_code == 302
    # A row is a site: it answers on its host at once.
    assert Client().get("/", HTTP_HOST="harbor.example.com").status_code == 200
    listing = signed_in(administrator).get(reverse("admin:publications_publication_changelist"))
    assert "Harbor Daily" in listing.content.decode()
    default = reverse("admin:publications_publication_delete", args=[default_publication().pk])
    assert signed_in(administrator).get(default).status_code == 403
    assert "Publications" not in signed_in(editor_b).get(reverse("admin:index")).content.decode()


def test_the_suggestions_queue_quotes_no_sentence_of_as_draft(editor_a, editor_b, draft_a):
    from articles.models import ArticleOrganization, LinkSource
    from organizations.models import Organization, ReviewStatus

    found = Organization.objects.create(
        name="Capitol Budget Office", slug="capitol-budget-office", review_status="suggested"
    )
    ArticleOrganization.objects.create(
        article=draft_a,
        organization=found,
        source=LinkSource.AUTOMATIC,
        status=ReviewStatus.SUGGESTED,
        evidence={"field": "body", "sentence": "The Capitol Budget Office leak canary said."},
    )
    queue = reverse("admin:organizations_suggestedorganization_changelist")
    page = signed_in(editor_b).get(queue).content.decode()
    assert "Capitol Budget Office" in page  # the register is the network's
    assert "leak canary" not in page
    assert "leak canary" in signed_in(editor_a).get(queue).content.decode()


def test_the_wire_desk_of_b_lists_only_bs_sources_and_wire_stories(
    editor_b, site_a, site_b, draft_a
):
    from wire.models import Arrival, Source

    source_a = Source.objects.create(
        name="Capitol releases", feed_url="https://capitol.example.org/feed", publication=site_a
    )
    Source.objects.create(
        name="Bayside releases", feed_url="https://bayside.example.org/feed", publication=site_b
    )
    Arrival.objects.create(story=draft_a, source=source_a, item_key="r/1")
    client = signed_in(editor_b)
    sources = client.get(reverse("admin:wire_source_changelist")).content.decode()
    assert "Bayside releases" in sources and "Capitol releases" not in sources
    assert client.get(reverse("admin:wire_source_change", args=[source_a.pk])).status_code != 200
    queue = client.get(reverse("admin:wire_wirestory_changelist")).content.decode()
    assert "Capitol budget leak canary" not in queue


def test_a_preview_link_opened_on_another_host_goes_to_the_storys_own_publication(draft_a, site_b):
    """A link copied from the desk at one host shows the story under its own masthead."""
    from articles.preview import preview_url

    link = preview_url(draft_a)
    response = Client().get(link, HTTP_HOST=B_HOST)
    assert response.status_code == 302
    assert response["Location"] == f"http://{A_HOST}{link}"
    page = Client().get(link, HTTP_HOST=A_HOST)
    assert page.status_code == 200
    assert "Capitol budget leak canary" in page.content.decode()
    assert "Capitol Wire" in page.content.decode()
