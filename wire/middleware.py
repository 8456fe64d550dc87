"""Old addresses of migrated stories answer with a 301 to where the story lives now."""

from django.http import HttpResponsePermanentRedirect

from articles.models import Article

from .models import OldPath

# WordPress answers these on its home page whatever the permalink structure: /?p=123.
QUERY_KEYS = ("p", "page_id")


class OldPathRedirectMiddleware:
    """Only where this site has nothing: a 404 (or WordPress's `/?p=` home-page links) is
    looked up among the stored old paths; a live page is never shadowed. Only stories readers
    may see are redirected to."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/" and request.method in ("GET", "HEAD"):
            for key in QUERY_KEYS:
                value = request.GET.get(key, "")
                if value.isdigit() and (
                    moved := _moved(request.publication, f"/?{key}={int(value)}")
                ):
                    return moved
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            return _moved(request.publication, *_candidates(request.path)) or response
        return response


def _candidates(path: str) -> list[str]:
    """The path as asked, and with or without its trailing slash."""
    if len(path) > 1000:
        return []
    other = path[:-1] if path.endswith("/") else path + "/"
    return [path, other] if other else [path]


def _moved(publication, *paths: str):
    if not paths or not OldPath.any_stored():
        return None
    story = (
        Article.objects.published(publication)
        .filter(old_paths__path__in=paths)
        .only("slug")
        .first()
    )
    return HttpResponsePermanentRedirect(story.get_absolute_url()) if story else None
