"""Translation pairs: the pages of a Plone translation group share a translation key, and
wagtail-localize records the pairs."""

import uuid
from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from .exports import (
    BATCH,
)
from .indexing import child_relations
from .localize import create_translation_sources


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
        groups = self.companions.translations
        for first in range(0, len(groups), BATCH):
            with transaction.atomic():
                batch = groups[first : first + BATCH]
                pairs = self.pair_batch(batch)
                if self.translation_sources:
                    self.record_translations(pairs)
            self.progress(f"translations: {min(first + BATCH, len(groups))}/{len(groups)}")

    def pair_batch(self, groups):
        """Gives the pages of each group their shared key; answers (source page id, target
        locale ids, the group's first UID) for the groups with a default-language page."""
        members = []
        for group in groups:
            pages = []
            for uid in dict.fromkeys(group.values()):
                target = self.targets.get(uid)
                if target is not None and target.kind == "page":
                    pages.append((uid, target.id))
            if len(pages) >= 2:
                members.append(pages)
        rows = dict(
            (pk, (translation_key, locale_id))
            for pk, translation_key, locale_id in Page.objects.filter(
                pk__in=[pk for pages in members for _, pk in pages]
            ).values_list("pk", "translation_key", "locale_id")
        )
        default_locale = self.locales.get(settings.LANGUAGE_CODE)
        pairs = []
        for pages in members:
            found = [(pk, *rows[pk]) for _, pk in pages if pk in rows]
            locales = [locale_id for _, _, locale_id in found]
            if len(set(locales)) != len(locales):
                self.warn_group(
                    pages[0][0], "translation group has two items in one language; not paired"
                )
                continue
            key = self.translation_keys[pages[0][0]]
            for pk, translation_key, _ in found:
                if translation_key != key:
                    Page.objects.filter(pk=pk).update(translation_key=key)
            source = next(
                (row for row in found if default_locale and row[2] == default_locale.pk), None
            )
            if source is not None:
                targets = [locale_id for pk, _, locale_id in found if pk != source[0]]
                pairs.append((source[0], targets, pages[0][0]))
        return pairs

    def record_translations(self, pairs):
        """wagtail-localize's records for a batch of pairs, written in bulk; should that fail,
        pair by pair with wagtail-localize's own code, so one odd page is named alone."""
        pages = source_pages([pk for pk, _, _ in pairs])
        try:
            with transaction.atomic():
                create_translation_sources(
                    [(pages[pk], targets) for pk, targets, _ in pairs if pk in pages]
                )
            return
        except Exception:  # noqa: BLE001 - retried one by one below, each failure reported
            pass
        for pk, targets, uid in pairs:
            try:
                with transaction.atomic():
                    source, _ = TranslationSource.get_or_create_from_instance(
                        Page.objects.get(pk=pk)
                    )
                    for locale_id in targets:
                        Translation.objects.get_or_create(
                            source=source, target_locale_id=locale_id, defaults={"enabled": False}
                        )
            except Exception as error:  # noqa: BLE001 - pairing stands without wagtail-localize
                self.warn_group(uid, f"wagtail-localize translation source not set up: {error}")

    def warn_group(self, uid, reason):
        summary = self.summaries.get(uid)
        self.report.warn(
            uid,
            self.old_path(summary.path) if summary else "",
            summary.portal_type if summary else "",
            reason,
        )


def source_pages(keys):
    """{pk: specific page} with what wagtail-localize reads of each prefetched: a few queries
    per page type instead of a few per page."""
    types = defaultdict(list)
    for pk, content_type_id in Page.objects.filter(pk__in=keys).values_list(
        "pk", "content_type_id"
    ):
        types[content_type_id].append(pk)
    pages = {}
    for content_type_id, pks in types.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        related = child_relations(model)
        for page in (
            model.objects.filter(pk__in=pks).select_related("locale").prefetch_related(*related)
        ):
            pages[page.pk] = page
    return pages
