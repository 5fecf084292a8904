"""PostgreSQL connections run without JIT compilation: before a table is analysed, the
planner's estimates for a page's joins reach billions of rows and compiling the query took
2 s where running it takes 1 ms (website/settings/base.py)."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_postgresql_connections_do_not_compile_queries():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
