"""The editorial groups' data migration moved from `website` to `editorial_roles` in the
layout redesign: on a database made before it, the groups an administrator has changed
since are left as they are."""

import importlib
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

pytestmark = pytest.mark.django_db

migration = importlib.import_module("editorial_roles.migrations.0001_editorial_groups")


class NoApps:
    def __getattr__(self, name):
        raise AssertionError("the migration touched the database's groups")


def run_forwards():
    migration.forwards(NoApps(), SimpleNamespace(connection=connection))


def test_a_database_made_before_the_redesign_keeps_its_changed_groups():
    MigrationRecorder(connection).record_applied("website", "0002_editorial_groups")
    translators = Group.objects.get(name="Translators")
    translators.permissions.clear()

    run_forwards()

    assert translators.permissions.count() == 0


def test_a_new_database_gets_the_groups_from_this_migration():
    with pytest.raises(AssertionError, match="touched"):
        run_forwards()
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Editors",
        "Moderators",
        "Translators",
    }
