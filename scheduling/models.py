from django.db import models
from django.utils.translation import gettext_lazy as _


class PublisherLease(models.Model):
    """Who publishes scheduled work right now. One row per lease name; a host holds it
    while `expires_at` is ahead and renews it every run, so with several hosts running the
    scheduler exactly one publishes, and another takes over when that one stops. A plain
    row updated with a conditional UPDATE works the same on SQLite and PostgreSQL."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    holder = models.CharField(_("holder"), max_length=200, blank=True)
    expires_at = models.DateTimeField(_("expires at"))

    class Meta:
        verbose_name = _("publisher lease")
        verbose_name_plural = _("publisher leases")

    def __str__(self):
        return f"{self.name}: {self.holder}"
