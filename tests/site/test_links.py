import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from newsroom.links import page_url, slug_url


@pytest.mark.parametrize(
    "viewname", ["articles:detail", "articles:section", "organizations:detail", "people:detail"]
)
@pytest.mark.parametrize("slug", ["cbp", "department-of-state-2", "a_b"])
def test_slug_url_is_what_reverse_gives(viewname, slug):
    assert slug_url(viewname, slug) == reverse(viewname, kwargs={"slug": slug})


def test_slug_url_follows_the_script_prefix():
    try:
        set_script_prefix("/news/")
        assert slug_url("organizations:detail", "cbp") == "/news/organizations/cbp/"
        assert page_url("articles:home") == "/news/"
    finally:
        set_script_prefix("/")
    assert slug_url("organizations:detail", "cbp") == "/organizations/cbp/"


def test_slug_url_refuses_what_reverse_refuses():
    with pytest.raises(NoReverseMatch):
        slug_url("organizations:detail", "not a slug")
    with pytest.raises(NoReverseMatch):
        slug_url("organizations:detail", "")
