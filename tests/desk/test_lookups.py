"""Item 4: acronym-first lookups, in every autocomplete, the register's lists and the search
page's "Organizations and people" block."""

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, OrganizationAliasFactory, OrganizationFactory


@pytest.fixture
def register(db):
    """Twenty-five departments whose names hold "epa" inside a word, and the agency itself."""
    for n in range(25):
        OrganizationFactory(name=f"Department of Example Works {n:02d}", slug=f"dept-{n}")
    epa = OrganizationFactory(
        name="Environmental Protection Agency", acronym="EPA", slug="environmental-protection"
    )
    state = OrganizationFactory(name="Department of State", acronym="DOS", slug="state")
    OrganizationAliasFactory(organization=state, name="State Department")
    OrganizationFactory(name="Statewide Transit Board", slug="statewide-transit")
    OrganizationFactory(name="Interstate Commerce Office", slug="interstate-commerce")
    OrganizationFactory(name="State Lottery Commission", slug="state-lottery")
    return {"epa": epa, "state": state}


def autocomplete(client, term):
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": term,
            "app_label": "articles",
            "model_name": "articleorganization",
            "field_name": "organization",
        },
    )
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


def test_an_acronym_finds_its_organization_first_and_nothing_inside_a_word(editor_client, register):
    results = autocomplete(editor_client, "EPA")
    assert results == ["Environmental Protection Agency (EPA)"]
    assert autocomplete(editor_client, "epa") == results


def test_a_name_word_ranks_exact_alias_then_name_start_then_word_start(editor_client, register):
    results = autocomplete(editor_client, "State")
    # Names opening with the word, then names holding it, then names starting with it;
    # "Interstate" never (inside a word).
    assert results == [
        "State Lottery Commission",
        "Department of State (DOS)",
        "Statewide Transit Board",
    ]
    assert autocomplete(editor_client, "state department") == ["Department of State (DOS)"]


def test_the_register_changelist_search_lists_the_best_match_first(editor_client, register):
    response = editor_client.get(
        reverse("admin:organizations_organization_changelist"), {"q": "EPA"}
    )
    names = [o.name for o in response.context["cl"].result_list]
    assert names == ["Environmental Protection Agency"]


def test_the_search_page_names_the_acronym_first(client, register):
    ArticleFactory(headline="Rule on water", body="<p>The EPA said so.</p>")
    response = client.get(reverse("articles:search"), {"q": "EPA"})
    assert [o.name for o in response.context["organizations"]] == [
        "Environmental Protection Agency"
    ]
