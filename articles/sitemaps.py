"""Sitemaps: stories, sections, organizations and people, plus a Google News sitemap."""

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.utils import timezone

from organizations.models import Organization
from people.models import Person

from .models import Article, Section


class LatestByAggregate:
    """The sitemap index's <lastmod> in one aggregate: Django's default calls lastmod() on
    every item, which at a million stories reads them all for one date."""

    def get_latest_lastmod(self):
        return self.items().order_by().aggregate(latest=Max("updated_at"))["latest"]


class StorySitemap(LatestByAggregate, Sitemap):
    limit = 10000
    changefreq = "daily"

    def items(self):
        return (
            Article.objects.published()
            .only("slug", "updated_at", "published_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, item):
        return item.updated_at


class SectionSitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        return Section.objects.order_by("position", "name")


class OrganizationSitemap(LatestByAggregate, Sitemap):
    limit = 10000
    changefreq = "daily"

    def items(self):
        # Every organization of the public register has its reader page. (Only those in a
        # published story would take a join of every tag with every story: seconds at a
        # million stories, measured.)
        return Organization.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class PersonSitemap(LatestByAggregate, Sitemap):
    limit = 10000
    changefreq = "daily"

    def items(self):
        return Person.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "stories": StorySitemap,
    "sections": SectionSitemap,
    "organizations": OrganizationSitemap,
    "people": PersonSitemap,
}

NEWS_WINDOW = dt.timedelta(hours=48)


def news_stories():
    """Stories published in the last 48 hours, for the Google News sitemap (at most 1,000)."""
    return (
        Article.objects.published()
        .filter(published_at__gte=timezone.now() - NEWS_WINDOW)
        .only("slug", "headline", "published_at")
        .order_by("-published_at")[:1000]
    )
