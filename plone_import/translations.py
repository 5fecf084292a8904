"""Translation pairs: the pages of a Plone translation group share a translation key, and
wagtail-localize records the pairs."""

import uuid

from django.conf import settings
from django.db import transaction
from wagtail.models import Page

from .exports import (
    BATCH,
)


class TranslationPairing:
    """Pairs translations for the Importer."""

    def translation_groups(self):
        """UID -> the translation key its page shares with its translations."""
        keys = {}
        for group in self.companions.translations:
            members = [uid for uid in group.values()]
            canonical = group.get("canonical") or group.get(settings.LANGUAGE_CODE) or members[0]
            key = uuid.uuid5(uuid.NAMESPACE_URL, f"plone-translation:{canonical}")
            for uid in members:
                keys[uid] = key
        return keys

    def pair_translations(self):
        """Pages of a translation group share a key (switcher, hreflang, sitemap pair them),
        and wagtail-localize records the non-default-language pages as translations of the
        default-language one, disabled, so editors keep editing the imported text and
        translators can start a synced translation later."""
        from wagtail_localize.models import Translation, TranslationSource

        groups = self.companions.translations
        for first in range(0, len(groups), BATCH):
            with transaction.atomic():
                for group in groups[first : first + BATCH]:
                    self.pair(group, Translation, TranslationSource)
            self.progress(f"translations: {min(first + BATCH, len(groups))}/{len(groups)}")

    def pair(self, group, Translation, TranslationSource):
        pages = []
        for uid in dict.fromkeys(group.values()):
            target = self.targets.get(uid)
            if target is not None and target.kind == "page":
                pages.append((uid, target.id))
        if len(pages) < 2:
            return
        key = self.translation_keys[pages[0][0]]
        rows = list(
            Page.objects.filter(pk__in=[pk for _, pk in pages]).values_list(
                "pk", "translation_key", "locale_id"
            )
        )
        locales = [locale_id for _, _, locale_id in rows]
        if len(set(locales)) != len(locales):
            summary = self.summaries.get(pages[0][0])
            self.report.warn(
                pages[0][0],
                self.old_path(summary.path) if summary else "",
                summary.portal_type if summary else "",
                "translation group has two items in one language; not paired",
            )
            return
        for pk, translation_key, _ in rows:
            if translation_key != key:
                Page.objects.filter(pk=pk).update(translation_key=key)
        default_locale = self.locales.get(settings.LANGUAGE_CODE)
        source_row = next(
            (row for row in rows if default_locale and row[2] == default_locale.pk), None
        )
        if source_row is None or not self.translation_sources:
            return
        try:
            with transaction.atomic():
                source_page = Page.objects.get(pk=source_row[0]).specific
                source, _ = TranslationSource.get_or_create_from_instance(source_page)
                for pk, _, locale_id in rows:
                    if pk != source_row[0]:
                        Translation.objects.get_or_create(
                            source=source,
                            target_locale_id=locale_id,
                            defaults={"enabled": False},
                        )
        except Exception as error:  # noqa: BLE001 - pairing stands without wagtail-localize
            self.report.warn(
                pages[0][0], "", "", f"wagtail-localize translation source not set up: {error}"
            )
