"""The newsroom app's settings and their defaults."""

from django.conf import settings

DEFAULTS = {
    # The prefix of the reference numbers suggested for releases: "CP-2021-014"
    # ("comunicat de presă").
    "NEWSROOM_REFERENCE_PREFIX": "CP",
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
