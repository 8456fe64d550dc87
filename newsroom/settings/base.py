"""Settings every environment shares. Everything that differs comes from the environment."""

from pathlib import Path

import dj_database_url

from newsroom.env import env_bool, env_int, env_list, env_str
from publications.hosts import AllowedHosts

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("NEWSROOM_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
# The environment's hosts (the default publication answers for them), plus every
# publication's domain and aliases, read from the table as it is (publications/hosts.py).
ALLOWED_HOSTS = AllowedHosts(env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"]))
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "newsroom.admin_site.NewsroomAdminConfig",  # django.contrib.admin with the desk as index
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "taggit",
    "reversion",
    "csp",
    "django_prose_editor",  # the story body's rich-text editor: its static files (articles/admin)
    "axes",
    "newsroom",
    "organizations",
    "people",
    "articles",
    "tagging",
    "wire",
    "syndication",
    "publications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",  # 304s, for cached pages too
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "publications.middleware.PublicationMiddleware",  # request.publication, from the host
    # After authentication: anonymous readers get cached pages, signed-in users fresh ones.
    "wire.middleware.OldPathRedirectMiddleware",  # migrated stories' old addresses: 301
    "newsroom.page_cache.ReaderPageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # login throttling first
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
        },
    },
]

# DATABASE_URL: postgres://user@host:5432/name, or sqlite:///path. Default: SQLite under var/.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'newsroom.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A fresh clone has no var/ yet: any first command (migrate, createsuperuser) makes it.
    if (name := DATABASES["default"]["NAME"]) and name != ":memory:":
        Path(name).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers and one writer work at once; a busy timeout instead of "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Planner settings for a web workload, per connection (override with DATABASE_PG_OPTIONS):
    # no JIT, whose compilation (100-400 ms, measured in bench/reader_scale.py) dwarfs the short
    # queries of a page, and random reads priced as on SSD, so that PostgreSQL walks the small
    # indexes a page needs instead of scanning in physical order.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", env_str("DATABASE_PG_OPTIONS", "-c jit=off -c random_page_cost=1.1")
    )

# A read replica for anonymous reader pages (newsroom/replica.py), when its URL is set.
if replica_url := env_str("DATABASE_REPLICA_URL", ""):
    DATABASES["replica"] = dj_database_url.parse(
        replica_url,
        conn_max_age=env_int("CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
    DATABASES["replica"]["OPTIONS"] = dict(DATABASES["default"].get("OPTIONS", {}))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["newsroom.replica.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "newsroom.replica.ReaderReplicaMiddleware",
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- security headers and login throttling ---------------------------------------------------
# A strict policy: no inline script or style anywhere, no framing (frame-ancestors), media
# from this site or the configured media origin.
_MEDIA_ORIGINS = env_list("NEWSROOM_MEDIA_ORIGINS", [])
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# django-axes: five wrong passwords lock that username *from that address* for an hour, so
# an attacker elsewhere cannot lock the real editor out. Behind reverse proxies set
# AXES_PROXY_COUNT to their number: the address is then read from X-Forwarded-For, counted
# from the right (newsroom/client_ip.py); without it the socket address counts.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
NEWSROOM_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0)  # axes 8 names its own setting deprecated
AXES_CLIENT_IP_CALLABLE = "newsroom.client_ip.client_ip"

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

TAGGIT_CASE_INSENSITIVE = True

# The default publication's name and domain when the first migration makes it (a
# single-site install; more publications are rows in the admin, see publications/).
NEWSROOM_SITE_NAME = env_str("NEWSROOM_SITE_NAME", "Newsroom")
NEWSROOM_DEFAULT_DOMAIN = env_str("NEWSROOM_DEFAULT_DOMAIN", "localhost")
# The picture social cards and JSON-LD use for pages and stories without one (a static file).
NEWSROOM_DEFAULT_IMAGE = env_str("NEWSROOM_DEFAULT_IMAGE", "img/social-default.png")
NEWSROOM_PAGE_SIZE = env_int("NEWSROOM_PAGE_SIZE", 20)
# Search on PostgreSQL ranks the newest this many matches of a query (see articles/search.py).
NEWSROOM_SEARCH_RANK_WINDOW = env_int("NEWSROOM_SEARCH_RANK_WINDOW", 2000)
# Reader page cache (server side) and what browsers and CDNs may keep, in seconds.
NEWSROOM_PAGE_CACHE_SECONDS = env_int("NEWSROOM_PAGE_CACHE_SECONDS", 600)
NEWSROOM_BROWSER_CACHE_SECONDS = env_int("NEWSROOM_BROWSER_CACHE_SECONDS", 60)
# The query parameters that change a reader page: part of its cache key (newsroom/page_cache.py).
NEWSROOM_PAGE_CACHE_PARAMS = {
    "page",
    "page_size",
    "q",
    "section",
    "organization",
    "person",
    "from",
    "to",
}
# How long a shareable preview link works (seconds); publishing ends it sooner.
NEWSROOM_PREVIEW_MAX_AGE = env_int("NEWSROOM_PREVIEW_MAX_AGE", 3 * 24 * 3600)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
