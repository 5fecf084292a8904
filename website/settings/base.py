"""Settings shared by every environment; each value that differs between
machines is read from the environment (see docs/operations.md, "Configuration")."""

import os
from datetime import timedelta
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
    # What the site is: content apps, each depending on `pages` at most.
    "pages",
    "newsroom",
    "partners",
    # What the site does: one app per feature.
    "languages",
    "page_cache",
    # Before Wagtail: its publish_scheduled command is replaced by the scheduler's.
    "scheduling",
    "embargo",
    "press_kits",
    "translation_tools",
    "editorial_roles",
    "hardening",
    "operations",
    "open_data",
    "search",
    "accessibility",
    "plone_import",
    "demo_content",
    # Wagtail, wagtail-localize and Django.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    # After Wagtail's redirects: its ready() replaces their receivers with its own.
    "language_redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.frontend_cache",
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
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files before anything that reads the database or the session.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Early, so a database outage in any later middleware or view answers 503.
    "operations.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before the page cache: the cache key and the page depend on the language.
    "languages.middleware.SiteLocaleMiddleware",
    # Around the page cache, so each reader gets a fresh nonce, cached page or not.
    "hardening.middleware.ContentSecurityPolicyMiddleware",
    # Before everything that only rendered pages need: a hit skips it all.
    "page_cache.middleware.PageCacheMiddleware",
    # After the page cache, so that only pages rendered by Django pay for it.
    "page_cache.middleware.ContentGenerationMiddleware",
    # Needs the content generation to remember each language's home.
    "languages.routing.LocaleHomeRoutingMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Wagtail's RedirectMiddleware, in every language: it acts on 404 responses.
    "language_redirects.redirects.LanguageRedirectMiddleware",
    # After authentication: counts failed sign-ins (django-axes).
    "axes.middleware.AxesMiddleware",
    # Last, so it sees the view's exception first: the reason a workflow approval was refused.
    "translation_tools.views.WorkflowApprovalRefusedMiddleware",
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
                "pages.context_processors.organisation",
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

# Romanian is the default locale, English the second.
LANGUAGE_CODE = "ro"
LANGUAGES = [("ro", "Română"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# The workflow's final approval publishes as Wagtail's does, but refuses a release marked
# "publish only with its translation" going live alone (translation_tools/joint_publish.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "translation_tools.workflow.publish_workflow_state"
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Bucharest"
# Editors choose their own zone (Account → Preferences); the site's is the default.
WAGTAIL_USER_TIME_ZONES = ["Europe/Bucharest", "Europe/London", "Europe/Brussels", "UTC"]
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
# Wagtail's database backend storing each page's words stemmed in its language (search/).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # No JIT compilation: a page's queries are small, but before PostgreSQL has analysed a
    # table (a fresh database, after an import) the planner's estimates reach billions of
    # rows, and compiling the query then took 2 s where running it takes 1 ms.
    # Added to the options DATABASE_URL may give (?options=-c statement_timeout=5000).
    database_options = DATABASES["default"].setdefault("OPTIONS", {})
    database_options["options"] = f"{database_options.get('options', '')} -c jit=off".strip()
    # The words arrive folded and stemmed; PostgreSQL only splits them (website/migrations/0001).
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "romanian_unaccent"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents only through Wagtail's view, which checks their collection's privacy (never a
# raw media or storage address), as attachments but PDFs, always with nosniff.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# The image form with the credit and licence (pages/image_credits.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "pages.forms.ImageRightsForm"
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

# Image originals and renditions under MEDIA_URL are served by Django itself (only those:
# hardening/media.py) unless a CDN or object storage serves them (set SERVE_MEDIA=false then).
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)

# The open-data API is read-only and public: no writes, a sane page size.
WAGTAILAPI_LIMIT_MAX = 100
REST_FRAMEWORK = {"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}

# A new translation starts as a draft, even of a live page: wagtail-localize would publish
# it at once (with the source's text), whoever asked for it (translation_tools/localize_guard.py).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

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
# What the home page shows under its body besides its own content (pages/conf.py).
PAGES_HOME_SECTIONS = ["newsroom/includes/latest_releases.html"]
# What other apps add to a release page (newsroom/conf.py): the press kit's link.
NEWSROOM_RELEASE_SECTIONS = ["press_kits/release_section.html"]

# ---------------------------------------------------------------------------------------
# Production readiness (docs/operations.md): the shared cache, the page cache and its
# invalidation, the CDN purge, login throttling, structured logging. Everything here is
# off or local by default and switched on by the environment or by production.py.
# ---------------------------------------------------------------------------------------

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # Django's RedisCache, made to degrade to "no cache" when Redis is unreachable.
            "BACKEND": "page_cache.backends.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            # Several sites or test runs can share one Redis.
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", ""),
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
                "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
            },
        }
    }

# Anonymous public pages and feeds from the shared cache (page_cache/middleware.py), kept in
# the cache named PAGE_CACHE_ALIAS (production.py uses files when there is no Redis).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", False)
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "600"))
PAGE_CACHE_BROWSER_MAX_AGE = int(os.environ.get("PAGE_CACHE_BROWSER_MAX_AGE", "60"))
PAGE_CACHE_SHARED_MAX_AGE = int(os.environ.get("PAGE_CACHE_SHARED_MAX_AGE", "300"))
# Each worker also keeps the cached pages it served last (page_cache/store.py, WorkerCopies):
# up to this many bytes, each for this many seconds, and only under the current generation.
PAGE_CACHE_WORKER_BYTES = int(os.environ.get("PAGE_CACHE_WORKER_MB", "16")) * 1024 * 1024
PAGE_CACHE_WORKER_SECONDS = int(os.environ.get("PAGE_CACHE_WORKER_SECONDS", "60"))
# The query parameters public pages and the API read: a request with any other (save the
# tracking ones, which are left out of the key) is served uncached (page_cache/store.py).
PAGE_CACHE_QUERY_PARAMETERS = env_list(
    "PAGE_CACHE_QUERY_PARAMETERS",
    "page,topic,year,project,q,untranslated,"
    "type,fields,locale,limit,offset,order,search,child_of,descendant_of,translation_of,slug",
)
PAGE_CACHE_IGNORED_PARAMETERS = env_list(
    "PAGE_CACHE_IGNORED_PARAMETERS",
    "utm_*,fbclid,gclid,dclid,gbraid,wbraid,msclkid,yclid,mc_cid,mc_eid,igshid,_ga,_gl",
)
PAGE_CACHE_CLIENT_ENTRIES_PER_MINUTE = int(
    os.environ.get("PAGE_CACHE_CLIENT_ENTRIES_PER_MINUTE", "300")
)
# A release's entry stays cached when another release is published: it counts only under
# the generations of the pages it shows (page_cache/dependencies.py).
PAGE_CACHE_DETAIL_PAGE_TYPES = ["newsroom.PressReleasePage"]
# Embargo preview links (embargo/) are for one journalist each: never shared.
PAGE_CACHE_EXCLUDED_PATHS = [
    "/admin/",
    "/documents/",
    "/healthz",
    "/embargo/",
    MEDIA_URL,
    STATIC_URL,
]

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

# The scheduler that comes with the site (scheduling/): how often it runs, and how long a
# host's publisher lease lasts without renewal before another host takes over.
SCHEDULER_INTERVAL = int(os.environ.get("SCHEDULER_INTERVAL", "30"))
SCHEDULER_LEASE_SECONDS = int(os.environ.get("SCHEDULER_LEASE_SECONDS", "90"))

# Failed admin sign-ins are counted in the database that every host shares, per user name
# and address together (LOGIN_FAILURE_LIMIT: a stranger who knows an editor's user name
# cannot lock them out from everywhere) and per address whatever the user names
# (LOGIN_ADDRESS_FAILURE_LIMIT, higher: colleagues share an office's address); either waits
# LOGIN_COOLOFF_MINUTES. See hardening/sign_in_throttling.py.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "hardening.sign_in_throttling.SignInThrottlingHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
# What axes' own commands (axes_reset_ip, axes_reset_username) and records go by.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
# How many proxies (load balancer, CDN) append to X-Forwarded-For in front of the site: the
# reader's address is that many entries from its right. 0: the connection's address only,
# and X-Forwarded-For (which anyone can send) is ignored.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "hardening.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "hardening.security.client_ip_address"
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False

# Extra sources of the Content-Security-Policy, space-separated (a video host's iframe for
# embeds, an image host); the Permissions-Policy header's value where the default (every
# sensor, camera, microphone and payment off: hardening/conf.py) does not fit.
CSP_FRAME_SRC = os.environ.get("CSP_FRAME_SRC", "").split()
CSP_IMG_SRC = os.environ.get("CSP_IMG_SRC", "").split()
if "PERMISSIONS_POLICY" in os.environ:
    PERMISSIONS_POLICY = os.environ["PERMISSIONS_POLICY"]

# Editors' avatars are not fetched from Gravatar: no e-mail hashes leave the admin, and
# the admin's Content-Security-Policy needs no third-party image host.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the admin's dashboard ask wagtail.org for new releases: upgrades come through
# pyproject.toml, and connect-src stays 'self'.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# JSON lines on stdout (production.py makes every logger use them).
LOGGING["formatters"] = {"json": {"()": "operations.json_logging.JSONFormatter"}}
