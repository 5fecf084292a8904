"""Local development: `make run`. Debug on, a throwaway secret key kept out of the repo."""

import secrets

from .base import *  # noqa: F401,F403
from .base import VAR_DIR, env_bool

DEBUG = env_bool("DEBUG", True)


def _local_secret_key():
    # Generated once per clone and kept under var/, so no secret is committed.
    path = VAR_DIR / "secret_key.txt"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


import os  # noqa: E402

SECRET_KEY = os.environ.get("SECRET_KEY") or _local_secret_key()
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
