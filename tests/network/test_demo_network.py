"""`make demo`'s network: three publications on `*.localhost` names, each with its own front
page, a page listing them, and a `load_demo` that can run again without changing anything."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Section
from publications.models import Publication

pytestmark = pytest.mark.django_db

HOSTS = {
    "Newsroom": "localhost",
    "Capitol Wire": "capitol.localhost",
    "Gulf Coast Record": "coast.localhost",
}


def load_demo(*args) -> str:
    out = io.StringIO()
    call_command("load_demo", "--password", "demo-test-only", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def register(settings, tmp_path):
    """What `make demo` runs before `load_demo`: the starter register."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    call_command("load_starter_register", stdout=io.StringIO())


@pytest.fixture
def demo(register):
    return load_demo("--port", "8123")


def front_page(client, host) -> str:
    response = client.get(reverse("articles:home"), HTTP_HOST=host)
    assert response.status_code == 200, host
    return response.content.decode()


def test_demo_serves_three_live_publications_each_with_its_own_front_page(client, demo):
    live = Publication.objects.live()
    assert {p.name: p.domain for p in live} == HOSTS

    newsroom = front_page(client, "localhost")
    capitol = front_page(client, "capitol.localhost")
    coast = front_page(client, "coast.localhost")

    # Each masthead names its own publication.
    for name, html in (
        ("Newsroom", newsroom),
        ("Capitol Wire", capitol),
        ("Gulf Coast Record", coast),
    ):
        assert re.search(rf'class="brand"[^>]*>.*?{name}</a>', html, re.S), name
    # Each home shows its own stories, and not another publication's...
    assert "FAA awards $212 million" in newsroom
    assert "GAO says agencies undercount" in capitol
    assert "Army Corps plans dune repairs" in coast
    assert "GAO says agencies undercount" not in newsroom + coast
    assert "Army Corps plans dune repairs" not in newsroom + capitol
    assert "FAA awards $212 million" not in capitol + coast
    # ...but a story shared from the national desk shows on the Gulf Coast site too.
    assert "Coast Guard and CBP run port security drill" in newsroom
    assert "Coast Guard and CBP run port security drill" in coast
    # The default publication still answers on the development server's own address.
    assert "FAA awards $212 million" in front_page(client, "127.0.0.1")

    # Each keeps its own sections in its masthead.
    assert "/sections/storms/" in coast and "/sections/storms/" not in newsroom + capitol
    storms = client.get("/sections/storms/", HTTP_HOST="coast.localhost")
    assert storms.status_code == 200
    assert client.get("/sections/storms/", HTTP_HOST="capitol.localhost").status_code == 404

    # The command says where to find them, on the port the demo is served on.
    for host in HOSTS.values():
        assert f"http://{host}:8123/" in demo
    assert "http://localhost:8123/network/" in demo


def test_the_network_page_lists_every_publication_on_every_host(client, demo):
    for host in HOSTS.values():
        response = client.get(reverse("publications:network"), HTTP_HOST=host)
        assert response.status_code == 200
        html = response.content.decode()
        for name, domain in HOSTS.items():
            assert f'href="http://{domain}/"' in html  # a link to its front page, on its host
            assert name in html
        assert "Storms, ports and levees from Brownsville to Pensacola" in html  # a tagline


def test_a_publication_not_live_is_not_listed(client, demo):
    coast = Publication.objects.get(domain="coast.localhost")
    coast.is_live = False  # as the admin saves it
    coast.save()
    html = client.get(reverse("publications:network"), HTTP_HOST="capitol.localhost")
    assert "Gulf Coast Record" not in html.content.decode()
    assert "Capitol Wire" in html.content.decode()


def snapshot():
    return (
        sorted(Publication.objects.values_list("pk", "name", "domain", "tagline", "is_live")),
        sorted(Section.objects.values_list("pk", "publication_id", "name", "slug")),
        sorted(
            Article.objects.values_list(
                "pk", "slug", "publication_id", "section_id", "status", "updated_at"
            )
        ),
        sorted(Article.shared_with.through.objects.values_list("article_id", "publication_id")),
    )


def test_loading_the_demo_twice_changes_nothing(demo):
    before = snapshot()

    again = load_demo("--port", "8123")

    assert snapshot() == before
    assert "0 created, 0 updated, 22 unchanged, 0 failed" in again
    assert "0 publications created, 0 sections and 0 stories moved to them, 0 shares added" in again


def test_a_single_site_demo_keeps_every_story_on_the_default_publication(client, register):
    load_demo("--single-site")

    assert Publication.objects.count() == 1
    default = Publication.objects.get()
    assert Article.objects.exclude(publication=default).count() == 0
    assert "FAA awards $212 million" in front_page(client, "testserver")
