"""Idempotent building blocks for the demo content: find or create pages and translations."""

import re

from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    String,
    StringTranslation,
    Translation,
    TranslationContext,
    TranslationSource,
)

from pages.upstream import StringSegmentValue, extract_segments


def locales():
    """The site's two locales, Romanian (default) and English, created when missing."""
    romanian, _ = Locale.objects.get_or_create(language_code="ro")
    english, _ = Locale.objects.get_or_create(language_code="en")
    return romanian, english


def ensure_page(parent, page_class, slug, **fields):
    """The live child of `parent` with this slug, created and published when missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = page_class(slug=slug, locale_id=parent.locale_id, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_translation(page, locale, **fields):
    """The translation of `page` into `locale`, created (as a copy, then given its own
    text) and published when missing. Shares the page's translation key, so the
    language switcher, hreflang and the sitemap pair them."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific if isinstance(existing, Page) else existing
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    if isinstance(translation, Page):
        translation.save_revision().publish()
        # Giving the fresh copy its own slug makes Wagtail add a redirect from the copied
        # slug; that URL was never public, so the redirect is noise.
        Redirect.objects.filter(redirect_page=translation).delete()
    else:
        translation.save()
    register_with_wagtail_localize(page, translation)
    return translation


UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def register_with_wagtail_localize(source, translation):
    """Record `translation` in wagtail-localize as the translation of `source`, each text
    segment paired with its translated text, so that translators see the demo pages as
    translated in wagtail-localize's editor and can "Sync translated pages" after an
    editor changes the source.

    The demo writes both languages in parallel (same fields, same blocks in the same
    order), so segments pair up by position; where they do not, nothing is recorded and
    the translation stays a plain copy, which Wagtail pairs all the same.
    """
    source_segments = [s for s in extract_segments(source) if isinstance(s, StringSegmentValue)]
    target_segments = [
        s for s in extract_segments(translation) if isinstance(s, StringSegmentValue)
    ]
    shapes = [UUID.sub("*", s.path) for s in source_segments]
    if shapes != [UUID.sub("*", s.path) for s in target_segments]:
        return None
    translation_source, _ = TranslationSource.get_or_create_from_instance(source)
    record, _ = Translation.objects.get_or_create(
        source=translation_source,
        target_locale=translation.locale,
        defaults={"destination_last_updated_at": timezone.now()},
    )
    for source_segment, target_segment in zip(source_segments, target_segments, strict=True):
        string = String.from_value(source.locale, source_segment.string)
        context = TranslationContext.objects.get(
            object_id=translation_source.object_id, path=source_segment.path
        )
        StringTranslation.objects.update_or_create(
            translation_of=string,
            locale=translation.locale,
            context=context,
            defaults={
                "data": target_segment.string.data,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
    return record
