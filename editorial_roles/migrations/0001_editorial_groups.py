"""The three editorial groups: Editors, Moderators and Translators.

Wagtail's own first migration already made Editors (add, edit on the whole tree) and
Moderators (add, edit, publish). Here Editors also publish, every group may use the
admin and the media libraries, and Translators get their group. Translators' page
permissions are on the English tree, which exists only once content does: see
editorial_roles/permissions.py, run by load_demo_content and by `manage.py setup_permissions`.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MEDIA = [
    ("wagtailimages", "image", ["add", "change", "delete", "choose"]),
    ("wagtaildocs", "document", ["add", "change", "delete", "choose"]),
]
SNIPPETS = [("pages", "organisation"), ("newsroom", "topic")]


def permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def applied_under_old_name(schema_editor):
    # Until the layout redesign this migration was website.0002: a database made then has
    # the groups already, and an administrator may have changed them since.
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM django_migrations WHERE app = %s AND name = %s",
            ["website", "0002_editorial_groups"],
        )
        return cursor.fetchone() is not None


def forwards(apps, schema_editor):
    if applied_under_old_name(schema_editor):
        return
    # Permissions are normally created after all migrations; this one needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    editors, _ = Group.objects.get_or_create(name="Editors")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    translators, _ = Group.objects.get_or_create(name="Translators")

    access_admin = permission(apps, "wagtailadmin", "access_admin")
    submit_translation = permission(apps, "wagtail_localize", "submit_translation")
    for group in (editors, moderators, translators):
        group.permissions.add(*filter(None, [access_admin, submit_translation]))
        group.permissions.add(
            *filter(None, [permission(apps, "wagtailimages", "choose_image"),
                           permission(apps, "wagtaildocs", "choose_document")])
        )
    for group in (editors, moderators):
        for app_label, model, actions in MEDIA:
            for action in actions:
                group.permissions.add(*filter(None, [permission(apps, app_label, f"{action}_{model}")]))
        for app_label, model in SNIPPETS:
            for action in ("add", "change", "delete"):
                group.permissions.add(*filter(None, [permission(apps, app_label, f"{action}_{model}")]))

    # Wagtail checks image and document permissions per collection: Translators may choose
    # from the whole library (Editors and Moderators got theirs from Wagtail's migrations).
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, codename in (("wagtailimages", "choose_image"),
                                    ("wagtaildocs", "choose_document")):
            perm = permission(apps, app_label, codename)
            if perm is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=translators, collection=root_collection, permission=perm
                )

    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for group, actions in ((editors, ["add", "change", "publish", "lock", "unlock"]),
                               (moderators, ["add", "change", "publish", "lock", "unlock"])):
            for action in actions:
                perm = permission(apps, "wagtailcore", f"{action}_page")
                if perm is not None:
                    GroupPagePermission.objects.get_or_create(group=group, page=root, permission=perm)


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("pages", "0001_initial"),
        ("newsroom", "0001_initial"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
