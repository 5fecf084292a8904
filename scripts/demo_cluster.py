"""Two gunicorn hosts on two loopback ports, one database, one Redis: `make demo-cluster`.

Prepares the database (migrate, static files, demo content), starts host A and host B,
shows that a title published through the shared database (what an editor's publish on
host A does) is what host B serves at its very next request, then keeps both hosts up
until Ctrl-C (or stops at once with --check). Configured by the environment:
DATABASE_URL (default postgres://postgres@127.0.0.1:5432/newsroom_cluster, created when
missing), REDIS_URL (default redis://127.0.0.1:6379/0), PORT_A/PORT_B (8001/8002).
"""

import argparse
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent

PUBLISH = """
from pages.models import StandardPage
page = StandardPage.objects.get(slug="despre", locale__language_code="ro")
page.title = {title!r}
page.save_revision().publish()
"""


def environment():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_cluster")
    env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
    env.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    env.setdefault("VAR_DIR", str(PROJECT / "var" / "cluster"))
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        WEB_CONCURRENCY=env.get("WEB_CONCURRENCY", "2"),
        GUNICORN_ACCESS_LOG="false",
    )
    return env


def ensure_database(url):
    if not url.startswith(("postgres://", "postgresql://")):
        return
    import psycopg

    name = url.rsplit("/", 1)[1]
    server = url.rsplit("/", 1)[0].replace("postgres://", "postgresql://", 1) + "/postgres"
    with psycopg.connect(server, autocommit=True, connect_timeout=5) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')


def fetch(port, path):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Host": "127.0.0.1"}
    )
    with urllib.request.urlopen(request, timeout=10) as reply:
        return reply.headers.get("X-Page-Cache"), reply.read().decode()


def title_of(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true", help="stop after the demonstration")
    args = parser.parse_args()
    env = environment()
    ports = int(os.environ.get("PORT_A", "8001")), int(os.environ.get("PORT_B", "8002"))

    def manage(*arguments):
        subprocess.run(
            [sys.executable, "manage.py", *arguments], cwd=PROJECT, env=env, check=True, timeout=600
        )

    ensure_database(env["DATABASE_URL"])
    manage("migrate", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    manage("load_demo_content")
    hosts = []
    try:
        for port in ports:
            hosts.append(
                subprocess.Popen(
                    [sys.executable, "-m", "gunicorn"],
                    cwd=PROJECT,
                    env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                )
            )
        deadline = time.monotonic() + 60
        for port in ports:
            while True:
                try:
                    fetch(port, "/healthz")
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise SystemExit(f"host on port {port} did not answer in 60 s") from None
                    time.sleep(0.3)
        a, b = ports
        print(f"\nhost A http://127.0.0.1:{a}/   host B http://127.0.0.1:{b}/")
        for label, port in (("A", a), ("B", b), ("B", b)):
            state, html = fetch(port, "/ro/despre/")
            print(f"host {label} /ro/despre/: {title_of(html)!r} (page cache: {state})")
        title = f"Despre – publicat la {time.strftime('%H:%M:%S')}"
        manage("shell", "-c", PUBLISH.format(title=title))
        print(f"published {title!r} through the shared database")
        state, html = fetch(b, "/ro/despre/")
        print(f"host B /ro/despre/: {title_of(html)!r} (page cache: {state})")
        if title not in html:
            raise SystemExit("host B served a stale page")
        if not args.check:
            print("Both hosts stay up; Ctrl-C stops them.")
            while all(host.poll() is None for host in hosts):
                time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        for host in hosts:
            host.terminate()
        for host in hosts:
            try:
                host.wait(timeout=20)
            except subprocess.TimeoutExpired:
                host.kill()


if __name__ == "__main__":
    main()
