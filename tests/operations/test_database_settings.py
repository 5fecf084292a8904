"""PostgreSQL connections run without JIT compilation: before a table is analysed, the
planner's estimates for a page's joins reach billions of rows and compiling the query took
2 s where running it takes 1 ms (website/settings/base.py). Other options DATABASE_URL
gives are kept."""

import runpy
from pathlib import Path

import pytest
from django.db import connection

from website.settings import base


@pytest.mark.django_db
def test_postgresql_connections_do_not_compile_queries():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_options_given_in_the_database_url_are_kept(monkeypatch):
    # The settings module read again, alone, as a host with this DATABASE_URL reads it.
    monkeypatch.setenv(
        "DATABASE_URL",
        "postgres://newsroom@db.example:5432/newsroom?options=-c%20statement_timeout%3D5000",
    )
    settings = runpy.run_path(str(Path(base.__file__)))
    assert settings["DATABASES"]["default"]["OPTIONS"]["options"] == (
        "-c statement_timeout=5000 -c jit=off"
    )
    monkeypatch.setenv("DATABASE_URL", "postgres://newsroom@db.example:5432/newsroom")
    settings = runpy.run_path(str(Path(base.__file__)))
    assert settings["DATABASES"]["default"]["OPTIONS"]["options"] == "-c jit=off"
