"""SQL queries per public page of the demo site, with a cold cache (not a test).

    .venv/bin/python bench/queries.py
    .venv/bin/python bench/queries.py --releases 1000     # and 1,000 releases per locale

Builds the demo content in a fresh SQLite database under var/bench-queries/ (with
--releases, that many releases per locale besides, as bench/newsroom.py fills them, and
one of them among the pages asked), then asks
every public page type in both languages once to warm Python's imports and once to
count, and prints one table: what one request costs with the page cache off, in a worker
that has served a request since the last publish ("queries"), and the first request after
a publish, which computes again what pages remember per content generation ("after a
publish", pages/remembered.py).
"""

import argparse
import importlib.util
import os
import shutil
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
WORK = PROJECT / "var" / "bench-queries"


def load_module(name, path):
    """A script of this repository loaded by path (bench/newsroom.py is not the newsroom app)."""
    spec = importlib.util.spec_from_file_location(name, PROJECT / path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--releases", type=int, default=0, help="bench releases per locale")
    args = parser.parse_args()
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent]
    shutil.rmtree(WORK, ignore_errors=True)
    (WORK / "static").mkdir(parents=True)
    os.environ["VAR_DIR"] = str(WORK)
    os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'db.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(WORK / "media")
    os.environ["DEBUG"] = "false"
    os.environ["DJANGO_SETTINGS_MODULE"] = "website.settings.dev"
    sys.path.insert(0, str(PROJECT))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", stdout=open(os.devnull, "w"))
    from demo_content.addresses import PUBLIC_ADDRESSES

    pages = [*PUBLIC_ADDRESSES, "/ro/nu-exista/"]
    if args.releases:
        load_module("newsroom_bench", "bench/newsroom.py").fill(args.releases)
        pages.insert(8, f"/ro/stiri/comunicat-{args.releases // 2:05d}/")
    client = Client()
    empty_every_cache = load_module("production_bench", "bench/production.py").empty_every_cache

    print(f"{'page':<66} {'status':>6} {'queries':>8} {'after a publish':>16}")
    for path in pages:
        client.get(path, HTTP_HOST="localhost")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, HTTP_HOST="localhost")
        empty_every_cache()
        with CaptureQueriesContext(connection) as first:
            client.get(path, HTTP_HOST="localhost")
        print(f"{path:<66} {response.status_code:>6} {len(queries):>8} {len(first):>16}")


if __name__ == "__main__":
    main()
