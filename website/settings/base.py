"""Settings shared by every environment; each value that differs between
machines is read from the environment (see README, "Configuration")."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "website",
    "accessibility",
    "pages",
    "newsroom",
    "partners",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "website.apps.RedirectsConfig",  # wagtail.contrib.redirects, in every language
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "plone_import",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "website.middleware.SiteLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Wagtail's RedirectMiddleware, for redirects in every language (website/redirects.py).
    "website.redirects.LanguageRedirectMiddleware",
]

ROOT_URLCONF = "website.urls"
WSGI_APPLICATION = "website.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "website.context_processors.organisation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Romanian is the default locale, English the second (DESIGN.md).
LANGUAGE_CODE = "ro"
LANGUAGES = [("ro", "Română"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# The workflow's final approval publishes as Wagtail's does, but refuses a release marked
# "publish only with its translation" going live alone (website/joint_publish.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "website.joint_publish_workflow.publish_workflow_state"
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Bucharest"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Whitenoise serves static files in every mode, including runserver.
WHITENOISE_USE_FINDERS = True

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Civic Newsroom"
# Addresses stay plain ASCII (/ro/stiri/piata-unirii/), easy to read aloud and to type.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Folds Romanian diacritics like SQLite's FTS5 does (website/migrations/0001).
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "romanian_unaccent"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Behind a TLS-terminating proxy absolute URLs (feeds, canonical links) must stay https.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Text shown to users is written in English and translated in locale/ro/.
SITE_LANGUAGE_NAMES = {"ro": _("Romanian"), "en": _("English")}

# Uploaded images and documents are served by Django itself unless a CDN or object
# storage serves them (set SERVE_MEDIA=false then).
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)

# The open-data API is read-only and public: no writes, a sane page size.
WAGTAILAPI_LIMIT_MAX = 100
REST_FRAMEWORK = {"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}

# Machine translation in wagtail-localize's editor: off unless a DeepL key is configured.
# Nothing in the tests calls the network.
if os.environ.get("DEEPL_API_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": os.environ["DEEPL_API_KEY"]},
    }

# Press releases can be "about" a project, a partner or a pilot action (partners app),
# and name earlier releases as related.
NEWSROOM_RELATED_PAGE_TYPES = [
    "newsroom.PressReleasePage",
    "partners.ProjectPage",
    "partners.PartnerPage",
    "partners.PilotShowcasePage",
]
# The page type whose releases have their own feeds (/ro/stiri/proiect/<slug>/rss/).
NEWSROOM_PROJECT_PAGE_TYPE = "partners.ProjectPage"

# ---------------------------------------------------------------------------------------
# Production readiness (README, "Production"): the shared cache, the page cache and its
# invalidation, the CDN purge, login throttling, structured logging. Everything here is
# off or local by default and switched on by the environment or by production.py.
# ---------------------------------------------------------------------------------------
from datetime import timedelta  # noqa: E402

INSTALLED_APPS += ["wagtail.contrib.frontend_cache", "axes"]


def _after(anchor, *names):
    index = MIDDLEWARE.index(anchor) + 1
    MIDDLEWARE[index:index] = list(names)


_after(
    "whitenoise.middleware.WhiteNoiseMiddleware", "website.middleware.DatabaseUnavailableMiddleware"
)
# The policy middleware wraps the page cache so each reader gets a fresh nonce, cached or not.
_after(
    "website.middleware.SiteLocaleMiddleware",
    "website.middleware.ContentSecurityPolicyMiddleware",
    "website.middleware.PageCacheMiddleware",
    # After the page cache, so that only pages rendered by Django pay for these.
    "website.middleware.ContentGenerationMiddleware",
    "website.routing.LocaleHomeRoutingMiddleware",
)
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
# Last, so it sees the view's exception first: the reason a workflow approval was refused.
MIDDLEWARE.append("website.joint_publish_views.WorkflowApprovalRefusedMiddleware")

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # Django's RedisCache, made to degrade to "no cache" when Redis is unreachable.
            "BACKEND": "website.cache.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            # Several sites or test runs can share one Redis.
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", ""),
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
                "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
            },
        }
    }

# Anonymous public pages and feeds from the shared cache (website/middleware.py), kept in
# the cache named PAGE_CACHE_ALIAS (production.py uses files when there is no Redis).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", False)
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "600"))
PAGE_CACHE_BROWSER_MAX_AGE = int(os.environ.get("PAGE_CACHE_BROWSER_MAX_AGE", "60"))
PAGE_CACHE_SHARED_MAX_AGE = int(os.environ.get("PAGE_CACHE_SHARED_MAX_AGE", "300"))
# Each worker also keeps the cached pages it served last (website/cache.py, WorkerCopies):
# up to this many bytes, each for this many seconds, and only under the current generation.
PAGE_CACHE_WORKER_BYTES = int(os.environ.get("PAGE_CACHE_WORKER_MB", "16")) * 1024 * 1024
PAGE_CACHE_WORKER_SECONDS = int(os.environ.get("PAGE_CACHE_WORKER_SECONDS", "60"))
PAGE_CACHE_EXCLUDED_PATHS = ["/admin/", "/documents/", "/healthz", MEDIA_URL, STATIC_URL]

# A CDN or reverse proxy in front is purged on publish when its purge address is known.
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }
# Public URLs outside the page tree that a publish changes.
FRONTEND_CACHE_EXTRA_PATHS = env_list("FRONTEND_CACHE_EXTRA_PATHS", "/sitemap.xml")

# Failed admin sign-ins are counted per user name and per address, in the database that
# every host shares; after LOGIN_FAILURE_LIMIT the pair waits LOGIN_COOLOFF_MINUTES.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "website.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "website.security.client_ip_address"
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False

# Editors' avatars are not fetched from Gravatar: no e-mail hashes leave the admin, and
# the admin's Content-Security-Policy needs no third-party image host.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the admin's dashboard ask wagtail.org for new releases: upgrades come through
# pyproject.toml, and connect-src stays 'self'.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# JSON lines on stdout (production.py makes every logger use them).
LOGGING["formatters"] = {"json": {"()": "website.json_logging.JSONFormatter"}}
