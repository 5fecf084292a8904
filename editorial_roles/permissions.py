"""Page permissions and the moderation workflow that need the page tree to exist.

The groups themselves come from a data migration (editorial_roles/migrations/0001). Here:
Translators may add and edit pages in the English tree (and so translate into it with
wagtail-localize) but publish nothing and touch no Romanian page; a two-step moderation
workflow (an Editor reviews, then a Moderator approves and publishes) runs on the news
indexes.
Idempotent: `manage.py setup_permissions` and load_demo_content both call it.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

TRANSLATED_LOCALES = ["en"]
WORKFLOW_NAME = "Two-step moderation"


def setup_permissions():
    # The data migration made the groups; a flushed test database has lost them.
    translators, _ = Group.objects.get_or_create(name="Translators")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    editors, _ = Group.objects.get_or_create(name="Editors")
    page_permissions = {
        p.codename: p for p in Permission.objects.filter(content_type__app_label="wagtailcore")
    }
    homes = Page.objects.filter(depth=2, locale__language_code__in=TRANSLATED_LOCALES)
    for home in homes:
        for action in ("add", "change"):
            GroupPagePermission.objects.get_or_create(
                group=translators, page=home, permission=page_permissions[f"{action}_page"]
            )

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    for order, (name, group) in enumerate(
        [("Review by Editors", editors), ("Approval by Moderators", moderators)]
    ):
        task = GroupApprovalTask.objects.filter(name=name).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=name)
            task.groups.set([group])
        WorkflowTask.objects.get_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )

    news_indexes = Page.objects.filter(
        content_type__app_label="newsroom", content_type__model="newsindexpage"
    )
    for news_index in news_indexes:
        WorkflowPage.objects.get_or_create(page=news_index, defaults={"workflow": workflow})
