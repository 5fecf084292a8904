"""Benchmark of the newsroom at scale: SQL queries and requests per second of the news
index, a release and the feeds, on a fresh SQLite database filled with N releases per
locale. Its `fill()` is also how bench/production.py fills its database.

    .venv/bin/python bench/newsroom.py --releases 10000

The database and media live under var/bench/ (never var/db.sqlite3). Requests go through
Django's test Client in-process: no network, no web server, one thread. The figures are
therefore an upper bound of what one gunicorn worker serves, useful to compare changes and
to check that costs do not grow with N, not a capacity plan.
"""

import argparse
import io
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"


def configure(database):
    """Point Django at the benchmark's own database and media, before it starts."""
    # This script is bench/newsroom.py: its folder must not shadow the newsroom app.
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent]
    sys.path.insert(0, str(ROOT))
    os.environ["VAR_DIR"] = str(BENCH_DIR)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["MEDIA_ROOT"] = str(BENCH_DIR / "media")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")
    import django

    django.setup()


def add_live_children(index, content_type, children, published_at):
    """Live page rows appended under `index` in one bulk insert, without revisions:
    treebeard's paths and the index's child count computed here. `children` are the pages'
    fields (at least a title and a slug); their type's own rows are left to the caller."""
    from wagtail.models import Page

    index.refresh_from_db()
    last = index.get_last_child()
    position = Page._str2int(last.path[-Page.steplen :]) if last else 0
    pages = [
        Page(
            draft_title=fields["title"],
            content_type=content_type,
            locale_id=index.locale_id,
            path=Page._get_path(index.path, index.depth + 1, position + offset),
            depth=index.depth + 1,
            numchild=0,
            url_path=f"{index.url_path}{fields['slug']}/",
            live=True,
            has_unpublished_changes=False,
            first_published_at=published_at,
            last_published_at=published_at,
            **fields,
        )
        for offset, fields in enumerate(children, start=1)
    ]
    Page.objects.bulk_create(pages)
    Page.objects.filter(pk=index.pk).update(numchild=position + len(pages))
    return pages


def fill(count, log=None, batch=1000):
    """The demo site plus `count` releases per locale (Romanian ones under /ro/stiri/, their
    English translations under /en/news/, same translation key), with 20 images, 10 topics
    per language, 2 topics and a press contact per release, indexed for search. Releases
    already there are kept: running it again adds only what is missing.

    Written in bulk, not page by page: treebeard's paths are computed here and the rows
    inserted in batches (pages, then the release rows, topics, contacts), without revisions
    (what readers see is the same). Returns the seconds it took."""
    import datetime
    import uuid

    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Locale
    from wagtail.search.backends import get_search_backend

    from newsroom.models import NewsIndexPage, PressContact, PressReleasePage
    from page_cache.generation import bump_generation

    log = log or (lambda message: print(message, file=sys.stderr, flush=True))
    call_command("load_demo_content", stdout=io.StringIO())
    romanian = Locale.objects.get(language_code="ro")
    english = Locale.objects.get(language_code="en")
    news = {
        locale.language_code: NewsIndexPage.objects.get(locale=locale)
        for locale in (romanian, english)
    }
    images = _bench_images()
    done = PressReleasePage.objects.filter(slug__regex=r"^comunicat-[0-9]{5}$").count()
    if done >= count:
        log(f"content: {done} benchmark releases in Romanian already there")
        return 0.0
    started = time.perf_counter()
    topics = _bench_topics(romanian, english)
    content_type = ContentType.objects.get_for_model(PressReleasePage)
    Through = PressReleasePage.topics.through
    backend = get_search_backend()
    start_date = datetime.date(2006, 1, 1)
    now = timezone.now()
    words = {"ro": ("Comunicat de presă", "comunicat"), "en": ("Press release", "press-release")}
    for first in range(done, count, batch):
        numbers = range(first, min(first + batch, count))
        keys = {n: uuid.uuid4() for n in numbers}
        with transaction.atomic():
            for code, index in news.items():
                title_word, slug_word = words[code]
                pages = add_live_children(
                    index,
                    content_type,
                    [
                        {
                            "title": f"{title_word} {n:05d}",
                            "slug": f"{slug_word}-{n:05d}",
                            "translation_key": keys[n],
                        }
                        for n in numbers
                    ],
                    now,
                )
                releases, links, contacts = [], [], []
                for n, page in zip(numbers, pages, strict=True):
                    release = PressReleasePage(
                        page_ptr_id=page.pk,
                        lead=f"Șapoul comunicatului {n}: ce s-a întâmplat, pe scurt."
                        if code == "ro"
                        else f"The lead of release {n}: what happened, in short.",
                        release_date=start_date + datetime.timedelta(days=n * 7300 // count),
                        place="Sala de ședințe „Mihai Eminescu”",
                        hero_image=images[n % len(images)],
                        hero_image_alt="Imagine de test" if code == "ro" else "Test image",
                        body=[
                            ("paragraph", f"<p>Primul paragraf al comunicatului {n}.</p>"),
                            ("facts", {"title": "", "items": ["unu", "doi", "trei"]}),
                            ("paragraph", "<p>Al doilea paragraf.</p>"),
                        ],
                    )
                    # Copies the page's own fields onto the release, which only adds its row.
                    release.__dict__.update(
                        {k: v for k, v in page.__dict__.items() if k != "_state"}
                    )
                    release.save_base(raw=True, force_insert=True)
                    releases.append(release)
                    for topic in (topics[code][n % 10], topics[code][(n + 3) % 10]):
                        links.append(Through(pressreleasepage_id=page.pk, topic_id=topic.pk))
                    contacts.append(
                        PressContact(release_id=page.pk, sort_order=0, name="Claudiu Nanea")
                    )
                Through.objects.bulk_create(links)
                PressContact.objects.bulk_create(contacts)
                backend.add_bulk(PressReleasePage, releases)
        log(
            f"content: {numbers.stop} of {count} releases per locale, "
            f"{time.perf_counter() - started:.0f} s"
        )
    # Rows written in bulk send no signals: tell every cache that the content changed.
    bump_generation()
    # Nor do they update the planner's statistics until autovacuum comes by: without them
    # PostgreSQL planned a search as if each language had 5 pages (200 ms instead of 15).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return time.perf_counter() - started


def _bench_topics(romanian, english):
    """Ten topics per language, the English ones translations of the Romanian ones."""
    from newsroom.models import Topic

    topics = {"ro": [], "en": []}
    for n in range(10):
        topic, _ = Topic.objects.get_or_create(
            locale=romanian, slug=f"subiect-{n}", defaults={"name": f"Subiect {n}"}
        )
        translation, _ = Topic.objects.get_or_create(
            locale=english,
            translation_key=topic.translation_key,
            defaults={"slug": f"topic-{n}", "name": f"Topic {n}"},
        )
        topics["ro"].append(topic)
        topics["en"].append(translation)
    return topics


def _bench_images():
    """Twenty JPEG images (1600×900), made once, with the file size and hash an upload
    through the admin records (without them a feed reads each image's size from disk)."""
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    from pages.upstream import set_file_metadata

    Image = get_image_model()
    images = list(Image.objects.filter(title__startswith="Bench ").order_by("pk"))
    for image in images:
        if image.file_size is None:  # made by an earlier version of this script
            set_file_metadata(image)
            image.save(update_fields=["file_size", "file_hash", "width", "height"])
    collection = Collection.get_first_root_node()
    for n in range(len(images), 20):
        buffer = io.BytesIO()
        PILImage.new("RGB", (1600, 900), (11 * n, 79, 138)).save(buffer, "JPEG")
        image = Image(
            title=f"Bench {n}", collection=collection, file=ImageFile(buffer, name=f"bench-{n}.jpg")
        )
        set_file_metadata(image)
        image.save()
        images.append(image)
    return images


def count_queries(connection, client, path):
    """The SQL statements one request runs. Counted by wrapping execution: the test Client
    closes the connection after each request (CONN_MAX_AGE=0), which CaptureQueriesContext
    does not survive."""
    statements = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        client.get(path)
    return statements


def measure(paths, requests):
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    rows = []
    for name, path in paths:
        response = client.get(path)  # warm up: renditions, caches
        assert response.status_code == 200, (path, response.status_code)
        queries = count_queries(connection, client, path)
        timings = []
        for _ in range(requests):
            started = time.perf_counter()
            client.get(path)
            timings.append(time.perf_counter() - started)
        rows.append(
            {
                "name": name,
                "path": path,
                "queries": len(queries),
                "rps": len(timings) / sum(timings),
                "median_ms": statistics.median(timings) * 1000,
            }
        )
    return rows


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--releases", type=int, default=10_000, help="how many releases (10,000)")
    parser.add_argument("--requests", type=int, default=50, help="requests timed per page (50)")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the existing var/bench database (adding only missing releases)",
    )
    args = parser.parse_args()

    database = BENCH_DIR / f"newsroom-{args.releases}.sqlite3"
    if not args.reuse:
        if BENCH_DIR.exists():
            shutil.rmtree(BENCH_DIR / "media", ignore_errors=True)
            database.unlink(missing_ok=True)
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
    configure(database)

    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(f"Filling {database} with {args.releases} releases per locale…", file=sys.stderr)
    fill_seconds = fill(args.releases)

    from newsroom.models import RELEASES_PER_PAGE, NewsIndexPage, PressReleasePage

    news = NewsIndexPage.objects.get(locale__language_code="ro")
    total = news.releases().count()
    middle = news.releases()[total // 2]
    last_page = -(-total // RELEASES_PER_PAGE)
    deep_page = min(500, last_page)
    paths = [
        ("plain page, for comparison", "/ro/despre/"),
        ("news index, page 1", "/ro/stiri/"),
        (f"news index, page {deep_page}", f"/ro/stiri/?page={deep_page}"),
        (
            "topic listing",
            "/ro/stiri/subiect/subiect-1/" if total > 2 else "/ro/stiri/subiect/urbact/",
        ),
        ("one release", middle.get_url()),
        ("RSS", "/ro/stiri/rss/"),
        ("Atom", "/ro/stiri/atom/"),
        (
            "topic feed (RSS)",
            "/ro/stiri/subiect/subiect-1/rss/" if total > 2 else "/ro/stiri/subiect/urbact/rss/",
        ),
    ]
    rows = measure(paths, args.requests)

    print()
    print(f"Releases: {PressReleasePage.objects.count()} ({total} live under /ro/stiri/)")
    if fill_seconds:
        print(
            f"Filling took {fill_seconds:.0f} s ({2 * args.releases / fill_seconds:.0f} releases/s)"
        )
    print(
        f"Each page: 1 warm-up request, then {args.requests} timed requests "
        "(Django test Client, in-process, SQLite)"
    )
    print()
    print("| page | path | SQL queries | requests/s | median ms |")
    print("| --- | --- | ---: | ---: | ---: |")
    for row in rows:
        print(
            f"| {row['name']} | `{row['path']}` | {row['queries']} "
            f"| {row['rps']:.0f} | {row['median_ms']:.1f} |"
        )


if __name__ == "__main__":
    main()
