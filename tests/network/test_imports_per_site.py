"""Imports and the wire desk take a site: `import_articles --site DOMAIN` files new stories
and their sections on that publication, and a wire source writes to its own. Without
--site, the default publication, as a single-site install always had."""

import io
import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from articles.models import Article, Section
from publications.models import Publication, default_publication
from tests.conftest import member
from tests.wire.conftest import Route, feed_bytes, wire_server  # noqa: F401  (fixture)
from wire.models import Source

A_HOST, B_HOST = "a.example.com", "b.example.com"


@pytest.fixture
def site_a(db):
    return Publication.objects.create(name="Capitol Wire", domain=A_HOST)


@pytest.fixture
def site_b(db):
    return Publication.objects.create(
        name="Bayside Ledger", domain=B_HOST, aliases="www.b.example.com"
    )


def story(**overrides):
    data = {
        "id": "partner:501",
        "slug": "ferry-terminal-reopens",
        "headline": "Ferry terminal reopens after repairs",
        "section": "Waterfront",
        "published_at": "2026-11-20T14:00:00+00:00",
        "status": "published",
        "body": "<p>Boats ran again on Monday.</p>",
    }
    data.update(overrides)
    return data


def write_jsonl(tmp_path, *stories):
    path = tmp_path / "stories.jsonl"
    path.write_text("".join(json.dumps(s) + "\n" for s in stories), encoding="utf-8")
    return path


def run_import(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_articles", *map(str, args), stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


@pytest.mark.django_db
def test_an_import_for_a_site_files_stories_and_sections_there_and_readers_see_them_only_there(
    tmp_path, site_a, site_b
):
    Section.objects.create(publication=site_a, name="Waterfront", slug="waterfront")
    run_import(write_jsonl(tmp_path, story()), "--site", B_HOST)

    imported = Article.objects.get(external_key="partner:501")
    assert imported.publication == site_b
    assert imported.section.publication == site_b
    assert Section.objects.filter(name="Waterfront").count() == 2  # A's is left alone

    url = imported.get_absolute_url()
    page = Client().get(url, HTTP_HOST=B_HOST)
    assert page.status_code == 200
    assert "Ferry terminal reopens after repairs" in page.content.decode()
    for host in (A_HOST, "testserver"):
        assert Client().get(url, HTTP_HOST=host).status_code == 404, host
    section_url = imported.section.get_absolute_url()
    assert Client().get(section_url, HTTP_HOST=B_HOST).status_code == 200
    assert Client().get(section_url, HTTP_HOST=A_HOST).status_code == 404  # A's has no story


@pytest.mark.django_db
def test_a_site_may_be_named_by_an_alias(tmp_path, site_b):
    run_import(write_jsonl(tmp_path, story()), "--site", "www.b.example.com")
    assert Article.objects.get(external_key="partner:501").publication == site_b


@pytest.mark.django_db
def test_an_unknown_site_is_a_clear_error_naming_the_known_ones(tmp_path, site_a, site_b):
    with pytest.raises(CommandError) as error:
        run_import(write_jsonl(tmp_path, story()), "--site", "nowhere.example.com")
    message = str(error.value)
    assert "nowhere.example.com" in message
    assert A_HOST in message and B_HOST in message
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_without_a_site_stories_go_to_the_default_publication(tmp_path, site_b):
    bayside = Section.objects.create(publication=site_b, name="Waterfront", slug="waterfront")
    run_import(write_jsonl(tmp_path, story()))
    imported = Article.objects.get(external_key="partner:501")
    assert imported.publication == default_publication()
    assert imported.section != bayside  # a section of the default publication, made for it
    assert imported.section.publication == default_publication()
    assert Client().get(imported.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_the_same_key_imported_for_another_site_stays_home_and_is_reported(
    tmp_path, site_a, site_b
):
    run_import(write_jsonl(tmp_path, story()), "--site", A_HOST)
    output = run_import(
        write_jsonl(tmp_path, story(headline="Ferry terminal reopens, fares unchanged")),
        "--site",
        B_HOST,
    )
    stored = Article.objects.get(external_key="partner:501")
    assert stored.publication == site_a
    assert stored.headline == "Ferry terminal reopens, fares unchanged"
    assert stored.section.publication == site_a
    assert "already a story of Capitol Wire" in output
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_as_user_the_import_has_the_users_rights_on_that_site(tmp_path, site_a, site_b):
    editor_b = member("Editor", "b-editor")
    site_b.members.add(editor_b)
    path = write_jsonl(tmp_path, story())
    with pytest.raises(CommandError, match="Capitol Wire"):
        run_import(path, "--site", A_HOST, "--as-user", "b-editor")
    assert not Article.objects.exists()

    run_import(path, "--site", B_HOST, "--as-user", "b-editor")
    assert Article.objects.get(external_key="partner:501").publication == site_b


@pytest.mark.django_db
def test_as_user_a_story_of_another_site_is_not_updated(tmp_path, site_a, site_b):
    run_import(write_jsonl(tmp_path, story()), "--site", A_HOST)
    editor_b = member("Editor", "b-editor")
    site_b.members.add(editor_b)
    changed = write_jsonl(tmp_path, story(headline="Rewritten by the other site"))
    with pytest.raises(CommandError, match="1 story failed"):
        run_import(changed, "--site", B_HOST, "--as-user", "b-editor")
    assert Article.objects.get().headline == "Ferry terminal reopens after repairs"


WXR = Path(__file__).resolve().parents[1] / "fixtures" / "wxr" / "harbornotes.xml"


@pytest.mark.django_db
def test_two_wordpress_sites_keep_their_own_old_addresses(tmp_path, settings, site_a, site_b):
    """Both blogs had a post 101: `/?p=101` on each host leads to that site's story."""
    settings.MEDIA_ROOT = tmp_path / "media"
    other_blog = tmp_path / "bayside.xml"
    other_blog.write_bytes(WXR.read_bytes().replace(b"harbornotes.example.org", b"bayside.org"))
    options = ["--status", "published", "--autotag", "off"]
    run_import(WXR, "--site", A_HOST, *options)
    run_import(other_blog, "--site", B_HOST, *options)

    on_a = Client().get("/?p=101", HTTP_HOST=A_HOST)
    on_b = Client().get("/?p=101", HTTP_HOST=B_HOST)
    assert on_a.status_code == on_b.status_code == 301
    assert on_a["Location"] != on_b["Location"]
    story_a = Article.objects.get(publication=site_a, old_paths__path="/?p=101")
    story_b = Article.objects.get(publication=site_b, old_paths__path="/?p=101")
    assert on_a["Location"].endswith(story_a.get_absolute_url())
    assert on_b["Location"].endswith(story_b.get_absolute_url())


# --- the wire desk ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_wire_source_writes_its_stories_to_its_publication(wire_server):  # noqa: F811
    site_b = Publication.objects.create(name="Bayside Ledger", domain=B_HOST)
    waterfront = Section.objects.create(publication=site_b, name="Waterfront", slug="waterfront")
    Source.objects.create(
        name="State Desk",
        feed_url=wire_server.add("/state", Route(body=feed_bytes("state-desk.xml"))),
        publication=site_b,
        section=waterfront,
        autotag="off",
    )
    out = io.StringIO()
    call_command("ingest", "--once", stdout=out, stderr=out)
    stories = Article.objects.all()
    assert stories.count() == 2
    assert {story.publication_id for story in stories} == {site_b.pk}
    assert {story.section_id for story in stories} == {waterfront.pk}


@pytest.mark.django_db
def test_a_wire_source_takes_a_section_of_its_own_publication(site_a, site_b):
    statehouse = Section.objects.create(publication=site_a, name="Statehouse", slug="statehouse")
    source = Source(
        name="State Desk",
        feed_url="https://statedesk.example.org/feed",
        publication=site_b,
        section=statehouse,
    )
    with pytest.raises(ValidationError) as error:
        source.full_clean()
    assert "section" in error.value.message_dict


@pytest.mark.django_db
def test_a_source_made_without_a_site_writes_to_the_default_publication():
    source = Source.objects.create(name="Old wire", feed_url="https://old.example.org/feed")
    assert source.publication == default_publication()
