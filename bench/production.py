"""Production benchmark: fills a database with 10,000 press releases per locale (shared with
bench/newsroom.py: bulk, a few minutes at most, reused when already there), serves it with
gunicorn (2 sync workers, production settings, gunicorn.conf.py) and measures on loopback,
at concurrency 1 and 8: the home, the news index (page 1 and page 500), a release, RSS,
Atom, search and a partner page, uncached and from the page cache, plus two ceilings in the
same run: a static file served by whitenoise and a minimal Django view (/robots.txt: no
database, the whole middleware stack). Prints one table, with each page's queries in a worker
that has served it since the last publish and cold (the first request with every cache
emptied), then the page cache's hit rate for 1,000 release reads replayed after one publish
(bench/hit_rate.py, in a database of its own). With --rounds N, concurrency 8 is measured N
times, every page in turn with the static file, and the medians are printed.

    .venv/bin/python bench/production.py      # SQLite under var/bench-production/
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_db REDIS_URL=redis://127.0.0.1:6379/14 \\
        .venv/bin/python bench/production.py      # PostgreSQL (created when missing), Redis

"Uncached" is a server started with PAGE_CACHE=false: every request is rendered by Django
and reads the database; what pages remember per content generation (pages/remembered.py:
language homes, sections, menu, organisation, listing order) is warm, as in any worker
that has served a request since the last publish. "Cached" is the page cache on (Redis
when REDIS_URL is set, otherwise files under VAR_DIR), measured after it is filled.

Load comes from wrk when it is installed (Debian: apt-get install wrk), otherwise from a
small Python generator (threads and http.client, a fixed number of requests). All traffic
goes to 127.0.0.1; every run is bounded in time or in count, and gunicorn is always stopped.
"""

import argparse
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

WRK_REPORT = """
done = function(summary, latency, requests)
  io.write(string.format("BENCH requests=%d errors=%d p50=%d p95=%d\\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout,
    latency:percentile(50), latency:percentile(95)))
end
"""


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--releases", type=int, default=10_000, help="press releases per locale")
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk measurement")
    parser.add_argument(
        "--requests", type=int, default=1500, help="requests per measurement without wrk"
    )
    parser.add_argument("--port", type=int, default=0, help="gunicorn port (default: a free one)")
    parser.add_argument("--no-wrk", action="store_true", help="use the Python load generator")
    parser.add_argument(
        "--no-hit-rate",
        action="store_true",
        help="skip the page cache's hit rate after one publish (bench/hit_rate.py)",
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="TEXT",
        help="measure only the pages whose name contains TEXT (repeatable; the ceilings are "
        'always measured), e.g. --only "news index"',
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="measure concurrency 8 in this many rounds, each page in turn and the static "
        "file in each, and print the medians: each page's ratio is taken to the static file "
        "of its own round, so that a machine whose speed drifts compares like with like",
    )
    parser.add_argument(
        "--cache",
        choices=("both", "off", "on"),
        default="both",
        help="measure uncached (off), cached (on) or both",
    )
    return parser.parse_args()


def environment(cache_on):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    var = Path(env.get("BENCH_VAR_DIR", PROJECT / "var" / "bench-production"))
    env.setdefault("DATABASE_URL", f"sqlite:///{var / 'bench.sqlite3'}")
    if env.get("REDIS_URL"):
        # Its own keys on a Redis that may be shared.
        env.setdefault("CACHE_KEY_PREFIX", "bench")
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        SECRET_KEY=env.get("SECRET_KEY") or "bench-only-" + "Zq8vT3" * 10,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        VAR_DIR=str(var),
        PAGE_CACHE="true" if cache_on else "false",
        WEB_CONCURRENCY="2",
        GUNICORN_ACCESS_LOG="false",
        # Steady state: no worker recycling in the middle of a measurement.
        GUNICORN_MAX_REQUESTS="0",
        LOG_LEVEL="WARNING",
        CONN_MAX_AGE="60",
    )
    var.mkdir(parents=True, exist_ok=True)
    return env


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT, env=env, check=True)


# Content.


def load_module(name, path):
    """A script of this repository as a module, loaded by path (bench/newsroom.py would
    otherwise be imported as the newsroom app)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, PROJECT / path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def prepare(args, log):
    env = environment(cache_on=False)
    log(f"database: {env['DATABASE_URL']}")
    load_module("demo_cluster", "scripts/demo_cluster.py").ensure_database(env["DATABASE_URL"])
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "SECRET_KEY")})
    for name in ("DATABASE_URL", "ALLOWED_HOSTS", "VAR_DIR", "SECURE_SSL_REDIRECT", "LOG_LEVEL"):
        os.environ[name] = env[name]
    if "CACHE_KEY_PREFIX" in env:
        os.environ["CACHE_KEY_PREFIX"] = env["CACHE_KEY_PREFIX"]
    import django

    django.setup()
    started = time.monotonic()
    load_module("newsroom_bench", "bench/newsroom.py").fill(args.releases, log)
    log(f"content ready in {time.monotonic() - started:.0f} s")


def targets():
    from django.contrib.staticfiles.storage import staticfiles_storage

    from newsroom.models import RELEASES_PER_PAGE, NewsIndexPage, PressReleasePage
    from partners.models import PartnerPage

    index = NewsIndexPage.objects.get(locale__language_code="ro")
    deep_page = min(500, -(-index.releases().count() // RELEASES_PER_PAGE))

    release = PressReleasePage.objects.filter(slug="comunicat-05000").first()
    release = release or PressReleasePage.objects.live().order_by("path").first()
    partner = PartnerPage.objects.live().filter(locale__language_code="ro").order_by("path")[0]
    return {
        "home": "/ro/",
        "news index, page 1": "/ro/stiri/",
        f"news index, page {deep_page}": f"/ro/stiri/?page={deep_page}",
        "a release": release.url,
        "RSS": "/ro/stiri/rss/",
        "Atom": "/ro/stiri/atom/",
        "search": "/ro/cautare/?q=Botosani",
        "a partner page": partner.url,
        "static file (ceiling)": staticfiles_storage.url("css/site.css"),
        "minimal view (ceiling)": "/robots.txt",
    }


def empty_every_cache():
    """As on the first request after a publish on a fresh host: the shared cache (Wagtail's
    site root paths and the generation numbers live there), this worker's page copies and
    what pages remember per content generation."""
    from django.core.cache import caches

    from page_cache.store import worker_copies
    from pages.remembered import forget

    for cache in caches.all():
        cache.clear()
    worker_copies.clear()
    forget()


def count_queries(paths):
    """Queries of an uncached request in a worker that has served one since the last
    publish (warm), of the first one with every cache emptied (cold), and of a cached
    request, in this process."""
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for name, path in paths.items():
        with override_settings(PAGE_CACHE_ENABLED=False):
            client.get(path)
            with CaptureQueriesContext(connection) as uncached:
                status = client.get(path).status_code
            # Counted now: the log is sliced lazily and the next request resets it.
            uncached = len(uncached)
            empty_every_cache()
            with CaptureQueriesContext(connection) as cold:
                client.get(path)
            cold = len(cold)
        with override_settings(PAGE_CACHE_ENABLED=True):
            client.get(path)
            with CaptureQueriesContext(connection) as cached:
                client.get(path)
            cached = len(cached)
        counts[name] = (uncached, cold, cached, status)
        reset_queries()
    return counts


# Servers and load.


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    def __init__(self, cache_on, port):
        self.port = port or free_port()
        env = environment(cache_on)
        env["GUNICORN_BIND"] = f"127.0.0.1:{self.port}"
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn"],
            cwd=PROJECT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def __enter__(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                raise SystemExit("gunicorn stopped:\n" + self.log.read().decode()[-2000:])
            try:
                with urllib.request.urlopen(self.url("/healthz"), timeout=2) as reply:
                    if reply.status == 200:
                        return self
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        raise SystemExit("gunicorn did not answer /healthz within 60 s")

    def __exit__(self, *exc):
        self.stop()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def workers(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def peak_memory_mb(self):
        """The largest peak resident set (VmHWM) of the workers."""
        peaks = []
        for pid in self.workers():
            status = Path(f"/proc/{pid}/status").read_text()
            peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024)
        return max(peaks) if peaks else float("nan")

    def stop(self):
        stop_process(self.process)


def stop_process(process):
    """Stops a server: gracefully, then by force after 20 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def load_with_wrk(url, concurrency, duration):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_REPORT)
    try:
        threads = min(concurrency, 2)
        result = subprocess.run(
            ["wrk", f"-t{threads}", f"-c{concurrency}", f"-d{duration}s", "--timeout", "10s"]
            + ["-s", script.name, url],
            capture_output=True,
            text=True,
            timeout=duration + 30,
        )
    finally:
        os.unlink(script.name)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))
    report = dict(re.findall(r"(\w+)=(\d+)", result.stdout.split("BENCH", 1)[1]))
    return rate, int(report["p50"]) / 1000, int(report["p95"]) / 1000, int(report["errors"])


def load_with_python(url, concurrency, total):
    """`total` requests from `concurrency` threads, each on its own connection."""
    host, port = "127.0.0.1", int(url.split(":")[2].split("/")[0])
    path = "/" + url.split("/", 3)[3]
    latencies, errors, lock = [], [0], threading.Lock()
    per_thread = max(1, total // concurrency)

    def worker():
        mine = []
        for _ in range(per_thread):
            started = time.perf_counter()
            try:
                connection = http.client.HTTPConnection(host, port, timeout=10)
                connection.request("GET", path, headers={"Host": "127.0.0.1"})
                reply = connection.getresponse()
                reply.read()
                connection.close()
                if reply.status != 200:
                    errors[0] += 1
            except OSError:
                errors[0] += 1
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    elapsed = time.perf_counter() - started
    quantiles = statistics.quantiles(latencies, n=100)
    return len(latencies) / elapsed, quantiles[49], quantiles[94], errors[0]


def measure(server, path, concurrency, args, use_wrk):
    url = server.url(path)
    # Warm both workers (and, when on, the cache) before measuring.
    for _ in range(4):
        urllib.request.urlopen(url, timeout=30).read()
    if use_wrk:
        return load_with_wrk(url, concurrency, args.duration)
    return load_with_python(url, concurrency, args.requests)


def print_table_header(header):
    """A Markdown table's header row, "| a | b |", and the line under it."""
    print(header)
    print("|" + "---|" * (header.count("|") - 1))


def median_round(results):
    """Of several rounds' (req/s, p50, p95, errors), the round of median req/s, with the
    errors of every round."""
    middle = sorted(results, key=lambda result: result[0])[(len(results) - 1) // 2]
    return (*middle[:3], sum(result[3] for result in results))


def hit_rate(environ):
    """bench/hit_rate.py's table: 1,000 release reads replayed after one publish. It runs in
    its own SQLite database (it publishes a release, which would change this benchmark's
    content) with the page cache this run uses (Redis when REDIS_URL is set)."""
    env = {k: v for k, v in environ.items() if k not in ("DATABASE_URL", "BENCH_VAR_DIR")}
    command = [sys.executable, "bench/hit_rate.py", "--releases", "1000", "--reads", "1000"]
    result = subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        return f"\nbench/hit_rate.py failed:\n{result.stderr[-2000:]}"
    return result.stdout


def main():
    args = parse_arguments()
    environ = dict(os.environ)
    use_wrk = shutil.which("wrk") is not None and not args.no_wrk

    def log(message):
        print(message, file=sys.stderr, flush=True)

    prepare(args, log)
    from django.conf import settings

    paths = {
        name: path
        for name, path in targets().items()
        if "ceiling" in name or not args.only or any(text in name for text in args.only)
    }
    queries = count_queries(paths)
    log(f"load generator: {'wrk' if use_wrk else 'Python threads + http.client'}")

    load_before = f"{os.getloadavg()[0]:.2f}"
    rows = []
    for cache_on in {"both": (False, True), "off": (False,), "on": (True,)}[args.cache]:
        mode = "cached" if cache_on else "uncached"
        # The static file is measured in both runs: each page is compared with the ceiling
        # measured on the same server, in the same round.
        names = [name for name in paths if not (name.startswith("minimal") and cache_on)]
        with Gunicorn(cache_on, args.port) as server:
            one = {}
            for name in names:
                log(f"measuring {name} ({mode}), c=1")
                one[name] = measure(server, paths[name], 1, args, use_wrk)
            rounds = {name: [] for name in names}
            for number in range(1, args.rounds + 1):
                for name in names:
                    log(f"measuring {name} ({mode}), c=8, round {number} of {args.rounds}")
                    rounds[name].append(measure(server, paths[name], 8, args, use_wrk))
            memory = server.peak_memory_mb()
        static = rounds[next(name for name in names if name.startswith("static"))]
        for name in names:
            uncached_queries, cold_queries, cached_queries, status = queries[name]
            ratios = [
                page[0] / ceiling[0] for page, ceiling in zip(rounds[name], static, strict=True)
            ]
            rows.append(
                {
                    "name": name,
                    "cache": "-" if "ceiling" in name else mode,
                    "queries": cached_queries if cache_on else uncached_queries,
                    "cold": "-" if cache_on else cold_queries,
                    "status": status,
                    "one": one[name],
                    "eight": median_round(rounds[name]),
                    "ratio": statistics.median(ratios),
                    "memory": memory,
                }
            )

    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    cache = settings.CACHES[settings.PAGE_CACHE_ALIAS]["BACKEND"].rsplit(".", 1)[-1]
    generator = (
        f"wrk, {args.duration} s" if use_wrk else f"Python generator, {args.requests} requests"
    )
    print(
        f"\n{args.releases} releases per locale, {database}, page cache {cache}, "
        f"gunicorn 2 sync workers, {generator} per cell, "
        f"{args.rounds} round{'s' if args.rounds > 1 else ''} at c=8 (medians), loopback, "
        f"load average before/after {load_before} / {os.getloadavg()[0]:.2f}\n"
    )
    header = (
        "| URL | cache | queries | cold queries | c=1 req/s | c=1 p50 ms | c=1 p95 ms | c=8 req/s "
        "| c=8 p50 ms | c=8 p95 ms | errors | peak MB/worker | c=8 vs static (same round) |"
    )
    print_table_header(header)
    for row in rows:
        one, eight = row["one"], row["eight"]
        print(
            f"| {row['name']} | {row['cache']} | {row['queries']} | {row['cold']} "
            f"| {one[0]:.0f} | {one[1]:.1f} | {one[2]:.1f} "
            f"| {eight[0]:.0f} | {eight[1]:.1f} | {eight[2]:.1f} | {one[3] + eight[3]} "
            f"| {row['memory']:.0f} | {row['ratio']:.3f} |"
        )
    if not args.no_hit_rate:
        log("measuring the cache hit rate after one publish (bench/hit_rate.py)")
        print(hit_rate(environ), flush=True)


if __name__ == "__main__":
    main()
