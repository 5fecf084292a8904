"""Renditions made in Python and by the `{% rendition %}` tag rather than by `{% image %}`.
That tag survives an original missing from the media folder (a database restored without
its media, say) by printing a broken link; `get_rendition()` raises, which would turn a
whole listing into a 500. Here the image is left out instead, and the fault logged.

Also the one rule every image use follows: alternative text, or an explicit "decorative"."""

import logging

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import SourceImageIOError

logger = logging.getLogger("pages.images")


def rendition_or_none(image, spec):
    """`image`'s rendition for `spec` (a Filter or its spec string), or None when the
    original file cannot be read.

    Asked through `get_renditions()`: for a rendition kept on the image (load_renditions, a
    listing's prefetch) it neither queries nor touches the rendition cache, where
    `get_rendition()` writes the rendition back to the cache at every use (a Redis round
    trip in production)."""
    try:
        (rendition,) = image.get_renditions(spec).values()
        return rendition
    except SourceImageIOError as error:
        logger.warning("Original image file unreadable, left out: image %s: %s", image.pk, error)
        return None


def load_renditions(image, *specs):
    """Fetch `image`'s renditions for `specs` together (one query the first time, then
    Wagtail's rendition cache) and keep them on the image, so that each later use of one
    of them on this object (the `{% image %}` tag, structured data, social meta) needs
    neither a query nor a cache round trip."""
    try:
        renditions = image.get_renditions(*specs)
    except SourceImageIOError as error:
        logger.warning("Original image file unreadable, left out: image %s: %s", image.pk, error)
        return
    image.prefetched_renditions = list(renditions.values())


DECORATIVE_HELP_TEXT = _(
    'Tick when the image adds nothing to the text: screen readers then skip it (alt="").'
)


def decide_alt_text(image, alt_text, decorative):
    """The alternative text to store for `image`, given the editor's choice.

    Every image use needs a decision: a description, or "decorative" (rendered `alt=""`).
    An empty description is filled from the image library's own description
    (`Image.description`), so the text an editor wrote once is reused and then translated
    with the page. Raises ValidationError when there is neither."""
    if decorative:
        return ""
    alt_text = (alt_text or "").strip()
    if alt_text:
        return alt_text
    default = (getattr(image, "description", "") or "").strip()
    if default:
        return default[:250]
    raise ValidationError(
        _(
            "Describe the image for people who cannot see it, or mark it as decorative "
            "if it adds nothing to the text."
        ),
        code="alt_text_missing",
    )
