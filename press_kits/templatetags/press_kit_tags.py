"""The "Download press kit" link on a release (the newsroom does not know this app)."""

from django import template
from django.urls import reverse

from ..kits import kit_filename

register = template.Library()


@register.inclusion_tag("press_kits/press_kit_link.html")
def press_kit_link(release):
    """The link to `release`'s kit, shown only where the kit can be downloaded: a live
    release outside private sections (previews of drafts have none)."""
    if not release.pk or not release.live:
        return {"url": None}
    restrictions = release.get_view_restrictions()
    # An empty query (no private section on the site) is not worth compiling to ask.
    if not restrictions.query.is_empty() and restrictions.exists():
        return {"url": None}
    url = reverse("press_kit", kwargs={"page_id": release.pk, "filename": kit_filename(release)})
    return {"url": url}
