"""The reader page cache: whole pages for anonymous readers, invalidated by content changes.

Every cached page carries versions in its key, bumped (now and after commit) by what changes:

- the *site* version, by a change to an organization, person, alias, role, section or tag
  name, which any page may show, and by bulk runs (imports), at most once a second;
- a *story* version per slug, by a change to that story, its boxes, tags or corrections: the
  article page's key holds its story's version, so editing one story leaves the pages of the
  others cached;
- the *listing* version, by a change to a story readers can see (or could, or will once it is
  due): every page but article pages (home, sections, tags, entity pages, feeds, sitemaps,
  search, API) holds it. Editing a draft touches no page but its own (never cached).

So no page outlives the data it shows. A page is also never kept past the next scheduled
publication, so a story goes live on every page at its minute without a job.

Staff (anyone logged in), the admin and preview links are never cached. Responses get
Cache-Control, an ETag (ConditionalGetMiddleware answers 304 to If-None-Match) and
Last-Modified where the view set one.
"""

import hashlib
import re
import threading
import time
from contextlib import contextmanager
from importlib import import_module

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from newsroom.links import SLUG

VERSION_KEY = "newsroom:content-version"  # the site version
LISTING_KEY = "newsroom:listing-version"
STORY_KEY = "newsroom:story-version:{}"
NEXT_GO_LIVE_KEY = "newsroom:next-go-live"
NEVER_CACHED_PREFIXES = ("/admin/", "/preview/", "/static/", "/media/")
ARTICLE_PATH = re.compile(rf"^/articles/({SLUG.pattern})/$")  # articles:detail


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


def story_changed(slugs, *, seen_by_readers: bool):
    """Invalidate the pages of these slugs of one story, and the listings if readers can see
    (or could see, or will see) it."""
    keys = [STORY_KEY.format(slug) for slug in {s for s in slugs if s}]
    if seen_by_readers:
        keys.append(LISTING_KEY)
    if keys:
        _bump_now_and_after_commit(*keys)


def _article_saved(sender, instance, raw=False, **_):
    if raw:
        return
    story_changed(
        [instance.slug, getattr(instance, "_loaded_slug", None)],
        seen_by_readers=instance.status == instance.Status.PUBLISHED
        or getattr(instance, "_loaded_was_public", False),
    )


def _article_deleted(sender, instance, **_):
    story_changed([instance.slug], seen_by_readers=True)


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
    story_changed([slug], seen_by_readers=status == Article.Status.PUBLISHED)


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


def _session_has_user(session_key: str) -> bool:
    """Whether the session with this key exists and someone signed in to it (one read of the
    session store; AuthenticationMiddleware makes the same one for every request that gets
    past the cache)."""
    from django.contrib.auth import SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    return bool(store.get(SESSION_KEY))


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
        story = ARTICLE_PATH.match(request.path_info)
        second = STORY_KEY.format(story.group(1)) if story else LISTING_KEY
        site, part = _versions([VERSION_KEY, second])
        key = f"newsroom:page:{site}:{part}:{path_hash}"
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
        # Before the session and authentication middleware: whoever is signed in is served
        # fresh, never from or into the cache. A session cookie alone proves nothing (anyone
        # can send one, to skip the cache): its session must hold a user.
        session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        return not (session_key and _session_has_user(session_key))

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
