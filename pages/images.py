"""Renditions made in Python rather than by the `{% image %}` tag. The tag survives an
original missing from the media folder (a database restored without its media, say) by
printing a broken link; `get_rendition()` raises, which would turn a whole listing into a
500. Here the image is left out instead, and the fault logged."""

import logging

from wagtail.images.models import SourceImageIOError

logger = logging.getLogger("pages.images")


def rendition_or_none(image, spec):
    """`image`'s rendition for `spec` (a Filter or its spec string), or None when the
    original file cannot be read."""
    try:
        return image.get_rendition(spec)
    except SourceImageIOError as error:
        logger.warning("Original image file unreadable, left out: image %s: %s", image.pk, error)
        return None
