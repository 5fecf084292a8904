import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class Embargo(models.Model):
    """A release (or any page) under embargo: scheduled to go live at `until`, and
    shown before that only through its preview links. Its translations get one each."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="embargo"
    )
    until = models.DateTimeField(_("embargoed until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("embargo")
        verbose_name_plural = _("embargoes")

    def __str__(self):
        return f"{self.page} until {self.until:%Y-%m-%d %H:%M}"

    def is_active(self, now=None):
        return (now or timezone.now()) < self.until


class PreviewLinkQuerySet(models.QuerySet):
    def usable(self, now=None):
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())


class PreviewLink(models.Model):
    """A private address for one recipient (a journalist, an outlet). Only a hash of its
    token is stored: the address is shown once, to the editor who creates it."""

    embargo = models.ForeignKey(Embargo, on_delete=models.CASCADE, related_name="links")
    recipient = models.CharField(
        _("recipient"), max_length=200, help_text=_("Who the link is for, e.g. the newsroom")
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("valid until"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("embargo preview link")
        verbose_name_plural = _("embargo preview links")
        ordering = ["-created_at"]

    def __str__(self):
        return self.recipient

    @classmethod
    def create_with_token(cls, **fields):
        """The new link and its token (the only time the token is known)."""
        token = secrets.token_urlsafe(32)
        return cls.objects.create(token_hash=hash_token(token), **fields), token

    @classmethod
    def find(cls, token, now=None):
        """The usable link for `token`, or None (unknown, expired and revoked alike)."""
        return (
            cls.objects.usable(now)
            .select_related("embargo__page")
            .filter(token_hash=hash_token(token))
            .first()
        )

    def is_usable(self, now=None):
        return self.revoked_at is None and self.expires_at > (now or timezone.now())
