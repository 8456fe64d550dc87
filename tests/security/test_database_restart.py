"""Reliability: after the database drops a worker's connection (a PostgreSQL restart), every
reader page type answers 200 on the very next request: connections are health-checked before
reuse, and no page keeps a cursor of its own outside Django's connection handling."""

import psycopg
import pytest
from django.db import close_old_connections, connection
from django.urls import reverse

from tests.factories import ArticleFactory, OrganizationFactory, PersonFactory, SectionFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _drop_the_connection():
    """Terminate this process's database session from another one, as a restart does."""
    pid = connection.connection.info.backend_pid
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params["dbname"] = params.pop("dbname", None) or connection.settings_dict["NAME"]
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_every_page_type_answers_after_the_connection_is_lost(client, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0  # every request reads the database
    section = SectionFactory(name="Courts", slug="courts")
    story = ArticleFactory(section=section, headline="Appeals court hears the case")
    org, person = OrganizationFactory(), PersonFactory()
    story.organizations.add(org)
    story.people.add(person)
    story.tags.add("appeals")
    urls = [
        "/",
        story.get_absolute_url(),
        section.get_absolute_url(),
        reverse("articles:tag", args=["appeals"]),
        org.get_absolute_url(),
        person.get_absolute_url(),
        "/search/?q=appeals",
        reverse("feeds:latest-rss"),
        "/sitemap.xml",
        "/api/articles/",
    ]
    kept = dict(connection.settings_dict)
    connection.settings_dict["CONN_MAX_AGE"] = 60  # kept between requests, as in production
    try:
        for url in urls:
            assert client.get(url).status_code == 200, url  # opens the kept connection
            connection.ensure_connection()
            _drop_the_connection()
            # What the WSGI handler does at every request start (the test client skips it).
            close_old_connections()
            assert client.get(url).status_code == 200, f"{url} after the connection was lost"
    finally:
        connection.settings_dict.update(kept)
        connection.close()
