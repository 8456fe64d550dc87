"""Chooses the publication from the request's host: `request.publication`."""

from django.conf import settings
from django.http import Http404
from django.http.request import split_domain_port
from django.utils import timezone

from .hosts import host_map, remember_request_host


def _environment_hosts() -> list[str]:
    """The host names the environment lists (ALLOWED_HOSTS), which the default publication
    answers for. Patterns (".example.com", "*") are left out: a host they allow but no
    publication claims gets a 404, never the default publication's pages."""
    hosts = settings.ALLOWED_HOSTS
    hosts = hosts.static() if hasattr(hosts, "static") else list(hosts)
    return [host for host in hosts if host != "*" and not host.startswith(".")]


class PublicationMiddleware:
    """Sets `request.publication`. A host no publication answers for gets a 404 (never
    another site's pages); so do a publication's reader pages until it is live, except for
    signed-in staff, who may look at it first. Dates are shown in the publication's time zone
    while its request is answered. Before the page cache, whose key holds the host."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        publication = host_map().for_host(request.get_host(), _environment_hosts())
        request.publication = publication
        if publication is None:
            raise Http404("No publication answers at this address.")
        if not publication.is_live and not (
            _is_staff(request) or request.path.startswith("/admin/")
        ):
            raise Http404("This publication is not live yet.")
        timezone.activate(publication.time_zone)
        remember_request_host(split_domain_port(request.get_host())[0])
        try:
            return self.get_response(request)
        finally:
            remember_request_host(None)
            timezone.deactivate()


def _is_staff(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.is_staff)
