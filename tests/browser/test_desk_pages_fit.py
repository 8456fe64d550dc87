"""Every admin page an editor or a contributor uses fits a 1280x800 laptop (no sideways
scroll) and has no serious or critical axe-core violation; the dashboard, story form,
review queue and compare view are photographed into var/screenshots/."""

import pytest
from django.urls import reverse

from articles.models import Article
from organizations.models import ReviewStatus
from tests.factories import (
    AffiliationFactory,
    ArticleFactory,
    DraftFactory,
    OrganizationFactory,
    PersonFactory,
    SectionFactory,
)

from .conftest import admin_login
from .test_editors_desk import laptop_page, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_HEADLINE = (
    "Department of Transportation and the Environmental Protection Agency announce a joint "
    "review of harbor dredging permits across the Gulf Coast after a season of closures"
)


@pytest.fixture
def desk(editor_user, contributor):
    from articles import services
    from tagging.services import tag_on_save

    section = SectionFactory(name="Environment", slug="environment")
    agency = OrganizationFactory(
        name="Environmental Protection Agency", acronym="EPA", slug="environmental-protection"
    )
    child = OrganizationFactory(
        name="Office of Water Quality and Coastal Permitting Review", parent=agency, slug="owq"
    )
    person = PersonFactory(name="Carlos Martinez", slug="carlos-martinez")
    AffiliationFactory(person=person, organization=agency, title="Deputy Administrator")
    story = ArticleFactory(
        headline=LONG_HEADLINE,
        section=section,
        body="<p>The Environmental Protection Agency said on Monday it would review permits. "
        "Nina Castellanos, Foreign Minister of Example, welcomed the review.</p>"
        "<p>The Office of Water Quality and Coastal Permitting Review will publish dates.</p>",
        created_by=editor_user,
    )
    story.organization_links.create(organization=child, position=0)
    story.person_links.create(person=person, title="EPA Deputy Administrator", position=0)
    tag_on_save(story)
    story.body += "<p>Comments close at the end of the month, the agency added.</p>"
    import reversion

    with reversion.create_revision():
        story.save()
    with reversion.create_revision():
        story.headline = LONG_HEADLINE + " (updated)"
        story.body = story.body.replace("Monday", "Tuesday")
        story.save()
    future = ArticleFactory(headline="Scheduled story about ferry fares", section=section)
    Article.objects.filter(pk=future.pk).update(status="draft", published_at=None)
    future.refresh_from_db()
    import datetime as dt

    from django.utils import timezone

    services.article_schedule(
        article=future, user=editor_user, at=timezone.now() + dt.timedelta(days=200)
    )
    DraftFactory(headline="A contributor's draft on bus routes", created_by=contributor)
    review = DraftFactory(headline="Review me: library hours", created_by=contributor)
    services.article_submit(article=review, user=contributor)
    OrganizationFactory(
        name="Harbor Safety Example Council", slug="hsec", review_status=ReviewStatus.SUGGESTED
    )
    return {"story": story, "agency": agency, "person": person}


def editor_pages(desk):
    story, agency, person = desk["story"], desk["agency"], desk["person"]
    return {
        "dashboard": reverse("admin:index"),
        "story-list": reverse("admin:articles_article_changelist"),
        "story-list-scheduled": reverse("admin:articles_article_changelist") + "?state=scheduled",
        "story-add": reverse("admin:articles_article_add"),
        "story-form": reverse("admin:articles_article_change", args=[story.pk]),
        "story-history": reverse("admin:articles_article_history", args=[story.pk]),
        "compare": reverse("admin:articles_article_compare", args=[story.pk]),
        "organizations": reverse("admin:organizations_organization_changelist"),
        "organization-form": reverse("admin:organizations_organization_change", args=[agency.pk]),
        "review-queue": reverse("admin:organizations_suggestedorganization_changelist"),
        "review-queue-people": reverse("admin:people_suggestedperson_changelist"),
        "people": reverse("admin:people_person_changelist"),
        "person-form": reverse("admin:people_person_change", args=[person.pk]),
        "recover": reverse("admin:articles_article_recoverlist"),
    }


def check_pages(live_server, chromium, username, pages, photograph=()):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context, page = laptop_page(chromium)
    admin_login(page, live_server, username)
    too_wide, problems = [], []
    for name, path in pages.items():
        response = page.goto(f"{live_server.url}{path}")
        assert response.ok, (name, response.status)
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 1280:
            too_wide.append((name, width))
        for violation in axe.run(page).response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"]][:3]
                problems.append((name, violation["id"], targets))
        if name in photograph:
            shot(page, name)
    context.close()
    assert too_wide == []
    assert problems == [], "\n".join(map(str, problems))


def test_every_page_an_editor_uses_fits_a_laptop_and_passes_axe(
    live_server, chromium, editor_user, desk
):
    check_pages(
        live_server,
        chromium,
        editor_user.username,
        editor_pages(desk),
        photograph=("dashboard", "story-form", "review-queue", "compare", "story-list"),
    )


def test_every_page_a_contributor_uses_fits_a_laptop_and_passes_axe(
    live_server, chromium, contributor, desk
):
    own = Article.objects.get(headline="A contributor's draft on bus routes")
    pages = {
        "contributor-dashboard": reverse("admin:index"),
        "contributor-list": reverse("admin:articles_article_changelist"),
        "contributor-add": reverse("admin:articles_article_add"),
        "contributor-form": reverse("admin:articles_article_change", args=[own.pk]),
    }
    check_pages(
        live_server, chromium, contributor.username, pages, photograph=("contributor-dashboard",)
    )
