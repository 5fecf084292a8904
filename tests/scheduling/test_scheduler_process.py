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


def test_the_scheduler_process_puts_a_scheduled_page_live(tmp_path):
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

    scheduler = subprocess.Popen(
        [sys.executable, "manage.py", "run_scheduler", "--interval", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not is_live(database, page_id) and time.monotonic() < deadline:
            assert scheduler.poll() is None, scheduler.stdout.read()
            time.sleep(0.5)
        assert is_live(database, page_id), "not live 60 s after its go-live time"
    finally:
        scheduler.send_signal(signal.SIGTERM)
        output, _ = scheduler.communicate(timeout=30)
    assert scheduler.returncode == 0, output
    assert "published 1" in output
    with sqlite3.connect(database) as connection:
        (holder,) = connection.execute("SELECT holder FROM scheduling_publisherlease").fetchone()
    assert holder == ""  # a clean stop hands the lease over at once
