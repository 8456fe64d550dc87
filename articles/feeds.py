"""RSS 2.0 and Atom feeds: latest, and per section, tag, organization and person.

Every feed reads `Article.objects.published()`; a feed of an unknown section (or tag,
organization, person) is a 404.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from taggit.models import Tag

from organizations.models import Organization
from people.models import Person

from .models import Article, Section
from .sanitize import strip_tags

FEED_SIZE = 30


class LatestStoriesFeed(Feed):
    feed_type = Rss201rev2Feed

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
        return item.dek or strip_tags(item.body)[:400]

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.byline or None

    def item_guid(self, item):
        return self.item_link(item)

    def item_categories(self, item):
        names = [tag.name for tag in item.tags.all()]
        return ([item.section.name] if item.section else []) + names


class LatestStoriesAtomFeed(LatestStoriesFeed):
    feed_type = Atom1Feed
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
    return type(f"{feed_class.__name__}Atom", (feed_class,), {"feed_type": Atom1Feed})
