"""RSS 2.0 and Atom feeds: latest, and per section, tag, organization and person.

Every feed reads `Article.objects.published()`; a feed of an unknown section (or tag,
organization, person) is a 404.

What makes them valid for any stored text:

- **Ids**: an entry's id (RSS `<guid isPermaLink="false">`, Atom `<id>`) is a `tag:` URI
  (RFC 4151) made of the site's host, the day the story was created and its number:
  `tag:news.example.org,2026-11-20:article/1234`. Absolute, and unlike the permalink it
  survives a change of slug, so a renamed story is not a new item in readers. `<link>` is the
  permalink. An Atom feed's own `<id>` is its absolute address.
- **Authors**: every Atom entry has an `<author>`: the byline (without a leading "By"), else
  the publication's name (RFC 4287 4.1.2). RSS gives the byline as `<dc:creator>`.
- **Plain text stays text**: deks (and the body's opening, when there is no dek) are plain
  text. RSS `<description>` is read as HTML by feed readers, so it carries the text escaped
  as HTML; Atom's `<summary>` says `type="text"`. A dek such as `<img src=x onerror=…>` is
  shown as those characters, never run as markup.
- **XML**: every string handed to the feed writer loses the characters XML 1.0 cannot hold
  (`articles.text_clean.xml_text`), whatever was stored.
"""

import contextvars
import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.http.request import split_domain_port
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.text import Truncator
from taggit.models import Tag

from articles.models import Article, Section
from articles.sanitize import strip_tags
from articles.text_clean import clean_line, xml_text
from organizations.models import Organization
from people.models import Person

FEED_SIZE = 30
SUMMARY_LENGTH = 400

# The host of the request a feed is being written for (the authority of entry ids).
_feed_host = contextvars.ContextVar("feed_host", default="localhost")


def _xml_safe(value):
    if isinstance(value, list | tuple):
        return [xml_text(v) for v in value]
    return xml_text(value)


class _XmlSafeFeed:
    """A feed writer that takes out what XML 1.0 cannot hold from every string it is given."""

    def __init__(self, *args, **kwargs):
        super().__init__(*map(_xml_safe, args), **{k: _xml_safe(v) for k, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*map(_xml_safe, args), **{k: _xml_safe(v) for k, v in kwargs.items()})


class RssFeed(_XmlSafeFeed, Rss201rev2Feed):
    """RSS 2.0 whose descriptions are plain text: readers take `<description>` for HTML, so
    the text is escaped as HTML first."""

    def __init__(self, *args, description=None, **kwargs):
        super().__init__(*args, description=escape(description or ""), **kwargs)

    def add_item(self, *args, description=None, **kwargs):
        text = escape(description) if description is not None else None
        super().add_item(*args, description=text, **kwargs)


class AtomFeed(_XmlSafeFeed, Atom1Feed):
    """Atom whose summaries are plain text (`type="text"`)."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


_BY = re.compile(r"^by\s+", re.IGNORECASE)


class LatestStoriesFeed(Feed):
    feed_type = RssFeed
    item_guid_is_permalink = False

    def get_feed(self, obj, request):
        token = _feed_host.set(split_domain_port(request.get_host())[0] or "localhost")
        try:
            feed = super().get_feed(obj, request)
        finally:
            _feed_host.reset(token)
        # An Atom feed's id: its own absolute address (Django's default is the site's page).
        feed.feed["id"] = feed.feed["feed_url"]
        return feed

    def title(self, obj=None):
        return settings.NEWSROOM_SITE_NAME

    def link(self, obj=None):
        return reverse("articles:home")

    def description(self, obj=None):
        return f"The latest stories from {settings.NEWSROOM_SITE_NAME}."

    def stories(self, obj):
        return Article.objects.published()

    def items(self, obj=None):
        return (
            self.stories(obj)
            .select_related("section")
            .prefetch_related("tags")
            .order_by("-published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        """Plain text: the dek, else the opening of the body."""
        if item.dek.strip():
            return item.dek.strip()
        return Truncator(" ".join(strip_tags(item.body).split())).chars(SUMMARY_LENGTH) or None

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        name = _BY.sub("", clean_line(item.byline))
        if name:
            return name
        # Atom: every entry has an author; the publication stands in for a missing byline.
        return settings.NEWSROOM_SITE_NAME if issubclass(self.feed_type, Atom1Feed) else None

    def item_guid(self, item):
        """`tag:host,day-created:article/pk`: absolute, and the same after a slug change."""
        return f"tag:{_feed_host.get()},{item.created_at:%Y-%m-%d}:article/{item.pk}"

    def item_categories(self, item):
        names = [tag.name for tag in item.tags.all()]
        return ([item.section.name] if item.section else []) + names


class LatestStoriesAtomFeed(LatestStoriesFeed):
    feed_type = AtomFeed
    subtitle = LatestStoriesFeed.description


class _ScopedFeed(LatestStoriesFeed):
    model = None
    label = ""

    def get_object(self, request, slug):
        return get_object_or_404(self.model, slug=slug)

    def title(self, obj=None):
        return f"{obj} · {settings.NEWSROOM_SITE_NAME}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return f"The latest stories {self.label} {obj}."


class SectionFeed(_ScopedFeed):
    model = Section
    label = "in"

    def stories(self, obj):
        return Article.objects.published().filter(section=obj)


class TagFeed(_ScopedFeed):
    model = Tag
    label = "tagged"

    def get_object(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        if not self.stories(tag).exists():  # only unpublished stories carry it
            raise Http404("No such tag.")
        return tag

    def link(self, obj=None):
        return reverse("articles:tag", args=[obj.slug])

    def stories(self, obj):
        return Article.objects.published().filter(tags=obj)


class OrganizationFeed(_ScopedFeed):
    model = Organization
    label = "mentioning"

    def get_object(self, request, slug):
        return get_object_or_404(Organization.objects.public(), slug=slug)

    def stories(self, obj):
        return Article.objects.published().mentioning_organization(obj)


class PersonFeed(_ScopedFeed):
    model = Person
    label = "mentioning"

    def get_object(self, request, slug):
        return get_object_or_404(Person.objects.public(), slug=slug)

    def stories(self, obj):
        return Article.objects.published().mentioning_person(obj)


def atom(feed_class):
    return type(f"{feed_class.__name__}Atom", (feed_class,), {"feed_type": AtomFeed})
