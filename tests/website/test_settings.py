"""Settings come from the environment; production refuses to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests' conftest; a deployment never has it.
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "env, missing",
    [
        ({}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 60}, "ALLOWED_HOSTS"),
    ],
)
def test_production_stops_with_one_line_naming_the_missing_variable(env, missing):
    result = manage("check", DJANGO_SETTINGS_MODULE="website.settings.production", **env)
    assert result.returncode != 0
    assert result.stderr.strip() == (
        f"{missing} is not set: production settings need it in the environment."
    )


def test_production_settings_pass_the_deployment_checklist():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="website.settings.production",
        SECRET_KEY="a-long-random-production-key-" + "k" * 40,
        ALLOWED_HOSTS="newsroom.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_security_headers_extra_sources_are_read_from_the_environment():
    # The environment is read in settings only; hardening reads the settings.
    script = (
        "from django.conf import settings; "
        "print(settings.CSP_FRAME_SRC, settings.CSP_IMG_SRC, settings.PERMISSIONS_POLICY)"
    )
    result = manage(
        "shell",
        "-c",
        script,
        DJANGO_SETTINGS_MODULE="website.settings.dev",
        CSP_FRAME_SRC="https://player.vimeo.com  https://www.youtube-nocookie.com",
        CSP_IMG_SRC="",
        PERMISSIONS_POLICY="camera=()",
    )
    assert result.returncode == 0, result.stderr
    # The last line: Django's shell may first say what it imported.
    assert result.stdout.strip().splitlines()[-1] == (
        "['https://player.vimeo.com', 'https://www.youtube-nocookie.com'] [] camera=()"
    )
