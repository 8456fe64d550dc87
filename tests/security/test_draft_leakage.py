"""No unpublished story is visible to an anonymous reader, by any route or trick.

Stories in every state carry a unique canary word; every reader URL (each page of each
listing, feeds, sitemaps, search, API, entity pages), with tricks, is fetched anonymously and
searched for the canaries of unpublished stories.
"""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, OrganizationFactory, PersonFactory, SectionFactory

pytestmark = pytest.mark.django_db

TRICKS = ["", "?preview=1", "?status=draft", "?draft=1", "?static=1", "?page=1&preview=true"]


@pytest.fixture
def newsroom(settings, django_capture_on_commit_callbacks):
    settings.NEWSROOM_PAGE_SIZE = 2  # several pages of every listing
    section = SectionFactory(name="Leaks", slug="leaks")
    org = OrganizationFactory(name="Canary Office", slug="canary-office")
    person = PersonFactory(name="Casey Canary", slug="casey-canary")
    now = timezone.now()
    states = {
        "published": {"status": "published", "published_at": now - dt.timedelta(hours=1)},
        "draft": {"status": "draft", "published_at": None},
        "review": {"status": "review", "published_at": None},
        "archived": {"status": "archived", "published_at": now - dt.timedelta(days=1)},
        "scheduled": {"status": "published", "published_at": now + dt.timedelta(hours=3)},
        "draft-dated": {"status": "draft", "published_at": now - dt.timedelta(hours=2)},
    }
    # Register entries readers may not see (suggested by tagging, or rejected), tagged on the
    # published stories with an accepted link: the entry's own state must still hide them.
    hidden = {}
    for state in ("suggested", "rejected"):
        word = f"entry{state}canary"
        hidden[word] = (
            OrganizationFactory(name=f"Org {word}", slug=f"org-{word}", review_status=state),
            PersonFactory(name=f"Person {word}", slug=f"person-{word}", review_status=state),
        )
    canaries = {}
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            for state, fields in states.items():
                canary = f"canary{state.replace('-', '')}{n}x"
                article = ArticleFactory(
                    headline=f"Story {canary}",
                    slug=f"story-{canary}",
                    dek=f"Dek {canary}",
                    body=f"<p>Body {canary} common</p>",
                    section=section,
                    **fields,
                )
                article.tags.add("leakcheck")
                article.organizations.add(org)
                article.people.add(person)
                if state == "published":
                    for hidden_org, hidden_person in hidden.values():
                        article.organizations.add(hidden_org)
                        article.people.add(hidden_person)
                canaries[canary] = state
    # An unpublished story renamed after it was once live: its old slug must not lead to it.
    renamed = Article.objects.get(slug="story-canarypublished0x")
    renamed.slug = "renamed-live-story"
    renamed.save()
    Article.objects.filter(pk=renamed.pk).update(status="draft")
    canaries["canarypublished0x"] = "draft"
    return {
        "canaries": canaries,
        "hidden": hidden,
        "section": section,
        "org": org,
        "person": person,
    }


def reader_urls(client, newsroom):
    urls = [
        "/",
        newsroom["section"].get_absolute_url(),
        reverse("articles:tag", args=["leakcheck"]),
        newsroom["org"].get_absolute_url(),
        newsroom["person"].get_absolute_url(),
        "/search/?q=common",
        "/search/?q=body",  # every story says it; only published ones may show
        "/search/?q=Canary+Office",
        reverse("feeds:latest-rss"),
        reverse("feeds:latest-atom"),
        reverse("feeds:section-rss", args=["leaks"]),
        reverse("feeds:tag-atom", args=["leakcheck"]),
        reverse("feeds:organization-rss", args=["canary-office"]),
        reverse("feeds:person-atom", args=["casey-canary"]),
        "/sitemap.xml",
        "/sitemap-stories.xml",
        "/sitemap-news.xml",
        "/api/articles/",
        "/api/articles/?page_size=100",
        "/api/organizations/",
        "/api/people/",
    ]
    for page in range(2, 8):
        urls += [f"/?page={page}", f"{newsroom['section'].get_absolute_url()}?page={page}"]
        urls.append(f"/api/articles/?page={page}&page_size=2")
    for canary in newsroom["canaries"]:
        urls += [f"/articles/story-{canary}/", f"/api/articles/story-{canary}/"]
    urls.append("/articles/story-canarypublished0x/")  # the old slug
    for hidden_org, hidden_person in newsroom["hidden"].values():
        urls += [
            hidden_org.get_absolute_url(),
            hidden_person.get_absolute_url(),
            f"/api/organizations/{hidden_org.slug}/",
            f"/api/people/{hidden_person.slug}/",
            reverse("feeds:organization-rss", args=[hidden_org.slug]),
            reverse("feeds:person-atom", args=[hidden_person.slug]),
        ]
    urls += ["/search/?q=Org", "/search/?q=Person"]  # names in the search data, not echoed
    return urls


def test_no_canary_of_an_unpublished_story_is_visible(newsroom):
    client = Client()
    secret = {c for c, state in newsroom["canaries"].items() if state != "published"}
    secret |= set(newsroom["hidden"])
    public = {c for c, state in newsroom["canaries"].items() if state == "published"}
    seen_public = set()
    fetched = 0
    for url in reader_urls(client, newsroom):
        for trick in TRICKS:
            glue = "&" if "?" in url and trick else ""
            full = url + (glue + trick[1:] if glue else trick)
            response = client.get(full, follow=True)
            fetched += 1
            body = response.content.decode(errors="replace")
            leaked = {c for c in secret if c in body}
            assert not leaked, f"{full} shows {leaked}"
            seen_public |= {c for c in public if c in body}
    assert fetched > 300
    assert seen_public == public  # the check can see canaries: the published ones show


def test_unpublished_story_pages_are_404_not_redirects(newsroom):
    client = Client()
    for canary, state in newsroom["canaries"].items():
        if state != "published":
            assert client.get(f"/articles/story-{canary}/").status_code == 404, canary
    assert not re.search(
        r"canary(draft|review|archived|scheduled)",
        client.get("/sitemap-stories.xml").content.decode(),
    )
