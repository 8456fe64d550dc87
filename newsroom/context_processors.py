from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

NAV_SECTIONS_KEY = "newsroom:nav-sections:{}:{}"  # version, publication id
NAV_VERSION_KEY = "newsroom:nav-version"


def navigation_sections(publication) -> list[tuple[str, str]]:
    """(name, URL) of the publication's sections in the masthead that have a published story:
    read once, kept in the cache until a section or a published story changes
    (articles/changes.py and articles/signals.py forget it), as every reader page draws them."""

    def read():
        from articles.models import Section

        sections = (
            Section.objects.public(publication).filter(in_navigation=True).only("name", "slug")
        )
        return [(section.name, section.get_absolute_url()) for section in sections]

    version = cache.get_or_set(NAV_VERSION_KEY, 1, None)
    key = NAV_SECTIONS_KEY.format(version, publication.pk)
    found = cache.get(key)
    if found is None:
        from newsroom.page_cache import seconds_until_next_go_live

        found = read()
        # Never kept past the next scheduled story: it may open a section.
        cache.set(key, found, seconds_until_next_go_live() or None)
    return found


def forget_navigation_sections():
    """Every publication's masthead is read again."""
    try:
        cache.incr(NAV_VERSION_KEY)
    except ValueError:
        cache.set(NAV_VERSION_KEY, 1, None)


def site(request):
    """The publication this request is for (its masthead) and the reader links every page has."""
    publication = getattr(request, "publication", None)
    return {
        "publication": publication,
        "site_name": publication.name if publication else settings.NEWSROOM_SITE_NAME,
        "home_url": reverse("articles:home"),
        "search_url": reverse("articles:search"),
        "latest_feed_url": reverse("feeds:latest-rss"),
        # Only on pages that draw the navigation.
        "nav_sections": SimpleLazyObject(
            lambda: navigation_sections(publication) if publication else []
        ),
    }
