from django.db import models
from django.utils.translation import gettext_lazy as _


class Feedback(models.Model):
    """A reader's report of an accessibility problem, sent from the public form the
    accessibility statement links to (Web Accessibility Directive, art. 7)."""

    name = models.CharField(_("name"), max_length=200, blank=True)
    message = models.TextField(_("message"), max_length=5000)
    page_address = models.CharField(_("page address"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=8)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")

    def __str__(self):
        return self.message[:60]
