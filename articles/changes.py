"""One way to say "these stories changed": the page cache and the search index both hear it.

Every writer calls these explicitly (the workflow services, the importer, the tagger, `retag`,
merges, reverts). The model signals in `articles/signals.py` and `newsroom/page_cache.py`
stay only as the net for admin inline saves.
"""

from newsroom import page_cache
from newsroom.context_processors import forget_navigation_sections

from .models import Article

# Above this many stories at once, every cached page is dropped instead of one per story.
MANY = 50


def stories_changed(article_ids, *, old_slugs=()) -> None:
    """These stories (their text, state, boxes, tags or corrections) changed: refresh their
    search data after commit and drop the cached pages that show them."""
    from .signals import refresh_search_after_commit

    ids = sorted({int(i) for i in article_ids if i})
    if not ids:
        return
    refresh_search_after_commit(ids)
    forget_navigation_sections()  # a story published or withdrawn may open or close a section
    if len(ids) > MANY:
        page_cache.bump_content_version()
        return
    rows = Article.objects.filter(pk__in=ids).values_list("slug", "status")
    slugs = [slug for slug, _ in rows] + [s for s in old_slugs if s]
    if len(rows) < len(ids):  # some were deleted: where they showed is gone with them
        page_cache.bump_content_version()
    # Readers may have seen a story that is published (or scheduled, or was): the listings
    # of the publications that show it too.
    seen = any(status == Article.Status.PUBLISHED for _, status in rows) or bool(old_slugs)
    listings = page_cache.publications_of(ids) if seen else ()
    page_cache.story_changed(slugs, listings=listings)


def register_changed() -> None:
    """An organization, person, alias, role, section or tag changed: any page may show it."""
    forget_navigation_sections()
    page_cache.bump_content_version()
