import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import (
    ArticleFactory,
    OrganizationAliasFactory,
    OrganizationFactory,
    PersonFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


def inline_management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def article_form(**overrides):
    data = {
        "headline": "Agencies agree on shared forms",
        "slug": "agencies-agree-on-shared-forms",
        "dek": "",
        "body": "<p>The two agencies signed the paper on Tuesday.</p>",
        "tags": "forms, paperwork",
        "byline": "Newsroom Staff",
        "dateline": "WASHINGTON",
        "image_alt": "",
        "image_caption": "",
        "image_credit": "",
        "image_stem": "",
        "status": "published",
        "published_at_0": "2024-05-01",
        "published_at_1": "10:00:00",
    }
    data.update(inline_management("organization_links"))
    data.update(inline_management("person_links"))
    data.update(inline_management("corrections"))
    data.update(inline_management("transitions"))
    data.update(overrides)
    return data


def test_editor_adds_article_with_organizations_and_person_in_chosen_order(editor_client):
    section = SectionFactory(name="State")
    first = OrganizationFactory(name="Zeta Example Bureau")
    second = OrganizationFactory(name="Alpha Example Office")
    person = PersonFactory(name="Morgan Example")
    data = article_form(section=str(section.pk))
    data.update(inline_management("organization_links", total=2))
    data.update(
        {
            "organization_links-0-organization": str(first.pk),
            "organization_links-0-source": "editor",
            "organization_links-1-organization": str(second.pk),
            "organization_links-1-source": "editor",
        }
    )
    data.update(inline_management("person_links", total=1))
    data.update({"person_links-0-person": str(person.pk), "person_links-0-source": "editor"})

    response = editor_client.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="agencies-agree-on-shared-forms")
    links = list(article.organization_links.select_related("organization"))
    assert [link.organization for link in links] == [first, second]
    assert [link.position for link in links] == [0, 1]
    assert list(article.people.all()) == [person]
    assert sorted(t.name for t in article.tags.all()) == ["forms", "paperwork"]

    page = editor_client.get(article.get_absolute_url()).content.decode()
    box = page[page.index("Organizations in this story") :]
    assert box.index("Zeta Example Bureau") < box.index("Alpha Example Office")
    assert "Morgan Example" in page
    org_page = editor_client.get(first.get_absolute_url()).content.decode()
    assert "Agencies agree on shared forms" in org_page


def test_editor_reorders_box_by_position(editor_client):
    article = ArticleFactory()
    a, b = OrganizationFactory(name="First Office"), OrganizationFactory(name="Second Office")
    article.organizations.add(a, through_defaults={"position": 0})
    article.organizations.add(b, through_defaults={"position": 1})
    links = list(article.organization_links.all())
    data = article_form(
        headline=article.headline,
        slug=article.slug,
        section=str(article.section_id),
        edit_token=article.updated_at.isoformat(),
    )
    data.update(inline_management("organization_links", total=2, initial=2))
    for i, link in enumerate(links):
        data.update(
            {
                f"organization_links-{i}-id": str(link.pk),
                f"organization_links-{i}-article": str(article.pk),
                f"organization_links-{i}-organization": str(link.organization_id),
                f"organization_links-{i}-source": "editor",
                f"organization_links-{i}-position": str(5 - i),  # reversed
            }
        )
    response = editor_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302
    assert [o.name for o in article.organizations.order_by("article_links__position")] == [
        "Second Office",
        "First Office",
    ]


def test_autocomplete_finds_organizations_by_name_acronym_and_alias(editor_client):
    org = OrganizationFactory(name="Example Department of State", acronym="EDS")
    OrganizationAliasFactory(organization=org, name="Example State Department")
    url = reverse("admin:autocomplete")
    for term in ("Department of St", "EDS", "State Depart"):
        response = editor_client.get(
            url,
            {
                "term": term,
                "app_label": "articles",
                "model_name": "articleorganization",
                "field_name": "organization",
            },
        )
        assert response.status_code == 200
        assert [r["id"] for r in response.json()["results"]] == [str(org.pk)], term


def test_article_changelist_shows_counts(editor_client):
    article = ArticleFactory(headline="Counted story")
    article.organizations.add(*OrganizationFactory.create_batch(3))
    article.people.add(PersonFactory())
    response = editor_client.get(reverse("admin:articles_article_changelist"))
    html = response.content.decode()
    assert "Counted story" in html
    assert '<td class="field-boxes">3 organizations, 1 person</td>' in html


def test_register_lists_link_to_their_stories(editor_client):
    org = OrganizationFactory(name="Linked Office")
    ArticleFactory(headline="Story one").organizations.add(org)
    ArticleFactory(headline="Story two")
    changelist = editor_client.get(reverse("admin:organizations_organization_changelist"))
    assert "1 story<" in changelist.content.decode()
    stories = editor_client.get(
        reverse("admin:articles_article_changelist"), {"organizations__id__exact": org.pk}
    ).content.decode()
    assert "Story one" in stories and "Story two" not in stories


def test_admin_forms_have_no_big_selects(editor_client):
    OrganizationFactory.create_batch(5)
    PersonFactory.create_batch(5)
    article = ArticleFactory()
    html = editor_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()
    assert 'data-ajax--url="/admin/autocomplete/"' in html
    person_page = editor_client.get(reverse("admin:people_person_add")).content.decode()
    assert 'name="affiliations-0-organization"' in person_page
    assert "admin-autocomplete" in person_page


def test_view_on_site_works_for_drafts_for_staff(editor_client):
    article = ArticleFactory(status="draft", published_at=None)
    shortcut = editor_client.get(
        reverse("admin:view_on_site", args=[_content_type_id(), article.pk])
    )
    assert shortcut.status_code == 302
    assert editor_client.get(shortcut["Location"]).status_code == 200


def _content_type_id():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Article).pk


def test_date_hierarchy_years_and_months_match_djangos_distinct(settings):
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from django.db.models import QuerySet

    settings.TIME_ZONE = "America/New_York"
    for moment in (
        datetime(2019, 6, 1, 12, tzinfo=UTC),
        datetime(2021, 1, 1, 3, tzinfo=UTC),  # still 31 December 2020 in New York
        datetime(2021, 3, 14, 7, 30, tzinfo=UTC),  # the night the clocks go forward
        datetime(2021, 11, 7, 5, 30, tzinfo=UTC),  # and back
        datetime(2021, 12, 31, 23, tzinfo=UTC),
        datetime(2023, 2, 28, 12, tzinfo=UTC),
    ):
        ArticleFactory(published_at=moment)
    ArticleFactory(status=Article.Status.DRAFT, published_at=None)

    stories = Article.objects.all()
    zone = ZoneInfo("America/New_York")
    for kind in ("year", "month"):
        reference = list(QuerySet.datetimes(stories, "published_at", kind, tzinfo=zone))
        assert stories.datetimes("published_at", kind, tzinfo=zone) == reference, kind
    assert [d.year for d in stories.datetimes("published_at", "year")] == [2019, 2020, 2021, 2023]
    in_2021 = stories.filter(published_at__year=2021)
    assert [d.month for d in in_2021.datetimes("published_at", "month")] == [3, 11, 12]


def test_article_changelist_drills_down_by_date(editor_client):
    from datetime import UTC, datetime

    ArticleFactory(headline="Spring story", published_at=datetime(2022, 4, 2, 15, tzinfo=UTC))
    ArticleFactory(headline="Autumn story", published_at=datetime(2024, 10, 9, 15, tzinfo=UTC))
    url = reverse("admin:articles_article_changelist")

    years = editor_client.get(url).content.decode()
    months = editor_client.get(url, {"published_at__year": "2024"}).content.decode()

    assert "?published_at__year=2022" in years and "?published_at__year=2024" in years
    assert "October 2024" in months and "Autumn story" in months and "Spring story" not in months


def test_autocomplete_neither_counts_stories_nor_needs_distinct(editor_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    org = OrganizationFactory(name="Example Weather Office")
    OrganizationAliasFactory(organization=org, name="Weather Example Bureau")
    OrganizationAliasFactory(organization=org, name="Weather Example Service")
    ArticleFactory().organizations.add(org)
    params = {
        "term": "Weather",
        "app_label": "articles",
        "model_name": "articleorganization",
        "field_name": "organization",
    }

    with CaptureQueriesContext(connection) as ctx:
        response = editor_client.get(reverse("admin:autocomplete"), params)

    assert [r["text"] for r in response.json()["results"]] == ["Example Weather Office"]
    register = [
        q["sql"] for q in ctx.captured_queries if 'FROM "organizations_organization"' in q["sql"]
    ]
    assert register and not any("DISTINCT" in sql for sql in register)
    assert not any("articles_articleorganization" in q["sql"] for q in ctx.captured_queries)
