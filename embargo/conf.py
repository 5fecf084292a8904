"""The embargo app's settings and their defaults."""

from django.conf import settings

DEFAULTS = {
    # The longest a preview link may stay valid, in days.
    "EMBARGO_LINK_MAX_DAYS": 30,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
