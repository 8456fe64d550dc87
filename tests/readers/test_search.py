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


# --- whole words, the names block, snippets, counts (issue 14) -------------------------------


@pytest.fixture
def acronyms(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        epa = OrganizationFactory(name="Environmental Protection Agency", acronym="EPA", slug="epa")
        OrganizationFactory(name="EPA Region 6 Laboratory", acronym="", slug="epa-region-6")
        OrganizationFactory(name="Department of Repair Affairs", acronym="DRA", slug="dra")
        OrganizationFactory(name="Sepals Trust", acronym="", slug="sepals")
        rule = ArticleFactory(
            headline="New limits for lead pipes",
            dek="Utilities get ten years to replace them.",
            body="<p>The EPA said on Monday that utilities must replace lead service lines.</p>",
        )
        rule.organizations.add(epa)
        ArticleFactory(
            headline="Energy Department repays a loan early",
            dek="The department repays the Treasury ahead of schedule.",
            body="<p>The Department of Energy said the early payment saves interest.</p>",
        )
    return rule


def test_an_acronym_matches_whole_words_only(client, acronyms):
    response = results(client, q="EPA")
    assert titles(response) == ["New limits for lead pipes"]
    html = response.content.decode()
    assert "<mark>EPA</mark>" in html
    assert "D<mark>" not in html and "r<mark>" not in html


def test_names_block_puts_the_exact_acronym_first_and_matches_word_starts(client, acronyms):
    names = [org.name for org in results(client, q="EPA").context["organizations"]]
    assert names[0] == "Environmental Protection Agency"
    assert "EPA Region 6 Laboratory" in names
    assert "Department of Repair Affairs" not in names  # "epa" inside "Department"
    assert "Sepals Trust" not in names


def test_an_exact_name_ranks_first_among_people_too(client):
    from tests.factories import PersonFactory

    PersonFactory(name="Ana Lopez Marquez", slug="ana-lopez-marquez")
    PersonFactory(name="Ana Lopez", slug="ana-lopez")
    people = results(client, q="ana lopez").context["people"]
    assert [p.slug for p in people] == ["ana-lopez", "ana-lopez-marquez"]


def test_or_finds_either_word(client, corpus):
    assert sorted(titles(results(client, q="runway or grants"))) == [
        "Runway lights replaced",
        "Wetland restoration grants announced",
    ]


def test_search_folds_accents_both_ways(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(
            headline="Trade talks in México", body="<p>Officials met in Bogota and Zürich.</p>"
        )
    assert titles(results(client, q="mexico")) == ["Trade talks in México"]
    assert titles(results(client, q="méxico")) == ["Trade talks in México"]
    assert titles(results(client, q="Bogotá")) == ["Trade talks in México"]
    assert titles(results(client, q="zurich")) == ["Trade talks in México"]
    assert "<mark>Bogota</mark>" in results(client, q="Bogotá").content.decode()


def test_results_are_counted(client, corpus):
    html = results(client, q="wetland").content.decode()
    assert "3 stories for “wetland”" in html
    assert "No stories match “zeppelin”." in results(client, q="zeppelin").content.decode()


def test_snippets_cut_at_words_with_ellipsis_and_field_separator(
    client, django_capture_on_commit_callbacks
):
    before = " ".join(f"word{n}" for n in range(60))
    after = " ".join(f"tail{n}" for n in range(60))
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(
            headline="Ferry schedule",
            dek="The ferry runs less often this winter.",
            body=f"<p>{before} the ferry operator cut sailings {after}.</p>",
        )
    (_, excerpt) = results(client, q="ferry").context["results"][0]
    text = str(excerpt).replace("<mark>", "").replace("</mark>", "")
    dek_part, body_part = text.split(" · ")
    assert dek_part == "The ferry runs less often this winter."
    assert body_part.startswith("…word") and body_part.endswith("…")
    assert body_part.split()[0].removeprefix("…") in before.split()  # a whole word
    assert body_part.removesuffix("…").split()[-1] in after.split()
    assert "<mark>ferry</mark> operator" in str(excerpt)


def test_the_filter_row_keeps_the_results_close(client, corpus):
    html = results(client, q="wetland").content.decode()
    start = html.index('<form class="search-form"')
    end = html.index("</form>", start)
    assert html[start:end].count("<label") == 4  # words, section, from, to: one short row
    assert end < html.index('class="results-title"')


@pytest.mark.parametrize(
    "params",
    [
        {"q": "wetland\x00"},
        {"q": "wetland", "section": "environment\x00"},
        {"q": "wetland", "organization": "cra\x00"},
        {"q": "wetland", "person": "\x00"},
        {"q": "wetland", "from": "2024-01-01\x00"},
        {"q": "wetland", "to": "\x00"},
        {"q": "wetland", "page": "1\x00"},
    ],
)
def test_a_nul_byte_in_any_field_is_a_normal_page(client, corpus, params):
    response = client.get(reverse("articles:search"), params)
    assert response.status_code == 400
    assert "cannot be searched" in response.content.decode()


@pytest.mark.parametrize(
    "query", ["-" * 40, "wetland " + "-" * 45, "- " * 60 + "wetland", '"' + "-" * 50 + '"']
)
def test_runs_of_dashes_are_a_normal_page(client, corpus, query):
    response = client.get(reverse("articles:search"), {"q": query})
    assert response.status_code == 200
    assert "<h2" in response.content.decode()


def test_fulltext_index_follows_deletes_and_bulk_updates(client, corpus):
    from articles.models import Article

    story = corpus["headline_hit"]
    Article.objects.filter(pk=story.pk).update(headline="Marsh grants announced")
    assert "Marsh grants announced" in titles(results(client, q="marsh"))
    story.delete()
    assert "Marsh grants announced" not in titles(results(client, q="marsh"))


def test_the_fulltext_table_exists_only_on_sqlite():
    tables = connection.introspection.table_names()
    assert ("articles_article_fts" in tables) == (connection.vendor == "sqlite")


@pytest.mark.postgres
def test_vectors_stored_before_accent_folding_are_folded_by_the_migration(client, settings):
    import importlib

    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0  # both searches read the index
    story = ArticleFactory(headline="Talks in México", body="<p>Talks.</p>")
    with connection.cursor() as cursor:  # as stored by the plain english configuration
        cursor.execute(
            "UPDATE articles_article SET search_vector = "
            "setweight(to_tsvector('english', headline), 'A') WHERE id = %s",
            [story.pk],
        )
    assert titles(results(client, q="mexico")) == []
    migration = importlib.import_module("articles.migrations.0015_search_folds_accents")
    with connection.schema_editor() as editor:
        migration.forward(None, editor)
    assert titles(results(client, q="mexico")) == ["Talks in México"]
