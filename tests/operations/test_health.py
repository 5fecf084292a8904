"""/healthz answers 200 or 503 for the database and the cache, and a database that is
down gives the plain error page, never a trace, in a real production-settings process."""

import pytest

from tests.operations.production import closed_port, run_in_production


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
            "BACKEND": "page_cache.backends.ResilientRedisCache",
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
