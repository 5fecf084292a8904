"""What the Plone import remembers about each page, image and document it created."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class PloneOrigin(models.Model):
    """The Plone item a page, image or document was imported from, so that running the
    same export again changes nothing and a changed item becomes a new revision."""

    uid = models.CharField(
        _("Plone UID"),
        max_length=64,
        unique=True,
        help_text=_("The item's UID; a News Item's lead image is '<UID>:image'."),
    )
    portal_type = models.CharField(_("Plone type"), max_length=100)
    old_path = models.CharField(
        _("old path"), max_length=1000, help_text=_("Below the Plone site root, e.g. /ro/stiri/x.")
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    checksum = models.CharField(
        _("checksum"), max_length=64, help_text=_("SHA-256 of the item as exported.")
    )
    plone_modified = models.DateTimeField(_("modified in Plone"), null=True, blank=True)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("revision the import saved"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A page whose latest revision is another one was edited in Wagtail."),
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("Plone origin")
        verbose_name_plural = _("Plone origins")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.portal_type} {self.uid} ({self.old_path})"
