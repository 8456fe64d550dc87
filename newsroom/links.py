"""URLs of reader pages, without a full reverse() each time.

Every reader page draws the URLs of its stories, sections, organizations, people and tags,
often twice (links and JSON-LD): on the article page, reverse() was a tenth of the time.
The URL of a page named by a slug is its pattern with the slug put in: the pattern is
reversed once (per script prefix and URLconf) and remembered.
"""

import re
from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

SLUG = re.compile(r"[-a-zA-Z0-9_]+")  # what <slug:...> accepts, so needs no quoting
PLACEHOLDER = "newsroom-slug-placeholder"


def slug_url(viewname: str, slug: str) -> str:
    """reverse(viewname, kwargs={"slug": slug}), the same string, cheaper."""
    if not SLUG.fullmatch(slug or ""):
        return reverse(viewname, kwargs={"slug": slug})  # NoReverseMatch, as before
    head, tail = _pattern(get_script_prefix(), get_urlconf(), viewname)
    return f"{head}{slug}{tail}"


def page_url(viewname: str) -> str:
    """reverse(viewname) for a page without arguments, remembered."""
    return _plain(get_script_prefix(), get_urlconf(), viewname)


@lru_cache(maxsize=256)
def _pattern(script_prefix, urlconf, viewname):
    head, tail = reverse(viewname, kwargs={"slug": PLACEHOLDER}, urlconf=urlconf).split(PLACEHOLDER)
    return head, tail


@lru_cache(maxsize=256)
def _plain(script_prefix, urlconf, viewname):
    return reverse(viewname, urlconf=urlconf)


@receiver(setting_changed)
def _forget(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _pattern.cache_clear()
        _plain.cache_clear()
