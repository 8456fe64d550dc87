import pytest
from django.db import connection
from django.urls import reverse

from articles.search import parse_query, refresh_search_index
from tests.factories import ArticleFactory, DraftFactory, OrganizationFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        env = SectionFactory(name="Environment", slug="environment")
        transport = SectionFactory(name="Transportation", slug="transportation")
        agency = OrganizationFactory(name="Clean Rivers Agency", acronym="CRA", slug="cra")
        headline_hit = ArticleFactory(
            headline="Wetland restoration grants announced",
            body="<p>Money for marsh work in three states.</p>",
            section=env,
        )
        body_hit = ArticleFactory(
            headline="Agency budget hearing",
            body="<p>Officials also discussed wetland restoration in passing.</p>",
            section=env,
        )
        body_hit.organizations.add(agency)
        ArticleFactory(
            headline="Runway lights replaced",
            body="<p>New lights at the regional airport; no wetland impact expected.</p>",
            section=transport,
        )
        DraftFactory(
            headline="Wetland restoration draft memo",
            body="<p>Wetland restoration plans not yet public.</p>",
        )
    return {"headline_hit": headline_hit, "body_hit": body_hit, "agency": agency}


def results(client, **params):
    response = client.get(reverse("articles:search"), params)
    assert response.status_code == 200
    return response


def titles(response):
    return [story.headline for story, _ in response.context["results"]]


def test_finds_published_stories_best_first_never_drafts(client, corpus):
    found = titles(results(client, q="wetland restoration"))
    assert found == ["Wetland restoration grants announced", "Agency budget hearing"]


def test_quoted_phrase_and_exclusion(client, corpus):
    assert "Runway lights replaced" not in titles(results(client, q='"wetland restoration"'))
    found = titles(results(client, q="wetland -grants"))
    assert "Wetland restoration grants announced" not in found
    assert "Agency budget hearing" in found


def test_snippets_highlight_the_words_and_escape_the_rest(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(
            headline="Harbor note", body="<p>Dredging &lt;b&gt; plans for the harbor.</p>"
        )
    response = results(client, q="dredging")
    (_, excerpt) = response.context["results"][0]
    assert "<mark>Dredging</mark>" in excerpt
    assert "<b>" not in excerpt  # the text's own markup is shown as text (or dropped), never run


def test_search_finds_stories_by_the_names_in_their_boxes(client, corpus):
    assert titles(results(client, q="Clean Rivers Agency")) == ["Agency budget hearing"]


def test_filters_by_section_and_organization(client, corpus):
    assert titles(results(client, q="wetland", section="transportation")) == [
        "Runway lights replaced"
    ]
    assert titles(results(client, q="wetland", organization="cra")) == ["Agency budget hearing"]


def test_name_lookup_offers_matching_organizations(client, corpus):
    response = results(client, q="Clean Rivers")
    assert [o.slug for o in response.context["organizations"]] == ["cra"]


def test_empty_and_hostile_queries_are_harmless(client, corpus):
    assert "results" not in results(client, q="").context
    for query in ['"', "-", "'; DROP TABLE articles_article; --", "a" * 5000, "&|!():*"]:
        results(client, q=query)


def test_index_follows_edits(client, corpus, django_capture_on_commit_callbacks):
    story = corpus["body_hit"]
    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Budget hearing on estuaries"
        story.save()
    assert titles(results(client, q="estuaries")) == ["Budget hearing on estuaries"]


def test_parse_query_understands_websearch_syntax():
    parsed = parse_query('border "legal pathways" -wheat OR corn')
    assert parsed.terms == ["border", "legal pathways", "corn"]
    assert parsed.excluded == ["wheat"]


@pytest.mark.postgres
def test_postgres_stores_a_weighted_vector(corpus):
    refresh_search_index([corpus["headline_hit"].pk])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector::text FROM articles_article WHERE id = %s",
            [corpus["headline_hit"].pk],
        )
        (vector,) = cursor.fetchone()
    assert "'wetland':1A" in vector


def test_imported_stories_are_searchable_at_once(client, tmp_path):
    import io
    import json

    from django.core.management import call_command

    path = tmp_path / "wire.jsonl"
    path.write_text(
        json.dumps(
            {
                "id": "w-77",
                "headline": "Lighthouse keepers honored",
                "body": "<p>The keepers of the northern lighthouse received medals.</p>",
                "status": "published",
                "published_at": "2024-05-01T12:00:00+00:00",
                "organizations": [{"name": "Maritime Heritage Office"}],
            }
        )
    )
    call_command("import_articles", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    for query in ("lighthouse", "medals", "Maritime Heritage"):
        assert titles(results(client, q=query)) == ["Lighthouse keepers honored"], query


@pytest.mark.postgres
def test_postgres_ranks_the_newest_matches_and_says_so(
    client, settings, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.core.cache import cache
    from django.utils import timezone

    settings.NEWSROOM_SEARCH_RANK_WINDOW = 3
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        # The best match by rank is the oldest: outside a window of the three newest.
        ArticleFactory(
            headline="Ferry ferry ferry timetable",
            body="<p>Ferry.</p>",
            published_at=now - dt.timedelta(days=30),
        )
        for day in range(1, 5):
            ArticleFactory(
                headline=f"Harbor notes {day}",
                body="<p>A ferry was late.</p>" if day != 2 else "<p>The ferry ferry ran.</p>",
                published_at=now - dt.timedelta(days=day),
            )
        DraftFactory(headline="Ferry draft", body="<p>ferry</p>")

    response = results(client, q="ferry")

    assert titles(response) == ["Harbor notes 2", "Harbor notes 1", "Harbor notes 3"]
    assert "3 most recent stories" in response.content.decode()
    settings.NEWSROOM_SEARCH_RANK_WINDOW = 2000
    cache.clear()  # the page cache would answer with the first page
    everything = results(client, q="ferry")
    assert titles(everything)[0] == "Ferry ferry ferry timetable"
    assert len(titles(everything)) == 5
    assert "most recent stories" not in everything.content.decode()
