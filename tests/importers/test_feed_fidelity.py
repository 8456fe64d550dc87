"""Feed imports keep what the source had: text as text, entities decoded once, links that
work, bylines without addresses, images as figures, keys scoped to their feed, the right
character encoding, tags and slugs in any script, and only stories read from a folder."""

import io
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article
from tests.commands import import_articles

pytestmark = pytest.mark.django_db

FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"


run = import_articles


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def counts(output: str) -> str:
    """The closing line's counts ("3 created, 0 updated, …"), dry run or not."""
    return output.splitlines()[-1].split(": ")[-1]


def story(source_url):
    return Article.objects.get(source_url=source_url)


def test_plain_text_and_html_are_each_read_once(tmp_path):
    code, _, err = run(FEEDS / "county-press.rss", FEEDS / "harbor.atom")
    assert code == 0, err
    arcade = story("https://county.example.gov/news/2024/arcade-night")
    # `&amp;amp;` in the XML is `&amp;` in HTML is "&" in text: decoded once, stored once.
    assert arcade.headline == "Arcade night raises funds: Banjo & Kazooie tournament"
    assert arcade.body == "<p>Players of Banjo &amp; Kazooie raised $2,400 for the library.</p>"
    tables = story("https://county.example.gov/news/2024/tables")
    assert tables.headline == "Using the <table> element in county reports"
    harbor = story("https://harbor.example.org/notices/docks/list")
    assert harbor.headline == "Why the <pier> tag & the dock list changed"
    assert harbor.dek == "Plain text: 3 < 4 & docks"  # text summary, trailing spaces gone


def test_relative_links_and_images_resolve_against_the_entry(tmp_path):
    assert run(FEEDS / "county-press.rss", FEEDS / "harbor.atom")[0] == 0
    body = story("https://county.example.gov/news/2024/tables").body
    assert 'href="https://county.example.gov/guides/tables"' in body
    assert 'href="https://county.example.gov/news/archive/2023"' in body
    assert 'href="mailto:web@county.example.gov"' in body
    # The image is a figure linking to the picture, its alt text kept; the pixel is gone.
    assert (
        '<figure><a href="https://county.example.gov/media/table-example.png" '
        'rel="noopener noreferrer">Image: A budget table with three columns</a></figure>'
    ) in body
    assert "pixel.gif" not in body and "<img" not in body
    assert "<p></p>" not in body
    # xml:base of the content comes first; the figure keeps its caption; tfoot is kept.
    harbor = story("https://harbor.example.org/notices/docks/list").body
    assert 'href="https://harbor.example.org/notices/docks/map.html"' in harbor
    assert 'href="https://harbor.example.org/notices/docks/img/dock.jpg"' in harbor
    assert "Image: Dock 4 at dawn" in harbor and "<figcaption>Dock 4</figcaption>" in harbor
    assert "<tfoot><tr><td>Total</td></tr></tfoot>" in harbor


def test_reader_page_shows_the_figure_as_a_working_link(client):
    assert run(FEEDS / "county-press.rss", "--status", "published")[0] == 0
    page = client.get(story("https://county.example.gov/news/2024/tables").get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert 'href="https://county.example.gov/media/table-example.png"' in html
    assert "A budget table with three columns" in html


def test_bylines_lose_their_email_addresses(client):
    assert run(FEEDS / "county-press.rss", FEEDS / "harbor.atom", "--status", "published")[0] == 0
    bylines = set(Article.objects.values_list("byline", flat=True))
    assert bylines == {"Rosa Lindqvist", "Web Team", "Harbor Desk"}
    rss = client.get(reverse("feeds:latest-rss")).content.decode()
    assert "@" not in rss.replace("mailto:", "")  # no address reaches our own feed either


def test_two_feeds_with_the_same_guid_are_two_stories_and_reruns_are_stable(tmp_path):
    county, city = FEEDS / "county-press.rss", FEEDS / "city-desk.rss"
    code, dry_out, err = run(county, city, "--dry-run")
    assert code == 0, err
    code, out, err = run(county, city)
    assert code == 0, err
    assert "3 created, 0 updated, 0 unchanged, 0 failed" in out
    assert counts(dry_out) == counts(out)  # a dry run counts as the run does
    assert "entry 2 repeats the guid of an earlier entry" in err
    assert Article.objects.filter(headline="Riverton paves Main Street").count() == 1
    arcade = story("https://county.example.gov/news/2024/arcade-night")
    keys = set(Article.objects.values_list("external_key", flat=True))
    assert len(keys) == 3

    for _ in range(2):  # no flip-flop between the two feeds' "1"
        code, out, err = run(city, county)
        assert code == 0, err
        assert "0 created, 0 updated, 3 unchanged, 0 failed" in out
        code, dry_out, _ = run(city, county, "--dry-run")
        assert counts(dry_out) == counts(out)
    assert story("https://county.example.gov/news/2024/arcade-night").pk == arcade.pk
    assert set(Article.objects.values_list("external_key", flat=True)) == keys


def test_a_saved_copy_of_a_feed_is_the_same_feed(tmp_path):
    """The key follows the feed's own identity (Atom id), not the file name."""
    assert run(FEEDS / "harbor.atom")[0] == 0
    copy = tmp_path / "harbor-2024-11-21.xml"
    shutil.copy(FEEDS / "harbor.atom", copy)
    code, out, _ = run(copy)
    assert "0 created, 0 updated, 1 unchanged" in out and Article.objects.count() == 1


def test_unicode_tags_are_kept_with_readable_slugs(client):
    assert run(FEEDS / "county-press.rss", "--status", "published")[0] == 0
    arcade = story("https://county.example.gov/news/2024/arcade-night")
    names = sorted(t.name for t in arcade.tags.all())
    assert names == sorted(["Библиотеки", "Βιβλιοθήκες", "المكتبات", "图书馆", "Libraries"])
    slugs = dict(Tag.objects.values_list("name", "slug"))
    assert slugs["Библиотеки"] == "biblioteki"
    assert slugs["图书馆"] == "tu-shu-guan"
    assert all(slugs.values())
    for name in names:
        assert client.get(reverse("articles:tag", args=[slugs[name]])).status_code == 200


NON_LATIN = {
    "Москва открывает новый мост": "moskva-otkryvaet-novyy-most",
    "Η Αθήνα ανοίγει νέα γέφυρα": "i-athina-anoigei-nea-gefyra",
    "北京开通新桥": "bei-jing-kai-tong-xin-qiao",
    "القاهرة تفتح جسرا جديدا": "lqhrh-tfth-jsr-jdyd",
}


def test_non_latin_headlines_get_readable_slugs(tmp_path):
    path = tmp_path / "world.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": f"w{n}", "headline": h, "body": "<p>Text.</p>"}) + "\n"
            for n, h in enumerate(NON_LATIN)
        ),
        encoding="utf-8",
    )
    code, _, err = run(path)
    assert code == 0, err
    slugs = dict(Article.objects.values_list("headline", "slug"))
    assert slugs == NON_LATIN


SPECIMENS = {
    "euc-jp": "東京都は新しい計画を発表しました。住民の意見を聞く予定です。",
    "shift_jis": "大阪府の知事は記者会見で新しい政策について説明しました。",
    "gb2312": "北京市政府宣布了新的交通计划，将于下个月开始实施。",
    "euc-kr": "서울시는 새로운 교통 계획을 발표했습니다. 다음 달부터 시행됩니다.",
    "koi8-r": "Министерство объявило о новых правилах для жителей города Москвы.",
}


def misdeclared_feed(text: str, encoding: str) -> bytes:
    xml = (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Wire</title>'
        f"<link>https://wire.example.org/{encoding}/</link><description>d</description>"
        f"<item><title>{text[:20]}</title><link>https://wire.example.org/{encoding}/1</link>"
        f"<description>{text} {text}</description></item></channel></rss>"
    )
    return xml.encode(encoding)


@pytest.mark.parametrize("encoding", SPECIMENS)
def test_a_feed_that_lies_about_its_encoding_is_decoded_right(tmp_path, encoding):
    path = tmp_path / f"{encoding}.xml"
    path.write_bytes(misdeclared_feed(SPECIMENS[encoding], encoding))
    code, _, err = run(path)
    assert code == 0, err
    article = Article.objects.get()
    assert article.headline == SPECIMENS[encoding][:20]
    assert SPECIMENS[encoding] in article.body
    assert f"{path}: the feed says it is in utf-8, but it is in" in err


def test_a_feed_whose_encoding_cannot_be_found_is_refused_by_name(tmp_path):
    path = tmp_path / "garbled.rss"
    path.write_bytes(
        b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
        b"<item><title>" + bytes(range(0x80, 0x100)) + b"</title></item></channel></rss>"
    )
    code, _, err = run(path)
    assert code == 1
    assert f"{path}: the feed says it is in utf-8, and its character encoding could not" in err
    assert Article.objects.count() == 0


def test_format_auto_over_a_folder_skips_what_is_not_a_story(tmp_path):
    folder = tmp_path / "drop"
    (folder / "nested").mkdir(parents=True)
    shutil.copy(FEEDS / "harbor.atom", folder / "harbor.atom")
    (folder / "wire.jsonl").write_text(
        json.dumps({"id": "w1", "headline": "Wire story", "body": "<p>x</p>"}) + "\n"
    )
    (folder / "tool.py").write_text("print('not a story')\n" * 20)
    (folder / "index.html").write_text("<html><body><h1>Not a story</h1></body></html>")
    (folder / "nested" / "notes.md").write_text("# Notes\n\nNot a story either.\n")
    (folder / "nested" / "scan.pdf").write_bytes(b"%PDF-1.4 not a story")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    code, out, err = run(folder)
    assert code == 0, err
    assert "1 created" not in out and "2 created, 0 updated, 0 unchanged, 0 failed" in out
    assert "skipped 4 files that are not stories (1 .html, 1 .md, 1 .pdf, 1 .py)" in err
    assert sorted(Article.objects.values_list("headline", flat=True)) == [
        "Why the <pier> tag & the dock list changed",
        "Wire story",
    ]


def test_export_import_export_is_stable_for_messy_input(tmp_path):
    """Item 10: values are normalised on the way in, so the round trip gives the same bytes."""
    messy = {
        "id": "messy-1",
        "headline": "  Budget  vote\x0bdelayed ",
        "dek": "A dek with trailing spaces   \n\n\n\nand a second paragraph  ",
        "byline": "clerk@example.gov (Pat Doe)",
        "body": "<table><tfoot><tr><td>Total</td></tr></tfoot></table><p><button><p>x",
        "tags": ["budget ", "Budget", " votes"],
        "status": "published",
        "published_at": "2024-11-20T14:00:00+00:00",
    }
    source = tmp_path / "messy.jsonl"
    source.write_text(json.dumps(messy) + "\n", encoding="utf-8")
    assert run(source)[0] == 0
    first = tmp_path / "first.jsonl"
    call_command("export_articles", "--output", str(first), stdout=io.StringIO())
    exported = json.loads(first.read_text())
    assert exported["dek"] == "A dek with trailing spaces\n\nand a second paragraph"
    assert exported["headline"] == "Budget vote delayed"
    assert exported["byline"] == "clerk@example.gov (Pat Doe)"  # only feeds' are taken out
    assert exported["tags"] == ["budget", "votes"]

    Article.objects.all().delete()
    Tag.objects.all().delete()
    assert run(first)[0] == 0
    second = tmp_path / "second.jsonl"
    call_command("export_articles", "--output", str(second), stdout=io.StringIO())
    assert second.read_bytes() == first.read_bytes()


def test_a_dek_comes_only_from_a_summary_of_its_own(tmp_path):
    """feedparser copies content into `summary` when there is none: that is no dek."""
    path = tmp_path / "full.rss"
    path.write_text(
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>Full text</title><link>https://full.example.org/</link>"
        "<item><title>Only content</title><link>https://full.example.org/a</link>"
        "<content:encoded><![CDATA[<p>The whole story.</p>]]></content:encoded></item>"
        "<item><title>Both</title><link>https://full.example.org/b</link>"
        "<description>A short summary.</description>"
        "<content:encoded><![CDATA[<p>The whole second story.</p>]]></content:encoded></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    assert run(path)[0] == 0
    only, both = story("https://full.example.org/a"), story("https://full.example.org/b")
    assert (only.dek, only.body) == ("", "<p>The whole story.</p>")
    assert (both.dek, both.body) == ("A short summary.", "<p>The whole second story.</p>")
