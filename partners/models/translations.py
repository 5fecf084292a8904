"""Which page a reader lands on when a relation points to a page in another language."""


def in_locale(pages, locale_id):
    """{translation key: page in `locale_id`} for the given pages (of one page type), in at
    most one query. A relation copied into a translation still points to the source
    language's page (a partnership's partner, a meeting's host, a pilot's partner); readers
    must land on the page in their own language."""
    found = {
        page.translation_key: page
        for page in pages
        if page is not None and page.locale_id == locale_id
    }
    missing = {
        page.translation_key
        for page in pages
        if page is not None and page.translation_key not in found
    }
    if missing:
        # The relations name the page type; the translations are of the same type.
        model = type(next(page for page in pages if page is not None))
        translations = model.objects.live().filter(translation_key__in=missing, locale_id=locale_id)
        found.update((page.translation_key, page) for page in translations)
    return found
