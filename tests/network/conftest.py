"""Two publications of one network, A (Capitol Wire) and B (Harbor Gazette), on their own
hosts, with stories of each, a story of A shared to B, and a draft of A."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

A_HOST = "capitol.example.com"
B_HOST = "harbor.example.com"


@pytest.fixture
def network(db, django_capture_on_commit_callbacks):
    from articles.models import Section
    from publications.models import Publication
    from tests.factories import ArticleFactory, DraftFactory, OrganizationFactory, PersonFactory

    a = Publication.objects.create(
        name="Capitol Wire", tagline="The statehouse, every day", domain=A_HOST
    )
    b = Publication.objects.create(
        name="Harbor Gazette",
        tagline="News of the waterfront",
        domain=B_HOST,
        robots_rules="Disallow: /tips/\n",
    )
    a_state = Section.objects.create(publication=a, name="Statehouse", slug="statehouse")
    b_port = Section.objects.create(publication=b, name="Port", slug="port")
    authority = OrganizationFactory(name="Harbor Bridge Authority", slug="harbor-bridge-authority")
    treasurer = PersonFactory(name="Dana Ledger", slug="dana-ledger")
    hour = dt.timedelta(hours=1)
    now = timezone.now()

    def story(publication, section, headline, slug, *, draft=False, ago=hour, tags=()):
        factory = DraftFactory if draft else ArticleFactory
        extra = {} if draft else {"published_at": now - ago}
        made = factory(
            publication=publication,
            section=section,
            headline=headline,
            slug=slug,
            dek=f"{headline}: the dek.",
            **extra,
        )
        made.organizations.add(authority)
        made.people.add(treasurer)
        if tags:
            made.tags.add(*tags)
        return made

    # Words no other story has, so that a page containing them shows that story. (The
    # search index is written when the transaction commits: the callbacks run here.)
    with django_capture_on_commit_callbacks(execute=True):
        a_only = story(
            a,
            a_state,
            "Quillfeather budget vote",
            "quillfeather-budget-vote",
            tags=["quillfeather"],
        )
        a_draft = story(
            a,
            a_state,
            "Zephyrine draft memo",
            "zephyrine-draft-memo",
            draft=True,
            tags=["zephyrine"],
        )
        shared = story(a, a_state, "Bridge tolls rise statewide", "bridge-tolls-rise", ago=2 * hour)
        shared.shared_with.add(b)
        b_only = story(b, b_port, "Ferry schedule grows", "ferry-schedule-grows", ago=3 * hour)
    return SimpleNamespace(
        a=a,
        b=b,
        a_state=a_state,
        b_port=b_port,
        authority=authority,
        treasurer=treasurer,
        a_only=a_only,
        a_draft=a_draft,
        shared=shared,
        b_only=b_only,
    )


@pytest.fixture
def on_a(client):
    return lambda path, **extra: client.get(path, HTTP_HOST=A_HOST, **extra)


@pytest.fixture
def on_b(client):
    return lambda path, **extra: client.get(path, HTTP_HOST=B_HOST, **extra)
