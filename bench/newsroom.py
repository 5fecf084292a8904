"""Benchmark of the newsroom at scale: SQL queries and requests per second of the news
index, a release and the feeds, on a fresh SQLite database filled with N releases.

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


def fill(count, batch=500):
    """The demo site plus `count` releases with images and topics. Pages are added with
    treebeard's add_child, without revisions and without updating the search index
    (run `manage.py update_index` to search them)."""
    import datetime

    from django.core.files.images import ImageFile
    from django.core.management import call_command
    from django.db import transaction
    from django.db.models.signals import post_save
    from modelsearch.signal_handlers import post_save_signal_handler
    from PIL import Image as PILImage
    from wagtail.images import get_image_model
    from wagtail.models import Collection, Locale

    from newsroom.models import NewsIndexPage, PressReleasePage, Topic

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", stdout=io.StringIO())
    post_save.disconnect(post_save_signal_handler, sender=PressReleasePage)

    romanian = Locale.objects.get(language_code="ro")
    news = NewsIndexPage.objects.get(locale=romanian)
    topics = [
        Topic.objects.get_or_create(
            locale=romanian, slug=f"subiect-{n}", defaults={"name": f"Subiect {n}"}
        )[0]
        for n in range(10)
    ]
    Image = get_image_model()
    collection = Collection.get_first_root_node()
    images = []
    for n in range(20):
        buffer = io.BytesIO()
        PILImage.new("RGB", (1600, 900), (11 * n, 79, 138)).save(buffer, "JPEG")
        images.append(
            Image.objects.create(
                title=f"Bench {n}",
                collection=collection,
                file=ImageFile(buffer, name=f"bench-{n}.jpg"),
            )
        )

    Through = PressReleasePage.topics.through
    started = time.perf_counter()
    start_date = datetime.date(2006, 1, 1)
    for first in range(0, count, batch):
        links = []
        with transaction.atomic():
            for n in range(first, min(first + batch, count)):
                release = PressReleasePage(
                    title=f"Comunicat de presă {n:05d}",
                    slug=f"comunicat-{n:05d}",
                    lead=f"Șapoul comunicatului {n}: ce s-a întâmplat, pe scurt.",
                    release_date=start_date + datetime.timedelta(days=n * 7300 // max(count, 1)),
                    place="Sala de ședințe „Mihai Eminescu”",
                    hero_image=images[n % len(images)],
                    hero_image_alt="Imagine de test",
                    body=[
                        ("paragraph", f"<p>Primul paragraf al comunicatului {n}.</p>"),
                        ("facts", {"title": "", "items": ["unu", "doi", "trei"]}),
                        ("paragraph", "<p>Al doilea paragraf.</p>"),
                    ],
                )
                news.add_child(instance=release)
                links.append(Through(pressreleasepage_id=release.pk, topic_id=topics[n % 10].pk))
                links.append(
                    Through(pressreleasepage_id=release.pk, topic_id=topics[(n + 3) % 10].pk)
                )
            Through.objects.bulk_create(links)
        done = min(first + batch, count)
        elapsed = time.perf_counter() - started
        print(f"  {done:>6} releases, {elapsed:6.1f} s", file=sys.stderr, flush=True)
    return time.perf_counter() - started


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
        help="measure the existing var/bench database, do not refill",
    )
    args = parser.parse_args()

    database = BENCH_DIR / f"newsroom-{args.releases}.sqlite3"
    if not args.reuse:
        if BENCH_DIR.exists():
            shutil.rmtree(BENCH_DIR / "media", ignore_errors=True)
            database.unlink(missing_ok=True)
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
    configure(database)

    fill_seconds = None
    if not args.reuse:
        print(f"Filling {database} with {args.releases} releases…", file=sys.stderr)
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
    if fill_seconds is not None:
        print(f"Filling took {fill_seconds:.0f} s ({args.releases / fill_seconds:.0f} releases/s)")
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
