"""The sections of a language home (its children: news, projects, partners, about…), read
in one query with each one's own fields and remembered per content generation
(pages/remembered.py): routing finds a section among them (languages/routing.py) and the
main menu lists those marked for it, neither with a query of its own.

A home has a handful of children, so all of them are read at once; Wagtail's `.specific`
would ask for each one's own row in a second query."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, get_page_models

from .remembered import remember


def home_children(home_path):
    """The children of the page at `home_path`, specific, in tree order (drafts included:
    routing answers 404 for them as Wagtail does)."""
    return remember(("home-children", home_path), lambda: _find_children(home_path))


def _direct_page_types():
    """{content type id: (reverse accessor, model)} of the page types whose table extends
    Page's directly: one join each reads a page's own fields."""
    direct = [
        model
        for model in get_page_models()
        if Page in model._meta.parents and len(model._meta.parents) == 1
    ]
    # In one query for the types not yet in Django's content type cache (a new process).
    content_types = ContentType.objects.get_for_models(*direct)
    return {
        content_types[model].pk: (model._meta.parents[Page].related_query_name(), model)
        for model in direct
    }


def _find_children(home_path):
    types = _direct_page_types()
    children = (
        Page.objects.filter(path__startswith=home_path, depth=len(home_path) // Page.steplen + 1)
        .select_related(*(accessor for accessor, _model in types.values()))
        .order_by("path")
    )
    return [_specific(child, types) for child in children]


def _specific(page, types):
    if page.content_type_id in types:
        accessor, model = types[page.content_type_id]
        specific = getattr(page, accessor, None)
        if type(specific) is model:
            return specific
    # A type deeper in the hierarchy: its own row in a query of its own.
    return page.specific
