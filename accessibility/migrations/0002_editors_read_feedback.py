"""Editors and Moderators read readers' feedback and delete what has been dealt with;
nobody adds or changes it in the admin (it comes from the public form)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Editors", "Moderators"]
CODENAMES = ["view_feedback", "delete_feedback"]


def forwards(apps, schema_editor):
    # Permissions are normally created after all migrations; this one needs them now.
    app_config = apps.get_app_config("accessibility")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="accessibility", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("accessibility", "0001_initial"),
        ("editorial_roles", "0001_editorial_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
