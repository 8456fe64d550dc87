"""Error pages that a CDN may keep only briefly."""

from django.conf import settings
from django.utils.cache import patch_cache_control
from django.views import defaults

from .page_cache import seconds_until_next_go_live


def page_not_found(request, exception):
    """Django's 404 page, public for at most NEWSROOM_BROWSER_CACHE_SECONDS and never past
    the next scheduled story's minute: the URL of a story that goes live then answers 404
    until it does, and no cache may keep that 404 longer."""
    response = defaults.page_not_found(request, exception)
    max_age = settings.NEWSROOM_BROWSER_CACHE_SECONDS
    go_live = seconds_until_next_go_live()
    if go_live is not None:
        max_age = min(max_age, go_live)
    patch_cache_control(response, public=True, max_age=max_age)
    return response
