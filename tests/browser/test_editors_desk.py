"""Issue #13's acceptance, tried as a new editor would, in Chromium at 1280x800: write a
story through the rich-text editor, see automatic tagging's suggestions, accept one without
losing a typed dek, arrange the boxes by drag, publish; then readers see it everywhere.

Screenshots go to var/screenshots/ (README, "The editors' desk")."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from articles.models import Article
from tests.factories import (
    AffiliationFactory,
    OrganizationAliasFactory,
    OrganizationFactory,
    PersonFactory,
    SectionFactory,
)

from .conftest import admin_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
LAPTOP = {"width": 1280, "height": 800}


def laptop_page(chromium):
    context = chromium.new_context(viewport=LAPTOP)
    context.set_default_timeout(15000)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.csp_errors = errors
    return context, page


def shot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def harbor_register(db):
    SectionFactory(name="Environment", slug="environment")
    epa = OrganizationFactory(
        name="Environmental Protection Agency", acronym="EPA", slug="environmental-protection"
    )
    guard = OrganizationFactory(name="United States Coast Guard", acronym="USCG", slug="uscg")
    OrganizationAliasFactory(organization=guard, name="Coast Guard")
    reyes = PersonFactory(name="Dana Reyes", slug="dana-reyes")
    AffiliationFactory(person=reyes, organization=epa, title="Regional Director")
    return {"epa": epa, "guard": guard, "reyes": reyes}


PARAGRAPHS = [
    "The Environmental Protection Agency (EPA) ordered a cleanup of the inner harbor on "
    "Tuesday after a fuel barge leaked overnight.",
    "Dana Reyes said crews from the Coast Guard would patrol the channel while the work goes on.",
    "Residents can comment on the cleanup plan until the end of the month.",
]


def test_an_editor_writes_tags_arranges_and_publishes_in_twelve_actions(
    live_server, chromium, editor_user, harbor_register
):
    context, page = laptop_page(chromium)
    actions = []

    def act(name, step):
        actions.append(name)
        step()

    act("log in", lambda: admin_login(page, live_server, editor_user.username))
    shot(page, "dashboard-new-editor")
    act("add a story", lambda: page.click("a.addlink[href$='/articles/article/add/']"))
    act("type the headline", lambda: page.fill("#id_headline", "Harbor cleanup ordered after leak"))
    act("choose the section", lambda: page.select_option("#id_section", label="Environment"))

    def write_body():
        page.locator("#article_form .ProseMirror[contenteditable=true]").click()
        for index, paragraph in enumerate(PARAGRAPHS):
            if index:
                page.keyboard.press("Enter")
            page.keyboard.type(paragraph)

    act("write three paragraphs", write_body)
    act("find organizations and people", lambda: page.click("button[name=_find_names]"))
    page.wait_for_selector("text=suggestions waiting below")
    panel = page.locator("table.suggested-panel")
    organizations = panel.locator("tr[data-kind=organization]")
    assert sorted(organizations.all_inner_texts()) and organizations.count() == 2
    found = [organizations.nth(i).get_attribute("data-name") for i in range(2)]
    assert sorted(found) == ["Environmental Protection Agency", "United States Coast Guard"]
    assert page.locator(".found-in-text mark", has_text="Coast Guard").count() == 1
    shot(page, "story-form-suggestions")

    act("type the dek", lambda: page.fill("#id_dek", "Crews will patrol the channel."))
    act(
        "type the person's title",
        lambda: page.fill("#person_links-group input[name$='-title']", "EPA Administrator"),
    )
    rows = page.locator("#organization_links-group tbody tr.has_original")
    first_before = rows.nth(0).locator("select[name$='-organization'] option:checked").inner_text()
    act(
        "drag the second organization above the first",
        lambda: rows.nth(1).locator(".drag-handle").drag_to(rows.nth(0)),
    )
    assert (
        rows.nth(1).locator("select[name$='-organization'] option:checked").inner_text()
        == first_before
    )
    act(
        "accept the Coast Guard",
        lambda: (
            page.locator("tr[data-name='United States Coast Guard']")
            .get_by_role("button", name=re.compile("^Keep"))
            .click()
        ),
    )
    page.wait_for_selector("text=United States Coast Guard (USCG): accepted.")
    assert page.input_value("#id_dek") == "Crews will patrol the channel."
    assert page.input_value("#person_links-group input[name$='-title']") == "EPA Administrator"
    act("publish now", lambda: page.click("button[name=_publish_now]"))
    page.wait_for_selector("text=Published.")
    assert len(actions) <= 12, actions
    assert page.csp_errors == []

    article = Article.objects.get(headline="Harbor cleanup ordered after leak")
    assert article.is_public and article.dek == "Crews will patrol the channel."
    context.close()

    reader_context, reader = laptop_page(chromium)
    reader.goto(f"{live_server.url}{article.get_absolute_url()}")
    body = reader.locator("article").inner_text()
    for paragraph in PARAGRAPHS:
        assert paragraph in body
    assert reader.locator("article p", has_text="Residents can comment").count() == 1
    orgs = reader.locator("section[aria-labelledby=box-organizations] li").all_inner_texts()
    assert [o.split(" (")[0] for o in orgs] == [
        "United States Coast Guard",
        "Environmental Protection Agency",
    ]
    people = reader.locator("section[aria-labelledby=box-people]").inner_text()
    assert "Dana Reyes, EPA Administrator" in people and "Regional Director" not in people
    for path in ("/", "/sections/environment/", "/organizations/uscg/"):
        reader.goto(f"{live_server.url}{path}")
        assert "Harbor cleanup ordered after leak" in reader.content(), path
    rss = reader.request.get(f"{live_server.url}/feeds/latest/rss/").text()
    # The feed's entry: headline, link and the dek as its summary (syndication/feeds.py).
    assert "Harbor cleanup ordered after leak" in rss and "Crews will patrol the channel." in rss
    assert article.get_absolute_url() in rss
    reader_context.close()


def test_a_contributor_submits_from_the_add_form(live_server, chromium, contributor):
    SectionFactory(name="Environment", slug="environment")
    context, page = laptop_page(chromium)
    admin_login(page, live_server, contributor.username)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    assert page.locator("button[name=_publish_now]").count() == 0
    page.fill("#id_headline", "Ferry schedule changes for winter")
    page.locator("#article_form .ProseMirror[contenteditable=true]").fill(
        "Boats will leave every forty minutes."
    )
    page.click("button[name=_submit_for_review]")
    page.wait_for_selector("text=Submitted for review")
    assert Article.objects.get(headline__startswith="Ferry").status == Article.Status.REVIEW
    context.close()
