"""Renditions made in Python and by the `{% rendition %}` tag rather than by `{% image %}`.
That tag survives an original missing from the media folder (a database restored without
its media, say) by printing a broken link; `get_rendition()` raises, which would turn a
whole listing into a 500. Here the image is left out instead, and the fault logged.

Also the one rule every image use follows: alternative text, or an explicit "decorative"."""

import functools
import logging

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import Filter, SourceImageIOError

from .remembered import remember

logger = logging.getLogger("pages.images")


@functools.lru_cache(maxsize=64)
def image_filter(spec):
    """The Filter for `spec`, made once per process: a new Filter parses its spec again at
    its first use, and the specs are the few the templates and models name."""
    return Filter(spec=spec)


def rendition_or_none(image, spec):
    """`image`'s rendition for `spec` (a Filter or its spec string), or None when the
    original file cannot be read.

    Asked through `get_renditions()`: for a rendition kept on the image (load_renditions, a
    listing's prefetch) it neither queries nor touches the rendition cache, where
    `get_rendition()` writes the rendition back to the cache at every use (a Redis round
    trip in production)."""
    if isinstance(spec, str):
        spec = image_filter(spec)
    try:
        (rendition,) = image.get_renditions(spec).values()
        return rendition
    except SourceImageIOError as error:
        logger.warning("Original image file unreadable, left out: image %s: %s", image.pk, error)
        return None


def load_renditions(image, *specs):
    """Fetch `image`'s renditions for `specs` together and keep them on the image, so that
    each later use of one of them on this object (the `{% rendition %}` tag, structured
    data, social meta) needs neither a query nor a cache round trip.

    Read from Wagtail's rendition cache first, in one round trip, and nothing written back
    when all are there: `get_renditions()` writes every rendition it read from the cache
    back to it (one pickle each, and a Redis round trip in production, on every request).
    Otherwise `get_renditions()` reads the others from the database, or makes them, and
    caches them."""
    rendition_model = image.get_rendition_model()
    filters = [image.clean_filter_for_svg(image_filter(spec)) for spec in specs]
    keys = [
        rendition_model.construct_cache_key(image, spec.get_cache_key(image), spec.spec)
        for spec in filters
    ]
    cached = rendition_model.cache_backend.get_many(keys)
    if len(cached) == len(set(keys)):
        renditions = list(cached.values())
        for rendition in renditions:
            # As Wagtail does for what it reads from the cache: the image's own attributes
            # (contextual alt text) apply.
            rendition.image = image
    else:
        try:
            renditions = list(image.get_renditions(*filters).values())
        except SourceImageIOError as error:
            logger.warning(
                "Original image file unreadable, left out: image %s: %s", image.pk, error
            )
            return
    image.prefetched_renditions = renditions


def remembered_image(image_model, pk, *specs):
    """The image `pk` with its credit and licence and its renditions for `specs` kept on it,
    or None where it is gone; read once per content generation and process (saving an
    image, its credit or a page starts a new one: page_cache/signal_handlers.py). For an
    image a page shows at each request (a release's hero): neither the page's own query
    nor the rendition cache is asked for it again."""

    def find():
        image = image_model.objects.select_related("rights").filter(pk=pk).first()
        if image is not None:
            load_renditions(image, *specs)
        return image

    return remember(("image", image_model._meta.label_lower, pk, specs), find)


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
