"""Which publication a host name belongs to, read from the publications table.

`host_map()` is rebuilt in each process when the shared cache says the table changed (a
publication saved or deleted bumps a version, see `signals.py`), so a site added in the
admin answers on every server within a second, with no restart (at once in the process
that saved it). The version is read from the cache at most once a second per process.

`AllowedHosts` is what `settings.ALLOWED_HOSTS` holds: the hosts from the environment (which
the default publication answers for) plus every publication's domain and aliases. Django
still refuses any other host (400), and the middleware gives a 404 to a host the
environment allows by pattern but no publication claims.
"""

import threading
import time
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import DatabaseError
from django.http.request import split_domain_port

VERSION_KEY = "newsroom:publications-version"
_build_lock = threading.Lock()
_memo: dict = {}


@dataclass
class HostMap:
    version: object
    by_host: dict = field(default_factory=dict)
    by_id: dict = field(default_factory=dict)
    default_id: int | None = None

    @property
    def default(self):
        return self.by_id.get(self.default_id)

    def all(self) -> list:
        return sorted(self.by_id.values(), key=lambda p: p.name)

    def for_host(self, host: str, environment_hosts=()):
        """The publication answering for `host` (with or without its port): the one whose
        domain or alias it is, else the default one for a host the environment names, else
        None."""
        domain, _port = split_domain_port(host)
        found = self.by_host.get(domain)
        if found is None and domain in environment_hosts:
            return self.default
        return found


def _current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


RECHECK_SECONDS = 1.0  # how stale another process's change may be, at most


def host_map() -> HostMap:
    found = _memo.get("map")
    now = time.monotonic()
    if found is not None and now - _memo.get("checked", 0.0) < RECHECK_SECONDS:
        return found  # cached pages pay nothing for the publication lookup
    version = _current_version()
    _memo["checked"] = now
    if found is not None and found.version == version:
        return found
    with _build_lock:
        from .models import Publication

        built = HostMap(version=version)
        for publication in Publication.objects.all():
            built.by_id[publication.pk] = publication
            for host in publication.hosts:
                built.by_host[host] = publication
            if publication.is_default:
                built.default_id = publication.pk
        if built.default_id is None:  # a flushed database (transactional tests): make it again
            default = Publication.objects.create_default()
            built.by_id[default.pk] = default
            built.default_id = default.pk
            for host in default.hosts:
                built.by_host[host] = default
        _memo["map"] = built
        return built


def is_network() -> bool:
    """More than one publication: the one question behind every single-site shortcut (no
    publication filter, no "more on the network" count, no publication fields in the admin)."""
    return len(host_map().by_id) > 1


def forget_hosts():
    """Called when a publication changes: every process rebuilds its map on its next request."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        _current_version()
    forget_in_this_process()


def forget_in_this_process():
    _memo.clear()


_this_request = threading.local()


def remember_request_host(host: str | None):
    """Called by the middleware around each request with the host it found a publication for."""
    _this_request.host = host


class AllowedHosts(list):
    """`ALLOWED_HOSTS` that follows the publications table (see the module's doc)."""

    def __iter__(self):
        yield from super().__iter__()
        if checked := getattr(_this_request, "host", None):
            # The host this request was already found to answer for (the middleware says
            # so): later checks (every absolute URL a sitemap builds) stop here, not after
            # walking a thousand publications' hosts.
            yield checked
        try:
            hosts = host_map().by_host
        except (DatabaseError, RuntimeError):
            # Before migrations, or where database access is refused (a test runner copying
            # the setting before the database is set up): the environment's hosts only.
            return
        yield from hosts

    def __bool__(self):
        return True

    def __len__(self):
        return sum(1 for _ in self)

    def static(self) -> list[str]:
        return list(super().__iter__())
