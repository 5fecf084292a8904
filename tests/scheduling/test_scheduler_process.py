"""One real run of the scheduler process: a page scheduled a few seconds ahead goes live
with no command but `run_scheduler` running, as under `make run` or gunicorn."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCHEDULE_A_PAGE = """
import datetime
from django.utils import timezone
from wagtail.models import Page
from pages.models import StandardPage
home = Page.objects.get(depth=2)
page = StandardPage(title="Programat", slug="programat", live=False)
home.add_child(instance=page)
page.go_live_at = timezone.now() + datetime.timedelta(seconds=3)
page.save_revision().publish()
assert not Page.objects.get(pk=page.pk).live
print(page.pk)
"""


def manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
        **kwargs,
    )


def is_live(database, page_id):
    with sqlite3.connect(database) as connection:
        row = connection.execute(
            "SELECT live FROM wagtailcore_page WHERE id = ?", (page_id,)
        ).fetchone()
    return bool(row and row[0])


def start_scheduler(env):
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_scheduler", "--interval", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_the_scheduler_process_puts_a_scheduled_page_live_once_with_two_hosts(tmp_path):
    database = tmp_path / "db.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
        "VAR_DIR": str(tmp_path),
    }
    env.pop("REDIS_URL", None)
    manage(env, "migrate", "--noinput")
    page_id = int(manage(env, "shell", "-c", SCHEDULE_A_PAGE).stdout.split()[-1])

    # Two hosts' schedulers on one database, as with two gunicorn hosts.
    schedulers = [start_scheduler(env), start_scheduler(env)]
    try:
        deadline = time.monotonic() + 60
        while not is_live(database, page_id) and time.monotonic() < deadline:
            for scheduler in schedulers:
                assert scheduler.poll() is None, scheduler.stdout.read()
            time.sleep(0.5)
        assert is_live(database, page_id), "not live 60 s after its go-live time"
        time.sleep(3)  # a few more runs of both
    finally:
        outputs = []
        for scheduler in schedulers:
            scheduler.send_signal(signal.SIGTERM)
            outputs.append(scheduler.communicate(timeout=30)[0])
    assert [s.returncode for s in schedulers] == [0, 0], outputs
    assert sum(output.count("published 1") for output in outputs) == 1, outputs
    with sqlite3.connect(database) as connection:
        (published,) = connection.execute(
            "SELECT COUNT(*) FROM wagtailcore_pagelogentry WHERE page_id = ? AND action = ?",
            (page_id, "wagtail.publish.scheduled"),
        ).fetchone()
        (holder,) = connection.execute("SELECT holder FROM scheduling_publisherlease").fetchone()
    assert published == 1
    assert holder == ""  # a clean stop hands the lease over at once
