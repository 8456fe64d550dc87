import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, ArticleOrganization, ArticlePerson
from organizations.models import Organization, OrganizationRedirect
from organizations.selectors import often_with
from organizations.services import merge_organizations
from people.models import Person
from publications.models import default_publication
from tagging.services import StoryTagger
from tests.factories import ArticleFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "blinken-migration.txt"

# A short story of our own, in the dump format.
SPECIMEN = """Jpg harbor
A pilot boat at dawn | Example Photo Desk

Coast Guard and border agency rehearse port emergency

Security

ORGANIZATIONS IN THIS STORY

The U.S. Coast Guard (USCG) and U.S. Customs and Border Protection (CBP) ran a two-day drill at the Port of Tacoma this week, testing how quickly cargo screening could resume after a simulated chemical spill.

Rear Admiral Dana Okafor, who led the exercise, said crews from both agencies cleared the mock spill in under six hours. The Office of Harbor Readiness (OHR), a small planning unit, wrote the scenario.

Okafor said the USCG will publish its findings next month.

ORGANIZATIONS IN THIS STORY
"""


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*map(str, args), stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


@pytest.fixture
def register():
    run("load_starter_register")


def dump(tmp_path, text=SPECIMEN, name="drill.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_known_mode_tags_registered_agencies_with_source_automatic(tmp_path, register):
    run("import_articles", dump(tmp_path), "--status", "published")
    article = Article.objects.get()
    links = {
        link.organization.acronym: link
        for link in article.organization_links.select_related("organization")
    }
    assert {"USCG", "CBP"} <= set(links)
    assert all(link.source == "automatic" and link.status == "accepted" for link in links.values())
    assert links["CBP"].evidence["sentence"].startswith("The U.S. Coast Guard (USCG)")
    assert "OHR" not in links  # unknown organizations are only suggested in discover mode
    assert not Person.objects.filter(name__contains="Okafor").exists()


def test_discover_mode_suggests_new_entities_that_readers_do_not_see(client, tmp_path, register):
    run("import_articles", dump(tmp_path), "--status", "published", "--autotag", "discover")
    article = Article.objects.get()
    person = Person.objects.get(name="Dana Okafor")
    office = Organization.objects.get(acronym="OHR")
    assert person.review_status == office.review_status == "suggested"
    assert ArticlePerson.objects.get(article=article, person=person).status == "suggested"
    html = client.get(article.get_absolute_url()).content.decode()
    boxes = html[html.index('<aside class="in-this-story"') :]
    assert "Dana Okafor" not in boxes
    assert "Office of Harbor Readiness" not in boxes
    assert "U.S. Coast Guard" in boxes
    assert client.get(person.get_absolute_url()).status_code == 404


@pytest.mark.skipif(not SAMPLE.exists(), reason="the shared sample is not beside the project")
def test_shared_sample_acceptance(tmp_path, register):
    run("import_articles", SAMPLE, "--autotag", "discover")
    article = Article.objects.get()
    tagged = set(article.organization_links.values_list("organization__acronym", flat=True))
    assert {"DOS", "CBP", "USAID"} <= tagged
    suggested = set(
        ArticlePerson.objects.filter(article=article, status="suggested").values_list(
            "person__name", flat=True
        )
    )
    for surname in (
        "Blinken",
        "Barcena",
        "Martinez",
        "Monaco",
        "Mayorkas",
        "Sherwood-Randall",
        "Verma",
        "Coleman",
        "Arévalo",
    ):
        assert any(surname in name for name in suggested), surname
    new_orgs = Organization.objects.filter(review_status="suggested")
    places = {"Guatemala", "Mexico", "Washington", "U.S.", "United States", "Migration Ministerial"}
    assert not any(org.name in places for org in new_orgs)
    assert not any(name in places for name in suggested)
    assert all(len(name.split()) >= 2 for name in suggested)


def review(editor_client, link, decision):
    kind = "organization" if isinstance(link, ArticleOrganization) else "person"
    url = reverse(
        "admin:articles_article_review_tag", args=[link.article_id, kind, link.pk, decision]
    )
    return editor_client.post(url)


def test_accepting_a_suggestion_shows_it_to_readers(client, editor_client, tmp_path, register):
    run("import_articles", dump(tmp_path), "--status", "published", "--autotag", "discover")
    link = ArticlePerson.objects.get(person__name="Dana Okafor")
    panel = editor_client.get(
        reverse("admin:articles_article_change", args=[link.article_id])
    ).content.decode()
    assert "Suggested by automatic tagging" in panel and "Dana Okafor" in panel
    response = review(editor_client, link, "accept")
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.status == "accepted" and link.person.review_status == "accepted"
    html = client.get(link.article.get_absolute_url()).content.decode()
    assert "Dana Okafor" in html[html.index('<aside class="in-this-story"') :]


def test_rejection_sticks_when_tagging_runs_again(editor_client, tmp_path, register):
    run("import_articles", dump(tmp_path), "--status", "published")
    link = ArticleOrganization.objects.get(organization__acronym="CBP")
    review(editor_client, link, "reject")
    out = run("retag")
    link.refresh_from_db()
    assert link.status == "rejected"
    assert "add organization U.S. Customs and Border Protection" not in out


def test_retag_never_undoes_editors_choices_and_reports(tmp_path, register):
    run("import_articles", dump(tmp_path), "--status", "published")
    article = Article.objects.get()
    editors_pick = OrganizationFactory(name="Port of Tacoma Authority")
    article.organizations.add(editors_pick, through_defaults={"source": "editor"})
    # An automatic tag that no longer matches the text goes; the editor's stays.
    stale = OrganizationFactory(name="Long Gone Bureau")
    ArticleOrganization.objects.create(article=article, organization=stale, source="automatic")
    out = run("retag", "--dry-run")
    assert "would remove organization Long Gone Bureau" in out
    assert ArticleOrganization.objects.filter(organization=stale).exists()
    run("retag")
    assert not ArticleOrganization.objects.filter(organization=stale).exists()
    assert ArticleOrganization.objects.filter(organization=editors_pick).exists()


def test_review_queue_accepts_in_bulk(editor_client, tmp_path, register):
    run("import_articles", dump(tmp_path), "--status", "published", "--autotag", "discover")
    person = Person.objects.get(name="Dana Okafor")
    queue = editor_client.get(reverse("admin:people_suggestedperson_changelist"))
    assert "Dana Okafor" in queue.content.decode()
    editor_client.post(
        reverse("admin:people_suggestedperson_changelist"),
        {"action": "accept_suggestions", "_selected_action": [person.pk]},
    )
    person.refresh_from_db()
    assert person.review_status == "accepted"
    assert ArticlePerson.objects.get(person=person).status == "accepted"


def test_merge_moves_tags_keeps_names_and_redirects(client, editor_client):
    keep = OrganizationFactory(name="Bureau of Example Statistics", acronym="BES", slug="bes")
    dupe = OrganizationFactory(name="Example Statistics Bureau", acronym="ESB", slug="esb")
    story = ArticleFactory(headline="Jobs figures out")
    story.organizations.add(dupe)
    both = ArticleFactory(headline="Both named")
    both.organizations.add(keep, dupe)

    response = editor_client.post(
        reverse("admin:organizations_organization_changelist"),
        {
            "action": "merge_selected",
            "_selected_action": [keep.pk, dupe.pk],
            "merge_into": keep.pk,
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not Organization.objects.filter(pk=dupe.pk).exists()
    assert list(story.organizations.all()) == [keep]
    assert list(both.organizations.all()) == [keep]
    assert set(keep.aliases.values_list("name", flat=True)) == {"Example Statistics Bureau", "ESB"}
    assert OrganizationRedirect.objects.get(old_slug="esb").organization == keep
    moved = client.get("/organizations/esb/")
    assert moved.status_code == 301 and moved["Location"] == keep.get_absolute_url()


def test_merged_name_is_found_by_tagging_afterwards(tmp_path):
    keep = OrganizationFactory(name="Bureau of Example Statistics", acronym="BES")
    dupe = OrganizationFactory(name="Example Statistics Bureau")
    merge_organizations(target=keep, others=[dupe])
    story = ArticleFactory(body="<p>The Example Statistics Bureau released figures.</p>")
    StoryTagger("known").tag(story)
    assert list(story.organizations.all()) == [keep]


def test_often_in_stories_with(client):
    a, b, c = (OrganizationFactory(name=n) for n in ("Alpha Office", "Beta Office", "Gamma Office"))
    person = PersonFactory(name="Riley Often")
    for _ in range(3):
        story = ArticleFactory()
        story.organizations.add(a, b)
        story.people.add(person)
    story = ArticleFactory()
    story.organizations.add(a, c)
    orgs, people = often_with(a, default_publication())
    assert [o["organization__name"] for o in orgs] == ["Beta Office", "Gamma Office"]
    assert [p["person__name"] for p in people] == ["Riley Often"]
    html = client.get(a.get_absolute_url()).content.decode()
    assert "Often in stories with" in html and "Beta Office" in html


def test_export_carries_suggestions_and_round_trips(tmp_path, register):
    run("import_articles", dump(tmp_path), "--status", "published", "--autotag", "discover")
    first = run("export_articles")
    (story,) = [json.loads(line) for line in first.splitlines()]
    kinds = {(s["kind"], s["name"], s["status"]) for s in story["suggestions"]}
    assert ("person", "Dana Okafor", "suggested") in kinds
    assert all(
        set(s) == {"kind", "name", "acronym", "title", "status", "confidence"}
        for s in story["suggestions"]
    )


def test_tagging_an_import_costs_the_same_queries_for_three_stories_or_twelve(tmp_path, register):
    """A batch of new stories is tagged together: their present tags read in one query per
    kind, the new ones written in one insert per kind, their search data in one refresh."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for size in (3, 12):
        folder = tmp_path / f"batch-{size}"
        folder.mkdir()
        for number in range(size):
            text = SPECIMEN.replace("port emergency", f"port emergency number {number}")
            dump(folder, text, f"drill-{number}.txt")
        with CaptureQueriesContext(connection) as queries:
            run("import_articles", folder, "--status", "published", "--autotag", "known")
        counts[size] = len(queries)
        assert Article.objects.count() == size
        assert ArticleOrganization.objects.filter(source="automatic").count() >= 2 * size
        Article.objects.all().delete()
    assert counts[12] <= counts[3], counts  # the first run also creates the section


def test_a_story_listed_twice_in_one_batch_is_tagged_once(tmp_path, register):
    run("import_articles", dump(tmp_path), "--status", "published", "--autotag", "off")
    article = Article.objects.get()
    first, second = StoryTagger("known").tag_many([article, article])
    assert {change.name for change in first.added} >= {
        "U.S. Coast Guard",
        "U.S. Customs and Border Protection",
    }
    assert second.changes == []
    assert article.organization_links.filter(source="automatic").count() == len(first.added)
