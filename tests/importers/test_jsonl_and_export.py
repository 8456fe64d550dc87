import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from articles.models import Article, ArticleOrganization
from organizations.models import Organization
from people.models import Person
from tests.factories import ArticleFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def story(**overrides):
    data = {
        "id": "wire:1001",
        "source_url": "https://example.org/wire/1001",
        "slug": "port-inspections-resume",
        "headline": "Port inspections resume after software fix",
        "dek": "Cargo had waited two days.",
        "section": "Security",
        "byline": "Wire Desk",
        "dateline": "LONG BEACH",
        "published_at": "2026-11-20T14:00:00+00:00",
        "status": "published",
        "body": "<p>Inspectors went back to work on Monday.</p>",
        "image": None,
        "tags": ["ports", "cargo"],
        "organizations": [
            {"name": "Example Customs Service", "slug": "", "acronym": "ECS", "source": "import"}
        ],
        "people": [
            {"name": "Pat Harbor", "slug": "", "title": "Port Director", "source": "import"}
        ],
        "flags": [],
    }
    data.update(overrides)
    return data


def write_jsonl(tmp_path, *stories, name="stories.jsonl"):
    path = tmp_path / name
    path.write_text("".join(json.dumps(s) + "\n" for s in stories), encoding="utf-8")
    return path


def run_import(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_articles", *map(str, args), stdout=out, stderr=err)
        code = 0
    except CommandError:
        code = 1
    return code, out.getvalue(), err.getvalue()


def test_jsonl_story_imports_with_boxes_and_tags(tmp_path):
    code, out, _ = run_import(write_jsonl(tmp_path, story()))

    assert code == 0
    assert "1 created, 0 updated, 0 unchanged, 0 failed" in out
    article = Article.objects.get()
    assert article.headline == "Port inspections resume after software fix"
    assert article.section.name == "Security"
    assert article.is_public
    org = Organization.objects.get(name="Example Customs Service")
    assert org.acronym == "ECS"
    link = article.person_links.get()
    assert link.person.name == "Pat Harbor" and link.title == "Port Director"
    assert sorted(t.name for t in article.tags.all()) == ["cargo", "ports"]


def test_second_import_creates_nothing(tmp_path):
    path = write_jsonl(tmp_path, story(), story(id="wire:1002", slug="", headline="Other"))
    run_import(path)
    counts = (Article.objects.count(), Organization.objects.count(), Person.objects.count())

    code, out, _ = run_import(path)

    assert code == 0
    assert "0 created, 0 updated, 2 unchanged, 0 failed" in out
    assert (Article.objects.count(), Organization.objects.count(), Person.objects.count()) == counts


def test_edited_source_updates_its_story(tmp_path):
    run_import(write_jsonl(tmp_path, story()))
    code, out, _ = run_import(
        write_jsonl(tmp_path, story(body="<p>Corrected text.</p>", tags=["ports"]))
    )
    assert "0 created, 1 updated" in out
    article = Article.objects.get()
    assert article.body == "<p>Corrected text.</p>"
    assert [t.name for t in article.tags.all()] == ["ports"]


def test_same_headline_different_stories_both_import(tmp_path):
    path = write_jsonl(
        tmp_path,
        story(id="a", slug=""),
        story(id="b", slug="", body="<p>A different story.</p>"),
    )
    run_import(path)
    slugs = sorted(Article.objects.values_list("slug", flat=True))
    assert slugs == ["port-inspections-resume-after-software-fix"] * 1 + [
        "port-inspections-resume-after-software-fix-2"
    ]


def test_bad_lines_are_reported_with_line_numbers_and_the_rest_import(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        json.dumps(story(id="ok-1", slug=""))
        + "\n"
        + '{"headline": "cut off in the midd\n'
        + json.dumps(story(id="bad-status", status="live"))
        + "\n"
        + json.dumps(story(id="no-headline", headline=""))
        + "\n"
        + "[1, 2]\n"
        + json.dumps(story(id="ok-2", slug="", headline="Second good one"))
        + "\n",
        encoding="utf-8",
    )
    code, out, err = run_import(path)
    assert code == 1
    assert "2 created, 0 updated, 0 unchanged, 4 failed" in out
    assert f"{path}:2: not valid JSON" in err
    assert f"{path}:3: status must be one of" in err
    assert f"{path}:4: headline is required" in err
    assert f"{path}:5: each line must be a JSON object" in err
    assert Article.objects.count() == 2


def test_failed_story_leaves_no_partial_rows(tmp_path, monkeypatch):
    from articles.importers import writer

    def explode(self, names):
        raise ValueError("tag table on fire")

    monkeypatch.setattr(writer.StoryWriter, "_tag_ids", explode)
    code, _, err = run_import(write_jsonl(tmp_path, story()))
    assert code == 1
    assert "tag table on fire" in err
    assert Article.objects.count() == 0
    assert Organization.objects.count() == 0
    assert Person.objects.count() == 0
    assert ArticleOrganization.objects.count() == 0


def test_one_bad_story_in_a_batch_fails_alone_and_the_others_import(tmp_path, monkeypatch):
    from articles.importers import writer

    original = writer.StoryWriter._tag_ids

    def poisoned(self, names):
        if "poison" in names:
            raise ValueError("this story's tags cannot be stored")
        return original(self, names)

    monkeypatch.setattr(writer.StoryWriter, "_tag_ids", poisoned)
    path = write_jsonl(
        tmp_path,
        story(id="first", slug="", headline="First good story"),
        story(
            id="bad",
            slug="",
            headline="Bad story",
            tags=["poison"],
            organizations=[{"name": "Only In The Bad Story Office"}],
        ),
        story(id="last", slug="", headline="Last good story"),
    )
    code, out, err = run_import(path)
    assert code == 1
    assert "2 created, 0 updated, 0 unchanged, 1 failed" in out
    assert f"{path}:2: not stored: this story's tags cannot be stored" in err
    assert sorted(Article.objects.values_list("headline", flat=True)) == [
        "First good story",
        "Last good story",
    ]
    assert not Organization.objects.filter(name="Only In The Bad Story Office").exists()


def test_dry_run_writes_nothing_and_says_what_would_change(tmp_path):
    code, out, _ = run_import(write_jsonl(tmp_path, story()), "--dry-run")
    assert code == 0
    assert "would be created: Port inspections resume" in out
    assert "Dry run, nothing written: 1 created" in out
    assert Article.objects.count() == 0


def test_editor_tags_survive_a_reimport(tmp_path):
    path = write_jsonl(tmp_path, story())
    run_import(path)
    article = Article.objects.get()
    editors_pick = OrganizationFactory(name="Editor Chosen Office")
    article.organizations.add(editors_pick, through_defaults={"position": 9})
    run_import(write_jsonl(tmp_path, story(organizations=[])))
    assert list(article.organizations.all()) == [editors_pick]


def test_new_stories_default_to_draft_and_existing_keep_their_status(tmp_path):
    run_import(write_jsonl(tmp_path, story(status="")))
    article = Article.objects.get()
    assert article.status == "draft"
    article.status = "published"
    article.save()
    run_import(write_jsonl(tmp_path, story(status="", body="<p>Edited at the source.</p>")))
    article.refresh_from_db()
    assert article.status == "published"


def export(*args):
    out = io.StringIO()
    call_command("export_articles", *args, stdout=out)
    return out.getvalue()


def test_export_import_export_gives_the_same_bytes(tmp_path, django_db_blocker):
    org = OrganizationFactory(name="Round Trip Agency", acronym="RTA")
    person = PersonFactory(name="Lee Roundtrip")
    a = ArticleFactory(headline="First & “quoted” story", image_caption="Cap", image_credit="CR")
    a.organizations.add(org)
    a.people.add(person, through_defaults={"title": "Inspector"})
    a.tags.add("Roads", "bridges")
    ArticleFactory(status="draft", published_at=None, headline="A draft")
    made_here = export()
    path = tmp_path / "export.jsonl"
    path.write_text(made_here, encoding="utf-8")

    # An empty database: delete everything the first export came from.
    Article.objects.all().delete()
    Organization.objects.all().delete()
    Person.objects.all().delete()
    from taggit.models import Tag

    from articles.models import Section

    Section.objects.all().delete()
    Tag.objects.all().delete()

    code, out, err = run_import(path)
    assert code == 0, err
    assert export() == made_here
    assert len(made_here.splitlines()) == 2


def test_export_filters_by_status(tmp_path):
    ArticleFactory(headline="Live one")
    ArticleFactory(status="draft", published_at=None, headline="Drafty")
    lines = [json.loads(line) for line in export("--status", "draft").splitlines()]
    assert [line["headline"] for line in lines] == ["Drafty"]
    assert set(lines[0]) >= {
        "id",
        "source_url",
        "slug",
        "headline",
        "dek",
        "section",
        "byline",
        "dateline",
        "published_at",
        "status",
        "body",
        "image",
        "tags",
        "organizations",
        "people",
        "flags",
    }


def test_a_published_import_makes_public_the_box_entries_a_draft_left_waiting(tmp_path, client):
    """A draft's box creates its organization and person as suggestions (F3); a story
    imported as published that names them puts them in its boxes, where readers see them."""
    draft = story(id="wire:1", slug="customs-draft", status="draft", headline="Customs draft")
    run_import(write_jsonl(tmp_path, draft, name="draft.jsonl"))
    assert Organization.objects.get().review_status == "suggested"

    code, _, err = run_import(
        write_jsonl(tmp_path, story(id="wire:2", slug="customs-lines"), name="live.jsonl")
    )
    assert code == 0, err
    page = client.get("/articles/customs-lines/").content.decode()
    assert "Example Customs Service" in page
    assert "Pat Harbor" in page
    api = client.get("/api/articles/customs-lines/").json()
    assert [entry["name"] for entry in api["organizations"]] == ["Example Customs Service"]
    assert [entry["name"] for entry in api["people"]] == ["Pat Harbor"]


def test_a_drafts_waiting_box_entries_survive_export_and_import(tmp_path):
    """An export of a draft lists the box entries that wait for its publication, and an import
    of that export into an empty newsroom puts them back as they were: the same bytes."""
    run_import(write_jsonl(tmp_path, story(id="wire:1", slug="waiting", status="draft")))
    made_here = export()
    assert json.loads(made_here)["organizations"][0]["name"] == "Example Customs Service"
    path = tmp_path / "export.jsonl"
    path.write_text(made_here, encoding="utf-8")
    Article.objects.all().delete()
    Organization.objects.all().delete()
    Person.objects.all().delete()

    code, _, err = run_import(path)
    assert code == 0, err
    assert export() == made_here
    assert Organization.objects.get().review_status == "suggested"  # still waiting
    assert not export("--status", "published")


def test_a_box_entry_with_a_slug_that_is_no_slug_fails_its_line_and_no_page_breaks(
    tmp_path, client
):
    bad_org = {"name": "Bad Slug Office", "slug": "Bad Slug!"}
    bad_person = {"name": "Bad Slug Person", "slug": "no/such slug"}
    path = write_jsonl(
        tmp_path,
        story(id="ok", slug="good-one"),
        story(id="bad-org", slug="bad-org", organizations=[bad_org]),
        story(id="bad-person", slug="bad-person", people=[bad_person]),
    )
    code, out, err = run_import(path)
    assert code == 1
    assert "1 created, 0 updated, 0 unchanged, 2 failed" in out
    assert f"{path}:2: organizations[0].slug 'Bad Slug!' may hold only letters" in err
    assert f"{path}:3: people[0].slug 'no/such slug' may hold only letters" in err
    assert not Organization.objects.filter(name="Bad Slug Office").exists()
    for url in ("/articles/good-one/", "/sitemap-organizations.xml", "/api/people/"):
        assert client.get(url).status_code == 200, url


def test_a_date_without_a_time_is_noon_of_that_day_as_in_story_dumps(tmp_path, client):
    run_import(write_jsonl(tmp_path, story(published_at="2024-05-06")))
    article = Article.objects.get()
    assert article.published_at.astimezone(timezone.get_current_timezone()).hour == 12
    page = client.get(article.get_absolute_url()).content.decode()
    assert "May 6, 2024" in page


@pytest.mark.parametrize("since", ["2024-02-30", "2024-99-01", "last week", "2024-05-06T25:00"])
def test_a_since_that_is_no_date_is_a_one_line_error(since):
    for command in ("export_articles", "retag"):
        with pytest.raises(CommandError, match="is not a date"):
            call_command(command, "--since", since, stdout=io.StringIO())


def test_a_repeated_id_in_one_file_fails_its_line_and_a_second_run_changes_nothing(tmp_path):
    path = write_jsonl(
        tmp_path,
        story(id="wire:1", slug="first-version", headline="First version"),
        story(id="wire:2", slug="other", headline="Other story"),
        story(id="wire:1", slug="second-version", headline="Second version"),
    )
    code, out, err = run_import(path)
    assert code == 1
    assert "2 created, 0 updated, 0 unchanged, 1 failed" in out
    assert f"{path}:3: id 'wire:1' is line 1's too" in err
    code, out, _ = run_import(path)
    assert "0 created, 0 updated, 2 unchanged, 1 failed" in out
    assert Article.objects.get(external_key="wire:1").headline == "First version"
