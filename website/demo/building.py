"""Idempotent building blocks for the demo content: find or create pages and translations."""

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page


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
    return translation
