"""Translators' English tree and the moderation workflow, once the pages exist."""

from website.permissions import setup_permissions


def load():
    setup_permissions()
