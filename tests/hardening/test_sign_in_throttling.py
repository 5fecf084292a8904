"""Production behaviour: security headers, /healthz, faults (database down, Redis down),
JSON logs, sign-in throttling, concurrent edits and the CDN purge on publish."""

import json
import os
import re
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.test import Client, RequestFactory
from wagtail.models import Page

from pages.models import StandardPage

PROJECT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "website.settings.production",
    "SECRET_KEY": "production-tests-" + "q7Zr9" * 12,
    "ALLOWED_HOSTS": "newsroom.example.org",
}


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_in_production(code, **env):
    """Runs `code` in `manage.py shell` under the production settings."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL", "DATABASE_URL"}
    }
    environment.update(PRODUCTION_ENV, **env)
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


# Headers.


@pytest.mark.django_db
def test_public_pages_allow_only_our_origin_and_nonced_scripts(client, site_tree):
    response = client.get("/ro/despre/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert re.search(r"script-src 'self' 'nonce-[\w-]{20,}'(;|$)", policy)
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/ro/", "/en/", "/ro/despre/", "/en/about/", "/ro/cautare/?q=a"])
def test_public_pages_have_no_inline_script_without_the_nonce(client, site_tree, path):
    response = client.get(path)
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    for attributes in re.findall(r"<script\b([^>]*)>", response.content.decode()):
        if "src=" in attributes or 'type="application/ld+json"' in attributes:
            continue  # our own files, or data that the browser does not execute
        assert f'nonce="{nonce}"' in attributes, attributes


@pytest.mark.django_db
def test_each_request_gets_a_new_nonce(client, site_tree):
    policies = {client.get("/ro/")["Content-Security-Policy"] for _ in range(3)}
    assert len(policies) == 3


@pytest.mark.django_db
def test_admin_works_under_its_own_policy(admin_client, site_tree):
    about = Page.objects.get(slug="despre")
    for path in ["/admin/", f"/admin/pages/{about.pk}/edit/", "/admin/login/"]:
        response = admin_client.get(path, follow=True)
        assert response.status_code == 200, path
        policy = response["Content-Security-Policy"]
        assert "script-src 'self' 'unsafe-inline'" in policy
        assert "frame-ancestors 'self'" in policy  # the preview panel
        assert "object-src 'none'" in policy


# /healthz.


@pytest.mark.django_db
def test_healthz_answers_200_when_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache:default": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_503_when_the_cache_does_not(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "page_cache.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache:default"] == "failing"


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    from django.db import OperationalError

    from operations import health

    def refuse(alias="default"):
        raise OperationalError("connection refused")

    monkeypatch.setattr(health, "database_answers", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "failing"


# Database down, for real: production settings pointed at a port where nothing listens.

DATABASE_DOWN = """
from django.test import Client
client = Client()
for path in ["/healthz", "/ro/", "/en/about/"]:
    response = client.get(path, secure=True, HTTP_HOST="newsroom.example.org")
    body = response.content.decode()
    print(path, response.status_code, "Traceback" in body, "Eroare a serverului" in body)
"""


def test_database_down_gives_503_and_the_plain_error_page_not_a_trace():
    result = run_in_production(
        DATABASE_DOWN, DATABASE_URL=f"postgres://postgres@127.0.0.1:{closed_port()}/nothing"
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("/")]
    assert lines == [
        "/healthz 503 False False",
        "/ro/ 503 False True",
        "/en/about/ 503 False True",
    ], result.stdout + result.stderr


# Logs.

LOG_SOMETHING = """
import logging
logging.getLogger("website.test").warning("Publication of %s", "Despre", extra={"page_id": 7})
"""


def test_production_logs_are_json_lines_on_stdout():
    result = run_in_production(
        LOG_SOMETHING, DATABASE_URL=f"postgres://postgres@127.0.0.1:{closed_port()}/nothing"
    )
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    record = next(r for r in records if r["logger"] == "website.test")
    assert record["message"] == "Publication of Despre"
    assert record["level"] == "WARNING"
    assert record["page_id"] == 7
    assert record["time"].endswith("+00:00")


def test_json_formatter_keeps_the_request_path_and_the_traceback():
    import logging

    from operations.json_logging import JSONFormatter

    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.makeLogRecord(
            {
                "name": "django.request",
                "levelname": "ERROR",
                "msg": "Internal Server Error: %s",
                "args": ("/ro/",),
                "exc_info": sys.exc_info(),
                "status_code": 500,
                "request": type("R", (), {"method": "GET", "path": "/ro/"})(),
            }
        )
    entry = json.loads(JSONFormatter().format(record))
    assert entry["message"] == "Internal Server Error: /ro/"
    assert entry["path"] == "/ro/" and entry["method"] == "GET"
    assert entry["status_code"] == 500
    assert "ValueError: boom" in entry["exception"]


# Sign-in throttling.


@pytest.fixture
def editor(django_user_model, db):
    return django_user_model.objects.create_user("editor", "editor@example.com", "right-pass-1")


def sign_in(username, password, address, language="en"):
    return Client(REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE=language).post(
        "/admin/login/", {"username": username, "password": password}
    )


def test_failed_sign_ins_lock_the_user_out_from_that_address_only(editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in("editor", "wrong", "192.0.2.1").status_code == 200
    # The failure that reaches the limit is already answered with the lockout.
    assert sign_in("editor", "wrong", "192.0.2.1").status_code == 429
    locked = sign_in("editor", "right-pass-1", "192.0.2.1")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Too many failed sign-in attempts" in html
    assert "Signing in to this account from this address failed 5 times in a row" in html
    assert "Please try again in 15 minutes." in html
    # Whoever guessed from there cannot keep the editor out from the office.
    assert sign_in("editor", "right-pass-1", "198.51.100.1").status_code == 302


def test_guesses_from_many_addresses_do_not_lock_the_user_out(editor, settings):
    for attempt in range(3 * settings.AXES_FAILURE_LIMIT):
        sign_in("editor", "wrong", f"10.0.{attempt}.1")
    assert sign_in("editor", "right-pass-1", "198.51.100.1").status_code == 302


def test_an_address_trying_many_user_names_is_throttled(editor, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 12
    # Fewer failures per name than the pair's limit, but many names.
    for attempt in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT - 1):
        assert sign_in(f"guess{attempt}", "wrong", "192.0.2.9").status_code == 200
    assert sign_in("guess-last", "wrong", "192.0.2.9").status_code == 429
    locked = sign_in("editor", "right-pass-1", "192.0.2.9")
    assert locked.status_code == 429
    assert "Signing in from this address failed 12 times, whatever the account" in (
        locked.content.decode()
    )
    # The editor signs in from elsewhere.
    assert sign_in("editor", "right-pass-1", "198.51.100.1").status_code == 302


def test_signing_in_to_ones_own_account_does_not_reset_the_addresss_count(editor, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    for attempt in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT - 1):
        sign_in(f"guess{attempt}", "wrong", "192.0.2.9")
    assert sign_in("editor", "right-pass-1", "192.0.2.9").status_code == 302
    assert sign_in("guess-last", "wrong", "192.0.2.9").status_code == 429


def test_lockout_message_is_in_romanian_for_a_romanian_editor(editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in("editor", "wrong", "10.0.0.1", language="ro")
    html = sign_in("editor", "wrong", "10.0.0.1", language="ro").content.decode()
    assert '<html lang="ro">' in html
    assert "Prea multe încercări eșuate de autentificare" in html
    assert "Autentificarea în acest cont de la această adresă a eșuat de 5 ori la rând" in html
    assert "Încercați din nou peste 15 minute." in html


def test_a_successful_sign_in_resets_the_count(editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in("editor", "wrong", "203.0.113.5")
    assert sign_in("editor", "right-pass-1", "203.0.113.5").status_code == 302
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in("editor", "wrong", "203.0.113.5")
    assert sign_in("editor", "right-pass-1", "203.0.113.5").status_code == 302


def test_a_spoofed_forwarded_address_is_ignored_without_trusted_proxies(editor, settings):
    from hardening.security import client_ip_address

    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="1.1.1.1", REMOTE_ADDR="10.0.0.2")
    assert client_ip_address(request) == "10.0.0.2"
    # A guesser changing the header at every try is still one address.
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        Client(REMOTE_ADDR="192.0.2.7", HTTP_X_FORWARDED_FOR=f"10.9.{attempt}.1").post(
            "/admin/login/", {"username": "editor", "password": "wrong"}
        )
    assert sign_in("editor", "right-pass-1", "192.0.2.7").status_code == 429


def test_behind_trusted_proxies_the_address_they_recorded_is_used(editor, settings):
    from hardening.security import client_ip_address

    forwarded = "1.1.1.1, 203.0.113.7, 10.0.0.3"
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.2")
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip_address(request) == "10.0.0.3"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip_address(request) == "203.0.113.7"
    settings.TRUSTED_PROXY_COUNT = 5  # the outer proxies were skipped
    assert client_ip_address(request) == "1.1.1.1"
    no_header = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2")
    assert client_ip_address(no_header) == "10.0.0.2"

    # Behind one proxy, readers are told apart by the address it recorded.
    settings.TRUSTED_PROXY_COUNT = 1
    behind_proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        Client(**behind_proxy, HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.66").post(
            "/admin/login/", {"username": "editor", "password": "wrong"}
        )
    elsewhere = Client(**behind_proxy, HTTP_X_FORWARDED_FOR="192.0.2.66, 198.51.100.8").post(
        "/admin/login/", {"username": "editor", "password": "right-pass-1"}
    )
    assert elsewhere.status_code == 302
    locked = Client(**behind_proxy, HTTP_X_FORWARDED_FOR="192.0.2.66").post(
        "/admin/login/", {"username": "editor", "password": "right-pass-1"}
    )
    assert locked.status_code == 429


# Concurrent edits.


@pytest.mark.django_db
def test_concurrent_edits_of_the_same_page_keep_both_revisions(site_tree):
    first = StandardPage.objects.get(slug="despre")
    second = StandardPage.objects.get(slug="despre")
    first.title = "Despre (editorul A)"
    first.save_revision()
    second.title = "Despre (editorul B)"
    second.save_revision()
    titles = [revision.content["title"] for revision in first.revisions.order_by("id")]
    assert titles[-2:] == ["Despre (editorul A)", "Despre (editorul B)"]


# The CDN purge on publish.


class PurgeRecorder(BaseHTTPRequestHandler):
    received = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.received.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server():
    PurgeRecorder.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_publishing_purges_the_page_its_listings_and_the_sitemap_from_the_cdn(
    site_tree, settings, purge_server, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{purge_server.server_port}",
        }
    }
    settings.WAGTAILFRONTENDCACHE_LANGUAGES = []
    about = StandardPage.objects.get(slug="despre")
    with django_capture_on_commit_callbacks(execute=True):
        about.title = "Despre noi"
        about.save_revision().publish()
    paths = {path for host, path in PurgeRecorder.received}
    assert "/ro/despre/" in paths
    assert "/ro/" in paths  # the home lists its children
    assert "/sitemap.xml" in paths
    hosts = {host for host, path in PurgeRecorder.received}
    assert hosts == {about.get_site().hostname}

    PurgeRecorder.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        about.unpublish()
    assert "/ro/despre/" in {path for host, path in PurgeRecorder.received}
