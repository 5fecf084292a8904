"""wagtail-localize's views that write or publish pages, behind the user's page permissions.

wagtail-localize checks only its "submit translation" permission in three views that
write to pages other than the one the user opened:

- "Sync translated pages" (`/admin/localize/update/<id>/`, also the translation status
  report's **Sync**) saves every translation of the source and, with "Publish
  immediately", publishes them all: past the page permissions, past moderation and past
  the "publish only with its translation" rule;
- "Translate" (`/admin/localize/submit/page/<id>/`) creates the translation in each
  chosen language, whoever may add pages there;
- "Convert to alias" (`/admin/localize/page/<id>/convert_to_alias/`) replaces a
  translation with its source and publishes it when the source is live.

Here the same views answer at the same paths (translation_tools.wagtail_hooks registers them before
wagtail-localize's own, as for the PO upload) after checking the permission on every
page they touch; a refusal is a message, or 403 for a page the user may not work on.
New translations start as drafts (WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE in the
settings), so that starting a translation never publishes either.

This is the one module that relies on how wagtail-localize's views work inside (the
`publish_translations` field, `dispatch` taking the object by URL keyword, the form's
`locales`); the views come from pages.upstream, and tests/pages/test_upstream.py breaks if
an upgrade changes them.
"""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, WorkflowState
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail_localize.models import TranslationSource

from pages.upstream import (
    SubmitPageTranslationView,
    UpdateTranslationsView,
    convert_to_alias,
)

from .joint_publish import describe, lone_publish_refusal


def translation_targets(source):
    """The existing target objects of the source's enabled translations."""
    targets = []
    for translation in source.translations.filter(enabled=True).select_related("target_locale"):
        try:
            target = translation.get_target_instance()
        except ObjectDoesNotExist:  # not created yet: the sync writes nothing there
            continue
        targets.append(target.specific if isinstance(target, Page) else target)
    return targets


def can_edit(user, instance):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return ModelPermissionPolicy(type(instance)).user_has_permission(user, "change")


def publish_refusal(user, instance):
    """Why the user may not publish `instance` directly, or None."""
    if not isinstance(instance, Page):
        if ModelPermissionPolicy(type(instance)).user_has_permission(user, "publish"):
            return None
        reason = _("you do not have permission to publish it")
        return _("%(object)s cannot be published: %(reason)s.") % {
            "object": f"'{instance}'", "reason": reason
        }
    state = instance.current_workflow_state
    if not instance.permissions_for_user(user).can_publish():
        reason = _("you do not have permission to publish it; save it and submit it for moderation")
    elif state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        reason = _("it is in moderation, and goes live when its moderation is approved")
    else:
        return lone_publish_refusal(instance)
    return _("%(page)s cannot be published: %(reason)s.") % {
        "page": describe(instance), "reason": reason
    }


class CheckedUpdateTranslationsView(UpdateTranslationsView):
    """"Sync translated pages" for users who may edit every translation it saves; with
    "Publish immediately" only when they may publish each one of them now."""

    def dispatch(self, request, *args, **kwargs):
        source = get_object_or_404(TranslationSource, id=kwargs["translation_source_id"])
        self.targets = translation_targets(source)
        if not all(can_edit(request.user, target) for target in self.targets):
            raise PermissionDenied
        self.publish_refusals = [
            refusal
            for refusal in (publish_refusal(request.user, target) for target in self.targets)
            if refusal
        ]
        if request.method == "POST" and request.POST.get("publish_translations"):
            if self.publish_refusals:
                for refusal in self.publish_refusals:
                    messages.error(request, refusal)
                messages.error(request, _("Nothing was synced or published."))
                return redirect(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)

    template_name = "translation_tools/update_translations.html"

    def get_form(self):
        form = super().get_form()
        if self.publish_refusals:
            # Disabled, a field takes its initial value (off) whatever is posted.
            form.fields["publish_translations"].disabled = True
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.publish_refusals:
            # wagtail-localize's template writes the checkbox by hand: not offered at all.
            del context["form"].fields["publish_translations"]
        return {**context, "publish_refusals": self.publish_refusals}


class CheckedSubmitPageTranslationView(SubmitPageTranslationView):
    """"Translate" only into the languages where the user may add the translation (under
    the translation of the page's parent)."""

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST":
            page = get_object_or_404(Page, id=kwargs["page_id"])
            locale_ids = [value for value in request.POST.getlist("locales") if value.isdigit()]
            for locale in Locale.objects.filter(pk__in=locale_ids):
                parent = page.get_parent().get_translation_or_none(locale)
                if parent is not None and not parent.permissions_for_user(
                    request.user
                ).can_add_subpage():
                    messages.error(
                        request,
                        _("You may not add pages in %(language)s: nothing was translated.")
                        % {"language": locale.get_display_name()},
                    )
                    return redirect(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)


def checked_convert_to_alias(request, page_id):
    # An alias mirrors its source's live state: converting publishes the page.
    page = get_object_or_404(Page, id=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return convert_to_alias(request, page_id)


def admin_urls():
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            CheckedUpdateTranslationsView.as_view(),
            name="checked_update_translations",
        ),
        path(
            "localize/submit/page/<int:page_id>/",
            CheckedSubmitPageTranslationView.as_view(),
            name="checked_submit_page_translation",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            checked_convert_to_alias,
            name="checked_convert_to_alias",
        ),
    ]
