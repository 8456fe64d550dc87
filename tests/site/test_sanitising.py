import pytest

from articles.sanitize import clean_body
from tests.factories import ArticleFactory


@pytest.mark.parametrize(
    "dirty",
    [
        "<p>Hello</p><script>alert(1)</script>",
        '<p onclick="alert(1)">Hello</p>',
        '<p><a href="javascript:alert(1)">Hello</a></p>',
        '<p><a href="JaVaScRiPt&#58;alert(1)">Hello</a></p>',
        '<p><img src=x onerror="alert(1)">Hello</p>',
        '<p><svg onload="alert(1)"></svg>Hello</p>',
        '<iframe src="https://example.org"></iframe><p>Hello</p>',
        '<p style="background:url(javascript:alert(1))">Hello</p>',
    ],
)
def test_dangerous_markup_leaves_the_body(dirty):
    clean = clean_body(dirty)
    assert "Hello" in clean
    for needle in (
        "<script",
        "onclick",
        "onerror",
        "onload",
        "javascript",
        "<iframe",
        "<svg",
        "style=",
    ):
        assert needle not in clean.lower()


def test_editorial_markup_survives():
    html = (
        '<p>A <a href="https://example.gov/notice">notice</a> with <em>emphasis</em>.</p>'
        "<blockquote><p>Quoted words.</p></blockquote><ul><li>One</li></ul>"
    )
    clean = clean_body(html)
    assert '<a href="https://example.gov/notice" rel="noopener noreferrer">notice</a>' in clean
    assert "<blockquote><p>Quoted words.</p></blockquote>" in clean
    assert "<ul><li>One</li></ul>" in clean


def test_cleaning_is_stable():
    once = clean_body('<p>One <a href="https://example.gov">link</a></p><h2>Two</h2>')
    assert clean_body(once) == once


@pytest.mark.django_db
def test_article_body_is_sanitised_on_save():
    article = ArticleFactory(body='<p onmouseover="steal()">Text</p><script>steal()</script>')
    article.refresh_from_db()
    assert article.body == "<p>Text</p>"
