"""The reader's address for login throttling (django-axes), behind N reverse proxies.

Each proxy appends the address it received the request from to `X-Forwarded-For`, so with N
proxies in front of the app the client is the N-th entry from the right; anything further
left was written by the client and is not trusted. With no proxy (N = 0), or a header
shorter than the chain, the socket address counts. N comes from the environment's
`AXES_PROXY_COUNT` (setting `NEWSROOM_PROXY_COUNT`: axes 8 reserves its own
`AXES_PROXY_COUNT` for django-ipware and warns about it).
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    proxies = getattr(settings, "NEWSROOM_PROXY_COUNT", 0) or 0
    if proxies <= 0:
        return remote
    chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chain = [part for part in chain if part]
    if len(chain) < proxies:
        return remote
    candidate = chain[-proxies]
    if candidate.startswith("[") and "]" in candidate:  # "[2001:db8::1]:443"
        candidate = candidate[1 : candidate.index("]")]
    elif candidate.count(":") == 1:  # "203.0.113.9:51234"
        candidate = candidate.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
