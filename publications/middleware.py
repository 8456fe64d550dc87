"""Chooses the publication from the request's host: `request.publication`."""

from django.conf import settings
from django.http import Http404

from .hosts import host_map


def _static_hosts():
    hosts = settings.ALLOWED_HOSTS
    return hosts.static() if hasattr(hosts, "static") else list(hosts)


class PublicationMiddleware:
    """Sets `request.publication`. A host no publication answers for gets a 404 (never
    another site's pages); so do a publication's reader pages until it is live, except for
    signed-in staff, who may look at it first. Before the page cache, whose key holds the host."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        publication = host_map().for_host(request.get_host(), _static_hosts())
        request.publication = publication
        if publication is None:
            raise Http404("No publication answers at this address.")
        if not publication.is_live and not (
            _is_staff(request) or request.path.startswith("/admin/")
        ):
            raise Http404("This publication is not live yet.")
        return self.get_response(request)


def _is_staff(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.is_staff)
