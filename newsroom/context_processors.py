from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

NAV_SECTIONS_KEY = "newsroom:nav-sections"


def navigation_sections() -> list[tuple[str, str]]:
    """(name, URL) of the sections in the masthead: read once, kept in the cache until a
    section changes (articles/signals.py forgets it), as every reader page draws them."""

    def read():
        from articles.models import Section

        sections = Section.objects.filter(in_navigation=True).only("name", "slug")
        return [(section.name, section.get_absolute_url()) for section in sections]

    return cache.get_or_set(NAV_SECTIONS_KEY, read, timeout=None)


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
