"""RSS 2.0 and Atom feeds: latest, and per section, tag, organization and person.

Every feed reads `Article.objects.published(request.publication)`: the publication's own
stories and those shared to it. A feed of a section (or tag) the publication has no published
story in is a 404, as is one of an organization or person not on the public register.

What makes them valid for any stored text:

- **Ids**: an entry's id (RSS `<guid isPermaLink="false">`, Atom `<id>`) is a `tag:` URI
  (RFC 4151) made of the story's home publication's host, the day the story was created and
  its number: `tag:news.example.org,2026-11-20:article/1234`. Absolute, and unlike the
  permalink it survives a change of slug, so a renamed story is not a new item in readers.
  `<link>` is the permalink, on the home publication: a story shared to several publications
  is one item with one address in all their feeds. An Atom feed's own `<id>` is its absolute
  address.
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

from django.contrib.syndication.views import Feed
from django.http import Http404
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

from . import links

FEED_SIZE = 30
SUMMARY_LENGTH = 400

# The request a feed is being written for: Django hands the item methods only the item.
_feed_request = contextvars.ContextVar("feed_request")


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
        token = _feed_request.set(request)
        try:
            feed = super().get_feed(obj, request)
        finally:
            _feed_request.reset(token)
        # An Atom feed's id: its own absolute address (Django's default is the site's page).
        feed.feed["id"] = feed.feed["feed_url"]
        return feed

    @property
    def request(self):
        return _feed_request.get()

    @property
    def publication(self):
        return self.request.publication

    def title(self, obj=None):
        return self.publication.name

    def link(self, obj=None):
        return links.absolute(self.request, reverse("articles:home"))

    def feed_url(self, obj=None):
        return links.absolute(self.request, self.request.path)

    def description(self, obj=None):
        return f"The latest stories from {self.publication.name}."

    def stories(self, obj):
        return Article.objects.published(self.publication)

    def items(self, obj=None):
        return (
            self.stories(obj)
            .select_related("section")
            .prefetch_related("tags")
            .order_by("-published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.headline

    def item_link(self, item):
        """The story's one address: on its home publication, whichever feed lists it."""
        return links.story_url(self.request, item)

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
        return self.publication.name if issubclass(self.feed_type, Atom1Feed) else None

    def item_guid(self, item):
        """`tag:home-host,day-created:article/pk`: absolute, the same after a slug change and
        in every publication's feed that lists the story."""
        home = links.home_of(item)
        authority = links.host(self.request, home)
        return f"tag:{authority},{item.created_at:%Y-%m-%d}:article/{item.pk}"

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
        return f"{obj} · {self.publication.name}"

    def link(self, obj=None):
        return links.absolute(self.request, obj.get_absolute_url())

    def description(self, obj=None):
        return f"The latest stories {self.label} {obj}."


class SectionFeed(_ScopedFeed):
    model = Section
    label = "in"

    def get_object(self, request, slug):
        return get_object_or_404(Section.objects.public(request.publication), slug=slug)

    def stories(self, obj):
        # A section is one publication's: its stories are at home there.
        return Article.objects.published(self.publication, shared=False).filter(section=obj)


class TagFeed(_ScopedFeed):
    model = Tag
    label = "tagged"

    def get_object(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        stories = Article.objects.published(request.publication).filter(tags=tag)
        if not stories.exists():  # no published story of this publication carries it
            raise Http404("No such tag.")
        return tag

    def link(self, obj=None):
        return links.absolute(self.request, reverse("articles:tag", args=[obj.slug]))

    def stories(self, obj):
        return Article.objects.published(self.publication).filter(tags=obj)


class OrganizationFeed(_ScopedFeed):
    model = Organization
    label = "mentioning"

    def get_object(self, request, slug):
        return get_object_or_404(Organization.objects.public(), slug=slug)

    def stories(self, obj):
        return Article.objects.published(self.publication).mentioning_organization(obj)


class PersonFeed(_ScopedFeed):
    model = Person
    label = "mentioning"

    def get_object(self, request, slug):
        return get_object_or_404(Person.objects.public(), slug=slug)

    def stories(self, obj):
        return Article.objects.published(self.publication).mentioning_person(obj)


def atom(feed_class):
    return type(f"{feed_class.__name__}Atom", (feed_class,), {"feed_type": AtomFeed})
