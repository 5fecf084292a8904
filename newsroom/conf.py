"""The app's defaults; each can be overridden by a setting of the same name. The newsroom
learns the page types of other apps from these settings, so that it imports none of them."""

from django.conf import settings

# The page types a release can be "about" (its related pages): a label or a list of them.
DEFAULT_RELATED_PAGE_TYPES = "wagtailcore.Page"
# The page type whose releases have feeds of their own (/ro/stiri/proiect/<slug>/rss/):
# none by default.
DEFAULT_PROJECT_PAGE_TYPE = None


def related_page_types():
    return getattr(settings, "NEWSROOM_RELATED_PAGE_TYPES", None) or DEFAULT_RELATED_PAGE_TYPES


def project_page_type():
    return getattr(settings, "NEWSROOM_PROJECT_PAGE_TYPE", DEFAULT_PROJECT_PAGE_TYPE)

# The prefix of the reference numbers suggested for releases: "CP-2021-014"
# ("comunicat de presă").
DEFAULT_REFERENCE_PREFIX = "CP"


def reference_prefix():
    return getattr(settings, "NEWSROOM_REFERENCE_PREFIX", DEFAULT_REFERENCE_PREFIX)


# Templates included on every release page after its attachments, each given the page: how
# other apps add to a release without the newsroom knowing them (the press kit's link).
DEFAULT_RELEASE_SECTIONS = []


def release_sections():
    return getattr(settings, "NEWSROOM_RELEASE_SECTIONS", DEFAULT_RELEASE_SECTIONS)
