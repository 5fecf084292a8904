import contextlib
import os
import tempfile

import polib
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail_localize.models import Translation

from pages.upstream import slug_is_available, upload_pofile, user_can_edit_instance

from . import localize_guard


def read_po_file(upload):
    # Through a file, as wagtail-localize does: polib reads a string that happens to be
    # a path on the server as that file.
    with tempfile.NamedTemporaryFile(delete=False, suffix=".po") as file:
        file.write(upload.read())
    try:
        return polib.pofile(file.name)
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    finally:
        upload.seek(0)
        with contextlib.suppress(OSError):
            os.unlink(file.name)


def checked_upload_pofile(request, translation_id):
    """wagtail-localize's PO upload, refusing with a message (not a server error) a file
    that is missing, does not parse or was not exported from this translation."""
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied
    upload = request.FILES.get("file")
    po = read_po_file(upload) if upload is not None else None
    if po is None:
        messages.error(request, _("Please upload a valid PO file."))
    elif po.metadata.get("X-WagtailLocalize-TranslationID") != str(translation.uuid):
        messages.error(
            request, _("Cannot import PO file that was created for a different translation.")
        )
    else:
        return upload_pofile(request, translation_id)
    instance = translation.get_target_instance()
    fallback = f"/admin/pages/{instance.pk}/edit/" if hasattr(instance, "path") else "/admin/"
    return redirect(get_valid_next_url_from_request(request) or fallback)


@hooks.register("register_admin_urls")
def register_checked_localize_views():
    # Before wagtail-localize's own URLs of the same paths, so these answer
    # (translation_tools/localize_guard.py).
    return localize_guard.admin_urls()


@hooks.register("register_admin_urls")
def register_checked_po_upload():
    # Registered before wagtail-localize's own URL of the same path, so this one answers.
    return [
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            checked_upload_pofile,
            name="checked_upload_pofile",
        )
    ]


# --- Translation status report, its dashboard panel and the "Sync translations" bulk
# action (issue #10, part 1: translation_tools/status.py, translation_tools/sync.py).
from django.urls import reverse  # noqa: E402
from django.utils.translation import gettext_lazy  # noqa: E402

from translation_tools.status import (  # noqa: E402
    TranslationStatusMenuItem,
    TranslationStatusPanel,
    TranslationStatusReportView,
    can_see_translation_status,
)
from translation_tools.sync import SyncTranslationsBulkAction  # noqa: E402


@hooks.register("register_admin_urls")
def register_translation_status_report():
    return [
        path(
            "reports/translation-status/",
            TranslationStatusReportView.as_view(),
            name="translation_status",
        ),
        path(
            "reports/translation-status/results/",
            TranslationStatusReportView.as_view(results_only=True),
            name="translation_status_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        gettext_lazy("Translation status"),
        reverse("translation_status"),
        name="translation-status",
        icon_name="site",
        order=1300,
    )


@hooks.register("construct_homepage_panels")
def add_translation_status_panel(request, panels):
    if can_see_translation_status(request.user):
        panels.append(TranslationStatusPanel())


hooks.register("register_bulk_action", SyncTranslationsBulkAction)
# --- end of the translation status block

# Publish both languages together (translation_tools/joint_publish.py) -----------------------------

from wagtail.admin import messages as admin_messages  # noqa: E402
from wagtail.admin.action_menu import ActionMenuItem  # noqa: E402
from wagtail.models import Page  # noqa: E402

from . import joint_publish as joint  # noqa: E402
from .views import joint_publish  # noqa: E402


class PublishWithTranslationMenuItem(ActionMenuItem):
    label = gettext_lazy("Publish with translation")
    name = "action-publish-with-translation"
    icon_name = "upload"
    order = 35  # right after Publish

    def is_shown(self, context):
        if context["view"] != "edit" or context["locked_for_user"]:
            return False
        page = context["page"]
        return (
            self.get_user_page_permissions_tester(context).can_publish()
            and joint.translations_of(page).exists()
        )

    def get_url(self, parent_context):
        return joint.joint_publish_url(parent_context["page"])


@hooks.register("register_page_action_menu_item")
def register_publish_with_translation_menu_item():
    return PublishWithTranslationMenuItem()


@hooks.register("register_admin_urls")
def register_joint_publish_url():
    return [
        path("pages/<int:page_id>/publish-with-translation/", joint_publish, name="joint_publish")
    ]


def refuse_lone_publish(request, page, refusal):
    buttons = []
    if joint.translations_of(page).exists():
        buttons.append(
            admin_messages.button(joint.joint_publish_url(page), _("Publish with translation"))
        )
    admin_messages.error(request, refusal, buttons=buttons)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_publish_page")
def refuse_publishing_alone(request, page):
    # Publish has saved the draft revision already; nothing has gone live yet.
    refusal = joint.lone_publish_refusal(page)
    if refusal:
        return refuse_lone_publish(request, page, refusal)
    return None


def publishes_from_the_editor(request, page):
    """Whether this POST to the edit page would put the page live: the last approval of
    its workflow, or Publish in wagtail-localize's translation editor (which publishes
    without Wagtail's before_publish_page)."""
    if request.method != "POST":
        return False
    if request.POST.get("action") == "publish":  # wagtail-localize's editor
        return True
    return bool(request.POST.get("action-workflow-action")) and joint.approval_finishes_workflow(
        page, request.POST.get("workflow-action-name")
    )


# Before wagtail-localize's own hook, which answers every POST to a translation's editor.
@hooks.register("before_edit_page", order=-1)
def refuse_approving_alone(request, page):
    # Refused before anything is saved (the workflow's final approval is refused anyway by
    # translation_tools.workflow, but only once the edit is saved).
    if not publishes_from_the_editor(request, page):
        return None
    refusal = joint.lone_publish_refusal(page)
    if refusal:
        return refuse_lone_publish(request, page, refusal)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_alone(request, action_type, objects, action_class_instance):
    if action_type != "publish":
        return None
    for page in objects:
        if not isinstance(page, Page):
            continue
        refusal = joint.refusal_for_latest_revision(page.specific)
        if refusal:
            admin_messages.error(request, refusal)
            return redirect(action_class_instance.next_url)
    return None


# Moving pages: the translations follow --------------------------------------------------


def translations_moving_with(page, destination):
    """[(translation, its destination)] as Wagtail's move view will move them: those under a
    translation of the page's parent, each to the destination's translation, if any."""
    parents = set(page.get_parent().get_translations().values_list("pk", flat=True))
    moving = []
    for translation in Page.objects.translation_of(page, inclusive=False):
        target = destination.get_translation_or_none(translation.locale)
        if target is not None and translation.get_parent().pk in parents:
            moving.append((translation, target))
    return moving


def why_a_translation_cannot_move(user, translation, target):
    if not translation.permissions_for_user(user).can_move_to(target):
        return _(
            "Moving this page would also move its translation %(translation)s, "
            "which you may not move. Nothing was moved."
        ) % {"translation": joint.describe(translation)}
    if not slug_is_available(translation.slug, target, page=translation):
        return _(
            "Moving this page would also move its translation %(translation)s under "
            "%(destination)s, which already has a page with the slug '%(slug)s'. "
            "Change one of the two slugs first. Nothing was moved."
        ) % {
            "translation": joint.describe(translation),
            "destination": joint.describe(target),
            "slug": translation.slug,
        }
    return None


@hooks.register("before_move_page")
def refuse_moving_translations_that_cannot_move(request, page, destination):
    # Checked before anything moves: Wagtail would move the page, then fail on a
    # translation the user may not move or whose slug is taken under its destination
    # (a server error), leaving the two trees apart.
    for translation, target in translations_moving_with(page, destination):
        reason = why_a_translation_cannot_move(request.user, translation, target)
        if reason:
            admin_messages.error(request, reason)
            return redirect("wagtailadmin_pages:move", page.pk)
    return None


@hooks.register("construct_translated_pages_to_cascade_actions")
def move_translations_with_their_page(pages, action):
    """Wagtail's move view moves, with the page, each translation that sits under a
    translation of the page's old parent, to the destination's translation in its language
    (where there is one). wagtail-localize gives it none, so the English tree drifted from
    the Romanian one at every move; here the translations are given for moves only, not
    for deleting or unpublishing, which stay one language at a time."""
    if action != "move":
        return None
    return {page: list(Page.objects.translation_of(page, inclusive=False)) for page in pages}
