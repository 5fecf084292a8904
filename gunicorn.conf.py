"""Gunicorn for the production hosts: `gunicorn` in the project folder reads this file.

Everything that differs between hosts comes from the environment:
WEB_CONCURRENCY (workers, default 2 per core + 1), GUNICORN_BIND (default
127.0.0.1:8000, or 0.0.0.0:$PORT when PORT is set), GUNICORN_TIMEOUT, FORWARDED_ALLOW_IPS
(the proxy addresses whose X-Forwarded-* headers gunicorn trusts), RUN_SCHEDULER.

The master also runs the site's scheduler (`manage.py run_scheduler`, the scheduling app)
beside its workers, restarting it if it dies, unless RUN_SCHEDULER=false (for a host that
should never publish, or when the scheduler runs as a process of its own). On several
hosts every one runs it: a lease in the database lets one publish at a time.
"""

import gc
import multiprocessing
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

wsgi_app = "website.wsgi:application"
settings_module = os.environ.get("DJANGO_SETTINGS_MODULE", "website.settings.production")
raw_env = [f"DJANGO_SETTINGS_MODULE={settings_module}"]

if os.environ.get("GUNICORN_BIND"):
    bind = os.environ["GUNICORN_BIND"].split(",")
elif os.environ.get("PORT"):
    bind = [f"0.0.0.0:{os.environ['PORT']}"]
else:
    bind = ["127.0.0.1:8000"]

workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak never grows past the memory budget.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 10
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Several hosts may share a machine (make demo-cluster): a control socket only when asked.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True

# Access and error logs as JSON lines on stdout, like the application's own.
access_log_on = os.environ.get("GUNICORN_ACCESS_LOG", "true").lower() != "false"
accesslog = "-" if access_log_on else None
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "operations.json_logging.JSONFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        # With logconfig_dict gunicorn logs access whatever `accesslog` says: the level decides.
        "gunicorn.access": {
            "handlers": ["stdout"],
            "level": "INFO" if access_log_on else "WARNING",
            "propagate": False,
        },
    },
}


# Python's collector starts a pass every 700 new container objects: a feed request creates
# more than that, nearly all freed by reference counting when the response is sent, so the
# collector ran on every feed request and found next to nothing.
YOUNG_OBJECTS_BEFORE_COLLECTING = 5000


def post_worker_init(worker):
    # The application is loaded: its modules, models, URL patterns and settings live as long
    # as the worker. Frozen, the collector's passes no longer walk them (bench/page.py prints
    # the collector's time per request; docs/benchmarks.md).
    gc.freeze()
    gc.set_threshold(YOUNG_OBJECTS_BEFORE_COLLECTING, *gc.get_threshold()[1:])


# The scheduler: started once the master is ready, stopped with it.
run_scheduler = os.environ.get("RUN_SCHEDULER", "true").lower() not in {"0", "false", "no", "off"}
_scheduler = {"process": None, "stopping": False}


def _start_scheduler(server):
    process = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("manage.py")), "run_scheduler"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": settings_module},
    )
    server.log.info("Scheduler started (pid %s)", process.pid)
    return process


def _supervise_scheduler(server):
    # A scheduler that dies (a database restart, say) is started again: times missed
    # meanwhile are published at its first run.
    while not _scheduler["stopping"]:
        process = _scheduler["process"]
        if process.poll() is not None and not _scheduler["stopping"]:
            server.log.warning("Scheduler exited with %s; restarting it", process.returncode)
            time.sleep(5)
            if not _scheduler["stopping"]:
                _scheduler["process"] = _start_scheduler(server)
        time.sleep(1)


def when_ready(server):
    if not run_scheduler:
        return
    _scheduler["process"] = _start_scheduler(server)
    threading.Thread(target=_supervise_scheduler, args=(server,), daemon=True).start()


def on_exit(server):
    _scheduler["stopping"] = True
    process = _scheduler["process"]
    if process is not None and process.poll() is None:
        process.terminate()  # the scheduler finishes its run and gives up the lease
        try:
            process.wait(timeout=graceful_timeout)
        except subprocess.TimeoutExpired:
            process.kill()
