from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateTimeInput

from . import conf


class EmbargoForm(forms.Form):
    until = forms.DateTimeField(
        label=_("Embargoed until"),
        widget=AdminDateTimeInput,
        help_text=_("The release goes live by itself at this time (your time zone)."),
    )

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until <= timezone.now():
            raise forms.ValidationError(_("The embargo must end in the future."))
        return until


class PreviewLinkForm(forms.Form):
    recipient = forms.CharField(
        label=_("Recipient"),
        max_length=200,
        help_text=_("Who the link is for, e.g. the newsroom and the journalist's name"),
    )
    expires_at = forms.DateTimeField(
        label=_("Valid until"),
        widget=AdminDateTimeInput,
        help_text=_("After this time the link shows nothing (your time zone)."),
    )

    def clean_expires_at(self):
        expires_at = self.cleaned_data["expires_at"]
        now = timezone.now()
        if expires_at <= now:
            raise forms.ValidationError(_("The link must stay valid for a while."))
        if expires_at > now + timedelta(days=conf.get("EMBARGO_LINK_MAX_DAYS")):
            raise forms.ValidationError(
                _("A link may stay valid for %(days)s days at most.")
                % {"days": conf.get("EMBARGO_LINK_MAX_DAYS")}
            )
        return expires_at
