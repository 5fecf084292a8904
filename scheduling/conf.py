"""The scheduler's settings and their defaults (override them in the project's settings)."""

from django.conf import settings

DEFAULTS = {
    # Seconds between two runs of the publisher: pages go live within this of their time.
    "SCHEDULER_INTERVAL": 30,
    # A publisher that stops renewing its lease for this long is taken over by another host.
    "SCHEDULER_LEASE_SECONDS": 90,
    # How many days ahead the admin's "Scheduled work" view looks by default.
    "SCHEDULER_REPORT_DAYS": 7,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
