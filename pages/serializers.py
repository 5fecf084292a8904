"""How the read-only open-data API (Wagtail API v2, /api/v2/) writes what pages point to:
other pages, images, documents and rich text. Fields for the `api_fields` of any app."""

from rest_framework import serializers
from wagtail.models import Page
from wagtail.rich_text import expand_db_html


def page_reference(page):
    """A page another page points to, as {id, title, type}: enough to fetch it."""
    model = page.specific_class or Page
    return {"id": page.pk, "title": page.title, "type": model._meta.label}


def public_page_ids(pages):
    """The keys of those of `pages` that are live and public, in two queries."""
    keys = [page.pk for page in pages if page is not None and page.live]
    if not keys:
        return set()
    return set(Page.objects.live().public().filter(pk__in=keys).values_list("pk", flat=True))


class PageReferenceField(serializers.Field):
    """A page as {id, title, type}, or null when it is a draft or private: the API shows
    nothing that is not live and public, not even a title."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, page):
        return page_reference(page) if page.pk in public_page_ids([page]) else None


class PageReferencesField(PageReferenceField):
    """A list of pages as {id, title, type}, the drafts and private ones left out."""

    def to_representation(self, pages):
        pages = list(pages.all() if hasattr(pages, "all") else pages)
        public = public_page_ids(pages)
        return [page_reference(page) for page in pages if page.pk in public]


class DocumentField(serializers.Field):
    """A document as {id, title, download_url}, the address absolute; null when it is in a
    private collection, as the documents endpoint leaves it out."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, document):
        # Imported at call time: wagtail.api.v2.utils needs the app registry ready, and the
        # models of pages and newsroom import this module while the registry loads.
        from wagtail.api.v2.utils import get_restricted_collection_ids

        request = self.context.get("request")
        if request is not None and document.collection_id in get_restricted_collection_ids(request):
            return None
        url = document.url
        return {
            "id": document.pk,
            "title": document.title,
            "download_url": request.build_absolute_uri(url) if request else url,
        }


class RichTextHTMLField(serializers.CharField):
    """Rich text as the HTML readers get, internal links resolved to addresses."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return expand_db_html(value) if value else ""
