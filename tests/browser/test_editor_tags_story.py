"""Issue #2's acceptance in a browser: an editor writes a story, tags two organizations and a
person through the admin's autocomplete, publishes it, and readers follow the tags."""

import pytest

from articles.models import Article
from tests.factories import OrganizationFactory, PersonFactory, SectionFactory

from .conftest import admin_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pick(page, row_prefix, text):
    """Choose `text` in the select2 autocomplete of an inline row."""
    page.locator(f"#{row_prefix} .select2-selection").first.click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_editor_tags_and_publishes_and_readers_follow(live_server, new_page, editor_user):
    SectionFactory(name="Transportation", slug="transportation")
    OrganizationFactory(name="Federal Railroad Example Office", acronym="FREO", slug="freo")
    OrganizationFactory(name="Bridge Safety Example Board", slug="bridge-board")
    PersonFactory(name="Avery Trackwell", slug="avery-trackwell")

    page = new_page()
    admin_login(page, live_server, editor_user.username)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_headline", "Rail bridge inspections to double")
    page.select_option("#id_section", label="Transportation")
    page.locator("#article_form .ProseMirror[contenteditable=true]").fill(
        "Inspectors will visit every rail bridge twice a year."
    )
    pick(page, "organization_links-0", "Bridge Safety")
    page.click("#organization_links-group .add-row a")
    pick(page, "organization_links-1", "FREO")
    pick(page, "person_links-0", "Trackwell")
    page.select_option("#id_status", "published")
    page.click("#id_published_at_0 ~ span a:has-text('Today')")
    page.click("#id_published_at_1 ~ span a:has-text('Now')")
    page.click("input[name=_save]")
    page.wait_for_selector("text=was added successfully")

    article = Article.objects.get(headline="Rail bridge inspections to double")
    assert article.is_public
    reader = new_page()
    reader.goto(f"{live_server.url}{article.get_absolute_url()}")
    orgs = reader.locator("section[aria-labelledby=box-organizations] li").all_inner_texts()
    assert [o.split(" (")[0] for o in orgs] == [
        "Bridge Safety Example Board",
        "Federal Railroad Example Office",
    ]
    reader.click("section[aria-labelledby=box-people] a:has-text('Avery Trackwell')")
    reader.wait_for_url("**/people/avery-trackwell/")
    assert "Rail bridge inspections to double" in reader.content()
    reader.go_back()
    reader.click("section[aria-labelledby=box-organizations] a:has-text('Federal Railroad')")
    reader.wait_for_url("**/organizations/freo/")
    assert "Rail bridge inspections to double" in reader.content()
