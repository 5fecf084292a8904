"""Page cache hit rate after one publish (not a test): how many release reads the cache still
answers after an editor publishes one release.

    .venv/bin/python bench/hit_rate.py                       # files under var/bench-hit-rate/
    REDIS_URL=redis://127.0.0.1:6379/1 .venv/bin/python bench/hit_rate.py     # Redis

Fills a SQLite database under var/bench-hit-rate/ (or DATABASE_URL) with --releases
releases per locale (bench/newsroom.py's fill, reused when already there), then, in process
under production settings with the page cache on (Redis when REDIS_URL is set, otherwise
the file cache production uses on one machine): reads --reads Romanian releases once each
(filling the cache), publishes one release in the middle with a new title, forgets this
worker's own copies (as another worker would have none) and replays the same reads,
counting `X-Page-Cache: hit`. Printed for the project's setting (a release counts under
the generations of the pages it shows) and for a site-wide generation (every publish
empties the cache, as before issue 21), one line each.
"""

import argparse
import importlib.util
import os
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def configure(args):
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent]
    sys.path.insert(0, str(PROJECT))
    var = Path(os.environ.get("BENCH_VAR_DIR", PROJECT / "var" / "bench-hit-rate"))
    var.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{var / f'hit-rate-{args.releases}.sqlite3'}")
    if os.environ.get("REDIS_URL"):
        os.environ.setdefault("CACHE_KEY_PREFIX", "bench-hit-rate")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        SECRET_KEY=os.environ.get("SECRET_KEY") or "bench-only-" + "Zq8vT3" * 10,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        VAR_DIR=str(var),
        MEDIA_ROOT=str(var / "media"),
        PAGE_CACHE="true",
        # The reads stand for many readers: no per-client limit on the entries they add.
        PAGE_CACHE_CLIENT_ENTRIES_PER_MINUTE="0",
        LOG_LEVEL="ERROR",
    )


def load_module(name, path):
    """A script of this repository loaded by path (bench/newsroom.py is not the newsroom app)."""
    spec = importlib.util.spec_from_file_location(name, PROJECT / path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def replay(client, urls, detail_page_types, publish_number):
    """(hits among the releases that did not change, how many those are, the changed
    releases' states, the listing's state) for one publish between two rounds of reads."""
    from django.core.cache import caches
    from django.test.utils import override_settings

    from newsroom.models import PressReleasePage
    from page_cache.dependencies import pages_that_show
    from page_cache.generation import bump_generation
    from page_cache.store import worker_copies

    with override_settings(PAGE_CACHE_DETAIL_PAGE_TYPES=detail_page_types):
        for cache in caches.all():
            cache.clear()
        worker_copies.clear()
        bump_generation()
        for url in [*urls, "/ro/stiri/"]:
            client.get(url)
        release = PressReleasePage.objects.get(slug=f"comunicat-{publish_number:05d}")
        release.title = f"{release.title} (corectat)"
        release.save_revision().publish()
        changed = {release.url, *(page.url for page in pages_that_show(release))}
        worker_copies.clear()
        states = {url: client.get(url).get("X-Page-Cache") for url in urls}
        listing = client.get("/ro/stiri/").get("X-Page-Cache")
    unchanged = [state for url, state in states.items() if url not in changed]
    return (
        sum(state == "hit" for state in unchanged),
        len(unchanged),
        sorted(str(state) for url, state in states.items() if url in changed),
        listing,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--releases", type=int, default=1000, help="releases per locale")
    parser.add_argument("--reads", type=int, default=1000, help="releases read, each once")
    args = parser.parse_args()
    configure(args)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from newsroom.models import PressReleasePage

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    load_module("newsroom_bench", "bench/newsroom.py").fill(args.releases)
    releases = (
        PressReleasePage.objects.live()
        .filter(locale__language_code="ro", slug__regex=r"^comunicat-[0-9]{5}$")
        .order_by("slug")[: args.reads]
    )
    urls = [release.url for release in releases]
    client = Client(HTTP_HOST="127.0.0.1")
    backend = settings.CACHES[settings.PAGE_CACHE_ALIAS]["BACKEND"].rsplit(".", 1)[-1]
    print(
        f"\n{args.releases} releases per locale, {len(urls)} release reads replayed after one "
        f"publish, page cache {backend}\n"
    )
    print("| invalidation | hits among unchanged releases | changed releases | news index |")
    print("|---|---|---|---|")
    for name, detail_page_types in [
        ("per page (PAGE_CACHE_DETAIL_PAGE_TYPES: releases)", ["newsroom.PressReleasePage"]),
        ("site-wide (every publish empties the cache)", []),
    ]:
        hits, unchanged, changed, listing = replay(
            client, urls, detail_page_types, publish_number=len(urls) // 2
        )
        print(
            f"| {name} | {hits} / {unchanged} ({hits / unchanged:.1%}) "
            f"| {', '.join(str(state) for state in changed)} | {listing} |"
        )


if __name__ == "__main__":
    main()
