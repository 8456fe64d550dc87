"""Production: no secret defaults, HTTPS everywhere; needs SECRET_KEY, ALLOWED_HOSTS, REDIS_URL."""

from newsroom.env import env_bool, env_int, env_str
from publications.hosts import AllowedHosts

from .base import *  # noqa: F403

SECRET_KEY = env_str("SECRET_KEY")  # required: no default outside development
DEBUG = env_bool("DEBUG", False)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# Every worker must see the same cache: the page cache and its invalidation, "also editing",
# login throttling. A per-process cache would let one worker serve a withdrawn story for
# minutes, so production refuses to start without Redis.
CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": env_str("REDIS_URL")}}
# No default host outside development: the hosts this site answers for, comma separated.
# Every publication's domain and aliases are allowed too (publications/hosts.py).
ALLOWED_HOSTS = AllowedHosts([h.strip() for h in env_str("ALLOWED_HOSTS").split(",") if h.strip()])
