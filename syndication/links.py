"""The addresses readers and robots are given, on a network of publications.

A page's canonical address is on its publication's domain (an alias host names the domain).
A story has one canonical address, its home publication's, on every publication that shows
it: in `<link rel=canonical>`, og:url, JSON-LD and feeds. Listings of another publication
link a shared story to that address.

A single-site install may be reached at a host of the environment (ALLOWED_HOSTS) that is not
the default publication's domain: its pages keep naming the host they were asked for, as
they did before there were publications.
"""

from urllib.parse import urlsplit

from django.http.request import split_domain_port

from publications.hosts import host_map


def current(request):
    """The publication `request` is for (the middleware sets it)."""
    return getattr(request, "publication", None)


def home_of(story):
    """The story's home publication, from the in-process table of publications (no query)."""
    return host_map().by_id.get(story.publication_id) or story.publication


def absolute(request, path: str, publication=None) -> str:
    """`path` as an absolute URL on `publication` (by default the request's own)."""
    here = current(request)
    publication = publication or here
    if publication is None:
        return request.build_absolute_uri(path)
    if publication.pk == getattr(here, "pk", None):
        host = split_domain_port(request.get_host())[0]
        if host not in publication.hosts:  # an environment host of a single-site install
            return request.build_absolute_uri(path)
    return publication.url(path, request)


def host(request, publication=None) -> str:
    """The host name (no port) under which `publication` (by default the request's) is named."""
    return urlsplit(absolute(request, "/", publication)).hostname


def story_url(request, story) -> str:
    """The story's canonical absolute URL: on its home publication."""
    return absolute(request, story.get_absolute_url(), _home_unless_here(request, story))


def story_link(request, story) -> str:
    """Where a listing sends readers: the story's path when it is at home here, else its
    canonical URL on its home publication."""
    home = _home_unless_here(request, story)
    if home is None:
        return story.get_absolute_url()
    return absolute(request, story.get_absolute_url(), home)


def section_link(request, story) -> str:
    """The page of the story's section: here, or on the story's home publication."""
    home = _home_unless_here(request, story)
    if home is None:
        return story.section.get_absolute_url()
    return absolute(request, story.section.get_absolute_url(), home)


def _home_unless_here(request, story):
    """None when `story` is at home on the request's publication (or there is none), else its
    home publication."""
    here = current(request)
    if here is None or story.publication_id == here.pk:
        return None
    return home_of(story)
