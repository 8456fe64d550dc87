"""Sitemaps: stories, sections, organizations and people, plus a Google News sitemap."""

import datetime as dt
import math
from types import SimpleNamespace

from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max
from django.utils import timezone
from django.utils.functional import cached_property

from organizations.models import Organization
from people.models import Person

from .models import Article, Section


class LatestByAggregate:
    """The sitemap index's <lastmod> in one aggregate: Django's default calls lastmod() on
    every item, which at a million stories reads them all for one date."""

    def get_latest_lastmod(self):
        return self.items().order_by().aggregate(latest=Max("updated_at"))["latest"]


class IdRangePages:
    """Sitemap pages by ranges of ids: page n lists the entries with ids from
    (n - 1) × limit + 1 to n × limit, in id order.

    Django's paginator counts every entry for the index and reaches page n with an OFFSET,
    which PostgreSQL walks row by row: page 97 of the stories took 4 s at a million stories,
    and search engines ask for every page. A range of ids is one index range at any depth,
    and the index needs only the highest id. A page holds at most `limit` entries, fewer
    where ids went to drafts or deleted entries (an empty range is an empty, valid page).
    """

    limit = 10000

    @property
    def paginator(self):
        return IdRangePaginator(self.items(), self.limit)


class IdRangePaginator:
    def __init__(self, items, per_page: int):
        self.items, self.per_page = items, per_page

    @cached_property
    def num_pages(self) -> int:
        top = self.items.order_by().aggregate(top=Max("pk"))["top"] or 0
        return max(1, math.ceil(top / self.per_page))

    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError) as exc:
            raise PageNotAnInteger("That page number is not an integer") from exc
        if not 1 <= number <= self.num_pages:
            raise EmptyPage("That page contains no results")
        low = (number - 1) * self.per_page
        entries = self.items.filter(pk__gt=low, pk__lte=low + self.per_page).order_by("pk")
        return SimpleNamespace(number=number, object_list=entries)


class StorySitemap(IdRangePages, LatestByAggregate, Sitemap):
    changefreq = "daily"

    def items(self):
        return Article.objects.published().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class SectionSitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        return Section.objects.order_by("position", "name")


class OrganizationSitemap(IdRangePages, LatestByAggregate, Sitemap):
    changefreq = "daily"

    def items(self):
        # Every organization of the public register has its reader page. (Only those in a
        # published story would take a join of every tag with every story: seconds at a
        # million stories, measured.)
        return Organization.objects.public().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class PersonSitemap(IdRangePages, LatestByAggregate, Sitemap):
    changefreq = "daily"

    def items(self):
        return Person.objects.public().only("slug", "updated_at")

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
