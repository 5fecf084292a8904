"""What a change of one page makes stale, for the page cache and the CDN purge alike: the
page and its translations, every listing (they count under the site's generation), and the
pages whose HTML shows it (a page type names them in `pages_that_show_it()`: a release,
the releases listed next to it and the pages it is about). A page that shows on every
page instead (in the menus, in every descendant's breadcrumbs, in the footer) makes
everything stale."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from wagtail.models import Page, ReferenceIndex

from . import conf


def shows_on_every_page(page):
    """Whether a change of `page` may show on any page: a home or the root (the header, the
    language switcher), a page in the menus, a page with children, whose title is in
    their breadcrumbs and whose address is part of theirs, or a page that a snippet or a
    setting links to (the organisation's accessibility statement, in every footer), as
    Wagtail's reference index knows."""
    if page.depth <= 2 or page.show_in_menus or page.numchild > 0:
        return True
    references = ReferenceIndex.get_references_to(page)
    return references.exclude(base_content_type=ContentType.objects.get_for_model(Page)).exists()


def pages_that_show(page):
    """The pages besides its ancestors and translations that show `page`."""
    try:
        specific = page.specific
    except ObjectDoesNotExist:
        # The base row of a deleted page: the signal sent for its specific row finds them.
        return []
    method = getattr(specific, "pages_that_show_it", None)
    return list(method()) if method is not None else []


def is_detail_page(page):
    """Whether `page`'s entries count under the generations of the pages they show rather
    than under the site's generation (PAGE_CACHE_DETAIL_PAGE_TYPES)."""
    return page._meta.label in conf.get("PAGE_CACHE_DETAIL_PAGE_TYPES")


def pages_shown(page, context):
    """The pages whose content the response of `page`, a detail page, shows: every page its
    template context holds, alone or in a list (a release: itself, its neighbours, the
    pages it is about), but its ancestors (its news index): they have children, so a
    change of theirs makes everything stale (shows_on_every_page), as does one of the
    pages in the menus."""
    shown = []
    for value in context.values():
        for item in value if isinstance(value, list | tuple) else [value]:
            if isinstance(item, Page) and (item.pk == page.pk or not is_ancestor(item, page)):
                shown.append(item)
    return shown


def is_ancestor(ancestor, page):
    return page.path.startswith(ancestor.path) and ancestor.depth < page.depth
