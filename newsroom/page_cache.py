"""The reader page cache: whole pages for anonymous readers, invalidated by content changes.

Every cached page carries versions in its key, bumped (now and after commit) by what changes:

- the *site* version, by a change to an organization, person, alias, role, section or tag
  name, which any page may show, and by bulk runs (imports), at most once a second;
- a *story* version per slug, by a change to that story, its boxes, tags or corrections: the
  article page's key holds its story's version, so editing one story leaves the pages of the
  others cached;
- the *listing* version, one per publication, by a change to a story readers of that
  publication can see (or could, or will once it is due): every page but article pages
  (home, sections, tags, entity pages, feeds, sitemaps, search, API) holds its publication's.
  Editing a draft touches no page but its own (never cached); editing a story of one
  publication touches no other publication's listings unless the story is shared there.

So no page outlives the data it shows. A page is also never kept past the next scheduled
publication, so a story goes live on every page at its minute without a job.

The key is the scheme, host and path with the query parameters that change the page
(`NEWSROOM_PAGE_CACHE_PARAMS`); trackers such as `utm_source` are ignored, and a request with
any other parameter is served fresh and not stored. Staff (anyone logged in), the admin and
preview links are never cached. Responses get
Cache-Control, an ETag (ConditionalGetMiddleware answers 304 to If-None-Match) and
Last-Modified where the view set one.
"""

import hashlib
import re
import threading
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date

VERSION_KEY = "newsroom:content-version"  # the site version
LISTING_KEY = "newsroom:listing-version:{}"  # per publication id
STORY_KEY = "newsroom:story-version:{}"
NEXT_GO_LIVE_KEY = "newsroom:next-go-live"
NEVER_CACHED_PREFIXES = ("/admin/", "/preview/", "/static/", "/media/")
# Query parameters known to leave a page as it is (campaign and click trackers): ignored.
_IGNORED_PARAM = re.compile(r"^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|ref|_ga)$")


def content_version() -> int:
    return _version(VERSION_KEY)


def _version(key: str) -> int:
    version = cache.get(key)
    if version is None:
        version = int(timezone.now().timestamp() * 1000)
        cache.add(key, version, None)
        version = cache.get(key, version)
    return version


def _versions(keys: list[str]) -> list[int]:
    """The versions of `keys`, in one cache round trip when all exist."""
    found = cache.get_many(keys)
    return [found[key] if key in found else _version(key) for key in keys]


_batch = threading.local()


def _incr(key: str):
    try:
        cache.incr(key)
    except ValueError:
        _version(key)


def _bump(*keys: str):
    for key in keys:
        _incr(key)
    cache.delete(NEXT_GO_LIVE_KEY)


def _bump_now_and_after_commit(*keys: str):
    if getattr(_batch, "active", False):
        # A bulk run (an import): invalidate everything at most once a second, and at the end.
        now = time.monotonic()
        if now - _batch.last < 1.0:
            _batch.pending = True
            return
        _batch.last, _batch.pending = now, False
        keys = (VERSION_KEY,)
    _bump(*keys)
    transaction.on_commit(lambda: _bump(*keys))


def bump_content_version(**_):
    """Invalidate every cached page (now, and again when the transaction commits)."""
    _bump_now_and_after_commit(VERSION_KEY)


def story_changed(slugs, *, listings=()):
    """Invalidate the pages of these slugs of one story, and the listings of the
    publications (ids) whose readers can see (or could see, or will see) it."""
    keys = [STORY_KEY.format(slug) for slug in {s for s in slugs if s}]
    keys += [LISTING_KEY.format(pk) for pk in sorted(set(listings))]
    if keys:
        _bump_now_and_after_commit(*keys)


def publications_of(article_ids) -> set[int]:
    """The publications that show these stories: their homes and where they are shared."""
    from articles.models import Placement

    return set(
        Placement.objects.filter(article_id__in=list(article_ids)).values_list(
            "publication_id", flat=True
        )
    )


def _article_saved(sender, instance, raw=False, **_):
    if raw:
        return
    seen = instance.status == instance.Status.PUBLISHED or getattr(
        instance, "_loaded_was_public", False
    )
    # Its placements as they were (this runs inside `save`, before a new story's are made or
    # a moved story's follow it), and its home as it is now.
    listings = publications_of([instance.pk]) | {instance.publication_id} if seen else ()
    story_changed([instance.slug, getattr(instance, "_loaded_slug", None)], listings=listings)


def _article_deleted(sender, instance, **_):
    # The share rows are going with it: the home's listings, and every publication's to be sure.
    bump_content_version()


def _article_shared(sender, instance, action, reverse=False, pk_set=None, **_):
    """A story shared to (or withdrawn from) publications: their listings change."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse or action == "post_clear":  # no list of the publications at hand: all of them
        bump_content_version()
    elif instance.status == instance.Status.PUBLISHED:
        story_changed([instance.slug], listings=pk_set or ())


def _part_of_story_changed(sender, instance, raw=False, **_):
    """A box, correction, retired slug or tag of a story."""
    from django.contrib.contenttypes.models import ContentType
    from taggit.models import TaggedItem

    from articles.models import Article

    if raw:
        return
    if getattr(_batch, "active", False):  # an import: everything, once a second, no lookups
        bump_content_version()
        return
    if isinstance(instance, TaggedItem):
        if ContentType.objects.get_for_id(instance.content_type_id).model_class() is not Article:
            return
        article_id = instance.object_id
    else:
        article_id = instance.article_id
    row = Article.objects.filter(pk=article_id).values_list("slug", "status").first()
    if row is None:  # the story itself is being deleted: its own signal says so
        return
    slug, status = row
    seen = status == Article.Status.PUBLISHED
    story_changed([slug], listings=publications_of([article_id]) if seen else ())


@contextmanager
def batched_invalidation():
    """Many writes in a row (imports): pages are invalidated once a second, not per row."""
    _batch.active, _batch.last, _batch.pending = True, 0.0, False
    try:
        yield
    finally:
        _batch.active = False
        _bump(VERSION_KEY)


def seconds_until_next_go_live() -> int | None:
    """Seconds until the next scheduled story goes live (None: nothing is scheduled)."""
    from articles.models import Article

    cached = cache.get(NEXT_GO_LIVE_KEY)
    if cached is None:
        upcoming = (
            Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )
        cached = upcoming.timestamp() if upcoming else 0
        cache.set(NEXT_GO_LIVE_KEY, cached, 300)
    if not cached:
        return None
    return max(0, int(cached - timezone.now().timestamp()))


def connect_invalidation():
    from taggit.models import Tag, TaggedItem

    from articles.models import (
        Article,
        ArticleOrganization,
        ArticlePerson,
        Correction,
        RetiredSlug,
        Section,
    )
    from organizations.models import Organization, OrganizationAlias
    from people.models import Affiliation, Person, PersonAlias

    post_save.connect(_article_saved, sender=Article, dispatch_uid="page-cache-article")
    post_delete.connect(_article_deleted, sender=Article, dispatch_uid="page-cache-d-article")
    m2m_changed.connect(
        _article_shared, sender=Article.shared_with.through, dispatch_uid="page-cache-shared"
    )
    for model in (ArticleOrganization, ArticlePerson, Correction, RetiredSlug, TaggedItem):
        post_save.connect(_part_of_story_changed, sender=model, dispatch_uid=f"page-cache-{model}")
        post_delete.connect(
            _part_of_story_changed, sender=model, dispatch_uid=f"page-cache-d-{model}"
        )
    for model in (
        Section,
        Organization,
        OrganizationAlias,
        Person,
        PersonAlias,
        Affiliation,
        Tag,
    ):
        post_save.connect(bump_content_version, sender=model, dispatch_uid=f"page-cache-{model}")
        post_delete.connect(
            bump_content_version, sender=model, dispatch_uid=f"page-cache-d-{model}"
        )


def page_key(request) -> str | None:
    """The cache key of a reader page: scheme, host (so each publication has its own),
    path and the query parameters that
    change the page, under the versions of what it shows. None when the request carries a
    parameter that is neither one of those nor known to leave the page alone (never cached,
    so junk query strings cannot fill the cache)."""
    kept = []
    for name, values in sorted(request.GET.lists()):
        if name in settings.NEWSROOM_PAGE_CACHE_PARAMS:
            kept.append((name, values))
        elif not _IGNORED_PARAM.match(name):
            return None
    identity = repr((request.scheme, request.get_host(), request.path, kept))
    digest = hashlib.sha256(identity.encode()).hexdigest()
    match = resolve_article(request.path_info)
    second = STORY_KEY.format(match) if match else LISTING_KEY.format(request.publication.pk)
    site, part = _versions([VERSION_KEY, second])
    return f"newsroom:page:{site}:{part}:{digest}"


def resolve_article(path: str) -> str | None:
    """The slug when `path` is a story's page (articles:detail), else None."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.view_name == "articles:detail":
        return match.kwargs.get("slug")
    return None


class ReaderPageCacheMiddleware:
    """After authentication: anonymous readers' GETs are served from and stored into the
    cache; signed-in users always get a fresh, private page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            response = self.get_response(request)
            patch_cache_control(response, private=True, no_cache=True, max_age=0)
            return response
        key = page_key(request) if self._cacheable_request(request) else None
        if key is None:
            return self.get_response(request)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return self._headers(cached)

        response = self.get_response(request)
        if response.status_code == 404:
            # Short-lived, and never past the next go-live: a scheduled story's URL answers
            # 404 until its minute, then 200 (a CDN must not keep the 404).
            patch_cache_control(response, public=True, max_age=self._max_age())
        if self._cacheable_response(response):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            self._headers(response)
            timeout = settings.NEWSROOM_PAGE_CACHE_SECONDS
            go_live = seconds_until_next_go_live()
            if go_live is not None:
                timeout = min(timeout, go_live)
            if timeout > 0:
                cache.set(key, response, timeout)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _cacheable_request(request) -> bool:
        if settings.NEWSROOM_PAGE_CACHE_SECONDS <= 0:  # 0 turns the page cache off
            return False
        if request.method not in ("GET", "HEAD"):
            return False
        return not request.path.startswith(NEVER_CACHED_PREFIXES)

    @staticmethod
    def _max_age() -> int:
        max_age = settings.NEWSROOM_BROWSER_CACHE_SECONDS
        go_live = seconds_until_next_go_live()
        return max_age if go_live is None else min(max_age, go_live)

    @staticmethod
    def _cacheable_response(response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        control = response.get("Cache-Control", "")
        return "private" not in control and "no-cache" not in control and "no-store" not in control

    @classmethod
    def _headers(cls, response):
        patch_cache_control(response, public=True, max_age=cls._max_age())
        patch_vary_headers(response, ["Cookie"])
        if not response.has_header("ETag") and not response.streaming:
            digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
            response["ETag"] = f'"{digest}"'
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date()
        return response
