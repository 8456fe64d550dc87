"""Editing a story's body never loses what it had, tried in Chromium as an editor would: the
rich-text editor keeps the inline markup imports bring and the spaces typed; a body with
markup it cannot show (a table) opens as HTML instead, and is saved as it was."""

import pytest

from tests.factories import ArticleFactory

from .conftest import admin_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INLINE = (
    "<p>The basin holds 5 km<sup>2</sup> of H<sub>2</sub>O, <u>under</u> <s>struck</s> "
    "<code>FLOW-7</code> <mark>marked</mark> water.</p><hr><p>Read the "
    '<a href="https://example.org/notice" rel="noopener noreferrer">agency notice</a>.</p>'
)
TABLE = (
    "<p>Grants by state:</p><table><thead><tr><th>State</th><th>Grant</th></tr></thead>"
    "<tbody><tr><td>Texas</td><td>$4m</td></tr></tbody></table>"
)


def open_story(page, live_server, article):
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")


def test_typing_in_the_editor_keeps_inline_markup_and_spaces(live_server, new_page, editor_user):
    article = ArticleFactory(headline="Basin report", body=INLINE)
    page = new_page()
    admin_login(page, live_server, editor_user.username)
    open_story(page, live_server, article)
    assert page.locator(".body-as-html").count() == 0  # the rich-text editor, not HTML
    surface = page.locator("#article_form .ProseMirror[contenteditable=true]")
    surface.locator("p", has_text="The basin holds").click()
    page.keyboard.press("End")
    page.keyboard.type(" and more here and there")
    page.click("input[name=_continue]")
    page.wait_for_selector("text=was changed successfully")

    article.refresh_from_db()
    for kept in ("<sup>2</sup>", "<sub>2</sub>", "<u>under</u>", "<s>struck</s>", "<hr>"):
        assert kept in article.body, (kept, article.body)
    assert "<code>FLOW-7</code>" in article.body and "<mark>marked</mark>" in article.body
    assert "<mark>marked</mark> water. and more here and there</p>" in article.body
    assert "Read the <a href" in article.body  # the space before a link is kept
    assert "&nbsp;" not in article.body and "\xa0" not in article.body


def test_a_body_with_a_table_opens_as_html_and_keeps_it(live_server, new_page, editor_user):
    article = ArticleFactory(headline="Grants report", body=TABLE)
    page = new_page()
    admin_login(page, live_server, editor_user.username)
    open_story(page, live_server, article)
    note = page.locator(".body-as-html")
    assert "markup the editor cannot show (<table>, <tbody>, <td>, <th>, <thead>, <tr>)" in (
        note.inner_text()
    )
    assert page.locator("#article_form .ProseMirror").count() == 0
    body = page.locator("#id_body")
    body.fill(body.input_value().replace("Grants by state:", "Grants by state, 2026:"))
    page.click("input[name=_continue]")
    page.wait_for_selector("text=was changed successfully")

    article.refresh_from_db()
    assert "<p>Grants by state, 2026:</p>" in article.body
    assert "<td>Texas</td><td>$4m</td>" in article.body and "<thead>" in article.body
