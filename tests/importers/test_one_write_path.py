"""A new story is made by one piece of code, whether it arrives in a batch of new stories, in
a batch of one, or one by one through `StoryWriter.save` (imports run for a user, the wire
desk): the same status and date defaults, slugs, sections, boxes, tags and entry statuses."""

import datetime as dt
import json

import pytest
from django.contrib.auth import get_user_model
from taggit.models import Tag

from articles.importers.run import ImportOptions, import_stories
from articles.importers.writer import WriterOptions
from articles.models import Article, ArticleOrganization, ArticlePerson, Section
from organizations.models import Organization
from people.models import Person

pytestmark = pytest.mark.django_db

RECORDS = [
    {
        "id": "harbor-1",
        "headline": "Harbor board approves winter dredging",
        "status": "published",
        "section": "Ports Desk",
        "tags": ["dredging", "Harbors"],
        "organizations": [{"name": "Harbor Board of Review", "acronym": "HBR"}],
        "people": [{"name": "Ines Calloway", "title": "Board chair"}],
        "body": "<p>The board voted 4-1 on Tuesday.</p>",
    },
    # No status: the run's default. A headline that makes no slug.
    {"id": "harbor-2", "headline": "?! …", "body": "<p>A note from the desk.</p>"},
    # The same headline as the first: a second slug.
    {
        "id": "harbor-3",
        "headline": "Harbor board approves winter dredging",
        "status": "published",
        "published_at": "2024-05-01T10:00:00+00:00",
        "section": "ports desk",
        "body": "<p>A second report.</p>",
    },
    # Unpublished: what its boxes create waits as a suggestion (F3).
    {
        "id": "harbor-4",
        "headline": "Tide gauges to be replaced",
        "status": "draft",
        "section": "Coast Desk",
        "tags": ["harbors"],
        "organizations": [{"name": "Tide Gauge Office"}, {"name": "Harbor Board of Review"}],
        "people": [{"name": "Ruth Okonkwo-Vale", "title": "Surveyor"}],
        "body": "<p>Work starts in March.</p>",
    },
]


def stored():
    """What readers and editors can see of every stored story, by key."""
    result = {}
    for article in Article.objects.select_related("section").order_by("external_key"):
        orgs = [
            (link.organization.name, link.organization.review_status, link.position, link.source)
            for link in ArticleOrganization.objects.filter(article=article)
            .select_related("organization")
            .order_by("position")
        ]
        people = [
            (link.person.name, link.person.review_status, link.title, link.position)
            for link in ArticlePerson.objects.filter(article=article)
            .select_related("person")
            .order_by("position")
        ]
        published_at = article.published_at
        if published_at and abs(published_at - dt.datetime.now(dt.UTC)) < dt.timedelta(hours=1):
            published_at = "now"
        result[article.external_key] = {
            "status": article.status,
            "published_at": published_at,
            "slug": article.slug,
            "section": article.section.name if article.section else None,
            "body": article.body,
            "search_text": article.search_text,
            "organizations": orgs,
            "people": people,
            "tags": sorted(article.tags.names()),
        }
    return result


def forget_everything():
    Article.objects.all().delete()
    Organization.objects.all().delete()
    Person.objects.all().delete()
    Section.objects.all().delete()
    Tag.objects.all().delete()


def test_a_new_story_is_the_same_whichever_way_it_is_written(tmp_path):
    path = tmp_path / "harbor.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    user = get_user_model().objects.create_superuser("desk", "desk@example.org", "pw-desk-9")

    results = {}
    for way, options in {
        "a batch of new stories": ImportOptions(writer=WriterOptions(default_status="review")),
        "batches of one": ImportOptions(
            batch_size=1, writer=WriterOptions(default_status="review")
        ),
        "one by one through save (--as-user)": ImportOptions(
            writer=WriterOptions(default_status="review", user=user)
        ),
    }.items():
        report = import_stories([str(path)], options)
        assert report.summary() == "4 created, 0 updated, 0 unchanged, 0 failed", way
        results[way] = stored()
        forget_everything()

    first = results["a batch of new stories"]
    for way, result in results.items():
        assert result == first, way

    harbor, note, second, tide = (first[f"harbor-{n}"] for n in range(1, 5))
    assert harbor["status"] == "published" and harbor["published_at"] == "now"
    assert note["status"] == "review" and note["published_at"] is None
    assert note["slug"] == "story"
    assert second["slug"] == f"{harbor['slug']}-2"
    assert second["published_at"] == dt.datetime(2024, 5, 1, 10, tzinfo=dt.UTC)
    assert second["section"] == harbor["section"] == "Ports Desk"
    assert tide["organizations"][0][:2] == ("Tide Gauge Office", "suggested")
    assert tide["organizations"][1][:2] == ("Harbor Board of Review", "accepted")
    assert tide["people"][0][:2] == ("Ruth Okonkwo-Vale", "suggested")
    assert harbor["people"] == [("Ines Calloway", "accepted", "Board chair", 0)]
    assert tide["tags"] == ["Harbors"]  # an existing tag found whatever its case
