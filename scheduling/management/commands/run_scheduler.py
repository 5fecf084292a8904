"""The site's own scheduler: publishes and unpublishes scheduled pages (and snippets) on
time, without cron. `make run` starts it beside runserver; in production gunicorn starts
it (gunicorn.conf.py). Run it on every host: a lease in the database makes one of them the
publisher, and another takes over within SCHEDULER_LEASE_SECONDS when that one stops."""

import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from scheduling import conf, lease
from scheduling.publishing import publish_due

logger = logging.getLogger("scheduling")


class Command(BaseCommand):
    help = "Publish and unpublish scheduled pages on time (every --interval seconds)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="Seconds between runs (default: the SCHEDULER_INTERVAL setting, 30).",
        )
        parser.add_argument(
            "--once", action="store_true", help="One run (if this host holds the lease), then stop."
        )

    def handle(self, *args, interval=None, once=False, **options):
        interval = conf.get("SCHEDULER_INTERVAL") if interval is None else interval
        holder = lease.new_holder_name()
        self.stopping = False
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        self.stdout.write(f"Scheduler {holder} running every {interval:g} s.")
        try:
            while not self.stopping:
                self.run_once(holder)
                if once:
                    break
                # Like a request's end: a connection the database dropped (a restart) or
                # older than CONN_MAX_AGE is closed, and the next run opens a fresh one.
                close_old_connections()
                self.sleep(interval)
        finally:
            try:
                lease.release(holder)
            except Exception:  # the database may be the reason we stop
                logger.exception("Could not release the publisher lease")

    def run_once(self, holder):
        # The first run publishes everything missed while no scheduler ran.
        try:
            if not lease.acquire(holder):
                return
            report = publish_due()
        except Exception:
            # A database hiccup must not end the scheduler: the next run tries again.
            logger.exception("Scheduled publishing failed; trying again at the next run")
            return
        if report:
            self.stdout.write(
                f"published {len(report.published)}, unpublished {len(report.unpublished)}, "
                f"waiting for a translation {len(report.waiting)}"
            )
            self.stdout.flush()

    def sleep(self, interval):
        deadline = time.monotonic() + interval
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(min(0.2, interval))

    def stop(self, *args):
        self.stopping = True
