"""Sitemaps of the request's publication: its stories, its sections, the organizations and
people of the register (their pages on this publication), plus a Google News sitemap."""

import datetime as dt
from types import SimpleNamespace
from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import connections
from django.db.models import F, Max
from django.utils import timezone
from django.utils.functional import cached_property

from articles.models import Article, Section
from organizations.models import Organization
from people.models import Person

from . import links


class LatestByAggregate:
    """The sitemap index's <lastmod> in one aggregate: Django's default calls lastmod() on
    every item, which at a million stories reads them all for one date."""

    def get_latest_lastmod(self):
        return self.items().order_by().aggregate(latest=Max("updated_at"))["latest"]


class IdRangePages:
    """Sitemap pages by ranges of ids: the entries are cut into ranges of `limit` ids
    ((k - 1) × limit + 1 to k × limit), and page n lists the n-th range that holds any, in id
    order.

    Django's paginator counts every entry for the index and reaches page n with an OFFSET,
    which PostgreSQL walks row by row: page 97 of the stories took 4 s at a million stories,
    and search engines ask for every page. A range of ids is one index range at any depth. The
    ranges that hold entries are found in one statement that hops along the primary key
    (`occupied_ranges`), so a range of drafts or deleted entries makes no empty page. A page
    holds at most `limit` entries.
    """

    limit = 10000

    @property
    def paginator(self):
        return IdRangePaginator(self.items(), self.limit)


class IdRangePaginator:
    def __init__(self, items, per_page: int):
        self.items, self.per_page = items, per_page

    @cached_property
    def ranges(self) -> list[int]:
        return occupied_ranges(self.items, self.per_page)

    @property
    def num_pages(self) -> int:
        return max(1, len(self.ranges))

    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError) as exc:
            raise PageNotAnInteger("That page number is not an integer") from exc
        if not 1 <= number <= self.num_pages:
            raise EmptyPage("That page contains no results")
        if not self.ranges:  # nothing to list: one empty page, as Django's paginator gives
            return SimpleNamespace(number=1, object_list=self.items.none())
        low = self.ranges[number - 1] * self.per_page
        entries = self.items.filter(pk__gt=low, pk__lte=low + self.per_page).order_by("pk")
        return SimpleNamespace(number=number, object_list=entries)


def occupied_ranges(items, size: int) -> list[int]:
    """The numbers k (from 0) of the ranges of ids k × size + 1 … (k + 1) × size that hold any
    of `items`, ascending, in one statement: from the lowest id, each step asks for the
    lowest id past the current range (an index lookup), so the cost follows the number of
    ranges, not of entries. PostgreSQL and SQLite alike (integer division, recursive CTE)."""
    sql, params = items.order_by().values(entry_id=F("pk")).query.sql_with_params()
    size = int(size)
    query = f"""
        WITH RECURSIVE ranges(k) AS (
            SELECT (MIN(e.entry_id) - 1) / {size} FROM ({sql}) e
            UNION ALL
            SELECT (SELECT (MIN(e.entry_id) - 1) / {size} FROM ({sql}) e
                     WHERE e.entry_id > (ranges.k + 1) * {size})
              FROM ranges WHERE ranges.k IS NOT NULL
        )
        SELECT k FROM ranges WHERE k IS NOT NULL
    """
    with connections[items.db].cursor() as cursor:
        cursor.execute(query, [*params, *params])
        return [row[0] for row in cursor.fetchall()]


class PublicationSitemap(Sitemap):
    """A sitemap of one publication, for one request: its addresses are on the publication's
    domain (an alias host's sitemap names the domain), with the request's scheme and port."""

    def __init__(self, request):
        self.request = request
        self.publication = request.publication

    def get_protocol(self, protocol=None):
        return urlsplit(links.absolute(self.request, "/")).scheme

    def get_domain(self, site=None):
        return urlsplit(links.absolute(self.request, "/")).netloc


class StorySitemap(IdRangePages, LatestByAggregate, PublicationSitemap):
    """The stories at home on the publication: a story shared to it is listed by its home
    publication's sitemap only, under its one canonical address."""

    changefreq = "daily"

    def items(self):
        return Article.objects.published(self.publication, shared=False).only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class SectionSitemap(PublicationSitemap):
    changefreq = "hourly"

    def items(self):
        return Section.objects.public(self.publication).order_by("position", "name")


class OrganizationSitemap(IdRangePages, LatestByAggregate, PublicationSitemap):
    changefreq = "daily"

    def items(self):
        # Every organization of the public register has its reader page on each
        # publication. (Only those in a published story would take a join of every tag with
        # every story: seconds at a million stories, measured.)
        return Organization.objects.public().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class PersonSitemap(IdRangePages, LatestByAggregate, PublicationSitemap):
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


def sitemaps_for(request) -> dict:
    """The sitemaps of the request's publication, by section name."""
    return {name: sitemap(request) for name, sitemap in SITEMAPS.items()}


NEWS_WINDOW = dt.timedelta(hours=48)


def news_stories(publication):
    """The stories at home on `publication` published in the last 48 hours, for its Google
    News sitemap (at most 1,000)."""
    return (
        Article.objects.published(publication, shared=False)
        .filter(published_at__gte=timezone.now() - NEWS_WINDOW)
        .only("publication", "slug", "headline", "published_at")
        .order_by("-published_at")[:1000]
    )
