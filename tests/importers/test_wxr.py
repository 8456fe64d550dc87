"""WordPress exports (WXR) import as WordPress showed them: the same posts public, at their
old addresses (301), with authors, sections, deks, images, and no shortcode left raw."""

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image

from articles.importers.wxr import autop, is_wxr
from articles.models import Article
from tests.factories import PersonFactory
from wire.models import OldPath

pytestmark = pytest.mark.django_db

EXPORT = Path(__file__).resolve().parents[1] / "fixtures" / "wxr" / "harbornotes.xml"
SHOWN = {  # what WordPress showed readers
    "Council approves the ferry budget",
    "Новый причал открыт",
    "Ferry timetable for the summer",
    "Fog closed the harbor for three hours on Sunday morning.",
}


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_articles", *map(str, args), stdout=out, stderr=err)
        return 0, out.getvalue() + err.getvalue()
    except CommandError as exc:
        return 1, out.getvalue() + err.getvalue() + str(exc)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def uploads(tmp_path):
    """A copy of the site's wp-content/uploads: the originals, not the resized copies."""
    folder = tmp_path / "uploads" / "2024" / "05"
    folder.mkdir(parents=True)
    Image.new("RGB", (64, 40), "navy").save(folder / "ferry.jpg", "JPEG")
    Image.new("RGB", (50, 30), "teal").save(folder / "dock.png", "PNG")
    return tmp_path / "uploads"


def story(headline) -> Article:
    return Article.objects.get(headline=headline)


def test_readers_see_exactly_what_wordpress_showed_whatever_status_says(client, uploads):
    PersonFactory(name="Marisol Rivera", slug="marisol-rivera")
    code, output = run(EXPORT, "--status", "published", "--media-dir", uploads, "--autotag", "off")
    assert code == 0, output
    assert "10 created, 0 updated, 0 unchanged, 0 failed" in output
    assert set(Article.objects.published().values_list("headline", flat=True)) == SHOWN
    for headline in SHOWN:
        assert client.get(story(headline).get_absolute_url()).status_code == 200
    # Not shown on WordPress, not public here.
    expected = {
        "Draft: harbor dredging plans": "draft",
        "Private: staff notes on the ferry contract": "draft",
        "Protected: harbor master's memo": "draft",
        "Pending: tide table corrections": "review",
        "Missed schedule: lighthouse tours": "review",
    }
    for headline, status in expected.items():
        hidden = story(headline)
        assert (hidden.status, hidden.published_at) == (status, None)
        assert client.get(hidden.get_absolute_url()).status_code == 404
    scheduled = story("Regatta preview, published later")
    assert scheduled.is_scheduled and scheduled.published_at.year == 2099
    # Skipped and counted, never stories.
    for told in (
        "page (--wxr-pages imports them) × 1",
        "attachment (images of their posts) × 2",
        "menu item × 1",
        "revision × 1",
        "product (a custom post type) × 1",
        "comment × 2",
    ):
        assert told in output
    assert not Article.objects.filter(headline__in=["About Harbor Notes", "ferry", "dock"])
    assert "private on WordPress: a draft here" in output


def test_old_permalinks_answer_with_a_301(client):
    run(EXPORT)
    response = client.get("/2024/05/14/council-approves-ferry-budget/")
    assert response.status_code == 301
    assert response["Location"] == "/articles/council-approves-ferry-budget/"
    assert client.get("/2024/05/14/council-approves-ferry-budget")["Location"] == (
        "/articles/council-approves-ferry-budget/"
    )
    assert client.get("/?p=101")["Location"] == "/articles/council-approves-ferry-budget/"
    # A percent-encoded Cyrillic permalink; the slug is its transliteration.
    response = client.get(
        "/2024/05/20/%d0%bd%d0%be%d0%b2%d1%8b%d0%b9-%d0%bf%d1%80%d0%b8%d1%87%d0%b0%d0%bb/"
    )
    assert (response.status_code, response["Location"]) == (301, "/articles/novyy-prichal/")
    # A private post's old address leads nowhere; live pages are never shadowed.
    assert client.get("/2024/05/22/staff-notes/").status_code == 404
    assert client.get("/?p=104").status_code == 200  # the home page, as it was
    assert client.get("/nothing/here/").status_code == 404


def test_slugs_are_kept_and_a_taken_slug_still_redirects(client):
    from tests.factories import ArticleFactory

    ArticleFactory(slug="ferry-timetable", headline="Older timetable", status="published")
    run(EXPORT)
    assert story("Council approves the ferry budget").slug == "council-approves-ferry-budget"
    moved = story("Ferry timetable for the summer")
    assert moved.slug == "ferry-timetable-2"
    assert client.get("/2024/06/01/ferry-timetable/")["Location"] == "/articles/ferry-timetable-2/"


def test_authors_sections_tags_and_deks(uploads):
    rivera = PersonFactory(name="Marisol Rivera", slug="marisol-rivera")
    run(EXPORT, "--media-dir", uploads, "--autotag", "off")
    budget = story("Council approves the ferry budget")
    assert budget.byline == "Marisol Rivera"  # the display name, not the login
    assert list(budget.authors.all()) == [rivera]
    assert budget.section.name == "City Hall & Council"  # Yoast's primary category
    assert set(budget.tags.names()) == {"Boating", "News", "Ferries", "Budget"}  # News: parent
    assert budget.dek == "The vote keeps the Pier Nine ferry running all winter."
    pier = story("Новый причал открыт")
    assert pier.byline == "Tomasz Kowalczyk" and not pier.authors.exists()
    assert (pier.section.name, pier.section.slug) == ("Новости", "novosti")
    assert story("Draft: harbor dredging plans").section is None  # only "Uncategorized"


def test_images_featured_inline_and_gallery(uploads, settings):
    run(EXPORT, "--media-dir", uploads)
    budget = story("Council approves the ferry budget")
    assert budget.image.name.endswith("ferry.jpg")
    assert (budget.image_alt, budget.image_caption) == (
        "The ferry at Pier Nine",
        "The morning ferry leaves Pier Nine.",
    )
    body = budget.body
    # [caption] is a figure with its caption; the resized inline copy links to the original,
    # copied into media storage.
    assert "<figcaption>The morning ferry leaves Pier Nine.</figcaption>" in body
    assert 'href="/media/articles/imported/wp/2024/05/dock.png"' in body
    assert ">Image: The new dock</a>" in body
    assert "<figcaption>The new dock &amp; its ramp.</figcaption>" in body  # the gallery
    assert (Path(settings.MEDIA_ROOT) / "articles/imported/wp/2024/05/ferry.jpg").is_file()
    # Shortcodes are never shown raw; brackets in prose stay.
    for raw in ("[caption", "[/caption]", "[gallery", "ad_slot", "contact-form-7", "[/"):
        assert raw not in body
    assert "The budget [sic] still needs" in body
    # Relative links made absolute against the old site.
    assert 'href="https://harbornotes.example.org/2024/05/01/ferry-hearing/"' in body


def test_blank_lines_make_paragraphs_and_blocks_stay_as_they_are():
    run(EXPORT)
    timetable = story("Ferry timetable for the summer").body
    assert timetable.count("<p>") == 2 and "<br>" in timetable
    assert story("Новый причал открыт").body.count("<p>") == 2
    assert "wp:paragraph" not in story("Новый причал открыт").body


def test_the_key_is_the_site_and_the_post_id_and_a_second_run_changes_nothing(client):
    run(EXPORT)
    # Posts 101 and 109 share a guid: still two stories.
    assert story("Ferry timetable for the summer") != story("Council approves the ferry budget")
    paths = OldPath.objects.count()
    code, output = run(EXPORT, "--status", "published")
    assert "0 created, 0 updated, 10 unchanged, 0 failed" in output
    assert Article.objects.count() == 10 and OldPath.objects.count() == paths


def test_an_edited_export_updates_its_stories(tmp_path):
    run(EXPORT)
    edited = tmp_path / "export.xml"
    edited.write_bytes(EXPORT.read_bytes().replace(b"every forty minutes", b"every half hour"))
    code, output = run(edited)
    assert "0 created, 1 updated, 9 unchanged" in output
    assert "every half hour" in story("Ferry timetable for the summer").body


def test_pages_by_flag(client):
    code, output = run(EXPORT, "--wxr-pages")
    about = story("About Harbor Notes")
    assert about.is_public and about.slug == "about"
    assert client.get("/about/")["Location"] == "/articles/about/"
    assert client.get("/?page_id=110")["Location"] == "/articles/about/"


def test_format_flag_and_detection(tmp_path):
    renamed = tmp_path / "export.dat"
    shutil.copy(EXPORT, renamed)
    code, output = run(renamed, "--format", "wxr")
    assert code == 0 and Article.objects.count() == 10
    assert is_wxr(EXPORT.read_bytes())
    assert not is_wxr(b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>')
    code, output = run(EXPORT.parent.parent / "wire" / "harbor-authority.xml", "--format", "wxr")
    assert code == 1 and "not a WordPress export" in output


def test_dry_run_writes_nothing(uploads, settings):
    code, output = run(EXPORT, "--dry-run", "--media-dir", uploads)
    assert "Dry run, nothing written: 10 created" in output
    assert not Article.objects.exists() and not OldPath.objects.exists()
    assert not (Path(settings.MEDIA_ROOT) / "articles").exists()


def test_an_entity_bomb_is_refused(tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>&b;</title>'
        "<wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type></item></channel></rss>"
    )
    code, output = run(bomb)
    assert code == 1 and "not a well-formed WordPress export" in output
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("One.\n\nTwo.", "<p>One.</p>\n<p>Two.</p>"),
        ("Line one\nline two", "<p>Line one<br>\nline two</p>"),
        ("<ul>\n<li>a</li>\n</ul>\n\nAfter.", "<ul>\n<li>a</li>\n</ul>\n<p>After.</p>"),
        ("<pre>keep\n\nthis</pre>", "<pre>keep\n\nthis</pre>"),
    ],
)
def test_autop(text, html):
    assert autop(text) == html


def test_upload_paths_never_lead_outside_the_media_folders(tmp_path, uploads):
    Image.new("RGB", (20, 20), "red").save(tmp_path / "outside.jpg", "JPEG")
    export = tmp_path / "export.xml"
    export.write_bytes(
        EXPORT.read_bytes()
        .replace(b"<![CDATA[2024/05/ferry.jpg]]>", b"<![CDATA[../../outside.jpg]]>")
        .replace(b"/uploads/2024/05/ferry", b"/uploads/../../outside")
    )
    code, output = run(export, "--media-dir", uploads)
    assert code == 0, output
    budget = story("Council approves the ferry budget")
    assert not budget.image
    assert "outside.jpg" not in str(list((tmp_path / "media").rglob("*")))
