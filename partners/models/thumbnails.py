"""The small images the partnership pages show in lists and galleries, fetched with their
renditions in a fixed number of queries."""

from django.db.models import Prefetch
from wagtail.images import get_image_model

THUMBNAIL = "fill-160x120"


def with_thumbnails(queryset, field="image", spec=THUMBNAIL):
    """Pages with their image and its thumbnail rendition fetched in two queries in all."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=spec)
    return queryset.select_related(field).prefetch_related(
        Prefetch(f"{field}__renditions", queryset=renditions, to_attr="prefetched_renditions")
    )
