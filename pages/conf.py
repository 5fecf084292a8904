"""The app's defaults; each can be overridden by a setting of the same name."""

from django.conf import settings

# Templates the home page includes under its body, in order: other apps' sections (the
# newsroom's latest releases), named by the project so that this app depends on none.
DEFAULT_HOME_SECTIONS = []


def home_sections():
    return getattr(settings, "PAGES_HOME_SECTIONS", DEFAULT_HOME_SECTIONS)
