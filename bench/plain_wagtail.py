"""Plain-Wagtail baseline: the requests/s of a Wagtail 8 site built "without any care", the
way the Wagtail tutorial builds one, divided by the requests/s of a static file served in
the same run. It is the yardstick of the issue's criterion (a release, RSS and Atom at
10,000 releases per locale each at least twice the plain-Wagtail ratio).

    .venv/bin/python bench/plain_wagtail.py --pages 10000      # SQLite
    .venv/bin/python bench/plain_wagtail.py --pages 10000 \\
        --database-url postgres://postgres@127.0.0.1:5432/plain_wagtail_bench  # PostgreSQL
    .venv/bin/python bench/plain_wagtail.py --pages 200 --duration 2  # a quick check

Everything it writes is under var/bench-plain-wagtail/ (git-ignored): a generated project
(settings, a `blog` app with BlogIndexPage, BlogPage and a BlogCategory snippet, templates,
an RSS and an Atom feed made with django.contrib.syndication), its SQLite database when no
--database-url is given (a PostgreSQL database is created when missing), media and static
files. The content is written in bulk (treebeard paths computed here, as bench/newsroom.py
does): a home page, a BlogIndexPage at /blog/ and N BlogPages, each with a heading, three
paragraphs of about 400 characters, an image block, two categories and a hero image (20
PNG images in all). It is reused when the database already holds N pages or more.

The site is served by gunicorn (2 sync workers, DEBUG False, whitenoise for static files,
Django's default local-memory cache, CONN_MAX_AGE 60) on a free loopback port and measured
with wrk at concurrency 1 and 8 after 4 warm-up requests per URL; gunicorn is always
stopped. The queries of one warm request per URL are counted in this process (Django's
test Client and CaptureQueriesContext).
"""

import argparse
import datetime
import functools
import importlib.util
import io
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
SITE_DIR = REPOSITORY / "var" / "bench-plain-wagtail"
SECRET_KEY = "plain-wagtail-bench-only-" + "Xk4pR9" * 8
IMAGES = 20
CATEGORIES = 10

# The generated project. Written again at every run; migrations are made once.

MANAGE_PY = """#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plainsite.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
"""

SETTINGS_PY = """from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = __SECRET_KEY__
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]

INSTALLED_APPS = [
    "blog",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "plainsite.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "plainsite" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "plainsite.wsgi.application"

DATABASES = {"default": __DATABASE__}

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [BASE_DIR / "plainsite" / "static"]
STATIC_ROOT = BASE_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

WAGTAIL_SITE_NAME = "plainsite"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
"""

URLS_PY = """from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from blog.feeds import BlogAtomFeed, BlogFeed

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("blog/rss/", BlogFeed(), name="blog_rss"),
    path("blog/atom/", BlogAtomFeed(), name="blog_atom"),
    path("", include(wagtail_urls)),
]
"""

WSGI_PY = """import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plainsite.settings")
application = get_wsgi_application()
"""

BASE_HTML = """{% load static wagtailcore_tags wagtailuserbar %}
<!DOCTYPE html>
<html lang="en">
    <head>
        <meta charset="utf-8" />
        <title>
            {% block title %}
                {% if page.seo_title %}{{ page.seo_title }}{% else %}{{ page.title }}{% endif %}
            {% endblock %}
            {% block title_suffix %}
                {% wagtail_site as current_site %}
                {% if current_site and current_site.site_name %}
                    - {{ current_site.site_name }}
                {% endif %}
            {% endblock %}
        </title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="stylesheet" type="text/css" href="{% static 'css/plainsite.css' %}">
    </head>
    <body class="{% block body_class %}{% endblock %}">
        {% wagtailuserbar %}
        {% block content %}{% endblock %}
    </body>
</html>
"""

SITE_CSS = """html { box-sizing: border-box; }
*, *::before, *::after { box-sizing: inherit; }
body {
    max-width: 960px;
    min-height: 100vh;
    margin: 0 auto;
    padding: 0 1rem;
    font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, sans-serif;
    line-height: 1.5;
    color: #222;
}
h1, h2, h3 { line-height: 1.2; }
a { color: #005b94; }
a:hover { color: #003a5e; }
img { max-width: 100%; height: auto; }
.meta { color: #666; font-size: 0.9rem; }
.intro { font-size: 1.2rem; }
.template-blogindexpage h2 { margin-bottom: 0; }
nav { margin: 2rem 0; }
"""

MODELS_PY = """from django import forms
from django.core.paginator import Paginator
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet


class BlogIndexPage(Page):
    intro = RichTextField(blank=True)

    content_panels = Page.content_panels + ["intro"]

    def get_context(self, request):
        context = super().get_context(request)
        posts = self.get_children().live().specific()
        context["posts"] = Paginator(posts, 20).get_page(request.GET.get("page"))
        return context


@register_snippet
class BlogCategory(models.Model):
    name = models.CharField(max_length=255)
    slug = models.SlugField(unique=True, max_length=80)

    panels = ["name", "slug"]

    def __str__(self):
        return self.name

    class Meta:
        verbose_name_plural = "blog categories"


class BlogPage(Page):
    date = models.DateField("Post date")
    intro = models.CharField(max_length=250)
    body = StreamField(
        [
            ("heading", blocks.CharBlock(form_classname="title")),
            ("paragraph", blocks.RichTextBlock()),
            ("image", ImageChooserBlock()),
        ]
    )
    categories = ParentalManyToManyField("blog.BlogCategory", blank=True)
    hero = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    content_panels = Page.content_panels + [
        "date",
        "intro",
        "hero",
        "body",
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
    ]
"""

FEEDS_PY = """from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from .models import BlogPage


class BlogFeed(Feed):
    title = "Blog"
    link = "/blog/"
    description = "The latest blog posts."

    def items(self):
        return BlogPage.objects.live().order_by("-date")[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return f"<p>{item.intro}</p>{item.body}"

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at


class BlogAtomFeed(BlogFeed):
    feed_type = Atom1Feed
    subtitle = BlogFeed.description
"""

BLOG_INDEX_PAGE_HTML = """{% extends "base.html" %}
{% load wagtailcore_tags %}

{% block body_class %}template-blogindexpage{% endblock %}

{% block content %}
    <h1>{{ page.title }}</h1>
    <div class="intro">{{ page.intro|richtext }}</div>

    {% for post in posts %}
        <h2><a href="{% pageurl post %}">{{ post.title }}</a></h2>
        <p class="meta">{{ post.date }}</p>
        <p>{{ post.intro }}</p>
    {% endfor %}

    <nav>
        {% if posts.has_previous %}
            <a href="?page={{ posts.previous_page_number }}">Previous</a>
        {% endif %}
        Page {{ posts.number }} of {{ posts.paginator.num_pages }}
        {% if posts.has_next %}<a href="?page={{ posts.next_page_number }}">Next</a>{% endif %}
    </nav>
{% endblock %}
"""

BLOG_PAGE_HTML = """{% extends "base.html" %}
{% load wagtailcore_tags wagtailimages_tags %}

{% block body_class %}template-blogpage{% endblock %}

{% block content %}
    <h1>{{ page.title }}</h1>
    <p class="meta">{{ page.date }}</p>
    {% if page.hero %}{% image page.hero fill-1200x600 %}{% endif %}

    <div class="intro">{{ page.intro }}</div>

    {% include_block page.body %}

    {% with categories=page.categories.all %}
        {% if categories %}
            <h3>Posted in:</h3>
            <ul>
                {% for category in categories %}
                    <li>{{ category.name }}</li>
                {% endfor %}
            </ul>
        {% endif %}
    {% endwith %}

    <p><a href="{{ page.get_parent.url }}">Return to blog</a></p>
{% endblock %}
"""

LOREM = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud "
    "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure "
    "dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. "
    "Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt."
)


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10_000, help="blog pages (10,000)")
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk cell (5)")
    parser.add_argument(
        "--database-url",
        default=f"sqlite:///{SITE_DIR / 'db.sqlite3'}",
        help="default: SQLite under var/bench-plain-wagtail/",
    )
    return parser.parse_args()


def log(message):
    print(message, file=sys.stderr, flush=True)


# The project.


def write_project(database_url):
    import dj_database_url

    database = dj_database_url.parse(database_url, conn_max_age=60)
    files = {
        "manage.py": MANAGE_PY,
        "plainsite/__init__.py": "",
        "plainsite/settings.py": SETTINGS_PY.replace("__SECRET_KEY__", repr(SECRET_KEY)).replace(
            "__DATABASE__", repr(database)
        ),
        "plainsite/urls.py": URLS_PY,
        "plainsite/wsgi.py": WSGI_PY,
        "plainsite/templates/base.html": BASE_HTML,
        "plainsite/static/css/plainsite.css": SITE_CSS,
        "blog/__init__.py": "",
        "blog/models.py": MODELS_PY,
        "blog/feeds.py": FEEDS_PY,
        "blog/templates/blog/blog_index_page.html": BLOG_INDEX_PAGE_HTML,
        "blog/templates/blog/blog_page.html": BLOG_PAGE_HTML,
    }
    for name, text in files.items():
        path = SITE_DIR / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text() != text:
            path.write_text(text)


def ensure_database(url):
    if not url.startswith(("postgres://", "postgresql://")):
        return
    import psycopg

    server, name = url.rsplit("/", 1)
    server = server.replace("postgres://", "postgresql://", 1) + "/postgres"
    with psycopg.connect(server, autocommit=True, connect_timeout=5) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')


def manage(*args):
    command = [sys.executable, "manage.py", *args]
    subprocess.run(command, cwd=SITE_DIR, env=site_environment(), check=True)


def site_environment():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env["DJANGO_SETTINGS_MODULE"] = "plainsite.settings"
    return env


def prepare(database_url):
    write_project(database_url)
    ensure_database(database_url)
    if not (SITE_DIR / "blog" / "migrations" / "0001_initial.py").exists():
        manage("makemigrations", "blog", "-v0")
    manage("migrate", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    sys.path.insert(0, str(SITE_DIR))
    os.environ["DJANGO_SETTINGS_MODULE"] = "plainsite.settings"
    import django

    django.setup()


# Content, in bulk.


def make_images():
    """Twenty PNGs (1600×900, one colour each) with the size and hash an admin upload
    records."""
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    images = list(Image.objects.filter(title__startswith="Plain ").order_by("pk"))
    for n in range(len(images), IMAGES):
        buffer = io.BytesIO()
        PILImage.new("RGB", (1600, 900), (12 * n, 90, 160)).save(buffer, "PNG")
        image = Image(title=f"Plain {n}", file=ImageFile(buffer, name=f"plain-{n}.png"))
        image._set_image_file_metadata()
        image.save()
        images.append(image)
    return images


def blog_index():
    from blog.models import BlogIndexPage
    from wagtail.models import Site

    index = BlogIndexPage.objects.first()
    if index is None:
        home = Site.objects.get(is_default_site=True).root_page
        index = home.add_child(
            instance=BlogIndexPage(title="Blog", slug="blog", intro="<p>Our blog.</p>")
        )
        index.save_revision().publish()
    return index


def body(n, images):
    paragraphs = [
        ("paragraph", f"<p>Paragraph {k} of post {n}. {LOREM[: 380 - len(str(n))]}</p>")
        for k in (1, 2, 3)
    ]
    return [
        ("heading", f"The heading of post {n}"),
        paragraphs[0],
        ("image", images[(n + 7) % len(images)]),
        *paragraphs[1:],
    ]


def fill(count, batch=1000):
    """A BlogIndexPage at /blog/ and `count` BlogPages under it, adding only what is
    missing. Rows are inserted in batches, without revisions, signals or search index (what
    readers see is the same)."""
    from blog.models import BlogCategory, BlogPage
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone

    images = make_images()
    categories = [
        BlogCategory.objects.get_or_create(slug=f"category-{n}", defaults={"name": f"Topic {n}"})[0]
        for n in range(CATEGORIES)
    ]
    index = blog_index()
    done = BlogPage.objects.count()
    if done >= count:
        log(f"content: {done} blog pages already there")
        return
    started = time.perf_counter()
    content_type = ContentType.objects.get_for_model(BlogPage)
    Through = BlogPage.categories.through
    now = timezone.now()
    for first in range(done, count, batch):
        numbers = range(first, min(first + batch, count))
        with transaction.atomic():
            pages = newsroom_bench().add_live_children(
                index,
                content_type,
                [{"title": f"Blog post {n:05d}", "slug": f"post-{n:05d}"} for n in numbers],
                now,
            )
            links = []
            for n, page in zip(numbers, pages, strict=True):
                post = BlogPage(
                    page_ptr_id=page.pk,
                    date=datetime.date(2000, 1, 1) + datetime.timedelta(days=n),
                    intro=f"The introduction of post {n}: what it is about, in one sentence.",
                    body=body(n, images),
                    hero=images[n % len(images)],
                )
                # Copies the page's own fields onto the post, which only adds its row.
                post.__dict__.update({k: v for k, v in page.__dict__.items() if k != "_state"})
                post.save_base(raw=True, force_insert=True)
                for category in (categories[n % CATEGORIES], categories[(n + 3) % CATEGORIES]):
                    links.append(Through(blogpage_id=page.pk, blogcategory_id=category.pk))
            Through.objects.bulk_create(links)
        log(f"content: {numbers.stop} of {count} blog pages, {time.perf_counter() - started:.0f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def targets():
    from blog.models import BlogPage
    from django.contrib.staticfiles.storage import staticfiles_storage

    total = BlogPage.objects.count()
    middle = BlogPage.objects.live().order_by("path")[total // 2]
    return {
        "a blog page": middle.url,
        "RSS": "/blog/rss/",
        "Atom": "/blog/atom/",
        "blog index, page 1": "/blog/",
        "static file (ceiling)": staticfiles_storage.url("css/plainsite.css"),
    }


def count_queries(paths):
    """Queries of one warm request per path (after one request), in this process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for name, path in paths.items():
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        counts[name] = (len(queries), status)
    return counts


# Server and load.


@functools.cache
def bench_module(name):
    """A script of bench/ loaded by path (bench/ is not a package, and bench/newsroom.py is
    not the newsroom app)."""
    spec = importlib.util.spec_from_file_location(
        f"{name}_bench", REPOSITORY / "bench" / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def production_bench():
    """bench/production.py, whose load generator and free port this benchmark shares."""
    return bench_module("production")


def newsroom_bench():
    """bench/newsroom.py, whose bulk writing of pages this benchmark shares."""
    return bench_module("newsroom")


class Gunicorn:
    def __init__(self, ready_path):
        self.port = production_bench().free_port()
        self.ready_path = ready_path
        self.log = tempfile.TemporaryFile()
        command = [sys.executable, "-m", "gunicorn", "plainsite.wsgi:application"]
        command += ["-w", "2", "--worker-class", "sync", "-b", f"127.0.0.1:{self.port}"]
        command += ["--log-level", "warning"]
        self.process = subprocess.Popen(
            command, cwd=SITE_DIR, env=site_environment(), stdout=self.log, stderr=subprocess.STDOUT
        )

    def __enter__(self):
        deadline = time.monotonic() + 60
        try:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    self.log.seek(0)
                    raise SystemExit("gunicorn stopped:\n" + self.log.read().decode()[-2000:])
                try:
                    with urllib.request.urlopen(self.url(self.ready_path), timeout=2) as reply:
                        if reply.status == 200:
                            return self
                except OSError:
                    pass
                time.sleep(0.3)
            raise SystemExit("gunicorn did not answer within 60 s")
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc):
        self.stop()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self):
        production_bench().stop_process(self.process)


def warm(url, times=4):
    """Requests `url` `times` times; returns the size of the last body in bytes."""
    for _ in range(times):
        with urllib.request.urlopen(url, timeout=30) as reply:
            size = len(reply.read())
    return size


def measure(paths, duration):
    rows = []
    with Gunicorn(paths["static file (ceiling)"]) as server:
        for name, path in paths.items():
            results = {}
            for concurrency in (1, 8):
                log(f"measuring {name}, c={concurrency}")
                size = warm(server.url(path))
                results[concurrency] = production_bench().load_with_wrk(
                    server.url(path), concurrency, duration
                )
            rows.append({"name": name, "path": path, "bytes": size, "results": results})
    return rows


def print_table(rows, queries, args, load_before):
    from blog.models import BlogPage
    from django.db import connection

    static = next(row for row in rows if row["name"].startswith("static"))["results"][8][0]
    print(
        f"\nPlain Wagtail 8, {BlogPage.objects.count()} blog pages, {connection.vendor}, "
        f"gunicorn 2 sync workers, wrk {args.duration} s per cell, loopback, "
        f"load average before/after {load_before} / {os.getloadavg()[0]:.2f}\n"
    )
    header = (
        "| URL | path | queries (warm) | bytes | c=1 req/s | c=1 p50 ms | c=8 req/s "
        "| c=8 p50 ms | errors | c=8 vs static (same run) |"
    )
    production_bench().print_table_header(header)
    for row in rows:
        one, eight = row["results"][1], row["results"][8]
        count, status = queries[row["name"]]
        count = count if status == 200 else f"{count} (status {status})"
        print(
            f"| {row['name']} | `{row['path']}` | {count} | {row['bytes']} "
            f"| {one[0]:.0f} | {one[1]:.1f} | {eight[0]:.0f} | {eight[1]:.1f} "
            f"| {one[3] + eight[3]} | {eight[0] / static:.3f} |"
        )


def main():
    args = parse_arguments()
    SITE_DIR.mkdir(parents=True, exist_ok=True)
    log(f"project and database: {SITE_DIR}, {args.database_url}")
    prepare(args.database_url)
    fill(args.pages)
    paths = targets()
    queries = count_queries(paths)
    load_before = f"{os.getloadavg()[0]:.2f}"
    rows = measure(paths, args.duration)
    print_table(rows, queries, args, load_before)


if __name__ == "__main__":
    main()
