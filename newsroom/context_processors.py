from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

NAV_SECTIONS_KEY = "newsroom:nav-sections"


def navigation_sections() -> list[tuple[str, str]]:
    """(name, URL) of the sections in the masthead that have a published story: read once,
    kept in the cache until a section or a published story changes (articles/changes.py and
    articles/signals.py forget it), as every reader page draws them."""

    def read():
        from articles.models import Section

        sections = Section.objects.public().filter(in_navigation=True).only("name", "slug")
        return [(section.name, section.get_absolute_url()) for section in sections]

    found = cache.get(NAV_SECTIONS_KEY)
    if found is None:
        from newsroom.page_cache import seconds_until_next_go_live

        found = read()
        # Never kept past the next scheduled story: it may open a section.
        cache.set(NAV_SECTIONS_KEY, found, seconds_until_next_go_live() or None)
    return found


def forget_navigation_sections():
    cache.delete(NAV_SECTIONS_KEY)


def site(request):
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "home_url": reverse("articles:home"),
        "search_url": reverse("articles:search"),
        "latest_feed_url": reverse("feeds:latest-rss"),
        # Only on pages that draw the navigation.
        "nav_sections": SimpleLazyObject(navigation_sections),
    }
