"""Two gunicorn hosts, one PostgreSQL database, one Redis: what is published through one host
is what the other serves at its next request, never a stale cached copy. And the same for
the two workers of one host on SQLite without Redis.

The two-host tests need DATABASE_URL pointing at PostgreSQL (they make and drop a database
of their own beside it) and a Redis at REDIS_URL (or TEST_REDIS_URL); skipped otherwise.
The one-machine test needs neither."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

PROJECT = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("TEST_REDIS_URL") or os.environ.get("REDIS_URL", "")

pytestmark = pytest.mark.cluster


def redis_answers():
    from redis import Redis

    try:
        return bool(REDIS_URL) and Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception:
        return False


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_url(database):
    """DATABASE_URL with another database name."""
    parts = urlsplit(DATABASE_URL)
    return urlunsplit(parts._replace(path=f"/{database}"))


def admin_sql(statement):
    import psycopg

    with psycopg.connect(
        server_url("postgres").replace("postgres://", "postgresql://", 1),
        autocommit=True,
        connect_timeout=5,
    ) as connection:
        connection.execute(statement)


def fetch(port, path, timeout=10):
    # Behind the load balancer every host is asked for the same public name.
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Host": "127.0.0.1"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return reply.status, dict(reply.headers), reply.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def production_environment(folder, **overrides):
    """The environment of a production host started by these tests: this test run's
    variables, less the ones that would change Django's behaviour, plus `overrides`."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "PYTEST_CURRENT_TEST"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        SECRET_KEY="host-test-" + uuid.uuid4().hex + uuid.uuid4().hex,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        VAR_DIR=str(folder),
        WEB_CONCURRENCY="2",
        GUNICORN_ACCESS_LOG="false",
        LOG_LEVEL="WARNING",
        **overrides,
    )
    return environment


def manager(environment):
    """`manage(*args, code=None)`: manage.py with `environment`, failing the test on error."""

    def manage(*args, code=None):
        command = [sys.executable, "manage.py", *args] + (["-c", code] if code else [])
        result = subprocess.run(
            command, cwd=PROJECT, env=environment, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    return manage


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    if not DATABASE_URL.startswith(("postgres://", "postgresql://")):
        pytest.skip("the two-host test needs DATABASE_URL pointing at PostgreSQL")
    if not redis_answers():
        pytest.skip("the two-host test needs a Redis answering at REDIS_URL or TEST_REDIS_URL")

    database = f"{urlsplit(DATABASE_URL).path.lstrip('/') or 'postgres'}_cluster_{os.getpid()}"
    folder = tmp_path_factory.mktemp("cluster")
    environment = production_environment(
        folder,
        DATABASE_URL=server_url(database),
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=f"cluster-{uuid.uuid4().hex}",
    )
    manage = manager(environment)

    admin_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    admin_sql(f'CREATE DATABASE "{database}"')
    hosts = []
    try:
        manage("migrate", "--noinput", "-v0")
        manage("collectstatic", "--noinput", "-v0")
        manage("shell", code="from demo_content import site; site.load()")
        for _ in range(2):
            port = free_port()
            log = open(folder / f"gunicorn-{port}.log", "w")
            process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn"],
                cwd=PROJECT,
                env={**environment, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            hosts.append((port, process, log))
        deadline = time.monotonic() + 60
        for port, process, _log in hosts:
            while True:
                assert process.poll() is None, (folder / f"gunicorn-{port}.log").read_text()
                try:
                    if fetch(port, "/healthz", timeout=2)[0] == 200:
                        break
                except OSError:
                    pass
                assert time.monotonic() < deadline, "a gunicorn host did not come up in 60 s"
                time.sleep(0.3)
        yield [port for port, _process, _log in hosts], manage
    finally:
        for _port, process, _log in hosts:
            process.terminate()
        for _port, process, log in hosts:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
            log.close()
        admin_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


PUBLISH_TITLE = """
from pages.models import StandardPage
page = StandardPage.objects.get(slug="despre", locale__language_code="ro")
page.title = {title!r}
page.save_revision().publish()
"""

PUBLISH_NEW_PAGE = """
from pages.models import HomePage, StandardPage
home = HomePage.objects.get(locale__language_code="ro")
page = StandardPage(title="Parteneriate noi", slug="parteneriate-noi", show_in_menus=True)
home.add_child(instance=page)
page.save_revision().publish()
"""

UNPUBLISH = """
from pages.models import StandardPage
StandardPage.objects.get(slug="parteneriate-noi").unpublish()
"""


def test_both_hosts_share_one_cache(cluster):
    (host_a, host_b), _manage = cluster
    assert fetch(host_a, "/ro/despre/")[1]["X-Page-Cache"] in {"miss", "hit"}
    status, headers, _ = fetch(host_b, "/ro/despre/")
    assert status == 200
    assert headers["X-Page-Cache"] == "hit"  # filled by host A


def test_title_published_through_one_host_is_on_the_other_at_next_request(cluster):
    (host_a, host_b), manage = cluster
    for port in (host_a, host_b, host_b):
        fetch(port, "/ro/despre/")
    manage("shell", code=PUBLISH_TITLE.format(title="Despre compartiment"))
    status, headers, html = fetch(host_b, "/ro/despre/")
    assert status == 200
    assert "Despre compartiment" in html
    assert headers["X-Page-Cache"] == "miss"
    assert "Despre compartiment" in fetch(host_a, "/ro/despre/")[2]


def test_new_page_published_is_served_and_listed_by_both_hosts(cluster):
    (host_a, host_b), manage = cluster
    for port in (host_a, host_b):
        fetch(port, "/ro/")
        assert fetch(port, "/ro/parteneriate-noi/")[0] == 404
    manage("shell", code=PUBLISH_NEW_PAGE)
    for port in (host_b, host_a):
        status, _headers, html = fetch(port, "/ro/parteneriate-noi/")
        assert status == 200 and "Parteneriate noi" in html
        assert "Parteneriate noi" in fetch(port, "/ro/")[2]
        assert "/ro/parteneriate-noi/" in fetch(port, "/sitemap.xml")[2]
    manage("shell", code=UNPUBLISH)
    for port in (host_a, host_b):
        assert fetch(port, "/ro/parteneriate-noi/")[0] == 404
        assert "Parteneriate noi" not in fetch(port, "/ro/")[2]


@pytest.fixture(scope="module")
def one_machine(tmp_path_factory):
    """One gunicorn host with two workers on SQLite and no Redis: production on one machine."""
    folder = tmp_path_factory.mktemp("one-machine")
    environment = production_environment(folder, DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}")
    environment.pop("REDIS_URL", None)
    manage = manager(environment)

    manage("migrate", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    manage("shell", code="from demo_content import site; site.load()")
    port = free_port()
    log = open(folder / "gunicorn.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn"],
        cwd=PROJECT,
        env={**environment, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, (folder / "gunicorn.log").read_text()
            try:
                if fetch(port, "/healthz", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not come up in 60 s"
            time.sleep(0.3)
        yield port, manage
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        log.close()


def test_on_one_machine_every_worker_serves_the_published_title(one_machine):
    port, manage = one_machine
    # Enough requests that both workers have served (and cached) the page.
    for _ in range(8):
        assert "Despre" in fetch(port, "/ro/despre/")[2]
    manage("shell", code=PUBLISH_TITLE.format(title="Despre biroul de relații externe"))
    for _ in range(8):
        status, _headers, html = fetch(port, "/ro/despre/")
        assert status == 200
        assert "Despre biroul de relații externe" in html
