"""Each publication's masthead, social cards and structured data carry its own name, logo
and default picture."""

import json
import re

import pytest
from django.urls import reverse

from articles.models import Section
from tests.factories import ArticleFactory

from .conftest import B_HOST

pytestmark = pytest.mark.django_db


def json_ld(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page)[1])


def test_the_masthead_shows_the_publications_logo_name_and_tagline(network, on_a, on_b):
    network.b.logo = "publications/harbor-logo.png"
    network.b.save()

    b_home, a_home = on_b("/").content.decode(), on_a("/").content.decode()

    assert '<img class="brand-logo" src="/media/publications/harbor-logo.png" alt="">' in b_home
    assert "Harbor Gazette</a>" in b_home
    assert '<p class="tagline">News of the waterfront</p>' in b_home
    assert "harbor-logo" not in a_home and "Capitol Wire</a>" in a_home
    story = on_b(network.b_only.get_absolute_url()).content.decode()
    assert f"<title>{network.b_only.headline} · Harbor Gazette</title>" in story
    publisher = json_ld(story)["publisher"]
    assert publisher["logo"]["url"] == f"http://{B_HOST}/media/publications/harbor-logo.png"


def test_a_story_without_a_picture_gets_the_publications_default_image(network, on_a, on_b):
    network.b.default_image = "publications/harbor-card.png"
    network.b.save()
    card = f"http://{B_HOST}/media/publications/harbor-card.png"

    story = on_b(network.b_only.get_absolute_url()).content.decode()
    assert f'<meta property="og:image" content="{card}">' in story
    assert json_ld(story)["image"] == [card]
    assert f'<meta property="og:image" content="{card}">' in on_b("/").content.decode()
    assert "harbor-card" not in on_a(network.a_only.get_absolute_url()).content.decode()


def test_the_search_section_filter_is_the_publications_own_section(
    network, on_b, django_capture_on_commit_callbacks
):
    """B has a section of the same slug as A's: filtering by it finds B's stories only, not
    A's shared story in A's section."""
    b_state = Section.objects.create(
        publication=network.b, name="Harbor statehouse", slug="statehouse"
    )
    with django_capture_on_commit_callbacks(execute=True):  # the search index, on commit
        ArticleFactory(
            publication=network.b, section=b_state, headline="Bridge tolls hearing in the harbor"
        )

    page = on_b(reverse("articles:search") + "?q=bridge+tolls&section=statehouse").content.decode()

    assert "Bridge tolls hearing in the harbor" in page
    assert "Bridge tolls rise statewide" not in page
