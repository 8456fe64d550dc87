"""Development and the demo: DEBUG on by default, a throwaway secret key, a shared cache."""

from newsroom.env import env_bool, env_str

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# A cache every process sees (the server, and a command-line import beside it), so an import
# reaches the running site at once: Redis when REDIS_URL is set, else files under var/.
_redis = env_str("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": _redis}
        if _redis
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache",  # noqa: F405
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    )
}
