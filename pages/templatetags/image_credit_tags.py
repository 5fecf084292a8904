"""The credit and licence under an image (pages/image_credits.py)."""

from django import template

from pages.image_credits import rights_of

register = template.Library()


@register.inclusion_tag("includes/image_credit.html")
def image_credit(image):
    """ "Photo: <credit> · <licence>" for `image`, or nothing when it has neither."""
    return {"rights": rights_of(image)}


@register.simple_tag
def image_rights(image):
    """`image`'s credit and licence (ImageRights) or None, for templates that place the
    credit themselves: `{% image_rights image as rights %}`."""
    return rights_of(image)
