"""The reader page cache: whole pages for anonymous readers, invalidated by content changes.

Every cached page carries the current *content version* in its key. Any change to a story,
its boxes, tags or corrections, or to an organization, person or section bumps the version
(after commit), so no page outlives the data it shows. A page is also never kept past the
next scheduled publication, so a story goes live on every page at its minute without a job.

Staff (anyone logged in), the admin and preview links are never cached. Responses get
Cache-Control, an ETag (ConditionalGetMiddleware answers 304 to If-None-Match) and
Last-Modified where the view set one.
"""

import hashlib
import threading
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date

VERSION_KEY = "newsroom:content-version"
NEXT_GO_LIVE_KEY = "newsroom:next-go-live"
NEVER_CACHED_PREFIXES = ("/admin/", "/preview/", "/static/", "/media/")


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = int(timezone.now().timestamp() * 1000)
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


_batch = threading.local()


def _bump():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        content_version()
    cache.delete(NEXT_GO_LIVE_KEY)


def bump_content_version(**_):
    """Invalidate every cached page (now, and again when the transaction commits)."""
    if getattr(_batch, "active", False):
        # A bulk run (an import): invalidate at most once a second, and once at the end.
        now = time.monotonic()
        if now - _batch.last < 1.0:
            _batch.pending = True
            return
        _batch.last, _batch.pending = now, False
    _bump()
    transaction.on_commit(_bump)


@contextmanager
def batched_invalidation():
    """Many writes in a row (imports): pages are invalidated once a second, not per row."""
    _batch.active, _batch.last, _batch.pending = True, 0.0, False
    try:
        yield
    finally:
        _batch.active = False
        _bump()


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

    for model in (
        Article,
        ArticleOrganization,
        ArticlePerson,
        Correction,
        RetiredSlug,
        Section,
        Organization,
        OrganizationAlias,
        Person,
        PersonAlias,
        Affiliation,
        Tag,
        TaggedItem,
    ):
        post_save.connect(bump_content_version, sender=model, dispatch_uid=f"page-cache-{model}")
        post_delete.connect(
            bump_content_version, sender=model, dispatch_uid=f"page-cache-d-{model}"
        )


class ReaderPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._cacheable_request(request):
            response = self.get_response(request)
            if getattr(request, "user", None) is not None and request.user.is_authenticated:
                patch_cache_control(response, private=True, no_cache=True, max_age=0)
            return response

        path_hash = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"newsroom:page:{content_version()}:{path_hash}"
        cached = cache.get(key)
        if cached is not None:
            response = cached
            response["X-Page-Cache"] = "hit"
            return self._headers(response)

        response = self.get_response(request)
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
        if request.path.startswith(NEVER_CACHED_PREFIXES):
            return False
        logged_in = settings.SESSION_COOKIE_NAME in request.COOKIES
        return not (logged_in and request.user.is_authenticated)

    @staticmethod
    def _cacheable_response(response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        control = response.get("Cache-Control", "")
        return "private" not in control and "no-cache" not in control and "no-store" not in control

    @staticmethod
    def _headers(response):
        max_age = settings.NEWSROOM_BROWSER_CACHE_SECONDS
        go_live = seconds_until_next_go_live()
        if go_live is not None:
            max_age = min(max_age, go_live)
        patch_cache_control(response, public=True, max_age=max_age)
        patch_vary_headers(response, ["Cookie"])
        if not response.has_header("ETag") and not response.streaming:
            digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
            response["ETag"] = f'"{digest}"'
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date()
        return response
