"""import_articles on story dumps and feeds, end to end: every kind of input and of bad input."""

import codecs
import io
import json
from pathlib import Path

import pytest
from PIL import Image

from articles.models import Article
from organizations.models import Organization
from tests.commands import import_articles

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "blinken-migration.txt"

DUMP = """Webp levee
Crews on the east levee | Army Corps photo

Levee repairs finish ahead of the storm season

Infrastructure

ORGANIZATIONS IN THIS STORY
U.S. Army Corps of Engineers | U.S. Army Corps of Engineers

NEW ORLEANS — Engineers closed the last gap in the east levee on Thursday, two weeks before the start of the storm season, the district office said.

The work replaced about a mile of eroded embankment and cost less than the first estimate, officials said.

ORGANIZATIONS IN THIS STORY
"""


run = import_articles


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def write(folder, name, text, encoding="utf-8"):
    path = folder / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def test_story_dump_imports_with_every_part_in_its_place(tmp_path):
    Image.new("RGB", (900, 500), "gray").save(tmp_path / "levee.webp")
    code, out, err = run(write(tmp_path, "levee.txt", DUMP), "--status", "published")
    assert code == 0, err
    article = Article.objects.get()
    assert article.headline == "Levee repairs finish ahead of the storm season"
    assert article.section.name == "Infrastructure"
    assert article.dateline == "NEW ORLEANS"
    assert article.body.startswith("<p>Engineers closed the last gap")
    assert "ORGANIZATIONS IN THIS STORY" not in article.body
    assert article.body.count("<p>") == 2
    assert (article.image_caption, article.image_credit) == (
        "Crews on the east levee",
        "Army Corps photo",
    )
    assert article.image.name.endswith("levee.webp") and article.image_stem == "levee"
    assert article.image_renditions  # 480 and 800 wide copies
    assert list(article.organizations.values_list("name", flat=True)) == [
        "U.S. Army Corps of Engineers"
    ]
    assert article.organization_links.get().source == "import"


def test_missing_image_is_a_warning_and_caption_and_credit_are_kept(tmp_path):
    code, _, err = run(write(tmp_path, "levee.txt", DUMP))
    assert code == 0
    assert "image levee.webp not found; caption and credit kept" in err
    article = Article.objects.get()
    assert not article.image and article.image_stem == "levee"
    assert article.image_credit == "Army Corps photo"


def test_media_dir_is_searched_for_images(tmp_path):
    media = tmp_path / "pictures"
    media.mkdir()
    Image.new("RGB", (300, 200), "blue").save(media / "levee.webp")
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    run(write(dumps, "levee.txt", DUMP), "--media-dir", media)
    assert Article.objects.get().image.name.endswith("levee.webp")


def test_story_dump_import_is_idempotent_and_an_edit_updates(tmp_path):
    path = write(tmp_path, "levee.txt", DUMP)
    run(path)
    code, out, _ = run(path)
    assert "0 created, 0 updated, 1 unchanged" in out
    write(tmp_path, "levee.txt", DUMP.replace("two weeks", "three weeks"))
    code, out, _ = run(path)
    assert "0 created, 1 updated" in out
    assert Article.objects.count() == 1
    assert "three weeks" in Article.objects.get().body


def test_two_dumps_with_the_same_headline_are_two_stories(tmp_path):
    run(write(tmp_path, "a.txt", DUMP), write(tmp_path, "b.txt", DUMP.replace("mile", "yard")))
    assert Article.objects.count() == 2
    assert len(set(Article.objects.values_list("slug", flat=True))) == 2


def test_folders_are_read_recursively_and_formats_detected(tmp_path):
    (tmp_path / "2024" / "may").mkdir(parents=True)
    write(tmp_path / "2024" / "may", "levee.txt", DUMP)
    write(tmp_path, "wire.jsonl", json.dumps({"id": "w1", "headline": "Wire item", "body": ""}))
    write(tmp_path, "feed.xml", RSS)
    code, out, err = run(tmp_path)
    assert code == 0, err
    assert Article.objects.count() == 3  # a dump, a JSON Lines record, a feed item


def test_body_only_dump_needs_a_sidecar_headline(tmp_path):
    body = (
        "The regional office said on Monday that inspections of grain elevators would resume "
        "after a pause of three weeks, once new safety equipment arrives.\n\n"
        "Operators were told to expect visits before the end of the month.\n"
    )
    path = write(tmp_path, "orphan.txt", body)
    code, _, err = run(path)
    assert code == 1
    assert f"{path}:1: no headline: body-only dump" in err
    assert "orphan.meta.json" in err
    write(tmp_path, "orphan.meta.json", json.dumps({"headline": "Grain inspections resume"}))
    code, _, err = run(path)
    assert code == 0, err
    article = Article.objects.get()
    assert article.headline == "Grain inspections resume"
    assert "headerless" in article.import_flags


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.txt", b"   \n\n  ", "file is empty"),
        ("binary.txt", bytes(range(256)) * 8, "file is binary, not text"),
        ("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64, "file is binary"),
    ],
)
def test_bad_files_get_one_clear_line_and_change_nothing(tmp_path, name, content, message):
    path = write(tmp_path, name, content)
    good = write(tmp_path, "good.txt", DUMP)
    code, out, err = run(path, good)
    assert code == 1
    assert f"{path}: {message}" in err
    assert "1 created, 0 updated, 0 unchanged, 1 failed" in out
    assert Article.objects.count() == 1


def test_oversized_file_is_refused(tmp_path):
    path = write(tmp_path, "huge.txt", DUMP + "x" * 5000)
    code, _, err = run(path, "--max-size", 1000)
    assert code == 1 and "larger than 1,000 bytes" in err
    assert not Article.objects.exists() and not Organization.objects.exists()


def test_truncated_jsonl_line_is_reported_with_its_number(tmp_path):
    good = json.dumps({"id": "t1", "headline": "Complete line", "body": "<p>ok</p>"})
    path = write(tmp_path, "cut.jsonl", good + '\n{"id": "t2", "headline": "Cut off mid')
    code, out, err = run(path)
    assert code == 1 and f"{path}:2: not valid JSON" in err
    assert Article.objects.count() == 1


def test_cp1252_text_is_decoded_with_a_warning_never_mojibake(tmp_path):
    text = DUMP.replace("storm season", "storm season’s peak — café")
    path = write(tmp_path, "windows.txt", text, encoding="cp1252")
    code, _, err = run(path)
    assert code == 0
    assert "not UTF-8; decoded as Windows-1252" in err
    article = Article.objects.get()
    assert "season’s peak — café" in article.headline
    assert "â€" not in article.headline


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_with_its_byte_order_mark_is_text(tmp_path, encoding):
    """Notepad's "Unicode" (UTF-16 with a byte-order mark, CRLF lines) imports as text."""
    text = DUMP.replace("storm season", "storm season’s peak — café").replace("\n", "\r\n")
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    code, _, err = run(write(tmp_path, "notepad.txt", data))
    assert code == 0, err
    assert "decoded as UTF-16" in err
    article = Article.objects.get()
    assert "season’s peak — café" in article.headline
    assert article.body.count("<p>") == 2


def test_double_encoded_utf8_is_repaired(tmp_path):
    mojibake = DUMP.replace("storm season", "storm season’s").encode("utf-8").decode("cp1252")
    code, _, err = run(write(tmp_path, "mojibake.txt", mojibake))
    assert "repaired double-encoded UTF-8" in err
    assert "season’s" in Article.objects.get().headline


def test_dry_run_parses_and_writes_nothing(tmp_path):
    code, out, _ = run(write(tmp_path, "levee.txt", DUMP), "--dry-run")
    assert code == 0 and "would be created: Levee repairs" in out
    assert not Article.objects.exists() and not Organization.objects.exists()


def test_fail_fast_stops_at_the_first_failure(tmp_path):
    bad = write(tmp_path, "a-empty.txt", b"")
    write(tmp_path, "b-good.txt", DUMP)
    code, out, _ = run(tmp_path, "--fail-fast")
    assert code == 1 and "0 created" in out
    assert bad.exists()


def test_standard_input(tmp_path, monkeypatch):
    import sys

    class Stdin:
        buffer = io.BytesIO(DUMP.encode())

    monkeypatch.setattr(sys, "stdin", Stdin)
    code, out, _ = run("-")
    assert code == 0 and "1 created" in out


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Agency wire</title><link>https://wire.example.org/</link>
<description>Releases</description>
<item><title>Rail safety grants announced</title><link>https://wire.example.org/rail-grants</link>
<guid>https://wire.example.org/rail-grants</guid><pubDate>Tue, 19 Nov 2024 14:00:00 GMT</pubDate>
<category>rail</category><category>grants</category>
<description>&lt;p&gt;Twelve lines will share the money.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</description>
</item></channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Agency news</title><id>urn:x:feed</id>
<updated>2024-11-20T10:00:00Z</updated>
<entry><title>Harbor dredging begins</title><id>urn:x:dredging</id>
<link href="https://news.example.org/dredging"/><updated>2024-11-20T10:00:00Z</updated>
<author><name>Port Desk</name></author><category term="ports"/>
<content type="html">&lt;p&gt;Dredging starts Monday.&lt;/p&gt;</content></entry></feed>
"""


def test_rss_items_import_with_guid_date_tags_and_a_clean_body(tmp_path):
    path = write(tmp_path, "wire.rss", RSS)
    code, out, err = run(path)
    assert code == 0, err
    article = Article.objects.get()
    assert article.external_key.startswith("feed:")  # the guid scoped to its feed
    assert article.source_url == "https://wire.example.org/rail-grants"
    assert article.published_at.isoformat() == "2024-11-19T14:00:00+00:00"
    assert sorted(t.name for t in article.tags.all()) == ["grants", "rail"]
    assert article.body == "<p>Twelve lines will share the money.</p>"
    assert "1 unchanged" in run(path)[1]


def test_atom_entries_import(tmp_path):
    code, _, err = run(write(tmp_path, "news.atom", ATOM))
    assert code == 0, err
    article = Article.objects.get()
    assert (article.headline, article.byline) == ("Harbor dredging begins", "Port Desk")
    assert article.external_key.startswith("feed:")  # urn:x:dredging scoped to urn:x:feed
    assert article.body == "<p>Dredging starts Monday.</p>"


ODD_RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>County news</title>
<link>https://county.example.org/</link>
<item><title>Cooling centers open</title><link>/news/cooling-centers</link>
<guid isPermaLink="false">cc-1</guid><pubDate>13/06/2024</pubDate>
<description>Three libraries stay open late.</description></item>
</channel></rss>
"""


def test_a_relative_link_is_resolved_and_an_unreadable_date_is_said(tmp_path):
    path = write(tmp_path, "county.rss", ODD_RSS)
    code, _, err = run(path)
    assert code == 0, err
    article = Article.objects.get()
    assert article.source_url == "https://county.example.org/news/cooling-centers"
    assert "entry 1: date '13/06/2024' is not one we read" in err


def test_a_file_that_is_not_a_feed_is_reported(tmp_path):
    code, _, err = run(write(tmp_path, "broken.xml", "<rss><channel><item>"), "--format", "feed")
    assert code == 1 and "not a well-formed RSS or Atom feed" in err


@pytest.mark.skipif(not SAMPLE.exists(), reason="the shared sample is not beside the project")
def test_shared_sample_imports_right(tmp_path):
    code, _, err = run(SAMPLE, "--autotag", "off")
    assert code == 0, err
    article = Article.objects.get()
    assert article.headline.startswith("Blinken meets with Mexican and Guatemalan officials")
    assert article.section.name == "State"
    assert (article.image_stem, article.image_caption, article.image_credit) == (
        "blinken",
        "Antony J. Blinken",
        "DOS",
    )
    assert article.body.count("<p>") == 5
    assert "ORGANIZATIONS IN THIS STORY" not in article.body
    assert "empty-box" in article.import_flags


@pytest.mark.postgres
def test_a_large_import_refreshes_the_planner_statistics(tmp_path, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.importers import run as importer

    write(tmp_path, "levee.txt", DUMP)
    monkeypatch.setattr(importer, "ANALYZE_AFTER", 1)
    with CaptureQueriesContext(connection) as ctx:
        assert run(tmp_path / "levee.txt")[0] == 0
    assert any(q["sql"].startswith("ANALYZE articles_article") for q in ctx.captured_queries)

    with CaptureQueriesContext(connection) as again:
        assert run(tmp_path / "levee.txt")[0] == 0  # unchanged: nothing to analyze
    assert not any(q["sql"].startswith("ANALYZE") for q in again.captured_queries)


def test_imported_stories_are_found_by_search_at_once(tmp_path, client):
    """The archive path writes each story's search text and vector with its row."""
    for number in range(3):
        write(tmp_path, f"levee-{number}.txt", DUMP.replace("east levee", f"levee {number}"))
    code, _, err = run(tmp_path, "--status", "published", "--autotag", "off")
    assert code == 0, err
    urls = [article.get_absolute_url() for article in Article.objects.all()]
    assert len(urls) == 3
    for words in ("eroded embankment", "Army Corps", "Infrastructure", "storm season"):
        page = client.get("/search/", {"q": words}).content.decode()
        assert all(f'href="{url}"' in page for url in urls), words
    page = client.get("/search/", {"q": "hurricane"}).content.decode()
    assert not any(url in page for url in urls)
    stamps = Article.objects.values_list("created_at", "updated_at")
    assert all(created and updated for created, updated in stamps)


def test_a_folder_of_many_files_imports_in_file_order_with_each_failure_named(tmp_path):
    """Dumps, JSON Lines and a feed in one folder: stories stored in the order of the files,
    each bad file reported by name and line, the others imported."""
    for number in range(7):
        write(tmp_path, f"d{number}.txt", DUMP.replace("east levee", f"levee {number}"))
    write(tmp_path, "d3.txt", b"")  # an empty file among them
    write(tmp_path, "d5.txt", "\n\nThe office said nothing further on Monday about it.\n")
    write(tmp_path, "e-wire.jsonl", json.dumps({"id": "w1", "headline": "Wire item"}))
    write(tmp_path, "f-feed.xml", RSS)

    code, out, err = run(tmp_path, "--autotag", "off")
    assert code == 1 and "7 created, 0 updated, 0 unchanged, 2 failed" in out
    assert f"{tmp_path / 'd3.txt'}: file is empty" in err
    assert f"{tmp_path / 'd5.txt'}:" in err
    keys = list(Article.objects.order_by("pk").values_list("external_key", flat=True))
    assert len(keys) == 7 and keys[-2] == "w1"
    bodies = list(Article.objects.order_by("pk").values_list("body", flat=True))
    assert [n for n in range(7) if n not in (3, 5)] == [
        next(n for n in range(7) if f"levee {n}" in body) for body in bodies[:5]
    ]


def test_warnings_and_failures_are_printed_as_they_happen_not_kept(tmp_path):
    from articles.importers.run import import_stories

    write(tmp_path, "levee.txt", DUMP)
    write(tmp_path, "empty.txt", b"")
    heard = []
    report = import_stories([str(tmp_path)], listener=lambda *message: heard.append(message))
    assert [kind for kind, _ in heard] == ["error", "warning"]
    assert "file is empty" in heard[0][1] and "levee.webp not found" in heard[1][1]
    assert (report.failed, report.warned) == (1, 1)
    assert report.failures == [] and report.warnings == []


def test_an_over_long_sidecar_id_is_reported_and_the_others_import(tmp_path):
    write(tmp_path, "a.txt", DUMP)
    write(tmp_path, "b.txt", DUMP.replace("mile", "yard"))
    sidecar = write(tmp_path, "b.meta.json", json.dumps({"id": "x" * 300}))
    code, out, err = run(tmp_path, "--autotag", "off")
    assert code == 1 and f"{sidecar}: id is longer than 255 characters" in err
    assert "1 created, 0 updated, 0 unchanged, 1 failed" in out


@pytest.mark.postgres
def test_a_story_postgresql_refuses_fails_alone_in_a_batch(tmp_path):
    """The array INSERT of a batch fails as a whole; its stories are then stored one by one,
    and only the bad one is reported."""
    from django.db import connection

    # A value only the database refuses (a NUL byte no longer reaches it: imports remove
    # control characters), by a check constraint that the test's transaction takes back.
    with connection.cursor() as cursor:
        cursor.execute(
            "ALTER TABLE articles_article ADD CONSTRAINT test_refused CHECK (dek <> 'refused')"
        )
    lines = [
        json.dumps({"id": f"n{n}", "headline": f"Night shift {n}", "dek": dek, "body": "<p>x</p>"})
        for n, dek in enumerate(["quiet", "refused", "busy"])
    ]
    path = write(tmp_path, "wire.jsonl", "\n".join(lines))
    code, out, err = run(path)
    assert code == 1 and "1 failed" in out and f"{path}:2" in err
    assert sorted(Article.objects.values_list("external_key", flat=True)) == ["n0", "n2"]


@pytest.mark.postgres
def test_array_insert_refuses_a_value_too_long_instead_of_cutting_it():
    from django.db import DataError, transaction

    from articles.models import Section
    from newsroom.bulk_insert import insert_rows

    with pytest.raises(DataError), transaction.atomic():
        insert_rows(Section, [Section(name="N" * 150, slug="long-name")])
    assert not Section.objects.filter(slug="long-name").exists()
    insert_rows(Section, [Section(name="Courts", slug="courts")])
    assert Section.objects.get(slug="courts").name == "Courts"
