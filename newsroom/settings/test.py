"""Tests: the same database choice as everywhere (DATABASE_URL), fast hashing, plain storage."""

from newsroom.env import env_str

from .base import *  # noqa: F403

SECRET_KEY = env_str("SECRET_KEY", "test-only-key")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Tests log in with force_login; the throttling tests turn django-axes on themselves.
AXES_ENABLED = False
