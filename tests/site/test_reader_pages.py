import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import ArticleOrganization, ArticlePerson
from tests.factories import (
    AffiliationFactory,
    ArticleFactory,
    DraftFactory,
    OrganizationFactory,
    PersonFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


def test_home_lists_published_stories_newest_first(client):
    older = ArticleFactory(
        headline="Older story", published_at=timezone.now() - dt.timedelta(days=2)
    )
    newer = ArticleFactory(headline="Newer story")
    DraftFactory(headline="Secret draft")

    html = client.get(reverse("articles:home")).content.decode()

    assert html.index(newer.headline) < html.index(older.headline)
    assert "Secret draft" not in html


def test_home_paginates(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 2
    for n in range(5):
        ArticleFactory(headline=f"Story number {n}")
    response = client.get(reverse("articles:home"), {"page": 3})
    assert response.status_code == 200
    assert "Page 3 of 3" in response.content.decode()
    assert client.get(reverse("articles:home"), {"page": 9}).status_code == 404


def test_article_page_shows_story_and_boxes_in_order(client):
    state = OrganizationFactory(name="Department of Examples", acronym="DOE")
    border = OrganizationFactory(name="Border Example Agency")
    person = PersonFactory(name="Riley Testperson")
    AffiliationFactory(person=person, organization=state, title="Under Secretary")
    article = ArticleFactory(
        headline="Agencies meet on border paperwork",
        dek="A short dek.",
        byline="Newsroom Staff",
        image_caption="A meeting room",
        image_credit="EXAMPLE.GOV",
        image="articles/example.webp",
        image_alt="Officials around a table",
    )
    ArticleOrganization.objects.create(article=article, organization=border, position=0)
    ArticleOrganization.objects.create(article=article, organization=state, position=1)
    ArticlePerson.objects.create(article=article, person=person)
    article.tags.add("migration")

    response = client.get(article.get_absolute_url())
    html = response.content.decode()

    assert response.status_code == 200
    assert '<h1 dir="auto">Agencies meet on border paperwork</h1>' in html
    assert "A short dek." in html
    assert '<span class="byline">By Newsroom Staff</span>' in html
    assert "A meeting room | " in html and "EXAMPLE.GOV" in html
    assert 'alt="Officials around a table"' in html
    box = html[html.index("Organizations in this story") :]
    assert box.index("Border Example Agency") < box.index("Department of Examples")
    assert f'href="{border.get_absolute_url()}"' in box
    people_box = html[html.index("People in this story") :]
    assert f'<a href="{person.get_absolute_url()}">Riley Testperson</a>' in people_box
    assert "Under Secretary" in people_box
    assert f'href="{reverse("articles:tag", args=["migration"])}"' in html
    assert "Not published" not in html


def test_people_box_shows_current_role_or_its_organization(client):
    agency = OrganizationFactory(name="Example Weather Service")
    titled, untitled, former = PersonFactory.create_batch(3)
    AffiliationFactory(person=titled, organization=agency, title="Chief Forecaster")
    AffiliationFactory(person=untitled, organization=agency, title="")
    AffiliationFactory(
        person=former,
        organization=agency,
        title="Retired Director",
        start_date=dt.date(2001, 1, 1),
        end_date=dt.date(2010, 1, 1),
    )
    article = ArticleFactory()
    for position, person in enumerate((titled, untitled, former)):
        ArticlePerson.objects.create(article=article, person=person, position=position)

    box = client.get(article.get_absolute_url()).content.decode()
    box = box[box.index("People in this story") :]

    assert f'{titled.name}</a><span class="role">, Chief Forecaster</span>' in box
    assert f'{untitled.name}</a><span class="role">, Example Weather Service</span>' in box
    assert f"{former.name}</a></li>" in box
    assert "Retired Director" not in box


def test_masthead_follows_a_section_change(client):
    section = SectionFactory(name="Harbors", in_navigation=True)
    ArticleFactory(section=section)
    assert ">Harbors</a>" in client.get("/").content.decode()

    section.name = "Ports"
    section.save()
    ArticleFactory(section=SectionFactory(name="Weather", in_navigation=True))
    html = client.get("/").content.decode()

    assert ">Ports</a>" in html and ">Weather</a>" in html and "Harbors" not in html


def test_a_section_with_only_unpublished_stories_stays_out_of_the_masthead(client, editor_user):
    from articles import services
    from tests.factories import DraftFactory

    draft = DraftFactory(section=SectionFactory(name="Embargoed Desk", slug="embargoed-desk"))
    assert "Embargoed Desk" not in client.get("/").content.decode()
    assert client.get("/sections/embargoed-desk/").status_code == 404
    services.article_publish(article=draft, user=editor_user)
    assert ">Embargoed Desk</a>" in client.get("/").content.decode()


def test_section_and_tag_pages_list_their_published_stories(client):
    section = SectionFactory(name="Transportation", slug="transportation")
    story = ArticleFactory(section=section, headline="Rail grant announced")
    story.tags.add("rail")
    DraftFactory(section=section, headline="Unfinished rail draft").tags.add("rail")
    ArticleFactory(headline="Elsewhere")

    for url in (section.get_absolute_url(), reverse("articles:tag", args=["rail"])):
        html = client.get(url).content.decode()
        assert "Rail grant announced" in html
        assert "Unfinished rail draft" not in html
        assert "Elsewhere" not in html


def test_organization_page_shows_profile_family_and_stories(client):
    parent = OrganizationFactory(name="Department of Examples")
    org = OrganizationFactory(
        name="Example Border Agency", acronym="EBA", parent=parent, description="Guards examples."
    )
    child = OrganizationFactory(name="Example Field Office", parent=org)
    story = ArticleFactory(headline="Border agency hires staff")
    story.organizations.add(org)
    DraftFactory(headline="Draft about the agency").organizations.add(org)

    html = client.get(org.get_absolute_url()).content.decode()

    assert "Example Border Agency" in html and "(EBA)" in html
    assert "Guards examples." in html
    assert f'href="{parent.get_absolute_url()}"' in html
    assert f'href="{child.get_absolute_url()}"' in html
    assert "Border agency hires staff" in html
    assert "Draft about the agency" not in html


def test_person_page_shows_roles_and_stories(client):
    person = PersonFactory(name="Casey Official", bio="Runs the example office.")
    AffiliationFactory(person=person, title="Administrator")
    story = ArticleFactory(headline="Administrator visits port")
    story.people.add(person)
    DraftFactory(headline="Draft about Casey").people.add(person)

    html = client.get(person.get_absolute_url()).content.decode()

    assert "Casey Official" in html
    assert "Runs the example office." in html
    assert "Administrator," in html
    assert "Administrator visits port" in html
    assert "Draft about Casey" not in html


@pytest.mark.parametrize("kind", ["draft", "review", "scheduled", "archived"])
def test_unpublished_stories_are_404_for_readers(client, kind):
    if kind == "scheduled":
        article = ArticleFactory(published_at=timezone.now() + dt.timedelta(minutes=5))
    else:
        article = ArticleFactory(status=kind)
    assert client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("kind", ["draft", "scheduled"])
def test_staff_see_unpublished_stories_with_banner_and_no_cache(editor_client, kind):
    if kind == "scheduled":
        article = ArticleFactory(published_at=timezone.now() + dt.timedelta(minutes=5))
    else:
        article = DraftFactory()
    response = editor_client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Not published." in response.content.decode()
    assert "no-cache" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_unknown_pages_are_404(client):
    for name in ("articles:detail", "articles:section", "articles:tag"):
        assert client.get(reverse(name, args=["no-such-thing"])).status_code == 404
    assert client.get(reverse("organizations:detail", args=["nope"])).status_code == 404
    assert client.get(reverse("people:detail", args=["nope"])).status_code == 404
