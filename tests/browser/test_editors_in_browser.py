"""What editors do in the admin, in a real browser: review suggestions, merge, conflicts."""

import io

import pytest
from django.core.management import call_command

from articles.models import Article, ArticleOrganization, ArticlePerson
from organizations.models import Organization
from tests.autotag.test_autotag_flow import SPECIMEN
from tests.factories import ArticleFactory, OrganizationFactory

from .conftest import admin_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def quiet(*args):
    call_command(*map(str, args), stdout=io.StringIO(), stderr=io.StringIO())


@pytest.fixture
def imported(tmp_path):
    quiet("load_starter_register")
    path = tmp_path / "drill.txt"
    path.write_text(SPECIMEN, encoding="utf-8")
    quiet("import_articles", path, "--status", "published", "--autotag", "discover")
    return Article.objects.get()


def test_accept_and_reject_suggestions_survive_retag(live_server, new_page, editor_user, imported):
    page = new_page()
    admin_login(page, live_server, editor_user.username)
    page.goto(f"{live_server.url}/admin/articles/article/{imported.pk}/change/")
    row = page.locator("table.suggested-panel tr", has_text="Dana Okafor")
    row.get_by_role("button", name="Accept").click()
    page.wait_for_selector("text=Dana Okafor: accepted.")
    page.locator("table.suggested-panel tr", has_text="Office of Harbor Readiness").get_by_role(
        "button", name="Reject"
    ).click()
    page.wait_for_selector("text=Office of Harbor Readiness (OHR): rejected.")

    quiet("retag", "--discover")

    assert ArticlePerson.objects.get(person__name="Dana Okafor").status == "accepted"
    assert ArticleOrganization.objects.get(organization__acronym="OHR").status == "rejected"
    reader = new_page()
    reader.goto(f"{live_server.url}{imported.get_absolute_url()}")
    people_box = reader.locator("section[aria-labelledby=box-people]")
    assert "Dana Okafor" in people_box.inner_text()
    orgs_box = reader.locator("section[aria-labelledby=box-organizations]").inner_text()
    assert "Office of Harbor Readiness" not in orgs_box


def test_merge_duplicates_from_the_changelist(live_server, new_page, editor_user):
    keep = OrganizationFactory(name="Bureau of Example Statistics", slug="bes")
    dupe = OrganizationFactory(name="Example Statistics Bureau", slug="esb")
    ArticleFactory(headline="Figures out").organizations.add(dupe)
    page = new_page()
    admin_login(page, live_server, editor_user.username)
    page.goto(f"{live_server.url}/admin/organizations/organization/?q=Example+Statistics")
    page.check(f"input[name=_selected_action][value='{keep.pk}']")
    page.check(f"input[name=_selected_action][value='{dupe.pk}']")
    page.select_option("select[name=action]", "merge_selected")
    page.click("button[name=index]")
    page.check(f"input[name=merge_into][value='{keep.pk}']")
    page.click("input[type=submit][value=Merge]")
    page.wait_for_selector("text=Merged 1 into")

    assert not Organization.objects.filter(pk=dupe.pk).exists()
    quiet("retag")
    response = page.goto(f"{live_server.url}/organizations/esb/")
    assert page.url.endswith("/organizations/bes/") and response.ok
    assert "Figures out" in page.content()


def test_second_of_two_windows_is_refused_and_history_keeps_the_first(
    live_server, new_page, editor_user, administrator
):
    article = ArticleFactory(headline="Original headline")
    first, second = new_page(), new_page()
    admin_login(first, live_server, editor_user.username)
    admin_login(second, live_server, administrator.username)
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    first.goto(url)
    second.goto(url)
    assert second.locator("text=is also editing this story").count() == 1

    first.fill("#id_headline", "Headline from the first window")
    first.click("input[name=_continue]")
    first.wait_for_selector("text=was changed successfully")
    second.fill("#id_headline", "Headline from the second window")
    second.click("input[name=_continue]")
    second.wait_for_selector("text=nothing was overwritten")

    article.refresh_from_db()
    assert article.headline == "Headline from the first window"
    second.click("text=Open the newer version")
    assert second.input_value("#id_headline") == "Headline from the first window"
    first.goto(f"{url.removesuffix('change/')}history/")
    assert first.locator("#change-history tbody tr").count() == 1  # the first save, intact
    assert editor_user.username in first.locator("#change-history").inner_text()


def test_contributor_finds_no_way_to_publish(live_server, new_page, contributor):
    page = new_page()
    admin_login(page, live_server, contributor.username)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_headline", "Writer's first draft")
    assert page.locator("select#id_status").count() == 0  # status is not theirs to set
    page.click("input[name=_continue]")
    page.wait_for_selector("text=was added successfully")
    page.click("button[name=_submit_for_review]")
    page.wait_for_selector("text=Submitted for review")
    article = Article.objects.get(headline="Writer's first draft")
    assert article.slug == "writers-first-draft"  # filled in from the headline as they typed
    assert article.status == "review"
    page.goto(f"{live_server.url}/admin/articles/article/")
    options = page.locator("select[name=action] option").all_inner_texts()
    assert not any("Publish" in option for option in options)
