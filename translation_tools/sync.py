""" "Sync translations", a bulk action on Wagtail's page listing: wagtail-localize's "Sync
translated pages" for many pages at once.

For each selected page that is a translation source (or a translation: then its source),
the source is read again from the source page, so the translation editor shows the
changed segments as untranslated. Each of its translations that is not live is saved
again from it: synchronised fields (dates, images, relations) are copied, translated text
is kept, and fields that are neither translated nor synchronised keep the translation's
own values (wagtail-localize writes only the fields it manages). A live translation is
not saved: wagtail-localize writes the page's own row, which for a live page is what
readers see, so that would publish the change past review. It takes the synced source
when it is next published (the translation editor's "Publish", or moderation).
"""

import contextlib

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from pages.upstream import PageBulkAction

from .status import PERMISSION


def translations_to_sync(page):
    """The wagtail-localize source to read again for `page` and the translations to save:
    all of them when `page` is a source, its own when `page` is a translation (a
    translator's page listing shows only the English tree). None when wagtail-localize
    does not translate the page."""
    source = TranslationSource.objects.filter(
        object_id=page.translation_key, locale_id=page.locale_id, translations__enabled=True
    ).first()
    if source is not None:
        return source, list(source.translations.filter(enabled=True))
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source")
        .first()
    )
    return (translation.source, [translation]) if translation else (None, [])


def pages_touched(page):
    """The pages a sync of `page` would save: its translations that exist (or `page`
    itself, when it is a translation)."""
    source, translations = translations_to_sync(page)
    if source is None:
        return []
    locales = [translation.target_locale_id for translation in translations]
    return list(Page.objects.filter(translation_key=page.translation_key, locale_id__in=locales))


def user_can_sync(page, user):
    """Whether the user may sync `page`: may submit translations and may edit every page
    the sync would save (the bulk action is given page ids, any of them)."""
    return user.has_perm(PERMISSION) and all(
        target.permissions_for_user(user).can_edit() for target in pages_touched(page)
    )


def sync_translations(page, user):
    """Sync the translations of `page` (or `page` itself, when it is a translation) from
    their source; False when there is nothing wagtail-localize could sync."""
    source, translations = translations_to_sync(page)
    if source is None:
        return False
    try:
        source.update_from_db()
    except ObjectDoesNotExist:  # the source page was deleted
        return False
    for translation in translations:
        target = page.get_translation_or_none(translation.target_locale_id)
        if target is not None and not target.live:
            # As wagtail-localize's own sync does: a translation that does not validate
            # yet keeps its previous draft; the translator sees the errors in the editor.
            with contextlib.suppress(ValidationError):
                translation.save_target(user=user, publish=False)
    return True


class SyncTranslationsBulkAction(PageBulkAction):
    display_name = _("Sync translations")
    action_type = "sync_translations"
    aria_label = _("Sync the translations of the selected pages")
    template_name = "translation_tools/confirm_bulk_sync_translations.html"
    action_priority = 70

    def check_perm(self, page):
        return user_can_sync(page, self.request.user)

    def get_execution_context(self):
        self.not_sources = []
        return {**super().get_execution_context(), "not_sources": self.not_sources}

    @classmethod
    def execute_action(cls, objects, user=None, not_sources=None, **kwargs):
        synced = 0
        for page in objects:
            if sync_translations(page.specific_deferred, user):
                synced += 1
            elif not_sources is not None:
                not_sources.append(page.get_admin_display_title())
        return synced, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        if self.not_sources:
            messages.warning(
                self.request,
                _("Not translated with wagtail-localize, nothing to sync: %(titles)s.")
                % {"titles": ", ".join(self.not_sources)},
            )
        if not num_parent_objects:
            return None
        return ngettext(
            "The translations of %(count)d page have been synced.",
            "The translations of %(count)d pages have been synced.",
            num_parent_objects,
        ) % {"count": num_parent_objects}
