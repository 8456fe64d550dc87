"""Feeds and sitemaps that validate whatever text is stored.

RSS 2.0 (the RSS Advisory Board's specification) and Atom (RFC 4287) rules are checked on
the XML itself, read with a strict parser (expat through xml.etree: any character XML 1.0
refuses, any broken escape, is an error).
"""

import datetime as dt
import email.utils
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import (
    ArticleFactory,
    OrganizationFactory,
    PersonFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"

# Text as it reaches a newsroom: Word's vertical tab, other C0 controls, DEL and C1, CDATA's
# end, markup-looking text, ampersands, a no-break space.
# (No NUL: PostgreSQL refuses to store one; saves and imports remove it, tested below.)
HOSTILE = "Tab\tVT\x0bFF\x0cBEL\x07ESC\x1bDEL\x7fNEL\x85 ]]> <b>&amp; & \u00a0end"
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def feed_urls(section, tag, org, person):
    urls = [reverse("feeds:latest-rss"), reverse("feeds:latest-atom")]
    for scope, slug in (
        ("section", section),
        ("tag", tag),
        ("organization", org),
        ("person", person),
    ):
        urls += [
            reverse(f"feeds:{scope}-rss", args=[slug]),
            reverse(f"feeds:{scope}-atom", args=[slug]),
        ]
    return urls


def sitemap_urls(client):
    index = client.get(reverse("sitemap-index"))
    assert index.status_code == 200
    root = ET.fromstring(index.content)
    parts = [
        urlsplit(loc.text).path
        + (f"?{urlsplit(loc.text).query}" if urlsplit(loc.text).query else "")
        for loc in root.iter(f"{SITEMAP}loc")
    ]
    return [reverse("sitemap-index"), reverse("sitemap-news"), *parts]


@pytest.fixture
def hostile_newsroom():
    """Stories whose stored text holds what XML cannot: written with update(), past every
    cleaning on the way in, so what is checked is the way out."""
    section = SectionFactory(name="Courts", slug="courts")
    org = OrganizationFactory(name="Harbor Board", slug="harbor-board")
    person = PersonFactory(name="Dana Reyes", slug="dana-reyes")
    stories = []
    for n in range(3):
        story = ArticleFactory(section=section, headline=f"Story {n}")
        story.tags.add("ports")
        story.organizations.add(org)
        story.people.add(person)
        stories.append(story)
    Article.objects.filter(pk=stories[0].pk).update(
        headline=f"Headline {HOSTILE}", dek=f"Dek {HOSTILE}", byline=f"By {HOSTILE}"
    )
    Article.objects.filter(pk=stories[1].pk).update(
        dek="", body=f"<p>Body {HOSTILE}</p>", byline=""
    )
    stories[2].tags.add(f"tag {HOSTILE}")
    type(section).objects.filter(pk=section.pk).update(name=f"Courts {HOSTILE}")
    type(org).objects.filter(pk=org.pk).update(name=f"Harbor {HOSTILE}")
    type(person).objects.filter(pk=person.pk).update(name=f"Dana {HOSTILE}")
    return {"section": "courts", "tag": "ports", "org": "harbor-board", "person": "dana-reyes"}


def test_every_feed_and_sitemap_is_well_formed_xml_whatever_is_stored(client, hostile_newsroom):
    n = hostile_newsroom
    for url in feed_urls(n["section"], n["tag"], n["org"], n["person"]) + sitemap_urls(client):
        response = client.get(url)
        assert response.status_code == 200, url
        root = ET.fromstring(response.content)  # raises on anything that is not XML 1.0
        text = "".join(root.itertext()) + "".join(
            value for element in root.iter() for value in element.attrib.values()
        )
        assert not CONTROL.search(text), url
    news = ET.fromstring(client.get(reverse("sitemap-news")).content)
    titles = [t.text for t in news.iter(f"{NEWS}title")]
    assert any(
        t.startswith("Headline Tab\tVT FF BELESCDEL") and "]]> <b>&amp; &" in t for t in titles
    )


def test_a_vertical_tab_from_json_lines_breaks_no_feed(client, tmp_path):
    """Item 5: a headline pasted from Word, imported through JSON Lines."""
    line = {
        "id": "wire-1",
        "headline": "Council\x0bapproves\x0bbudget",
        "dek": "Vote\x0bwas close ",
        "body": "<p>Six\x0bto five.</p>",
        "status": "published",
        "published_at": timezone.now().isoformat(),
        "tags": ["budget\x0b", "council "],
    }
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    call_command("import_articles", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    story = Article.objects.get()
    assert (story.headline, story.dek) == ("Council approves budget", "Vote\nwas close")
    assert sorted(t.name for t in story.tags.all()) == ["budget", "council"]
    for url in (reverse("feeds:latest-rss"), reverse("feeds:latest-atom"), reverse("sitemap-news")):
        response = client.get(url)
        assert response.status_code == 200
        assert "Council approves budget" in "".join(ET.fromstring(response.content).itertext())


def test_control_characters_are_removed_when_a_story_is_saved():
    story = ArticleFactory(
        headline="Rates\x0bheld \ud800steady  ",
        dek="First line  \n\n\n\nSecond\x07 line ",
        byline=" By\x0cDesk ",
        body="<p>Body\x1b text\x00</p>",
    )
    story.refresh_from_db()
    assert story.headline == "Rates held steady"
    assert story.dek == "First line\n\nSecond line"
    assert story.byline == "By Desk"
    assert story.body == "<p>Body text</p>"


def test_the_admin_form_stores_text_without_control_characters(editor_client):
    from tests.site.test_admin import article_form

    section = SectionFactory()
    data = article_form(
        headline="Pasted\x0bfrom Word",
        slug="pasted-from-word",
        dek="A dek with trailing spaces   ",
        byline="Jo\x1fDoe",
        section=str(section.pk),
    )
    response = editor_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.content[:2000]
    story = Article.objects.get(slug="pasted-from-word")
    assert (story.headline, story.dek, story.byline) == (
        "Pasted from Word",
        "A dek with trailing spaces",
        "JoDoe",
    )


# --- F8: plain text is never markup in our feeds ------------------------------------------------

ATTACK = "<img src=x onerror=alert(1)>"


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def html_tags(fragment: str) -> list[str]:
    parser = _Tags()
    parser.feed(fragment)
    return parser.tags


def test_a_dek_written_as_markup_stays_text_in_rss_and_atom(client):
    ArticleFactory(headline="Plain", dek=ATTACK)
    ArticleFactory(
        headline="No dek", dek="", body="<p>Ampersands &amp; <em>angles</em> &lt;b&gt;</p>"
    )

    rss = ET.fromstring(client.get(reverse("feeds:latest-rss")).content)
    descriptions = {i.findtext("title"): i.findtext("description") for i in rss.iter("item")}
    # RSS readers take <description> for HTML: read as HTML, it holds no element, only text.
    assert html_tags(descriptions["Plain"]) == []
    assert descriptions["Plain"] == "&lt;img src=x onerror=alert(1)&gt;"
    assert html_tags(descriptions["No dek"]) == []
    assert descriptions["No dek"] == "Ampersands &amp; angles &lt;b&gt;"

    atom = ET.fromstring(client.get(reverse("feeds:latest-atom")).content)
    summaries = {
        e.findtext(f"{ATOM}title"): e.find(f"{ATOM}summary") for e in atom.iter(f"{ATOM}entry")
    }
    assert summaries["Plain"].get("type") == "text"
    assert summaries["Plain"].text == ATTACK  # text: shown as these characters
    assert summaries["No dek"].text == "Ampersands & angles <b>"

    # As a feed reader takes them (feedparser, not sanitising): from RSS, HTML that shows the
    # text; from Atom, text said to be text.
    import feedparser

    def plain(url):
        parsed = feedparser.parse(client.get(url).content, sanitize_html=False)
        return {e.title: e.summary_detail for e in parsed.entries}["Plain"]

    rss_summary = plain(reverse("feeds:latest-rss"))
    assert rss_summary.type == "text/html" and html_tags(rss_summary.value) == []
    assert "onerror" in rss_summary.value
    atom_summary = plain(reverse("feeds:latest-atom"))
    assert (atom_summary.type, atom_summary.value) == ("text/plain", ATTACK)


# --- RSS 2.0 --------------------------------------------------------------------------------------


def rfc822(value: str) -> dt.datetime:
    parsed = email.utils.parsedate_to_datetime(value)
    assert parsed.tzinfo is not None, value
    return parsed


@pytest.fixture
def newsroom():
    section = SectionFactory(name="Transport", slug="transport")
    with_byline = ArticleFactory(
        headline="Rail line reopens", byline="By Sam Okafor", section=section
    )
    without = ArticleFactory(headline="Bridge closes for repairs", byline="", section=section)
    with_byline.tags.add("rail")
    return {"with_byline": with_byline, "without": without}


def test_rss_follows_the_rss_2_0_rules(client, newsroom):
    response = client.get(reverse("feeds:latest-rss"))
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for required in ("title", "link", "description"):  # required channel elements
        assert (channel.findtext(required) or "").strip(), required
    assert urlsplit(channel.findtext("link")).scheme == "http"
    self_link = channel.find(f"{ATOM}link")
    assert self_link.get("rel") == "self"
    assert self_link.get("href") == "http://testserver" + reverse("feeds:latest-rss")

    items = channel.findall("item")
    assert len(items) == 2
    guids = []
    for item in items:
        assert item.findtext("title") or item.findtext("description")
        link = item.findtext("link")
        assert urlsplit(link).scheme == "http" and urlsplit(link).netloc == "testserver"
        guid = item.find("guid")
        assert guid is not None
        # isPermaLink="false": a stable id, not a URL to open; absolute (a URI with a scheme).
        assert guid.get("isPermaLink") == "false"
        assert re.fullmatch(r"tag:testserver,\d{4}-\d{2}-\d{2}:article/\d+", guid.text)
        guids.append(guid.text)
        rfc822(item.findtext("pubDate"))
        # <author> must be an e-mail address; names go in dc:creator.
        assert item.find("author") is None
    assert len(set(guids)) == len(guids)
    creators = {i.findtext("title"): i.findtext(f"{DC}creator") for i in items}
    assert creators == {"Rail line reopens": "Sam Okafor", "Bridge closes for repairs": None}


# --- Atom (RFC 4287) ---------------------------------------------------------------------------


def absolute_iri(value: str) -> bool:
    return bool(value) and bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value)) and " " not in value


def rfc3339(value: str) -> dt.datetime:
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", value)
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


@pytest.mark.parametrize(
    "url_name, args",
    [
        ("feeds:latest-atom", []),
        ("feeds:section-atom", ["transport"]),
        ("feeds:tag-atom", ["rail"]),
    ],
)
def test_atom_follows_rfc_4287(client, newsroom, url_name, args):
    from publications.models import default_publication

    publication = default_publication()
    publication.name = "Harbor Gazette"  # the publication's name stands in for a byline
    publication.save()
    response = client.get(reverse(url_name, args=args))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    # 4.1.1: exactly one id (an absolute IRI, 4.2.6), title and updated; a self link.
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    assert absolute_iri(feed.findtext(f"{ATOM}id"))
    assert feed.findtext(f"{ATOM}id") == "http://testserver" + reverse(url_name, args=args)
    rfc3339(feed.findtext(f"{ATOM}updated"))
    links = {link.get("rel", "alternate"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert absolute_iri(links["self"]) and absolute_iri(links["alternate"])

    entries = feed.findall(f"{ATOM}entry")
    assert entries
    ids = []
    for entry in entries:
        # 4.1.2: one id, title, updated; an author (the feed has none, so every entry).
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        ids.append(entry.findtext(f"{ATOM}id"))
        assert absolute_iri(ids[-1])
        rfc3339(entry.findtext(f"{ATOM}updated"))
        authors = entry.findall(f"{ATOM}author")
        assert len(authors) >= 1 and authors[0].findtext(f"{ATOM}name").strip()
        alternate = [
            link
            for link in entry.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        assert len(alternate) == 1 and absolute_iri(alternate[0].get("href"))
        # 4.1.3.1 / 3.1.1: a summary's type is text, html or xhtml.
        summary = entry.find(f"{ATOM}summary")
        assert summary is None or summary.get("type") == "text"
    assert len(set(ids)) == len(ids)
    names = {
        e.findtext(f"{ATOM}title"): e.find(f"{ATOM}author").findtext(f"{ATOM}name") for e in entries
    }
    if "Bridge closes for repairs" in names:  # no byline: the publication
        assert names["Bridge closes for repairs"] == "Harbor Gazette"
    assert names["Rail line reopens"] == "Sam Okafor"


def test_entry_ids_are_the_same_in_rss_and_atom_and_survive_a_slug_change(client, newsroom):
    story = newsroom["with_byline"]

    def ids():
        rss = ET.fromstring(client.get(reverse("feeds:latest-rss")).content)
        atom = ET.fromstring(client.get(reverse("feeds:latest-atom")).content)
        by_title = {i.findtext("title"): i.findtext("guid") for i in rss.iter("item")}
        atom_ids = {
            e.findtext(f"{ATOM}title"): e.findtext(f"{ATOM}id") for e in atom.iter(f"{ATOM}entry")
        }
        assert by_title == atom_ids
        links = {i.findtext("title"): i.findtext("link") for i in rss.iter("item")}
        return by_title[story.headline], links[story.headline]

    before, link_before = ids()
    story.slug = "rail-line-reopens-after-storm"
    story.save()
    from django.core.cache import cache

    cache.clear()
    after, link_after = ids()
    assert before == after
    assert link_before != link_after and link_after.endswith("/rail-line-reopens-after-storm/")
