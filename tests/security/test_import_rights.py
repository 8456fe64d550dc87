"""F3: an imported draft makes nothing public early. F4: `--as-user` has exactly that user's
rights, and what it writes is recorded like their admin save."""

import datetime as dt
import io
import json

import pytest
import reversion
from django.contrib.admin.models import LogEntry
from django.core.management import CommandError, call_command
from django.utils import timezone
from reversion.models import Version

from articles import services
from articles.models import Article
from organizations.models import Organization
from people.models import Person
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    try:
        call_command(*map(str, args), stdout=out, stderr=out)
    except CommandError as exc:  # "N stories failed": the report above says which
        out.write(str(exc))
    return out.getvalue()


def jsonl(tmp_path, *records, name="wire.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


RECORD = {
    "id": "wire-2291",
    "headline": "Inspectors close a canal lock for repairs",
    "section": "Waterways Desk",
    "body": "<p>The lock will reopen in the spring, the Office of Canal Locks said.</p>",
    "tags": ["canal closures"],
    "organizations": [{"name": "Office of Canal Locks", "acronym": "OCL"}],
    "people": [{"name": "Rowan Tidewell", "title": "Lockmaster"}],
}


def test_an_imported_draft_makes_nothing_public(client, tmp_path, editor_user):
    run("import_articles", jsonl(tmp_path, RECORD), "--status", "draft")
    story = Article.objects.get()
    assert story.status == "draft"
    org = Organization.objects.get(name="Office of Canal Locks")
    person = Person.objects.get(name="Rowan Tidewell")
    home = client.get("/").content.decode()
    assert "Waterways Desk" not in home
    for url in (
        org.get_absolute_url(),
        person.get_absolute_url(),
        f"/api/organizations/{org.slug}/",
        f"/api/people/{person.slug}/",
    ):
        assert client.get(url).status_code == 404, url
    for url in ("/api/organizations/", "/api/people/", "/sitemap.xml", "/search/?q=Lockmaster"):
        body = client.get(url).content.decode()
        assert "Canal Locks" not in body and "Tidewell" not in body, url
    for path in ("/sitemap-organizations.xml", "/sitemap-people.xml"):
        response = client.get(path)
        assert b"canal" not in response.content.lower(), path

    services.article_publish(article=story, user=editor_user)
    assert client.get(org.get_absolute_url()).status_code == 200
    assert client.get(person.get_absolute_url()).status_code == 200
    assert ">Waterways Desk</a>" in client.get("/").content.decode()


def test_a_published_import_shows_its_entries_at_once(client, tmp_path):
    run("import_articles", jsonl(tmp_path, RECORD), "--status", "published")
    org = Organization.objects.get(name="Office of Canal Locks")
    assert client.get(org.get_absolute_url()).status_code == 200


def test_as_user_contributor_cannot_rewrite_another_story_by_its_key(tmp_path, contributor):
    live = ArticleFactory(external_key="wire-2291", headline="The story as the desk ran it")
    out = run("import_articles", jsonl(tmp_path, RECORD), "--as-user", contributor.username)
    live.refresh_from_db()
    assert live.headline == "The story as the desk ran it"
    assert "may not change the story" in out


def test_as_user_cannot_move_a_scheduled_story_into_the_past(tmp_path, editor_user):
    later = timezone.now() + dt.timedelta(days=2)
    scheduled = ArticleFactory(external_key="wire-2291", published_at=later)
    earlier = dict(RECORD, published_at="2020-01-01T00:00:00+00:00", status="published")
    run("import_articles", jsonl(tmp_path, earlier), "--as-user", editor_user.username)
    scheduled.refresh_from_db()
    assert scheduled.published_at == later and not scheduled.is_public


def test_as_user_writes_are_recorded_like_admin_saves(tmp_path, contributor):
    run("import_articles", jsonl(tmp_path, RECORD), "--as-user", contributor.username)
    story = Article.objects.get()
    assert story.status in ("draft", "review")
    version = Version.objects.get_for_object(story).get()
    assert version.revision.user == contributor
    entry = LogEntry.objects.get(object_id=str(story.pk))
    assert entry.user == contributor and entry.is_addition()


def test_as_user_contributor_may_update_their_own_draft(tmp_path, contributor):
    with reversion.create_revision():
        mine = ArticleFactory(
            external_key="wire-2291", status="draft", published_at=None, created_by=contributor
        )
    run("import_articles", jsonl(tmp_path, RECORD), "--as-user", contributor.username)
    mine.refresh_from_db()
    assert mine.headline == RECORD["headline"]
