"""Production: every secret and host name comes from the environment."""

import os

from .base import *  # noqa: F401,F403
from .base import CACHES, DATABASES, LOGGING, VAR_DIR, env_bool, env_list


def required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        # One line on stderr, no traceback: this is an operator's mistake, not a bug.
        raise SystemExit(f"{name} is not set: production settings need it in the environment.")
    return value


DEBUG = False
SECRET_KEY = required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or required("ALLOWED_HOSTS").split(",")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

STORAGES = {
    # Uploads on the local filesystem (MEDIA_ROOT, shared by the hosts or on one host);
    # another backend (object storage) by naming its class, e.g. storages.backends.s3.S3Storage.
    "default": {
        "BACKEND": os.environ.get(
            "MEDIA_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"
        )
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Health checks come from the load balancer over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")

# Several hosts share one PostgreSQL: keep connections open between requests, check them
# before use, and give up quickly when the server is away (/healthz answers 503 then).
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("DATABASE_CONNECT_TIMEOUT", "3")
    )

# Sessions in the database, read through the shared cache when there is one (a per-process
# memory cache would let a host keep a session that another host ended).
if CACHES["default"]["BACKEND"] != "django.core.cache.backends.locmem.LocMemCache":
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache":
    # One machine without Redis: the page cache and its generation number must be shared
    # by every gunicorn worker, or a publish seen by one worker would leave the others
    # serving the old page. Files under VAR_DIR are.
    CACHES["pages"] = {
        "BACKEND": "page_cache.backends.PageFileCache",
        "LOCATION": str(VAR_DIR / "page-cache"),
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_MAX_ENTRIES", "20000"))},
    }
    PAGE_CACHE_ALIAS = "pages"

LOGGING["handlers"] = {
    "stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}
}
LOGGING["root"] = {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")}
# Django's own "django" logger would print a second, plain copy when DEBUG is on; not here.
LOGGING["loggers"] = {
    "django": {"handlers": [], "level": "INFO", "propagate": True},
    # One line per background task run (search index, reference index) is noise.
    "django_tasks": {"level": "WARNING"},
}
