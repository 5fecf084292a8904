"""Translators' English tree and the moderation workflow, once the pages exist."""

from editorial_roles.permissions import setup_permissions


def load():
    setup_permissions()
