"""Time one page in process, under production settings with the page cache off, against the
database `make bench` filled (var/bench-production/, or DATABASE_URL): milliseconds per
request through the whole WSGI stack, no web server, one thread; optionally the cProfile
listing of the same requests. For finding where a page's time goes, between two runs of
`make bench`.

    .venv/bin/python bench/page.py /ro/stiri/
    .venv/bin/python bench/page.py /ro/stiri/rss/ --profile --sort tottime

On a shared machine, where the same tree's times vary by a fifth between runs, compare trees
by the instructions a request executes, which do not depend on the load (Debian's valgrind;
about a minute a run; divide valgrind's "Collected" figure by the number of requests):

    valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/dev/null \
        .venv/bin/python bench/page.py /ro/stiri/rss/ --requests 20 --callgrind
"""

import argparse
import cProfile
import gc
import importlib.util
import io
import os
import pstats
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def configure():
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent]
    sys.path.insert(0, str(PROJECT))
    var = Path(os.environ.get("BENCH_VAR_DIR", PROJECT / "var" / "bench-production"))
    if not os.environ.get("DATABASE_URL") and not (var / "bench.sqlite3").exists():
        raise SystemExit(f"No benchmark database under {var}: run `make bench` first.")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{var / 'bench.sqlite3'}")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        SECRET_KEY=os.environ.get("SECRET_KEY") or "bench-only-" + "Zq8vT3" * 10,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        VAR_DIR=str(var),
        PAGE_CACHE="false",
        LOG_LEVEL="ERROR",
    )


def requester(url):
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    path, _, query = url.partition("?")

    def request():
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
        }
        status = []
        body = b"".join(application(environ, lambda s, headers, exc_info=None: status.append(s)))
        return status[0], len(body)

    return request


def load_module(name, path):
    """A Python file of this repository that is not a module name (gunicorn.conf.py)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class CollectorTime:
    """Time spent in the garbage collector's runs (a gc.callbacks entry)."""

    def __init__(self):
        self.seconds, self.runs, self._started = 0.0, 0, 0.0

    def __call__(self, phase, info):
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._started
            self.runs += 1


def callgrind_instrumentation(state):
    """Switch callgrind's counting on or off in this process (valgrind's callgrind_control)."""
    subprocess.run(
        ["callgrind_control", "-i", state, str(os.getpid())], check=True, capture_output=True
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="e.g. /ro/stiri/ or '/ro/stiri/?page=500'")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--profile", action="store_true", help="print a cProfile listing")
    parser.add_argument("--sort", default="cumulative", help="cProfile sort key")
    parser.add_argument("--lines", type=int, default=40, help="cProfile lines to print")
    parser.add_argument(
        "--default-collector",
        action="store_true",
        help="leave the collector as Python sets it (gunicorn's workers tune it)",
    )
    parser.add_argument(
        "--callgrind",
        action="store_true",
        help="under valgrind's callgrind (--instr-atstart=no): count the timed requests only",
    )
    args = parser.parse_args()
    configure()
    request = requester(args.path)
    if not args.default_collector:
        # The application is loaded: tune the collector as every gunicorn worker does.
        load_module("gunicorn_conf", PROJECT / "gunicorn.conf.py").post_worker_init(None)
    for _ in range(30):  # warm: what pages remember, the template loader, connections
        status, size = request()
    print(f"{args.path}: {status}, {size} bytes")
    collections = CollectorTime()
    gc.callbacks.append(collections)
    if args.callgrind:
        callgrind_instrumentation("on")
    started = time.perf_counter()
    for _ in range(args.requests):
        request()
    elapsed = time.perf_counter() - started
    if args.callgrind:
        callgrind_instrumentation("off")
        print(f"instructions: valgrind's Collected figure / {args.requests}")
    gc.callbacks.remove(collections)
    print(f"{elapsed / args.requests * 1000:.2f} ms a request ({args.requests} requests)")
    print(
        f"of which the garbage collector {collections.seconds / args.requests * 1000:.2f} ms "
        f"({collections.runs / args.requests:.2f} runs a request"
        f"{', collector not tuned' if args.default_collector else ''})"
    )
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.requests):
            request()
        profile.disable()
        pstats.Stats(profile).sort_stats(args.sort).print_stats(args.lines)


if __name__ == "__main__":
    main()
