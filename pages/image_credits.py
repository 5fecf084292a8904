"""Who made an image and under which licence: the credit shown under it on pages, in the
feeds' media data, in JSON-LD and in press kits.

Kept beside Wagtail's own image model (`ImageRights`, one row per image that has a credit
or licence) rather than in a custom image model: switching WAGTAILIMAGES_IMAGE_MODEL on a
site with images means migrating every image and every reference to it, and the rights
are two text fields that most images never need (docs/content-model.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The licences offered in the image form, besides free text, with the page each links to
# (schema.org `license`).
KNOWN_LICENCES = {
    "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC BY-SA 4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC BY-ND 4.0": "https://creativecommons.org/licenses/by-nd/4.0/",
    "CC BY-NC 4.0": "https://creativecommons.org/licenses/by-nc/4.0/",
    "CC0 1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
}


class ImageRights(models.Model):
    """The credit (author, photographer) and licence of one image in Wagtail's library."""

    image = models.OneToOneField(
        "wagtailimages.Image",
        verbose_name=_("image"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="rights",
    )
    credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_('Who made the image: the photographer or author, e.g. "Ion Popescu".'),
    )
    licence = models.CharField(
        _("licence"),
        max_length=255,
        blank=True,
        help_text=_(
            'Under which terms it may be reused, e.g. "© Primăria Municipiului Botoșani" or '
            '"CC BY 4.0".'
        ),
    )

    class Meta:
        verbose_name = _("image credit and licence")
        verbose_name_plural = _("image credits and licences")

    def __str__(self):
        return " · ".join(filter(None, [self.credit, self.licence]))

    @property
    def licence_url(self):
        return KNOWN_LICENCES.get(self.licence.strip(), "")


def rights_of(image):
    """`image`'s ImageRights, or None: no query when the rights were fetched with the image
    (`select_related("…image__rights")`) or are known to be missing."""
    if image is None:
        return None
    try:
        rights = image.rights
    except ImageRights.DoesNotExist:
        return None
    return rights if (rights.credit or rights.licence) else None


def save_rights(image, credit, licence):
    """Store `image`'s credit and licence; both empty removes the row."""
    credit, licence = (credit or "").strip(), (licence or "").strip()
    if not credit and not licence:
        ImageRights.objects.filter(image=image).delete()
    else:
        ImageRights.objects.update_or_create(
            image=image, defaults={"credit": credit, "licence": licence}
        )
    # The cached reverse relation would answer with the old rights.
    image._state.fields_cache.pop("rights", None)


def image_object(image, url):
    """schema.org ImageObject of `image` at `url`, with its credit and licence."""
    data = {"@type": "ImageObject", "url": url, "contentUrl": url}
    rights = rights_of(image)
    if rights is not None:
        if rights.credit:
            data["creditText"] = rights.credit
            data["creator"] = {"@type": "Person", "name": rights.credit}
        if rights.licence:
            data["copyrightNotice"] = rights.licence
        if rights.licence_url:
            data["license"] = rights.licence_url
    return data

