"""Production logs: JSON lines on standard output, with the request's path and the
traceback."""

import json
import sys

from tests.operations.production import closed_port, run_in_production

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
